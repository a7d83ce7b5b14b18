/**
 * A version's line in the timeline, in French and English: the day relative
 * to today and the time in the reader's zone, the kind in words or the
 * name, the authors with their change as the recipe credits them, and the
 * size of the change.
 */
import { describe, expect, it } from 'vitest'
import type { PadVersionListing } from '../../shared/protocol/api'
import { createLocalization, type Language } from '../i18n/i18n'
import { describeVersion, formatCharacterChange, formatWhen, type VersionLineContext } from './version-line'

// 14 March 2027, 15:00 in Paris (UTC+1).
const nowMs = Date.parse('2027-03-14T14:00:00Z')

function contextIn(language: Language): VersionLineContext {
  const localization = createLocalization(language)
  return { language, t: localization.t.bind(localization), nowMs, timeZone: 'Europe/Paris' }
}

function version(overrides: Partial<PadVersionListing> = {}): PadVersionListing {
  return {
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    createdAt: '2027-03-14T13:32:00Z',
    kind: 'auto',
    name: null,
    byteSize: 1200,
    present: ['Awa', 'Binta'],
    presentUnnamedCount: 1,
    authors: [
      { name: 'Awa', organisation: '', characters: 300, change: 12 },
      { name: 'Binta', organisation: 'La Fabrique', characters: 80, change: -3 },
      { name: 'Chloé', organisation: '', characters: 50, change: 0 },
    ],
    unnamedCharacters: 40,
    characterChange: 14,
    isPinned: false,
    restore: null,
    ...overrides,
  }
}

/** No-break spaces as plain ones, and the minus sign (U+2212 in some ICU versions) as a hyphen, to read the expectations. */
const plain = (text: string): string => text.replace(/[\u00A0\u202F]/g, ' ').replace(/\u2212/g, '-')

describe('formatWhen', () => {
  it('says today and yesterday in words, in the reader’s time zone, and the date otherwise', () => {
    const fr = contextIn('fr')
    const en = contextIn('en')
    expect(formatWhen(Date.parse('2027-03-14T13:32:00Z'), fr)).toBe('aujourd’hui à 14:32')
    expect(formatWhen(Date.parse('2027-03-14T13:32:00Z'), en)).toBe('today at 14:32')
    // 23:30 UTC on the 13th is already the 14th in Paris.
    expect(formatWhen(Date.parse('2027-03-13T23:30:00Z'), fr)).toBe('aujourd’hui à 00:30')
    expect(formatWhen(Date.parse('2027-03-13T08:05:00Z'), fr)).toBe('hier à 09:05')
    expect(formatWhen(Date.parse('2027-03-13T08:05:00Z'), en)).toBe('yesterday at 09:05')
    expect(formatWhen(Date.parse('2027-03-02T09:00:00Z'), fr)).toBe('le 2 mars à 10:00')
    expect(formatWhen(Date.parse('2027-03-02T09:00:00Z'), en)).toBe('on 2 March at 10:00')
    expect(formatWhen(Date.parse('2026-12-24T09:00:00Z'), en)).toBe('on 24 December 2026 at 10:00')
  })
})

describe('formatCharacterChange', () => {
  it('signs the change and agrees in number', () => {
    expect(plain(formatCharacterChange(1234, contextIn('fr')))).toBe('+1 234 caractères')
    expect(plain(formatCharacterChange(-1, contextIn('fr')))).toBe('-1 caractère')
    expect(formatCharacterChange(1, contextIn('en'))).toBe('+1 character')
    expect(formatCharacterChange(0, contextIn('en'))).toBe('No change to the text')
  })
})

