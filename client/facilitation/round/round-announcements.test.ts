/** Screen readers hear when the floor changes hands and when a turn's time is up, once; never the clock. */
import { describe, expect, it } from 'vitest'
import { createLocalization } from '../../i18n/i18n'
import { announceRoundChange } from './round-announcements'
import type { RoundDisplay } from './round-display'
import type { NamedSpeaker } from './speaker-names'

const named = (name: string): NamedSpeaker => ({ key: `guest:${name}`, speaker: { name }, name, creditName: name })
const clock = (text: string, isOverTime = false) => ({ text, isOverTime, isPaused: false, remainingSeconds: 0 })

function display(overrides: Partial<RoundDisplay> = {}): RoundDisplay {
  return {
    roundId: 'r1',
    speaker: named('Awa'),
    clock: clock('02:00'),
    next: named('Binta'),
    queue: [named('Binta')],
    turnMs: 120_000,
    turnsDone: 0,
    hand: 'lowered',
    handPosition: null,
    ...overrides,
  }
}

const localization = createLocalization('fr')
const say = (before: RoundDisplay | null, after: RoundDisplay | null) => announceRoundChange(before, after, localization)

describe('announceRoundChange', () => {
  it('says the round starting, who speaks and who is next', () => {
    expect(say(null, display())).toBe('Le tour de table commence. Parole à Awa. Ensuite\u00A0: Binta.')
  })

  it('says each new speaker, and nothing while only the clock moves or the queue changes', () => {
    const first = display()
    expect(say(first, display({ clock: clock('01:59') }))).toBeNull()
    expect(say(first, display({ queue: [named('Binta'), named('Chloé')] }))).toBeNull()
    expect(say(first, display({ speaker: named('Binta'), next: null, queue: [], turnsDone: 1 }))).toBe('Parole à Binta.')
    expect(say(first, display({ speaker: null, clock: null, next: null, queue: [], turnsDone: 1 }))).toBe('Personne n’a la parole pour l’instant.')
  })

  it('says once that the time is up, and the end of the round', () => {
    const over = display({ clock: clock('00:00', true) })
    expect(say(display(), over)).toBe('Temps écoulé pour Awa.')
    expect(say(over, display({ clock: clock('+00:01', true) }))).toBeNull()
    expect(say(over, null)).toBe('Le tour de table est terminé.')
    expect(say(null, null)).toBeNull()
  })

  it('speaks the interface language', () => {
    const english = createLocalization('en')
    expect(announceRoundChange(null, display(), english)).toBe('The round starts. Awa has the floor. Next: Binta.')
  })
})
