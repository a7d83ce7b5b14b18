/** A round's view made into what pages show: names, clock, next, and this participant's hand. */
import { describe, expect, it } from 'vitest'
import type { RoundView } from '../../../shared/facilitation/facilitation-view'
import { displayRound, type DisplayContext } from './round-display'
import { listPresentSpeakers, nameSpeakers, presenceParticipantField } from './speaker-names'

const awaId = 'AAAAAAAAAAAAAAAAAAAAAA'
const bintaId = 'BBBBBBBBBBBBBBBBBBBBBB'
const shyId = 'CCCCCCCCCCCCCCCCCCCCCC'
const start = 1_000_000

const names: DisplayContext['names'] = {
  credits: new Map<string, unknown>([
    [awaId, { name: 'Awa Diallo', organisation: '', isNamed: true }],
    [shyId, { name: 'Sam', organisation: '', isNamed: false }],
  ]),
  presence: new Map<number, Record<string, unknown>>([
    [1, { user: { name: 'Awa', color: '#1565c0' }, [presenceParticipantField]: awaId }],
    [2, { user: { name: 'Binta', color: '#b3261e' }, [presenceParticipantField]: bintaId }],
    [3, { user: { name: 'Binta again', color: '#b3261e' }, [presenceParticipantField]: bintaId }],
    [4, { user: { name: 'No id', color: '#b3261e' } }],
    [5, { user: { name: 'Forged', color: 'red' }, [presenceParticipantField]: 'not an id' }],
  ]),
}

function round(overrides: Partial<RoundView> = {}): RoundView {
  return {
    id: 'r1',
    startedAtMs: start,
    turnMs: 120_000,
    current: { speaker: { participantId: awaId }, startedAtMs: start, timer: { allowedMs: 120_000, elapsedBeforeMs: 0, runningSinceMs: start } },
    queue: [{ name: 'Chloé' }, { participantId: bintaId }],
    turns: [],
    ...overrides,
  }
}

const context = (participantId: string, serverNowMs = start + 18_000): DisplayContext => ({ names, unknownName: 'Une personne', serverNowMs, participantId })

describe('nameSpeakers and listPresentSpeakers', () => {
  it('name a participant by credit, else by presence; a guest by the typed name; the unnamed not in credits', () => {
    const named = nameSpeakers([{ participantId: awaId }, { participantId: bintaId }, { participantId: shyId }, { name: 'Chloé' }, { participantId: 'ZZZZZZZZZZZZZZZZZZZZZZ' }], names, '?')
    expect(named.map((speaker) => [speaker.name, speaker.creditName])).toEqual([
      ['Awa Diallo', 'Awa Diallo'],
      ['Binta', null],
      ['Sam', null],
      ['Chloé', 'Chloé'],
      ['?', null],
    ])
  })

  it('list each present participant once, and only with a well-formed id', () => {
    expect(listPresentSpeakers(names.presence)).toEqual([{ participantId: awaId }, { participantId: bintaId }])
  })
})

describe('displayRound', () => {
  it('is null without a round', () => {
    expect(displayRound(null, context(awaId))).toBeNull()
  })

  it('shows the speaker, their clock and who is next; the speaker’s own page knows it has the floor', () => {
    const display = displayRound(round(), context(awaId))
    expect(display?.speaker?.name).toBe('Awa Diallo')
    expect(display?.clock?.text).toBe('01:42')
    expect(display?.next?.name).toBe('Chloé')
    expect(display?.queue.map((speaker) => speaker.name)).toEqual(['Chloé', 'Binta'])
    expect(display?.hand).toBe('speaking')
    expect(displayRound(round(), context(bintaId))).toMatchObject({ hand: 'raised', handPosition: 2 })
    expect(displayRound(round(), context(shyId))?.hand).toBe('lowered')
  })

  it('between speakers, shows nobody with the floor and the first waiting as next', () => {
    const display = displayRound(round({ current: null, turns: [] }), context(bintaId))
    expect(display?.speaker).toBeNull()
    expect(display?.clock).toBeNull()
    expect(display?.next?.name).toBe('Chloé')
    expect(display?.queue).toHaveLength(2)
    expect(display?.hand).toBe('raised')
    expect(displayRound(round({ current: null, queue: [] }), context(bintaId))?.next).toBeNull()
  })
})
