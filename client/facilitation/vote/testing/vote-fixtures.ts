/**
 * Views of a dot vote as the server sends them, and a pad's cards, for the
 * vote's unit tests: an open vote (three cards, two of my dots on the
 * first) and a closed one, each changed as a test needs. Test support only.
 */
import type { FacilitationView, VoteResult, VoteView } from '../../../../shared/facilitation/facilitation-view'
import { Role } from '../../../../shared/protocol/roles'
import type { VoteCard } from '../vote-cards'
import { buildVoteModel, type ClosedVoteModel, type OpenVoteModel } from '../vote-model'

/** Three cards, the second without a name. */
export const cards: VoteCard[] = [
  { id: '1-0', title: 'Repair café' },
  { id: '1-9', title: '' },
  { id: '2-4', title: 'Jardin partagé' },
]

export function openVoteView(change: Partial<VoteView> = {}): VoteView {
  return {
    id: 'v1',
    openedAtMs: 1_000,
    dotsPerParticipant: 3,
    allowStacking: true,
    visibility: 'totals',
    viewersMayVote: false,
    timer: null,
    totals: { '1-0': 4, '2-4': 1 },
    dotsCast: 5,
    voterCount: 2,
    myDots: { '1-0': 2 },
    ...change,
  }
}

export function closedVote(change: Partial<VoteResult> = {}): VoteResult {
  return {
    id: 'v0',
    openedAtMs: 1_000,
    closedAtMs: 2_000,
    dotsPerParticipant: 3,
    allowStacking: true,
    voterCount: 3,
    order: 'dots',
    counts: [
      { cardId: '2-4', dots: 5 },
      { cardId: '1-0', dots: 2 },
      { cardId: '9-9', dots: 2 },
    ],
    ...change,
  }
}

function viewOf(vote: VoteView | null, closedVotes: VoteResult[] = []): FacilitationView {
  return { revision: 1, nowMs: 5_000, round: null, vote, closedVotes }
}

/** The model of an open vote (`openVoteView` changed by `change`) over `cards`, for a page of `role`. */
export function openModel(change: Partial<VoteView> = {}, role: Role = Role.edit): OpenVoteModel {
  const model = buildVoteModel(viewOf(openVoteView(change)), cards, role)
  if (model.phase !== 'open') throw new Error('an open vote gives an open model')
  return model
}

/** The model of the closed vote `closedVote(change)` over `cards`. */
export function closedModel(change: Partial<VoteResult> = {}): ClosedVoteModel {
  const model = buildVoteModel(viewOf(null, [closedVote(change)]), cards, Role.edit)
  if (model.phase !== 'closed') throw new Error('a closed vote gives a closed model')
  return model
}
