/**
 * A dot vote on the pad's initiative cards as a value, and what can be done
 * to it, as pure functions of the vote and the time: open it with its rules,
 * place and remove one's own dots, change who may see or vote, time it (a
 * display, like a turn's timer: the facilitator closes the vote), close it
 * into frozen per-card counts. Ballots are per participant id — the
 * server-known identity of a connection — so two tabs of one person share
 * one set of dots; they are never shown to anyone and are dropped at the
 * close. A change that is not possible throws a `FacilitationRefusal`.
 */
import { facilitationLimits, type VoteResultOrder, type VoteVisibility } from '../../shared/facilitation/facilitation-command'
import type { VoteResult, VoteView } from '../../shared/facilitation/facilitation-view'
import { Role } from '../../shared/protocol/roles'
import { extendTimer, pauseTimer, resumeTimer, startTimer, type TurnTimer } from '../../shared/facilitation/turn-timer'
import { FacilitationRefusal, refuseUnless } from './refusal'

export interface VoteRules {
  dotsPerParticipant: number
  allowStacking: boolean
  visibility: VoteVisibility
  viewersMayVote: boolean
}

/** One participant's dots: a card id once per dot on it. */
export interface Ballot {
  participantId: string
  cardIds: string[]
}

export interface OpenVote {
  id: string
  openedAtMs: number
  rules: VoteRules
  timer: TurnTimer | null
  ballots: Ballot[]
}

/** Who places or removes a dot: the connection's participant (null without one) and the role of its link. */
export interface Voter {
  participantId: string | null
  role: Role
}

export const defaultVoteRules: VoteRules = {
  dotsPerParticipant: facilitationLimits.defaultDotsPerParticipant,
  allowStacking: true,
  visibility: 'totals',
  viewersMayVote: false,
}

export function openVote(id: string, rules: VoteRules, timeBoxMs: number | null, nowMs: number): OpenVote {
  return { id, openedAtMs: nowMs, rules, timer: timeBoxMs === null ? null : startTimer(timeBoxMs, nowMs), ballots: [] }
}

/** One more dot of `voter` on `cardId`, which must be a card of the pad now (`cardExists`). */
export function placeDot(vote: OpenVote, voter: Voter, cardId: string, cardExists: boolean): OpenVote {
  const participantId = eligibleVoter(vote, voter)
  refuseUnless(cardExists, 'unknown_card')
  const ballot = vote.ballots.find((candidate) => candidate.participantId === participantId)
  const placed = ballot?.cardIds ?? []
  refuseUnless(placed.length < vote.rules.dotsPerParticipant, 'no_dots_left')
  refuseUnless(vote.rules.allowStacking || !placed.includes(cardId), 'card_has_your_dot')
  refuseUnless(ballot !== undefined || vote.ballots.length < facilitationLimits.maxVoters, 'too_many_voters')
  return withBallot(vote, { participantId, cardIds: [...placed, cardId] })
}

/** One dot of `voter` off `cardId` (a card deleted since included: the dot comes back to them). */
export function removeDot(vote: OpenVote, voter: Voter, cardId: string): OpenVote {
  const participantId = eligibleVoter(vote, voter)
  const placed = vote.ballots.find((candidate) => candidate.participantId === participantId)?.cardIds ?? []
  const index = placed.indexOf(cardId)
  refuseUnless(index >= 0, 'no_dot_here')
  return withBallot(vote, { participantId, cardIds: placed.filter((_, at) => at !== index) })
}

/** Who sees the totals and whether view links vote, changed while the vote is open (the dots and how they may be placed stay). */
export function configureVote(vote: OpenVote, change: Partial<Pick<VoteRules, 'visibility' | 'viewersMayVote'>>): OpenVote {
  const rules = { ...vote.rules, visibility: change.visibility ?? vote.rules.visibility, viewersMayVote: change.viewersMayVote ?? vote.rules.viewersMayVote }
  return { ...vote, rules }
}

export function pauseVoteTimer(vote: OpenVote, nowMs: number): OpenVote {
  return { ...vote, timer: pauseTimer(timerOf(vote), nowMs) }
}

export function resumeVoteTimer(vote: OpenVote, nowMs: number): OpenVote {
  return { ...vote, timer: resumeTimer(timerOf(vote), nowMs) }
}

export function extendVoteTimer(vote: OpenVote, extraMs: number): OpenVote {
  return { ...vote, timer: extendTimer(timerOf(vote), extraMs) }
}

/** The vote closed at `nowMs`: its counts frozen, the ballots gone. */
export function closeVote(vote: OpenVote, order: VoteResultOrder, nowMs: number): VoteResult {
  const counts = [...tallyVote(vote)]
    .map(([cardId, dots]) => ({ cardId, dots }))
    .sort((a, b) => b.dots - a.dots || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0))
  return {
    id: vote.id,
    openedAtMs: vote.openedAtMs,
    closedAtMs: nowMs,
    dotsPerParticipant: vote.rules.dotsPerParticipant,
    allowStacking: vote.rules.allowStacking,
    voterCount: vote.ballots.length,
    order,
    counts,
  }
}

/** Dots per card id. */
export function tallyVote(vote: OpenVote): Map<string, number> {
  const totals = new Map<string, number>()
  for (const ballot of vote.ballots) for (const cardId of ballot.cardIds) totals.set(cardId, (totals.get(cardId) ?? 0) + 1)
  return totals
}

/** The vote as `participantId`'s pages see it: totals only if the rules show them, their own dots, nobody else's. */
export function viewVote(vote: OpenVote, participantId: string | null): VoteView {
  const { rules } = vote
  const own = vote.ballots.find((ballot) => ballot.participantId === participantId)?.cardIds ?? []
  const myDots: Record<string, number> = {}
  for (const cardId of own) myDots[cardId] = (myDots[cardId] ?? 0) + 1
  return {
    id: vote.id,
    openedAtMs: vote.openedAtMs,
    dotsPerParticipant: rules.dotsPerParticipant,
    allowStacking: rules.allowStacking,
    visibility: rules.visibility,
    viewersMayVote: rules.viewersMayVote,
    timer: vote.timer,
    totals: rules.visibility === 'totals' ? Object.fromEntries(tallyVote(vote)) : null,
    dotsCast: vote.ballots.reduce((sum, ballot) => sum + ballot.cardIds.length, 0),
    voterCount: vote.ballots.length,
    myDots,
  }
}

/** The participant who votes, or a refusal: a view link unless the facilitator allowed it, and a connection without a participant. */
function eligibleVoter(vote: OpenVote, voter: Voter): string {
  refuseUnless(voter.role !== Role.view || vote.rules.viewersMayVote, 'viewers_may_not_vote')
  refuseUnless(voter.participantId !== null, 'participant_required')
  return voter.participantId
}

function withBallot(vote: OpenVote, ballot: Ballot): OpenVote {
  const others = vote.ballots.filter((candidate) => candidate.participantId !== ballot.participantId)
  return { ...vote, ballots: ballot.cardIds.length === 0 ? others : [...others, ballot] }
}

function timerOf(vote: OpenVote): TurnTimer {
  if (vote.timer === null) throw new FacilitationRefusal('no_time_box')
  return vote.timer
}
