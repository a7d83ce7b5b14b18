/**
 * What a pad's facilitation gives its exports (the session summary): each
 * tour de table — who spoke, in which order, how long — and each closed
 * vote's frozen counts. Made by the server from its stored state
 * (server/facilitation/session-summary.ts), read into the recipe by
 * shared/export/session-facilitation.ts, which names the speakers and the
 * cards.
 */
import type { SpokenTurn, VoteResult } from './facilitation-view'

export interface RoundSummary {
  startedAtMs: number
  /** Null for the round still in progress when the pad was exported (its turns so far). */
  endedAtMs: number | null
  turns: SpokenTurn[]
}

export interface FacilitationSummary {
  /** Oldest first. */
  rounds: RoundSummary[]
  /** Closed votes, oldest first. */
  votes: VoteResult[]
}

export const emptyFacilitationSummary: FacilitationSummary = { rounds: [], votes: [] }
