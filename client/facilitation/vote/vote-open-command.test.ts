/** The facilitator's choices become the `vote-open` command the server parses; a value not offered is refused. */
import { describe, expect, it } from 'vitest'
import { facilitationLimits, parseFacilitationRequest } from '../../../shared/facilitation/facilitation-command'
import { defaultVoteOpenChoices, dotCountChoices, timeBoxMinuteChoices, voteOpenCommand } from './vote-open-command'

describe('voteOpenCommand', () => {
  it('opens by default with 3 dots, several on one card, totals shown, no time box, readers not voting', () => {
    const command = voteOpenCommand(defaultVoteOpenChoices)
    expect(command).toEqual({ action: 'vote-open', dotsPerParticipant: 3, allowStacking: true, visibility: 'totals', viewersMayVote: false, timeBoxMs: null })
    expect(parseFacilitationRequest(command).command).toEqual(command)
  })

  it('carries every choice, the time box in milliseconds, within what the server accepts', () => {
    const command = voteOpenCommand({ dotsPerParticipant: '5', allowStacking: false, visibility: 'hidden', timeBoxMinutes: '10', viewersMayVote: true })
    expect(command).toEqual({ action: 'vote-open', dotsPerParticipant: 5, allowStacking: false, visibility: 'hidden', viewersMayVote: true, timeBoxMs: 600_000 })
    for (const minutes of timeBoxMinuteChoices.filter((value) => value > 0)) {
      expect(() => parseFacilitationRequest(voteOpenCommand({ ...defaultVoteOpenChoices, timeBoxMinutes: String(minutes) }))).not.toThrow()
    }
    expect(dotCountChoices.at(-1)).toBe(facilitationLimits.maxDotsPerParticipant)
  })

  it('refuses a value the lists do not offer', () => {
    expect(() => voteOpenCommand({ ...defaultVoteOpenChoices, dotsPerParticipant: '0' })).toThrow(RangeError)
    expect(() => voteOpenCommand({ ...defaultVoteOpenChoices, timeBoxMinutes: '7' })).toThrow(RangeError)
    expect(() => voteOpenCommand({ ...defaultVoteOpenChoices, visibility: 'everything' })).toThrow(RangeError)
  })
})
