/**
 * What each dictionary's text must be, beyond having every key
 * (i18n.test.ts): French set with French typography (the no-break spaces of
 * shared/testing/french-typography.ts, written in the dictionary itself so
 * that the source is what pages show), English with none of it, and English
 * really translated: a value the same in both languages is a name or a
 * symbol listed here, not a forgotten translation.
 */
import { describe, expect, it } from 'vitest'
import { englishTypographyFaults, frenchTypographyFaults } from '../../shared/testing/french-typography'
import type { MessageKey } from './i18n'
import { en } from './locales/en'
import { fr } from './locales/fr'

/** Keys whose English is, rightly, the French: why, for each. */
const sameInBothLanguages: Readonly<Partial<Record<MessageKey, string>>> = {
  'app.name': 'brand name',
  'pad.menu': 'the word is the same in both languages',
  'shortcut.key.tab': 'the key is labelled Tab in both languages',
  'shortcuts.action': 'the word is the same in both languages',
  'language.fr': 'each language is named in itself',
  'language.en': 'each language is named in itself',
  'pad.documentTitle': 'only a placeholder and the brand name',
  'toolbar.paragraph.glyph': 'symbol ¶',
  'toolbar.italic.glyph': 'the letter I is italic’s initial in both',
  'toolbar.bulletList.glyph': 'symbol •',
  'toolbar.orderedList.glyph': 'symbol 1.',
  'toolbar.sinkListItem.glyph': 'symbol ⇥',
  'toolbar.liftListItem.glyph': 'symbol ⇤',
  'toolbar.initiative.glyph': '« Initiative » is the same word in both',
  'toolbar.undo.glyph': 'symbol ↶',
  'toolbar.redo.glyph': 'symbol ↷',
  'toolbar.shortcut': 'only placeholders',
  'history.authorChange': 'only placeholders',
  'history.failure.other': 'only placeholders: the server’s own sentence',
  'shortcut.mod': 'key name Ctrl, the same on French keyboards',
  'shortcut.alt': 'key name Alt, the same on French keyboards',
  'export.md': 'format name Markdown',
  'export.csv': '« Initiatives (CSV) » is the same in both',
  'settings.eventDate': '« Date » is the same word in both',
  'settings.extraContributors.placeholder': 'example names',
  'statement.remedy.address': 'a French postal address, written as the post reads it',
}

const keys = Object.keys(fr) as MessageKey[]

describe('French messages', () => {
  it('put a no-break space before : (U+00A0) and a narrow one before ; ? ! and inside « » (U+202F)', () => {
    const faults = keys.flatMap((key) => frenchTypographyFaults(fr[key]).map((fault) => `${key}: ${fault}`))
    expect(faults).toEqual([])
  })
})

describe('English messages', () => {
  it('have no space before : ; ? !', () => {
    const faults = keys.flatMap((key) => englishTypographyFaults(en[key]).map((fault) => `${key}: ${fault}`))
    expect(faults).toEqual([])
  })

  it('say everything in English: a value the same as the French is a listed name or symbol', () => {
    const untranslated = keys.filter((key) => en[key].trim() === '' || (en[key] === fr[key] && sameInBothLanguages[key] === undefined))
    expect(untranslated).toEqual([])
  })

  it('list as the same in both languages only values that are', () => {
    const listed = Object.keys(sameInBothLanguages) as MessageKey[]
    expect(listed.filter((key) => en[key] !== fr[key])).toEqual([])
  })
})
