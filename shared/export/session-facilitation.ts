/**
 * The facilitation part of a recipe's session summary, read from what the
 * server gives (shared/facilitation/facilitation-summary.ts): each tour de
 * table with its speakers named as each chose to be credited (someone who
 * chose not to be named is not named here either) and how long each spoke,
 * and each closed vote's counts joined to the recipe's initiatives, in the
 * order the facilitator chose. It renders nothing (labels.ts and each
 * format do).
 */
import type { FacilitationSummary } from '../facilitation/facilitation-summary'
import type { VoteResultOrder } from '../facilitation/facilitation-command'
import type { AuthorKey, ParticipantCredit } from '../pad/attribution'
import type { Initiative } from './recipe'

export interface RecipeTurn {
  /** As the speaker chose to be credited, or the name the facilitator typed; null for someone not named. */
  speaker: string | null
  startedAt: string
  /** Time with the floor, pauses excluded, in whole seconds. */
  seconds: number
  isSkipped: boolean
}

export interface RecipeRound {
  startedAt: string
  /** Null for a round still in progress when the pad was exported. */
  endedAt: string | null
  turns: RecipeTurn[]
}

export interface RecipeVote {
  openedAt: string
  closedAt: string
  dotsPerParticipant: number
  voterCount: number
  order: VoteResultOrder
  /** The initiatives that got dots, in `order`: most dots first, or as in the pad. */
  results: Array<{ initiativeId: string; name: string; dots: number }>
}

export function readRecipeRounds(summary: FacilitationSummary, credits: (author: AuthorKey) => ParticipantCredit | null): RecipeRound[] {
  const nameOf = (speaker: FacilitationSummary['rounds'][number]['turns'][number]['speaker']): string | null => {
    if ('name' in speaker) return speaker.name
    const credit = credits(`participant:${speaker.participantId}`)
    return credit !== null && credit.isNamed ? credit.name : null
  }
  return summary.rounds.map((round) => ({
    startedAt: new Date(round.startedAtMs).toISOString(),
    endedAt: round.endedAtMs === null ? null : new Date(round.endedAtMs).toISOString(),
    turns: round.turns.map((turn) => ({
      speaker: nameOf(turn.speaker),
      startedAt: new Date(turn.startedAtMs).toISOString(),
      seconds: Math.round(turn.spokeMs / 1000),
      isSkipped: turn.outcome === 'skipped',
    })),
  }))
}

/** Each closed vote with its counts on the recipe's initiatives (a card deleted since, or left empty, is not one). */
export function readRecipeVotes(summary: FacilitationSummary, initiatives: readonly Initiative[]): RecipeVote[] {
  const positions = new Map(initiatives.map((initiative, index) => [initiative.id, index]))
  return summary.votes.map((vote) => {
    const results = vote.counts
      .filter((count) => positions.has(count.cardId))
      .map((count) => ({ initiativeId: count.cardId, name: initiatives[positions.get(count.cardId) ?? 0]?.name ?? '', dots: count.dots }))
    const position = (id: string): number => positions.get(id) ?? 0
    results.sort((a, b) => (vote.order === 'dots' ? b.dots - a.dots : 0) || position(a.initiativeId) - position(b.initiativeId))
    return {
      openedAt: new Date(vote.openedAtMs).toISOString(),
      closedAt: new Date(vote.closedAtMs).toISOString(),
      dotsPerParticipant: vote.dotsPerParticipant,
      voterCount: vote.voterCount,
      order: vote.order,
      results,
    }
  })
}

/** The initiatives with the dots each got in the last closed vote (0 without any; null when no vote was closed). */
export function withLastVote(initiatives: readonly Initiative[], votes: readonly RecipeVote[]): Initiative[] {
  const last = votes.at(-1)
  if (last === undefined) return initiatives.map((initiative) => ({ ...initiative, votes: null }))
  const dots = new Map(last.results.map((result) => [result.initiativeId, result.dots]))
  return initiatives.map((initiative) => ({ ...initiative, votes: dots.get(initiative.id) ?? 0 }))
}

/** The initiatives as the open-data table lists them: in the last vote's order when the facilitator chose "most dots first", else as in the pad. */
export function initiativesInVoteOrder(initiatives: readonly Initiative[], votes: readonly RecipeVote[]): Initiative[] {
  if (votes.at(-1)?.order !== 'dots') return [...initiatives]
  return initiatives.map((initiative, index) => ({ initiative, index })).sort((a, b) => (b.initiative.votes ?? 0) - (a.initiative.votes ?? 0) || a.index - b.index).map((entry) => entry.initiative)
}
