/**
 * A tour de table as a value, and every change the facilitator and the
 * participants can make to it, as pure functions of the round and the time
 * (and, for a shuffle, a random source): start, reorder, shuffle, add or
 * remove someone, raise or lower one's own hand, next, skip, pause, resume,
 * extend, the default turn length, end. Nothing happens by itself when a
 * turn's time is over (RGAA 13.1): the timer is a display. A change that is
 * not possible now throws a `FacilitationRefusal`. Who may ask for which
 * change is facilitation-state.ts.
 */
import { facilitationLimits } from '../../shared/facilitation/facilitation-command'
import type { CurrentTurn, RoundView, SpokenTurn, TurnOutcome } from '../../shared/facilitation/facilitation-view'
import { isSameSpeaker, speakerKey, type Speaker } from '../../shared/facilitation/speaker'
import { extendTimer, pauseTimer, resumeTimer, startTimer, timerElapsedMs } from '../../shared/facilitation/turn-timer'
import { refuseUnless } from './refusal'

/** A round in progress: what every page sees of it. */
export type Round = RoundView

/** A round that ended, kept for the exports. */
export interface FinishedRound {
  id: string
  startedAtMs: number
  endedAtMs: number
  turns: SpokenTurn[]
}

/** A number in [0, 1), as Math.random gives; seeded in tests. */
export type RandomSource = () => number

/** A round of `speakers` in this order, the first one speaking from `nowMs`. */
export function startRound(id: string, speakers: readonly Speaker[], turnMs: number, nowMs: number): Round {
  const [first, ...rest] = speakers
  return {
    id,
    startedAtMs: nowMs,
    turnMs,
    current: first === undefined ? null : startTurn(first, turnMs, nowMs),
    queue: rest,
    turns: [],
  }
}

/** The queue in a new order: the same people, or a `queue_changed` refusal (someone raised a hand meanwhile). */
export function reorderQueue(round: Round, speakers: readonly Speaker[]): Round {
  const now = new Set(round.queue.map(speakerKey))
  const asked = new Set(speakers.map(speakerKey))
  refuseUnless(now.size === asked.size && [...asked].every((key) => now.has(key)), 'queue_changed')
  return { ...round, queue: [...speakers] }
}

/** The queue in a random order; who speaks now keeps the floor. */
export function shuffleQueue(round: Round, random: RandomSource): Round {
  return { ...round, queue: shuffled(round.queue, random) }
}

/** `speakers` in a random order (Fisher–Yates). */
export function shuffled(speakers: readonly Speaker[], random: RandomSource): Speaker[] {
  const order = [...speakers]
  for (let i = order.length - 1; i > 0; i--) {
    // min(): a source that returns 1 would otherwise reach past the end.
    const j = Math.min(i, Math.floor(random() * (i + 1)))
    ;[order[i], order[j]] = [order[j] as Speaker, order[i] as Speaker]
  }
  return order
}

/** `speaker` in the queue at `position` (its end by default); refused for someone already speaking or waiting. */
export function addSpeaker(round: Round, speaker: Speaker, position: number = round.queue.length): Round {
  refuseUnless(!isInRound(round, speaker), 'already_queued')
  refuseUnless(round.queue.length + (round.current === null ? 0 : 1) < facilitationLimits.maxSpeakers, 'too_many_speakers')
  const queue = [...round.queue]
  queue.splice(Math.min(position, queue.length), 0, speaker)
  return { ...round, queue }
}

/** `speaker` out of the queue; refused for someone not waiting (the current speaker leaves with next or skip). */
export function removeSpeaker(round: Round, speaker: Speaker): Round {
  refuseUnless(round.queue.some((waiting) => isSameSpeaker(waiting, speaker)), 'not_queued')
  return { ...round, queue: round.queue.filter((waiting) => !isSameSpeaker(waiting, speaker)) }
}

/** A participant raises their hand: they join the end of the queue. Raising it again changes nothing. */
export function raiseHand(round: Round, participantId: string): Round {
  const speaker = { participantId }
  return isInRound(round, speaker) ? round : addSpeaker(round, speaker)
}

/** A participant lowers their hand: they leave the queue. Someone not waiting changes nothing. */
export function lowerHand(round: Round, participantId: string): Round {
  const speaker = { participantId }
  return round.queue.some((waiting) => isSameSpeaker(waiting, speaker)) ? removeSpeaker(round, speaker) : round
}

/**
 * The current turn ends with `outcome` (if there is one) and the first
 * person waiting gets the floor with a fresh timer; with nobody waiting,
 * nobody has it. Refused when there is neither a speaker nor anyone waiting.
 */
export function nextTurn(round: Round, outcome: TurnOutcome, nowMs: number): Round {
  refuseUnless(round.current !== null || round.queue.length > 0, 'no_speaker')
  const [next, ...rest] = round.queue
  return {
    ...round,
    current: next === undefined ? null : startTurn(next, round.turnMs, nowMs),
    queue: rest,
    turns: round.current === null ? round.turns : [...round.turns, endTurn(round.current, outcome, nowMs)],
  }
}

export function pauseTurn(round: Round, nowMs: number): Round {
  const current = currentOf(round)
  return { ...round, current: { ...current, timer: pauseTimer(current.timer, nowMs) } }
}

export function resumeTurn(round: Round, nowMs: number): Round {
  const current = currentOf(round)
  return { ...round, current: { ...current, timer: resumeTimer(current.timer, nowMs) } }
}

export function extendTurn(round: Round, extraMs: number): Round {
  const current = currentOf(round)
  return { ...round, current: { ...current, timer: extendTimer(current.timer, extraMs) } }
}

/** The time the next turns get; the current one keeps its own (extend it instead). */
export function setTurnLength(round: Round, turnMs: number): Round {
  return { ...round, turnMs }
}

/** The round is over: the current speaker's turn counts as spoken. */
export function endRound(round: Round, nowMs: number): FinishedRound {
  const turns = round.current === null ? round.turns : [...round.turns, endTurn(round.current, 'spoke', nowMs)]
  return { id: round.id, startedAtMs: round.startedAtMs, endedAtMs: nowMs, turns }
}

function isInRound(round: Round, speaker: Speaker): boolean {
  return (round.current !== null && isSameSpeaker(round.current.speaker, speaker)) || round.queue.some((waiting) => isSameSpeaker(waiting, speaker))
}

function currentOf(round: Round): CurrentTurn {
  refuseUnless(round.current !== null, 'no_speaker')
  return round.current
}

function startTurn(speaker: Speaker, turnMs: number, nowMs: number): CurrentTurn {
  return { speaker, startedAtMs: nowMs, timer: startTimer(turnMs, nowMs) }
}

function endTurn(turn: CurrentTurn, outcome: TurnOutcome, nowMs: number): SpokenTurn {
  return { speaker: turn.speaker, startedAtMs: turn.startedAtMs, endedAtMs: nowMs, spokeMs: timerElapsedMs(turn.timer, nowMs), outcome }
}
