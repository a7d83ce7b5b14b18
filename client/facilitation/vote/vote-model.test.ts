/** The model of the vote from a view and the pad's cards: per card, mine and the totals as the rules show them; results in the chosen order. */
import { describe, expect, it } from 'vitest'
import type { FacilitationView, VoteResult, VoteView } from '../../../shared/facilitation/facilitation-view'
import { Role } from '../../../shared/protocol/roles'
import { buildVoteModel, cardVoteState, noVote, orderResults } from './vote-model'
import { cards, closedVote, openVoteView } from './testing/vote-fixtures'

function view(vote: VoteView | null, closedVotes: VoteResult[] = []): FacilitationView {
  return { revision: 1, nowMs: 5_000, round: null, vote, closedVotes }
}

describe('buildVoteModel', () => {
  it('has nothing to show before the first view, or without any vote', () => {
    expect(buildVoteModel(null, cards, Role.edit)).toBe(noVote)
    expect(buildVoteModel(view(null), cards, Role.edit)).toEqual({ phase: 'none' })
  })

  it('gives each card, in the pad’s order, my dots and the total, and the dots I have left', () => {
    const model = buildVoteModel(view(openVoteView()), cards, Role.edit)
    expect(model).toMatchObject({ phase: 'open', dotsLeft: 1, canVote: true, dotsCast: 5, voterCount: 2 })
    if (model.phase !== 'open') throw new Error('open expected')
    expect(model.cards).toEqual([
      { cardId: '1-0', title: 'Repair café', number: 1, myDots: 2, total: 4 },
      { cardId: '1-9', title: '', number: 2, myDots: 0, total: 0 },
      { cardId: '2-4', title: 'Jardin partagé', number: 3, myDots: 0, total: 1 },
    ])
  })

  it('shows no total while the rules hide them, and never fewer than no dots left', () => {
    const model = buildVoteModel(view(openVoteView({ visibility: 'hidden', totals: null, myDots: { '1-0': 4 } })), cards, Role.admin)
    if (model.phase !== 'open') throw new Error('open expected')
    expect(model.cards.map((card) => card.total)).toEqual([null, null, null])
    expect(model.dotsLeft).toBe(0)
  })

  it('lets a view link vote only when the facilitator allowed it', () => {
    expect(buildVoteModel(view(openVoteView()), cards, Role.view)).toMatchObject({ canVote: false })
    expect(buildVoteModel(view(openVoteView({ viewersMayVote: true })), cards, Role.view)).toMatchObject({ canVote: true })
  })

  it('shows the open vote rather than the results of the last closed one, and those once none is open', () => {
    expect(buildVoteModel(view(openVoteView(), [closedVote()]), cards, Role.edit).phase).toBe('open')
    const model = buildVoteModel(view(null, [closedVote({ id: 'old', order: 'document' }), closedVote()]), cards, Role.edit)
    expect(model).toMatchObject({ phase: 'closed', voteId: 'v0', order: 'dots', voterCount: 3 })
  })
})

describe('orderResults', () => {
  it('lists every card of the pad, most dots first with equal counts in the pad’s order, and leaves out deleted cards', () => {
    const rows = orderResults([{ cardId: '2-4', dots: 2 }, { cardId: '9-9', dots: 7 }, { cardId: '1-0', dots: 2 }], cards, 'dots')
    expect(rows.map((row) => [row.cardId, row.dots, row.number])).toEqual([['1-0', 2, 1], ['2-4', 2, 3], ['1-9', 0, 2]])
  })

  it('keeps the pad’s order when the facilitator chose it', () => {
    const rows = orderResults(closedVote().counts, cards, 'document')
    expect(rows.map((row) => [row.cardId, row.dots])).toEqual([['1-0', 2], ['1-9', 0], ['2-4', 5]])
  })
})

describe('cardVoteState', () => {
  it('gives a card its line while open, its count once closed, and nothing for a card the model does not know', () => {
    const open = buildVoteModel(view(openVoteView()), cards, Role.edit)
    expect(cardVoteState(open, '1-0')).toMatchObject({ phase: 'open', card: { myDots: 2, total: 4 } })
    expect(cardVoteState(open, '7-7')).toEqual({ phase: 'none' })
    const closed = buildVoteModel(view(null, [closedVote()]), cards, Role.edit)
    expect(cardVoteState(closed, '2-4')).toMatchObject({ phase: 'closed', row: { dots: 5, title: 'Jardin partagé' } })
    expect(cardVoteState(noVote, '1-0')).toEqual({ phase: 'none' })
  })
})
