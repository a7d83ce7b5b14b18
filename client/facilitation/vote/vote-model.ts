/**
 * What the dot vote's parts show, as one value built from the server's view
 * (shared/facilitation/facilitation-view.ts) and the pad's initiative cards
 * as the editor has them (vote-cards.ts): the open vote with, per card, this
 * participant's dots and the anonymous total when the rules show it; or,
 * when no vote is open, the last closed vote's results in the order the
 * facilitator chose. Pure: it renders nothing and sends nothing (the
 * panel, the card controls and the projection do).
 */
import type { VoteResultOrder, VoteVisibility } from '../../../shared/facilitation/facilitation-command'
import type { FacilitationView, VoteResult, VoteView } from '../../../shared/facilitation/facilitation-view'
import type { TurnTimer } from '../../../shared/facilitation/turn-timer'
import { Role } from '../../../shared/protocol/roles'
import type { VoteCard } from './vote-cards'

/** One card while the vote is open, as this participant sees it. */
export interface CardTally {
  cardId: string
  /** The card's « Nom », '' when it has none (labels then name it by its number). */
  title: string
  /** Its place among the pad's cards, from 1. */
  number: number
  /** This participant's dots on it. */
  myDots: number
  /** Everyone's dots on it; null while the rules hide the totals. */
  total: number | null
}

export interface OpenVoteModel {
  phase: 'open'
  voteId: string
  dotsPerParticipant: number
  /** The dots this participant may still place. */
  dotsLeft: number
  allowStacking: boolean
  visibility: VoteVisibility
  viewersMayVote: boolean
  /** Whether this page may place dots (a view link only when the facilitator allowed it). */
  canVote: boolean
  timer: TurnTimer | null
  dotsCast: number
  voterCount: number
  /** The pad's cards, in the pad's order. */
  cards: CardTally[]
}

/** One card in a closed vote's results. */
export interface ResultRow {
  cardId: string
  title: string
  number: number
  dots: number
}

export interface ClosedVoteModel {
  phase: 'closed'
  voteId: string
  order: VoteResultOrder
  dotsPerParticipant: number
  voterCount: number
  /** Every card of the pad now, in `order` (cards without dots included, last when by dots). */
  rows: ResultRow[]
}

export type VoteModel = { phase: 'none' } | OpenVoteModel | ClosedVoteModel

export const noVote: VoteModel = { phase: 'none' }

/** The model for `view` (null before the first one) over the pad's `cards`, for a page of `role`. */
export function buildVoteModel(view: FacilitationView | null, cards: readonly VoteCard[], role: Role): VoteModel {
  if (view === null) return noVote
  if (view.vote !== null) return buildOpenVote(view.vote, cards, role)
  const last = view.closedVotes.at(-1)
  return last === undefined ? noVote : buildClosedVote(last, cards)
}

function buildOpenVote(vote: VoteView, cards: readonly VoteCard[], role: Role): OpenVoteModel {
  const myDotsCast = Object.values(vote.myDots).reduce((sum, dots) => sum + dots, 0)
  return {
    phase: 'open',
    voteId: vote.id,
    dotsPerParticipant: vote.dotsPerParticipant,
    dotsLeft: Math.max(0, vote.dotsPerParticipant - myDotsCast),
    allowStacking: vote.allowStacking,
    visibility: vote.visibility,
    viewersMayVote: vote.viewersMayVote,
    canVote: role !== Role.view || vote.viewersMayVote,
    timer: vote.timer,
    dotsCast: vote.dotsCast,
    voterCount: vote.voterCount,
    cards: cards.map((card, index) => ({
      cardId: card.id,
      title: card.title,
      number: index + 1,
      myDots: vote.myDots[card.id] ?? 0,
      total: vote.totals === null ? null : (vote.totals[card.id] ?? 0),
    })),
  }
}

function buildClosedVote(result: VoteResult, cards: readonly VoteCard[]): ClosedVoteModel {
  return {
    phase: 'closed',
    voteId: result.id,
    order: result.order,
    dotsPerParticipant: result.dotsPerParticipant,
    voterCount: result.voterCount,
    rows: orderResults(result.counts, cards, result.order),
  }
}

/**
 * Every card of the pad with the dots it got, in `order`: the pad's order,
 * or most dots first with equal counts in the pad's order (as the exports
 * list them, shared/export/session-facilitation.ts). Counts of cards deleted
 * since are left out, as the exports leave them.
 */
export function orderResults(counts: VoteResult['counts'], cards: readonly VoteCard[], order: VoteResultOrder): ResultRow[] {
  const dots = new Map(counts.map((count) => [count.cardId, count.dots]))
  const rows = cards.map((card, index) => ({ cardId: card.id, title: card.title, number: index + 1, dots: dots.get(card.id) ?? 0 }))
  return order === 'dots' ? rows.sort((a, b) => b.dots - a.dots || a.number - b.number) : rows
}

/** What one card shows: its line while the vote is open, its count once closed, nothing without a vote. */
export type CardVoteState =
  | { phase: 'open'; card: CardTally; vote: OpenVoteModel }
  | { phase: 'closed'; row: ResultRow }
  | { phase: 'none' }

/** What the card `cardId` shows in `model` (a card the model does not know yet shows nothing). */
export function cardVoteState(model: VoteModel, cardId: string): CardVoteState {
  if (model.phase === 'open') {
    const card = model.cards.find((candidate) => candidate.cardId === cardId)
    return card === undefined ? { phase: 'none' } : { phase: 'open', card, vote: model }
  }
  if (model.phase === 'closed') {
    const row = model.rows.find((candidate) => candidate.cardId === cardId)
    return row === undefined ? { phase: 'none' } : { phase: 'closed', row }
  }
  return { phase: 'none' }
}
