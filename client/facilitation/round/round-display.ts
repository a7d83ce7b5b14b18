/**
 * What the pages show of a tour de table, as a value made from the server's
 * view: who speaks, their clock, who is next, who waits, and where this
 * page's participant stands (speaking, hand raised, or not in the queue).
 * The bar, the panel, the projection and the announcer all render it; it is
 * computed again at each view and each tick of the clock. Pure.
 */
import type { RoundView } from '../../../shared/facilitation/facilitation-view'
import { speakerKey } from '../../../shared/facilitation/speaker'
import { nameSpeakers, type NamedSpeaker, type NameSources } from './speaker-names'
import { readTurnClock, type TurnClock } from './turn-clock'

/** Where this page's participant stands in the round. */
export type HandState = 'speaking' | 'raised' | 'lowered'

export interface RoundDisplay {
  roundId: string
  /** Who has the floor, or null between speakers. */
  speaker: NamedSpeaker | null
  clock: TurnClock | null
  /** The first one waiting. */
  next: NamedSpeaker | null
  /** Everyone waiting, in order (the next one first). */
  queue: NamedSpeaker[]
  /** The time each new turn gets. */
  turnMs: number
  /** Turns over so far. */
  turnsDone: number
  hand: HandState
  /** This participant's place in the queue (1: next), or null when not waiting. */
  handPosition: number | null
}

export interface DisplayContext {
  names: NameSources
  /** Said of a participant known neither by credit nor by presence. */
  unknownName: string
  serverNowMs: number
  /** This page's participant. */
  participantId: string
}

/** The display of `round`, or null when no round is in progress. */
export function displayRound(round: RoundView | null, context: DisplayContext): RoundDisplay | null {
  if (round === null) return null
  const current = round.current
  const [speaker = null, ...queue] = nameSpeakers(current === null ? round.queue : [current.speaker, ...round.queue], context.names, context.unknownName)
  const waiting = current === null ? (speaker === null ? [] : [speaker, ...queue]) : queue
  const me = speakerKey({ participantId: context.participantId })
  const position = waiting.findIndex((named) => named.key === me)
  let hand: HandState = position < 0 ? 'lowered' : 'raised'
  if (current !== null && speakerKey(current.speaker) === me) hand = 'speaking'
  return {
    roundId: round.id,
    speaker: current === null ? null : speaker,
    clock: current === null ? null : readTurnClock(current.timer, context.serverNowMs),
    next: waiting[0] ?? null,
    queue: waiting,
    turnMs: round.turnMs,
    turnsDone: round.turns.length,
    hand,
    handPosition: position < 0 ? null : position + 1,
  }
}
