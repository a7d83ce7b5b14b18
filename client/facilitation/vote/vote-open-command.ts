/**
 * The facilitator's choices for a new vote, offered as lists (no number to
 * type wrong on a phone) and turned into the `vote-open` command
 * (shared/facilitation/facilitation-command.ts): dots per person (3 by
 * default), several on one card or not, totals shown while open or nothing
 * until the close, an optional time box, whether read-only links vote. Pure;
 * the form is vote-facilitator-controls.ts.
 */
import { facilitationLimits, voteVisibilities, type FacilitationCommand, type VoteVisibility } from '../../../shared/facilitation/facilitation-command'

/** The dot counts offered, 1 to the server's maximum. */
export const dotCountChoices: readonly number[] = Array.from({ length: facilitationLimits.maxDotsPerParticipant }, (_, index) => index + 1)

/** The time boxes offered, in minutes; 0 is none. */
export const timeBoxMinuteChoices: readonly number[] = [0, 1, 2, 3, 5, 10, 15, 20, 30, 45, 60]

/** The form's values as the DOM gives them. */
export interface VoteOpenChoices {
  dotsPerParticipant: string
  allowStacking: boolean
  visibility: string
  timeBoxMinutes: string
  viewersMayVote: boolean
}

export const defaultVoteOpenChoices: VoteOpenChoices = {
  dotsPerParticipant: String(facilitationLimits.defaultDotsPerParticipant),
  allowStacking: true,
  visibility: 'totals',
  timeBoxMinutes: '0',
  viewersMayVote: false,
}

type VoteOpenCommand = Extract<FacilitationCommand, { action: 'vote-open' }>

/** The command for `choices`; a value the lists do not offer is a `RangeError` naming it. */
export function voteOpenCommand(choices: VoteOpenChoices): VoteOpenCommand {
  const dots = Number(choices.dotsPerParticipant)
  if (!dotCountChoices.includes(dots)) throw new RangeError(`no dot count ${JSON.stringify(choices.dotsPerParticipant)} is offered`)
  const minutes = Number(choices.timeBoxMinutes)
  if (!timeBoxMinuteChoices.includes(minutes)) throw new RangeError(`no time box of ${JSON.stringify(choices.timeBoxMinutes)} minutes is offered`)
  if (!isVoteVisibility(choices.visibility)) throw new RangeError(`unknown visibility ${JSON.stringify(choices.visibility)}`)
  return {
    action: 'vote-open',
    dotsPerParticipant: dots,
    allowStacking: choices.allowStacking,
    visibility: choices.visibility,
    viewersMayVote: choices.viewersMayVote,
    timeBoxMs: minutes === 0 ? null : minutes * 60_000,
  }
}

function isVoteVisibility(value: string): value is VoteVisibility {
  return (voteVisibilities as readonly string[]).includes(value)
}
