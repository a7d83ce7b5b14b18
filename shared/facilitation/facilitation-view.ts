/**
 * What the server tells each page of the pad's facilitation: the tour de
 * table (who speaks, their timer, who is next, who has spoken), the open
 * vote as this page's participant may see it (totals or nothing, and their
 * own dots — never anyone else's), and the results of the closed votes. Sent
 * as JSON in a `facilitation` message on joining and after every change, and
 * the `facilitation-reply` that answers each `facilitate` message. Times are
 * the server's milliseconds since the epoch; `nowMs` is the server's time
 * when the view was sent, so that a page can offset its own clock before it
 * computes a timer (turn-timer.ts).
 */
import type { VoteResultOrder, VoteVisibility } from './facilitation-command'
import type { Speaker } from './speaker'
import type { TurnTimer } from './turn-timer'

/** How a turn ended: the speaker spoke (`round-next`, or the round ended), or was skipped. */
export type TurnOutcome = 'spoke' | 'skipped'

/** A turn that is over, with the time its speaker had the floor, pauses excluded. */
export interface SpokenTurn {
  speaker: Speaker
  startedAtMs: number
  endedAtMs: number
  spokeMs: number
  outcome: TurnOutcome
}

export interface CurrentTurn {
  speaker: Speaker
  startedAtMs: number
  timer: TurnTimer
}

export interface RoundView {
  id: string
  startedAtMs: number
  /** The time each new turn is given. */
  turnMs: number
  /** Who has the floor; null between speakers (nobody left in the queue). */
  current: CurrentTurn | null
  /** Who speaks next, in order (raised hands join at the end). */
  queue: Speaker[]
  /** The turns of this round that are over, in order. */
  turns: SpokenTurn[]
}

export interface VoteView {
  id: string
  openedAtMs: number
  dotsPerParticipant: number
  /** Whether one participant may put several of their dots on one card. */
  allowStacking: boolean
  visibility: VoteVisibility
  /** Whether view links may vote (with a participant secret). */
  viewersMayVote: boolean
  /** The time box, a display only (the facilitator closes the vote); null without one. */
  timer: TurnTimer | null
  /** Dots per card id, anonymous; null while the visibility hides them. */
  totals: Record<string, number> | null
  /** Dots placed in all, and by how many participants. */
  dotsCast: number
  voterCount: number
  /** This page's participant's own dots per card id (every tab of theirs sees the same). */
  myDots: Record<string, number>
}

/** A closed vote's frozen results. */
export interface VoteResult {
  id: string
  openedAtMs: number
  closedAtMs: number
  dotsPerParticipant: number
  allowStacking: boolean
  voterCount: number
  /** How exports list the cards. */
  order: VoteResultOrder
  /** Dots per card, most first (equal counts by card id); cards without dots are not listed. */
  counts: Array<{ cardId: string; dots: number }>
}

export interface FacilitationView {
  /** Grows with every change to the pad's facilitation. */
  revision: number
  /** The server's time when it sent this view. */
  nowMs: number
  /** The round in progress, or null. */
  round: RoundView | null
  /** The open vote, or null. */
  vote: VoteView | null
  /** Closed votes, oldest first. */
  closedVotes: VoteResult[]
}

/** Why a command was refused: it is well-formed and allowed to this link, but not now (or not any more). */
export const facilitationRefusals = {
  no_round: 'No round is in progress.',
  round_in_progress: 'A round is already in progress: end it first.',
  already_queued: 'This person is already in the round.',
  not_queued: 'This person is not waiting in the round.',
  queue_changed: 'The order changed meanwhile: reorder the current queue.',
  too_many_speakers: 'The round has as many people as it may.',
  no_speaker: 'Nobody has the floor.',
  no_vote: 'No vote is open.',
  vote_open: 'A vote is already open: close it first.',
  no_closed_vote: 'No vote has been closed yet.',
  no_time_box: 'This vote has no time box.',
  unknown_card: 'This pad has no initiative card with this id.',
  no_dots_left: 'You have placed all your dots.',
  card_has_your_dot: 'This vote allows one dot per card, and this card has yours.',
  no_dot_here: 'You have no dot on this card.',
  viewers_may_not_vote: 'The facilitator has not opened this vote to read-only links.',
  participant_required: 'Voting and raising a hand need a participant identity (reload the page).',
  too_many_voters: 'This vote has as many voters as it may.',
  history_full: 'This pad keeps no more rounds or votes.',
  busy: 'The pad was changed from elsewhere too often meanwhile: try again.',
} as const

export type FacilitationRefusalCode = keyof typeof facilitationRefusals

export type FacilitationReply =
  | { id: number | null; ok: true }
  | { id: number | null; ok: false; error: FacilitationRefusalCode; message: string }

/** A view from the server's JSON: its shape is checked (a `TypeError` otherwise), not every value. */
export function parseFacilitationView(value: unknown): FacilitationView {
  if (!isObject(value)) throw new TypeError('a facilitation view must be an object')
  const { revision, nowMs, round, vote, closedVotes } = value
  if (typeof revision !== 'number' || typeof nowMs !== 'number') throw new TypeError('a facilitation view has a revision and nowMs')
  if (round !== null && !(isObject(round) && Array.isArray(round['queue']) && Array.isArray(round['turns']))) throw new TypeError('round must be a round or null')
  if (vote !== null && !(isObject(vote) && isObject(vote['myDots']))) throw new TypeError('vote must be a vote or null')
  if (!Array.isArray(closedVotes)) throw new TypeError('closedVotes must be a list')
  return value as unknown as FacilitationView
}

/** A reply from the server's JSON: its shape is checked (a `TypeError` otherwise). */
export function parseFacilitationReply(value: unknown): FacilitationReply {
  if (!isObject(value)) throw new TypeError('a facilitation reply must be an object')
  const { id, ok, error, message } = value
  if (id !== null && typeof id !== 'number') throw new TypeError('a reply id is a number or null')
  if (ok === true) return { id, ok }
  if (ok !== false || typeof error !== 'string' || !Object.hasOwn(facilitationRefusals, error) || typeof message !== 'string') {
    throw new TypeError('a refusal has a known error code and a message')
  }
  return { id, ok, error: error as FacilitationRefusalCode, message }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
