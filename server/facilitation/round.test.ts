import { describe, expect, it } from 'vitest'
import type { Speaker } from '../../shared/facilitation/speaker'
import { timerElapsedMs, timerRemainingMs } from '../../shared/facilitation/turn-timer'
import { createSeededRandom } from '../testing/seeded-random'
import {
  addSpeaker,
  endRound,
  extendTurn,
  lowerHand,
  nextTurn,
  pauseTurn,
  raiseHand,
  removeSpeaker,
  reorderQueue,
  resumeTurn,
  setTurnLength,
  shuffleQueue,
  startRound,
  type Round,
} from './round'
import { refusalOf } from '../testing/facilitation-refusal'

const t0 = 1_700_000_000_000
const awa = { participantId: 'AwaAwaAwaAwaAwaAwaAwa_' }
const binta = { participantId: 'BintaBintaBintaBinta__' }
const chloe = { participantId: 'ChloeChloeChloeChloe__' }
const guest = { name: 'Marcel (sans appareil)' }
const twoMinutes = 120_000

const who = (round: Round): { current: Speaker | null; queue: Speaker[] } => ({ current: round.current?.speaker ?? null, queue: round.queue })

describe('a tour de table', () => {
  it('starts with the first person speaking on a running timer and the others waiting in order', () => {
    const round = startRound('r1', [awa, guest, binta], twoMinutes, t0)
    expect(who(round)).toEqual({ current: awa, queue: [guest, binta] })
    expect(round.current?.startedAtMs).toBe(t0)
    expect(timerRemainingMs(round.current!.timer, t0 + 30_000)).toBe(90_000)
    expect(startRound('r2', [], twoMinutes, t0).current).toBeNull()
  })

  it('moves to the next person, recording who spoke and for how long, pauses excluded', () => {
    let round = startRound('r1', [awa, binta], twoMinutes, t0)
    round = pauseTurn(round, t0 + 40_000)
    expect(timerElapsedMs(round.current!.timer, t0 + 100_000)).toBe(40_000)
    round = resumeTurn(round, t0 + 100_000)
    round = nextTurn(round, 'spoke', t0 + 130_000)
    expect(who(round)).toEqual({ current: binta, queue: [] })
    expect(round.turns).toEqual([{ speaker: awa, startedAtMs: t0, endedAtMs: t0 + 130_000, spokeMs: 70_000, outcome: 'spoke' }])
    expect(round.current).toMatchObject({ startedAtMs: t0 + 130_000, timer: { allowedMs: twoMinutes, elapsedBeforeMs: 0, runningSinceMs: t0 + 130_000 } })
  })

  it('records a skipped turn as skipped, and leaves nobody speaking when nobody waits', () => {
    let round = startRound('r1', [awa], twoMinutes, t0)
    round = nextTurn(round, 'skipped', t0 + 5_000)
    expect(round.current).toBeNull()
    expect(round.turns.map((turn) => turn.outcome)).toEqual(['skipped'])
    expect(refusalOf(() => nextTurn(round, 'spoke', t0 + 6_000))).toBe('no_speaker')
  })

  it('lets the timer run past zero without ending anyone\'s turn, and extends it on request', () => {
    let round = startRound('r1', [awa, binta], twoMinutes, t0)
    expect(timerRemainingMs(round.current!.timer, t0 + 150_000)).toBe(-30_000)
    expect(who(round).current).toEqual(awa)
    round = extendTurn(round, 60_000)
    expect(timerRemainingMs(round.current!.timer, t0 + 150_000)).toBe(30_000)
  })

  it('gives new turns the new default length, the current one keeping its own', () => {
    let round = setTurnLength(startRound('r1', [awa, binta], twoMinutes, t0), 60_000)
    expect(round.current?.timer.allowedMs).toBe(twoMinutes)
    round = nextTurn(round, 'spoke', t0 + 1_000)
    expect(round.current?.timer.allowedMs).toBe(60_000)
  })

  it('refuses to pause, resume or extend when nobody speaks', () => {
    const empty = startRound('r1', [], twoMinutes, t0)
    for (const change of [() => pauseTurn(empty, t0), () => resumeTurn(empty, t0), () => extendTurn(empty, 1_000)]) {
      expect(refusalOf(change)).toBe('no_speaker')
    }
  })

  it('reorders only the people waiting now, refusing an order made before a hand was raised', () => {
    let round = startRound('r1', [awa, binta, guest], twoMinutes, t0)
    round = reorderQueue(round, [guest, binta])
    expect(round.queue).toEqual([guest, binta])
    const raised = raiseHand(round, chloe.participantId)
    expect(refusalOf(() => reorderQueue(raised, [binta, guest]))).toBe('queue_changed')
    expect(refusalOf(() => reorderQueue(round, [binta, awa]))).toBe('queue_changed')
  })

  it('shuffles the queue the same way for the same seed, keeping the speaker and everyone waiting', () => {
    const speakers = Array.from({ length: 12 }, (_, i) => ({ name: `Personne ${i}` }))
    const round = startRound('r1', speakers, twoMinutes, t0)
    const once = shuffleQueue(round, createSeededRandom(42).next)
    const again = shuffleQueue(round, createSeededRandom(42).next)
    expect(once.queue).toEqual(again.queue)
    expect(once.queue).not.toEqual(round.queue)
    expect([...once.queue].sort((a, b) => ('name' in a && 'name' in b ? a.name.localeCompare(b.name) : 0))).toEqual(
      [...round.queue].sort((a, b) => ('name' in a && 'name' in b ? a.name.localeCompare(b.name) : 0)),
    )
    expect(once.current).toEqual(round.current)
  })

  it('adds someone without a device where asked, once, and removes people waiting only', () => {
    let round = startRound('r1', [awa, binta], twoMinutes, t0)
    round = addSpeaker(round, guest, 0)
    expect(round.queue).toEqual([guest, binta])
    expect(refusalOf(() => addSpeaker(round, { name: 'Marcel (sans appareil)' }))).toBe('already_queued')
    expect(refusalOf(() => addSpeaker(round, awa))).toBe('already_queued')
    round = removeSpeaker(round, guest)
    expect(round.queue).toEqual([binta])
    expect(refusalOf(() => removeSpeaker(round, awa))).toBe('not_queued')
  })

  it('puts a raised hand at the end of the queue once, and takes it out when lowered', () => {
    let round = startRound('r1', [awa, binta], twoMinutes, t0)
    round = raiseHand(round, chloe.participantId)
    expect(round.queue).toEqual([binta, chloe])
    expect(raiseHand(round, chloe.participantId)).toBe(round)
    expect(raiseHand(round, awa.participantId)).toBe(round)
    round = lowerHand(round, chloe.participantId)
    expect(round.queue).toEqual([binta])
    expect(lowerHand(round, chloe.participantId)).toBe(round)
    expect(lowerHand(round, awa.participantId)).toBe(round)
  })

  it('ends with the current turn counted as spoken, in the order people spoke', () => {
    let round = startRound('r1', [awa, binta, guest], twoMinutes, t0)
    round = nextTurn(round, 'spoke', t0 + 60_000)
    const finished = endRound(round, t0 + 90_000)
    expect(finished).toEqual({
      id: 'r1',
      startedAtMs: t0,
      endedAtMs: t0 + 90_000,
      turns: [
        { speaker: awa, startedAtMs: t0, endedAtMs: t0 + 60_000, spokeMs: 60_000, outcome: 'spoke' },
        { speaker: binta, startedAtMs: t0 + 60_000, endedAtMs: t0 + 90_000, spokeMs: 30_000, outcome: 'spoke' },
      ],
    })
  })
})
