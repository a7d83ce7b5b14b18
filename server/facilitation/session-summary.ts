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
  const inProgress = state.round === null ? [] : [{ ...endRound(state.round, nowMs), endedAtMs: null }]
  const rounds = [...state.pastRounds, ...inProgress].map(({ startedAtMs, endedAtMs, turns }) => ({ startedAtMs, endedAtMs, turns }))
  return { rounds, votes: state.closedVotes }
}
