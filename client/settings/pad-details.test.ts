/** The event line and the expiry sentence say what they should, in both languages. */
import { describe, expect, it } from 'vitest'
import { createLocalization } from '../i18n/i18n'
import { describeExpiry, formatEventDate, formatEventLine } from './pad-details'

describe('formatEventLine', () => {
  it('joins name, long date and place, leaving out what is empty', () => {
    expect(formatEventLine({ name: 'Café projets', date: '2026-11-21', place: 'Lyon' }, 'fr')).toBe(
      'Café projets · 21 novembre 2026 · Lyon',
    )
    expect(formatEventLine({ name: ' ', date: '2026-11-21', place: '' }, 'en')).toBe('21 November 2026')
    expect(formatEventLine({ name: '', date: '', place: '' }, 'fr')).toBe('')
  })

  it('keeps the calendar day whatever the time zone', () => {
    expect(formatEventDate('2026-01-01', 'fr')).toBe('1 janvier 2026')
    expect(formatEventDate('pas une date', 'fr')).toBe('pas une date')
  })

  it('writes English dates the British way, day before month', () => {
    expect(formatEventDate('2027-03-12', 'en')).toBe('12 March 2027')
    expect(formatEventDate('2027-03-12', 'fr')).toBe('12 mars 2027')
  })
})

describe('describeExpiry', () => {
  it('gives the day the pad will be deleted', () => {
    const fr = createLocalization('fr')
    const expiry = describeExpiry('2026-12-21T10:00:00.000Z', 'fr', 'Europe/Paris')
    expect(fr.t(expiry.key, expiry.params)).toBe('Ce pad sera supprimé le 21 décembre 2026 s’il n’est plus modifié.')
    const en = createLocalization('en')
    const english = describeExpiry('2026-12-21T10:00:00.000Z', 'en', 'Europe/Paris')
    expect(en.t(english.key, english.params)).toBe('This pad will be deleted on 21 December 2026 unless it is edited again.')
  })

  it('says the pad is kept until deleted when it has no expiry', () => {
    const fr = createLocalization('fr')
    expect(fr.t(describeExpiry(null, 'fr').key)).toBe('Ce pad est conservé jusqu’à ce que l’animateur·rice le supprime.')
    expect(describeExpiry('garbage', 'fr').key).toBe('details.expiry.never')
  })
})
