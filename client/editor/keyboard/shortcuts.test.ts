/**
 * The shortcuts table is the one source of the keys: the editor's keymap and
 * the cards' bind exactly its keys, every entry is said in both languages,
 * and a key press is read the way the table writes it.
 */
import { describe, expect, it } from 'vitest'
import { createLocalization, type Language } from '../../i18n/i18n'
import { headingLevels } from '../../../shared/pad/schema'
import { initiativeBindings } from '../initiative/initiative-plugin'
import { inputRulePatterns } from '../input-rules'
import { editorBindings } from './keymap'
import { bindShortcuts, describeKeys, listShortcuts, matchesPress, shortcuts, type KeyPress, type ShortcutBinder } from './shortcuts'

const press = (key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...modifiers,
})

/** Every key the table gives `binder`, quiet variants included. */
function tableKeys(binder: ShortcutBinder): string[] {
  return listShortcuts()
    .filter(([, shortcut]) => shortcut.boundBy === binder)
    .flatMap(([, shortcut]) => [...shortcut.keys, ...(shortcut.quietKeys ?? [])])
    .sort()
}

function t(language: Language) {
  const localization = createLocalization(language)
  return localization.t.bind(localization)
}

describe('the shortcuts table', () => {
  it('is what the editor’s keymap binds, key for key', () => {
    expect(Object.keys(editorBindings({ editLink: () => true })).sort()).toEqual(tableKeys('editor'))
  })

  it('is what the initiative cards bind, key for key', () => {
    expect(Object.keys(initiativeBindings()).sort()).toEqual(tableKeys('card'))
  })

  it('shows, for each rule typed at the start of a line, text that triggers it', () => {
    for (const [id, shortcut] of listShortcuts()) {
      if (shortcut.boundBy !== 'input-rule') continue
      const pattern = inputRulePatterns[id as keyof typeof inputRulePatterns]
      for (const key of shortcut.keys) expect(key.replace(/ Space$/, ' '), id).toMatch(pattern)
    }
  })

  it('has a key for each heading level the editor offers', () => {
    for (const level of headingLevels) expect(shortcuts).toHaveProperty(`heading${level}`)
  })

  it('gives one key one meaning in each place (Tab indents in a list, goes to the next field in a card)', () => {
    for (const binder of ['editor', 'card', 'leave', 'page', 'history'] as const) {
      const keys = tableKeys(binder)
      expect(new Set(keys).size, binder).toBe(keys.length)
    }
  })

  it('gives the big-deletion shortcut a key nothing else binds, which the editor does not take', () => {
    const others = listShortcuts()
      .filter(([id]) => id !== 'undoBigDeletion')
      .flatMap(([, shortcut]) => [...shortcut.keys, ...(shortcut.quietKeys ?? [])])
    for (const key of shortcuts.undoBigDeletion.keys) {
      expect(others).not.toContain(key)
      expect(Object.keys(editorBindings({ editLink: () => true }))).not.toContain(key)
    }
    expect(describeKeys(shortcuts.undoBigDeletion.keys, t('fr'), false)).toBe('Ctrl+Maj+Retour arrière')
    expect(matchesPress(press('Backspace', { ctrlKey: true, shiftKey: true }), 'Mod-Shift-Backspace', false)).toBe(true)
    expect(matchesPress(press('Backspace', { ctrlKey: true }), 'Mod-Shift-Backspace', false)).toBe(false)
  })

  it('refuses to bind a shortcut without its command', () => {
    expect(() => bindShortcuts('leave', { leaveForward: 1 } as never)).toThrow(/leaveBackward/)
  })

  it('says each key and each action in French and in English', () => {
    for (const language of ['fr', 'en'] as const) {
      for (const [id, shortcut] of listShortcuts()) {
        expect(t(language)(shortcut.action), `${language} ${id}`).not.toBe('')
        expect(describeKeys(shortcut.keys, t(language), false), `${language} ${id}`).not.toMatch(/undefined|\{/)
      }
    }
  })
})

describe('describeKeys', () => {
  it('writes keys as people read them, in the interface language', () => {
    expect(describeKeys(shortcuts.redo.keys, t('fr'), false)).toBe('Ctrl+Maj+Z ou Ctrl+Y')
    expect(describeKeys(shortcuts.leaveBackward.keys, t('fr'), false)).toBe('Échap puis Maj+Tab')
    expect(describeKeys(shortcuts.leaveForward.keys, t('en'), false)).toBe('Escape then Tab')
    expect(describeKeys(shortcuts.help.keys, t('en'), true)).toBe('⌘+/')
    expect(describeKeys(shortcuts.typedOrderedList.keys, t('fr'), false)).toBe('1. puis Espace')
    expect(describeKeys(shortcuts.typedBulletList.keys, t('en'), false)).toBe('- then Space or * then Space')
  })
})

describe('matchesPress', () => {
  it('reads Mod as Ctrl, or ⌘ on Apple devices', () => {
    expect(matchesPress(press('/', { ctrlKey: true }), 'Mod-/', false)).toBe(true)
    expect(matchesPress(press('/', { metaKey: true }), 'Mod-/', true)).toBe(true)
    expect(matchesPress(press('/', { metaKey: true }), 'Mod-/', false)).toBe(false)
    expect(matchesPress(press('/'), 'Mod-/', false)).toBe(false)
  })

  it('takes a character whatever Shift it needed, but not with Ctrl or Alt', () => {
    expect(matchesPress(press('?', { shiftKey: true }), '?', false)).toBe(true)
    expect(matchesPress(press('?'), '?', false)).toBe(true)
    expect(matchesPress(press('?', { ctrlKey: true }), '?', false)).toBe(false)
    expect(matchesPress(press('B', { ctrlKey: true, shiftKey: true }), 'Mod-b', false)).toBe(true)
  })

  it('needs exactly the modifiers written on a named key', () => {
    expect(matchesPress(press('Tab'), 'Tab', false)).toBe(true)
    expect(matchesPress(press('Tab', { shiftKey: true }), 'Tab', false)).toBe(false)
    expect(matchesPress(press('Tab', { shiftKey: true }), 'Shift-Tab', false)).toBe(true)
    expect(matchesPress(press('Escape', { ctrlKey: true }), 'Escape', false)).toBe(false)
  })
})
