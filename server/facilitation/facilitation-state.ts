/**
 * A pad's facilitation as one value — the round in progress, the finished
 * rounds, the open vote, the closed votes' results — and what a command
 * does to it (round.ts and vote.ts do the work), who may give which command,
 * each page's view of it, and its stored form. Pure: the time, the random
 * source, new ids and which cards exist are given. The room part that
 * receives commands, stores and sends is room-facilitation.ts.
 */
import { facilitationLimits, isFacilitatorCommand, type FacilitationCommand } from '../../shared/facilitation/facilitation-command'
import type { FacilitationView, VoteResult } from '../../shared/facilitation/facilitation-view'
import { Role } from '../../shared/protocol/roles'
import { refuseUnless } from './refusal'
import * as rounds from './round'
import type { FinishedRound, RandomSource, Round } from './round'
import * as votes from './vote'
import type { OpenVote, Voter } from './vote'

export interface FacilitationState {
  round: Round | null
  /** Oldest first. */
  pastRounds: FinishedRound[]
  vote: OpenVote | null
  /** Oldest first. */
  closedVotes: VoteResult[]
}

export const emptyFacilitationState: FacilitationState = { round: null, pastRounds: [], vote: null, closedVotes: [] }

/** Who gives a command: their connection's participant and link role (`Voter` for the dots). */
export type Actor = Voter

/** What a command may read besides the state. */
export interface CommandContext {
  nowMs: number
  random: RandomSource
  /** A fresh id for a round or a vote. */
  newId(): string
  /** Whether the pad has an initiative card with this id now. */
  cardExists(cardId: string): boolean
}

/** Whether a link of `role` may give `command` at all: the facilitator's commands need the admin link, hands an edit or admin link. */
export function mayGive(command: FacilitationCommand, role: Role): boolean {
  if (isFacilitatorCommand(command)) return role === Role.admin
  if (command.action === 'hand-raise' || command.action === 'hand-lower') return role !== Role.view
  // Dots: a view link's are refused by the vote's rules, which the facilitator may open to it.
  return true
}

/**
 * The state after `command` from `actor` (who may give it: `mayGive`);
 * `state` itself when the command changes nothing (a hand raised twice). A
 * command not possible now throws a `FacilitationRefusal`.
 */
export function applyFacilitationCommand(state: FacilitationState, command: FacilitationCommand, actor: Actor, context: CommandContext): FacilitationState {
  const { nowMs } = context
  switch (command.action) {
    case 'round-start': {
      refuseUnless(state.round === null, 'round_in_progress')
      refuseUnless(state.pastRounds.length < facilitationLimits.maxPastRounds, 'history_full')
      const order = command.shuffle === true ? rounds.shuffled(command.speakers, context.random) : command.speakers
      return { ...state, round: rounds.startRound(context.newId(), order, command.turnMs ?? facilitationLimits.defaultTurnMs, nowMs) }
    }
    case 'round-end':
      return { ...state, round: null, pastRounds: [...state.pastRounds, rounds.endRound(roundOf(state), nowMs)] }
    case 'hand-raise':
    case 'hand-lower': {
      refuseUnless(actor.participantId !== null, 'participant_required')
      const change = command.action === 'hand-raise' ? rounds.raiseHand : rounds.lowerHand
      return withRound(state, change(roundOf(state), actor.participantId))
    }
    case 'vote-open': {
      refuseUnless(state.vote === null, 'vote_open')
      refuseUnless(state.closedVotes.length < facilitationLimits.maxClosedVotes, 'history_full')
      const defaults = votes.defaultVoteRules
      const rules = {
        dotsPerParticipant: command.dotsPerParticipant ?? defaults.dotsPerParticipant,
        allowStacking: command.allowStacking ?? defaults.allowStacking,
        visibility: command.visibility ?? defaults.visibility,
        viewersMayVote: command.viewersMayVote ?? defaults.viewersMayVote,
      }
      return { ...state, vote: votes.openVote(context.newId(), rules, command.timeBoxMs ?? null, nowMs) }
    }
    case 'vote-close':
      return { ...state, vote: null, closedVotes: [...state.closedVotes, votes.closeVote(voteOf(state), command.order ?? 'dots', nowMs)] }
    case 'vote-order': {
      const last = state.closedVotes.at(-1)
      refuseUnless(last !== undefined, 'no_closed_vote')
      return { ...state, closedVotes: [...state.closedVotes.slice(0, -1), { ...last, order: command.order }] }
    }
    case 'dot-add':
      return withVote(state, votes.placeDot(voteOf(state), actor, command.cardId, context.cardExists(command.cardId)))
    case 'dot-remove':
      return withVote(state, votes.removeDot(voteOf(state), actor, command.cardId))
    default:
      return applyRoundOrVoteChange(state, command, context)
  }
}

