/**
 * The part of a pad's facilitation its exports carry, as of `nowMs`: the
 * finished rounds and the one in progress (the current speaker's turn
 * counted up to now), each as the list of its turns with how long each
 * speaker had the floor; and the closed votes' frozen counts. An open vote
 * is left out: its counts are not results yet. Pure.
 */
import type { FacilitationSummary } from '../../shared/facilitation/facilitation-summary'
import type { FacilitationState } from './facilitation-state'
import { endRound } from './round'

export function summarizeFacilitation(state: FacilitationState, nowMs: number): FacilitationSummary {
  const finished = state.pastRounds.map((round) => ({ startedAtMs: round.startedAtMs, endedAtMs: round.endedAtMs, turns: round.turns }))
  const inProgress = state.round === null ? [] : [{ ...endRound(state.round, nowMs), endedAtMs: null }]
  return {
    rounds: [...finished, ...inProgress.map((round) => ({ startedAtMs: round.startedAtMs, endedAtMs: round.endedAtMs, turns: round.turns }))],
    votes: state.closedVotes,
  }
}