describe('describeVersion', () => {
  it('gives an automatic checkpoint’s line: when, kind in words, authors who changed the text with their credit, the change', () => {
    const line = describeVersion(version(), false, contextIn('fr'))
    expect({ ...line, authors: plain(line.authors) }).toEqual({
      when: 'Aujourd’hui à 14:32',
      whenInSentence: 'aujourd’hui à 14:32',
      title: 'Point automatique',
      kind: null,
      // Chloé wrote nothing since the version before; the rest (14 − 12 + 3 = 5) is unnamed people’s.
      authors: 'Awa +12, Binta (La Fabrique) -3 et autres personnes +5',
      change: '+14 caractères',
      published: null,
      summary: 'Aujourd’hui à 14:32, Point automatique',
    })
    const english = describeVersion(version(), false, contextIn('en'))
    expect(english).toMatchObject({ when: 'Today at 14:32', title: 'Automatic checkpoint', change: '+14 characters' })
    expect(plain(english.authors)).toBe('Awa +12, Binta (La Fabrique) -3 and others +5')
  })

  it('names each kind of version in words, and puts a name first when there is one', () => {
    const fr = contextIn('fr')
    expect(describeVersion(version({ kind: 'before-lock' }), false, fr).title).toBe('Avant verrouillage')
    expect(describeVersion(version({ kind: 'before-restore' }), false, fr).title).toBe('Avant restauration')
    expect(describeVersion(version({ kind: 'before-export' }), false, contextIn('en')).title).toBe('Before an export')
    const named = describeVersion(version({ kind: 'named', name: 'fin de l’atelier' }), false, fr)
    expect(named).toMatchObject({ title: '«\u202Ffin de l’atelier\u202F»', kind: 'Version nommée' })
    expect(named.summary).toBe('Aujourd’hui à 14:32, «\u202Ffin de l’atelier\u202F»')
  })

  it('does not say a change for the oldest version, only that it is the first kept', () => {
    const line = describeVersion(version({ characterChange: 0 }), true, contextIn('fr'))
    expect(line.authors).toBe('')
    expect(line.change).toBe('Première version gardée')
  })

  it('says only the others when no named author changed the text', () => {
    const line = describeVersion(version({ authors: [], characterChange: -7 }), false, contextIn('en'))
    expect(plain(line.authors)).toBe('others -7')
    expect(plain(line.change)).toBe('-7 characters')
  })
})

describe('a version taken before a restore, and the published one', () => {
  const restored = version({ id: 'BBBBBBBBBBBBBBBBBBBBBB', createdAt: '2027-03-14T13:32:00Z' })
  const findVersion = (id: string) => (id === restored.id ? restored : undefined)

  it('says which version was restored, and by whom', () => {
    const checkpoint = version({ kind: 'before-restore', restore: { version: restored.id, by: 'Awa' } })
    expect(plain(describeVersion(checkpoint, false, { ...contextIn('fr'), findVersion }).title)).toBe(
      'Avant la restauration de la version prise aujourd’hui à 14:32, par Awa',
    )
    expect(describeVersion(checkpoint, false, { ...contextIn('en'), findVersion }).title).toBe('Before restoring the version taken today at 14:32, by Awa')
    const unnamed = version({ kind: 'before-restore', restore: { version: restored.id, by: null } })
    expect(describeVersion(unnamed, false, { ...contextIn('fr'), findVersion }).title).toBe('Avant la restauration de la version prise aujourd’hui à 14:32')
  })

  it('says a version was restored when that version is no longer kept', () => {
    const checkpoint = version({ kind: 'before-restore', restore: { version: 'CCCCCCCCCCCCCCCCCCCCCC', by: 'Awa' } })
    expect(describeVersion(checkpoint, false, { ...contextIn('fr'), findVersion }).title).toBe('Avant la restauration d’une version plus ancienne, par Awa')
  })

  it('marks the version published as the recipe, and says it', () => {
    const line = describeVersion(restored, false, { ...contextIn('fr'), publishedVersion: restored.id })
    expect(line.published).toBe('Recette publiée')
    expect(line.summary).toMatch(/, Recette publiée$/)
    expect(describeVersion(restored, false, { ...contextIn('fr'), publishedVersion: 'other' }).published).toBeNull()
  })
})