/** The commands that change the round in progress or the open vote in place. */
function applyRoundOrVoteChange(
  state: FacilitationState,
  command: Exclude<FacilitationCommand, { action: 'round-start' | 'round-end' | 'hand-raise' | 'hand-lower' | 'vote-open' | 'vote-close' | 'vote-order' | 'dot-add' | 'dot-remove' }>,
  context: CommandContext,
): FacilitationState {
  const { nowMs } = context
  switch (command.action) {
    case 'round-order':
      return withRound(state, rounds.reorderQueue(roundOf(state), command.speakers))
    case 'round-shuffle':
      return withRound(state, rounds.shuffleQueue(roundOf(state), context.random))
    case 'round-add':
      return withRound(state, rounds.addSpeaker(roundOf(state), command.speaker, command.position))
    case 'round-remove':
      return withRound(state, rounds.removeSpeaker(roundOf(state), command.speaker))
    case 'round-next':
    case 'round-skip':
      return withRound(state, rounds.nextTurn(roundOf(state), command.action === 'round-next' ? 'spoke' : 'skipped', nowMs))
    case 'round-pause':
      return withRound(state, rounds.pauseTurn(roundOf(state), nowMs))
    case 'round-resume':
      return withRound(state, rounds.resumeTurn(roundOf(state), nowMs))
    case 'round-extend':
      return withRound(state, rounds.extendTurn(roundOf(state), command.ms))
    case 'round-turn-length':
      return withRound(state, rounds.setTurnLength(roundOf(state), command.turnMs))
    case 'vote-configure':
      return withVote(state, votes.configureVote(voteOf(state), { visibility: command.visibility, viewersMayVote: command.viewersMayVote }))
    case 'vote-pause':
      return withVote(state, votes.pauseVoteTimer(voteOf(state), nowMs))
    case 'vote-resume':
      return withVote(state, votes.resumeVoteTimer(voteOf(state), nowMs))
    case 'vote-extend':
      return withVote(state, votes.extendVoteTimer(voteOf(state), command.ms))
    default:
      return assertNever(command)
  }
}

/** The facilitation as the pages of `participantId` see it at `nowMs`. */
export function viewFacilitation(state: FacilitationState, revision: number, participantId: string | null, nowMs: number): FacilitationView {
  return {
    revision,
    nowMs,
    round: state.round,
    vote: state.vote === null ? null : votes.viewVote(state.vote, participantId),
    closedVotes: state.closedVotes,
  }
}

/** The stored form: JSON with a format version, so that a later server can read what this one wrote. */
export function encodeFacilitationState(state: FacilitationState): string {
  return JSON.stringify({ format: storedFormat, ...state })
}

/** Reads the stored form back; a `TypeError` for anything this server did not write. */
export function decodeFacilitationState(json: string): FacilitationState {
  const value: unknown = JSON.parse(json)
  if (typeof value !== 'object' || value === null || Reflect.get(value, 'format') !== storedFormat) {
    throw new TypeError('stored facilitation of an unknown format')
  }
  const { round, pastRounds, vote, closedVotes } = value as FacilitationState
  if (!Array.isArray(pastRounds) || !Array.isArray(closedVotes) || round === undefined || vote === undefined) {
    throw new TypeError('stored facilitation without its fields')
  }
  return { round, pastRounds, vote, closedVotes }
}

const storedFormat = 1

function roundOf(state: FacilitationState): Round {
  refuseUnless(state.round !== null, 'no_round')
  return state.round
}

function voteOf(state: FacilitationState): OpenVote {
  refuseUnless(state.vote !== null, 'no_vote')
  return state.vote
}

function withRound(state: FacilitationState, round: Round): FacilitationState {
  return round === state.round ? state : { ...state, round }
}

function withVote(state: FacilitationState, vote: OpenVote): FacilitationState {
  return vote === state.vote ? state : { ...state, vote }
}

function assertNever(value: never): never {
  throw new TypeError(`unexpected facilitation command ${JSON.stringify(value)}`)
}
