import { describe, expect, it } from 'vitest'
import { emptyFacilitationState } from './facilitation-state'
import { endRound, nextTurn, pauseTurn, startRound } from './round'
import { closeVote, openVote, placeDot, defaultVoteRules } from './vote'
import { Role } from '../../shared/protocol/roles'
import { summarizeFacilitation } from './session-summary'

const t0 = 1_700_000_000_000
const marcel = { name: 'Marcel' }
const zoe = { name: 'Zoé' }

describe('the facilitation an export carries', () => {
  it('lists the finished rounds\' turns with their durations, and the round in progress counted up to now', () => {
    const finished = endRound(nextTurn(startRound('r1', [marcel, zoe], 120_000, t0), 'skipped', t0 + 4_000), t0 + 64_000)
    let current = startRound('r2', [zoe, marcel], 120_000, t0 + 100_000)
    current = pauseTurn(nextTurn(current, 'spoke', t0 + 130_000), t0 + 140_000)
    const summary = summarizeFacilitation({ ...emptyFacilitationState, pastRounds: [finished], round: current }, t0 + 500_000)
    expect(summary.rounds.map((round) => [round.endedAtMs, round.turns.map((turn) => [turn.speaker, turn.spokeMs, turn.outcome])])).toEqual([
      [t0 + 64_000, [[marcel, 4_000, 'skipped'], [zoe, 60_000, 'spoke']]],
      [null, [[zoe, 30_000, 'spoke'], [marcel, 10_000, 'spoke']]],
    ])
  })

  it('carries the closed votes\' counts, never an open vote\'s', () => {
    const voter = { participantId: 'AwaAwaAwaAwaAwaAwaAwa_', role: Role.edit }
    const closed = closeVote(placeDot(openVote('v1', defaultVoteRules, null, t0), voter, '1-0', true), 'dots', t0 + 1_000)
    const open = placeDot(openVote('v2', defaultVoteRules, null, t0 + 2_000), voter, '2-0', true)
    const summary = summarizeFacilitation({ ...emptyFacilitationState, closedVotes: [closed], vote: open }, t0 + 5_000)
    expect(summary.votes).toEqual([closed])
    expect(summarizeFacilitation(emptyFacilitationState, t0)).toEqual({ rounds: [], votes: [] })
  })
})
