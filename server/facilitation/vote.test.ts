import { describe, expect, it } from 'vitest'
import { Role } from '../../shared/protocol/roles'
import { timerRemainingMs } from '../../shared/facilitation/turn-timer'
import {
  closeVote,
  configureVote,
  defaultVoteRules,
  extendVoteTimer,
  openVote,
  pauseVoteTimer,
  placeDot,
  removeDot,
  viewVote,
  type OpenVote,
  type Voter,
} from './vote'
import { refusalOf } from '../testing/facilitation-refusal'

const t0 = 1_700_000_000_000
const awa: Voter = { participantId: 'AwaAwaAwaAwaAwaAwaAwa_', role: Role.edit }
const binta: Voter = { participantId: 'BintaBintaBintaBinta__', role: Role.edit }
const reader: Voter = { participantId: 'ReaderReaderReaderRe__', role: Role.view }

function dots(vote: OpenVote, voter: Voter, cardIds: string[]): OpenVote {
  return cardIds.reduce((next, cardId) => placeDot(next, voter, cardId, true), vote)
}

describe('a dot vote', () => {
  it('gives each participant N dots and refuses the one past N', () => {
    const vote = dots(openVote('v1', { ...defaultVoteRules, dotsPerParticipant: 3 }, null, t0), awa, ['1-0', '2-0', '1-0'])
    expect(refusalOf(() => placeDot(vote, awa, '3-0', true))).toBe('no_dots_left')
    expect(viewVote(vote, awa.participantId).myDots).toEqual({ '1-0': 2, '2-0': 1 })
    // Another participant has their own N.
    expect(viewVote(dots(vote, binta, ['3-0', '3-0', '3-0']), binta.participantId).myDots).toEqual({ '3-0': 3 })
  })

  it('refuses a second dot of one participant on one card when stacking is not allowed', () => {
    const vote = dots(openVote('v1', { ...defaultVoteRules, allowStacking: false }, null, t0), awa, ['1-0'])
    expect(refusalOf(() => placeDot(vote, awa, '1-0', true))).toBe('card_has_your_dot')
    expect(placeDot(vote, binta, '1-0', true).ballots).toHaveLength(2)
  })

  it('refuses a dot on a card the pad does not have', () => {
    expect(refusalOf(() => placeDot(openVote('v1', defaultVoteRules, null, t0), awa, '9-9', false))).toBe('unknown_card')
  })

  it('gives a removed dot back, and refuses to remove a dot that is not there', () => {
    let vote = dots(openVote('v1', { ...defaultVoteRules, dotsPerParticipant: 2 }, null, t0), awa, ['1-0', '2-0'])
    expect(refusalOf(() => removeDot(vote, binta, '1-0'))).toBe('no_dot_here')
    vote = removeDot(vote, awa, '1-0')
    expect(viewVote(vote, awa.participantId).myDots).toEqual({ '2-0': 1 })
    vote = placeDot(vote, awa, '3-0', true)
    vote = removeDot(removeDot(vote, awa, '2-0'), awa, '3-0')
    expect(vote.ballots).toEqual([])
  })

  it('refuses view links unless the facilitator opened the vote to them, and anyone without a participant', () => {
    const vote = openVote('v1', defaultVoteRules, null, t0)
    expect(refusalOf(() => placeDot(vote, reader, '1-0', true))).toBe('viewers_may_not_vote')
    const opened = configureVote(vote, { viewersMayVote: true })
    expect(viewVote(placeDot(opened, reader, '1-0', true), reader.participantId).myDots).toEqual({ '1-0': 1 })
    expect(refusalOf(() => placeDot(opened, { participantId: null, role: Role.view }, '1-0', true))).toBe('participant_required')
  })

  it('shows totals only with the totals visibility, and never whose dots they are', () => {
    const totals = dots(dots(openVote('v1', defaultVoteRules, null, t0), awa, ['1-0', '2-0']), binta, ['1-0'])
    const seen = viewVote(totals, binta.participantId)
    expect(seen).toMatchObject({ totals: { '1-0': 2, '2-0': 1 }, dotsCast: 3, voterCount: 2, myDots: { '1-0': 1 } })
    expect(JSON.stringify(seen)).not.toContain(awa.participantId as string)
    const hidden = configureVote(totals, { visibility: 'hidden' })
    expect(viewVote(hidden, binta.participantId)).toMatchObject({ totals: null, dotsCast: 3, voterCount: 2, myDots: { '1-0': 1 } })
    expect(viewVote(hidden, null).myDots).toEqual({})
  })

  it('closes into frozen counts, most dots first, without ballots', () => {
    const vote = dots(dots(openVote('v1', defaultVoteRules, null, t0), awa, ['2-0', '1-0', '1-0']), binta, ['1-0', '3-0'])
    const result = closeVote(vote, 'document', t0 + 60_000)
    expect(result).toEqual({
      id: 'v1',
      openedAtMs: t0,
      closedAtMs: t0 + 60_000,
      dotsPerParticipant: 3,
      allowStacking: true,
      voterCount: 2,
      order: 'document',
      counts: [
        { cardId: '1-0', dots: 3 },
        { cardId: '2-0', dots: 1 },
        { cardId: '3-0', dots: 1 },
      ],
    })
  })

  it('times the vote as a display only: pausing and extending its time box, refused without one', () => {
    let vote = openVote('v1', defaultVoteRules, 300_000, t0)
    vote = pauseVoteTimer(vote, t0 + 100_000)
    vote = extendVoteTimer(vote, 60_000)
    expect(timerRemainingMs(vote.timer!, t0 + 900_000)).toBe(260_000)
    expect(placeDot(vote, awa, '1-0', true).ballots).toHaveLength(1)
    expect(refusalOf(() => pauseVoteTimer(openVote('v2', defaultVoteRules, null, t0), t0))).toBe('no_time_box')
  })
})
