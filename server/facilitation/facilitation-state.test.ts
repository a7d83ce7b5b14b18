import { describe, expect, it } from 'vitest'
import { parseFacilitationRequest, type FacilitationCommand } from '../../shared/facilitation/facilitation-command'
import { Role } from '../../shared/protocol/roles'
import {
  applyFacilitationCommand,
  decodeFacilitationState,
  emptyFacilitationState,
  encodeFacilitationState,
  mayGive,
  viewFacilitation,
  type Actor,
  type CommandContext,
  type FacilitationState,
} from './facilitation-state'
import { refusalOf } from '../testing/facilitation-refusal'

const t0 = 1_700_000_000_000
const facilitator: Actor = { participantId: 'FacilFacilFacilFacil__', role: Role.admin }
const awa: Actor = { participantId: 'AwaAwaAwaAwaAwaAwaAwa_', role: Role.edit }
const reader: Actor = { participantId: 'ReaderReaderReaderRe__', role: Role.view }

function context(nowMs = t0, cards: string[] = ['1-0', '2-0']): CommandContext {
  let ids = 0
  return { nowMs, random: () => 0.5, newId: () => `id${++ids}`, cardExists: (cardId) => cards.includes(cardId) }
}

/** Applies each command as its JSON from the wire would be parsed. */
function run(state: FacilitationState, actor: Actor, ...commands: Array<Record<string, unknown>>): FacilitationState {
  return commands.reduce((next, json) => applyFacilitationCommand(next, parseFacilitationRequest(json).command, actor, context()), state)
}

describe('facilitation commands', () => {
  it('lets only the admin link drive rounds and votes, and not view links raise a hand', () => {
    const facilitatorOnly: FacilitationCommand[] = [{ action: 'round-next' }, { action: 'vote-open' }, { action: 'vote-close' }, { action: 'round-add', speaker: { name: 'X' } }]
    for (const command of facilitatorOnly) {
      expect([mayGive(command, Role.admin), mayGive(command, Role.edit), mayGive(command, Role.view)]).toEqual([true, false, false])
    }
    expect([mayGive({ action: 'hand-raise' }, Role.edit), mayGive({ action: 'hand-raise' }, Role.view)]).toEqual([true, false])
    expect(mayGive({ action: 'dot-add', cardId: '1-0' }, Role.view)).toBe(true)
  })

  it('runs a round from start to end into the pad\'s finished rounds', () => {
    let state = run(emptyFacilitationState, facilitator, { action: 'round-start', speakers: [{ name: 'Marcel' }], turnMs: 60_000 })
    state = run(state, awa, { action: 'hand-raise' })
    expect(state.round?.queue).toEqual([{ participantId: awa.participantId }])
    expect(refusalOf(() => run(state, facilitator, { action: 'round-start', speakers: [] }))).toBe('round_in_progress')
    state = run(state, facilitator, { action: 'round-next' }, { action: 'round-end' })
    expect(state.round).toBeNull()
    expect(state.pastRounds.map((round) => round.turns.map((turn) => turn.speaker))).toEqual([[{ name: 'Marcel' }, { participantId: awa.participantId }]])
    expect(refusalOf(() => run(state, awa, { action: 'hand-raise' }))).toBe('no_round')
  })

  it('changes nothing for a hand raised twice (the same state comes back)', () => {
    const state = run(emptyFacilitationState, facilitator, { action: 'round-start', speakers: [] }, { action: 'round-add', speaker: { participantId: awa.participantId } })
    expect(run(state, awa, { action: 'hand-raise' })).toBe(state)
  })

  it('opens a vote with its defaults, counts dots per participant and freezes them at the close', () => {
    let state = run(emptyFacilitationState, facilitator, { action: 'vote-open' })
    expect(state.vote?.rules).toEqual({ dotsPerParticipant: 3, allowStacking: true, visibility: 'totals', viewersMayVote: false })
    state = run(state, awa, { action: 'dot-add', cardId: '1-0' }, { action: 'dot-add', cardId: '1-0' })
    expect(refusalOf(() => run(state, awa, { action: 'dot-add', cardId: '7-7' }))).toBe('unknown_card')
    expect(refusalOf(() => run(state, reader, { action: 'dot-add', cardId: '1-0' }))).toBe('viewers_may_not_vote')
    state = run(state, facilitator, { action: 'vote-close', order: 'document' })
    expect(state.vote).toBeNull()
    expect(state.closedVotes.map((vote) => [vote.counts, vote.order])).toEqual([[[{ cardId: '1-0', dots: 2 }], 'document']])
    expect(refusalOf(() => run(state, awa, { action: 'dot-add', cardId: '2-0' }))).toBe('no_vote')
    state = run(state, facilitator, { action: 'vote-order', order: 'dots' })
    expect(state.closedVotes[0]?.order).toBe('dots')
  })

  it('shows each participant their own dots only, and the same view to each tab of theirs', () => {
    const state = run(run(emptyFacilitationState, facilitator, { action: 'vote-open', visibility: 'hidden' }), awa, { action: 'dot-add', cardId: '2-0' })
    expect(viewFacilitation(state, 4, awa.participantId, t0).vote).toMatchObject({ totals: null, myDots: { '2-0': 1 }, dotsCast: 1 })
    expect(viewFacilitation(state, 4, facilitator.participantId, t0).vote?.myDots).toEqual({})
  })

  it('stores and reads back the same state, and refuses a stored form it does not know', () => {
    const state = run(emptyFacilitationState, facilitator, { action: 'round-start', speakers: [{ name: 'Marcel' }] }, { action: 'vote-open' })
    expect(decodeFacilitationState(encodeFacilitationState(state))).toEqual(state)
    expect(() => decodeFacilitationState('{"round":null}')).toThrow(TypeError)
  })
})
