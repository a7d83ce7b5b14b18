/**
 * What a page asks of the pad's facilitation (DESIGN.md, "Facilitation"):
 * the facilitator's commands that drive a tour de table and dot votes, and
 * the participants' own (raise or lower their hand, place or remove one of
 * their dots). Sent as JSON in a `facilitate` message
 * (shared/protocol/messages.ts), one command per message:
 *
 *   { "id": 7, "action": "dot-add", "cardId": "1234-5" }
 *
 * `id` (optional) comes back in the `facilitation-reply` to that message.
 * Parsing is strict: an unknown action, a missing or extra field, or a value
 * out of its range is a `TypeError` (the relay closes the connection with
 * 1007), so that a command never carries more than it says — in particular
 * no participant: who acts is the connection's own participant. Whether a
 * command is allowed now is the server's decision (server/facilitation/).
 */
import { isInitiativeCardId } from '../pad/initiative-card-id'
import { parseSpeaker, speakerKey, type Speaker } from './speaker'

/** The relay URL's query parameter by which a page asks for the facilitation messages (`facilitation=1`). */
export const facilitationParam = 'facilitation'

/** While a vote is open, everyone sees the totals per card (anonymous), or nothing until it closes. */
export const voteVisibilities = ['totals', 'hidden'] as const
export type VoteVisibility = (typeof voteVisibilities)[number]

/** How exports list a closed vote's cards: most dots first, or in the pad's order. */
export const voteResultOrders = ['dots', 'document'] as const
export type VoteResultOrder = (typeof voteResultOrders)[number]

export const facilitationLimits = {
  /** People in one round's order (a workshop has 10 to 40). */
  maxSpeakers: 200,
  /** Turn length the facilitator may set, and its default (2 minutes). */
  minTurnMs: 5_000,
  maxTurnMs: 3_600_000,
  defaultTurnMs: 120_000,
  /** One extension of a turn or of a vote's time box. */
  minExtensionMs: 1_000,
  maxExtensionMs: 3_600_000,
  /** Dots each participant has in a vote, and the default. */
  maxDotsPerParticipant: 20,
  defaultDotsPerParticipant: 3,
  /** A vote's optional time box. */
  minTimeBoxMs: 10_000,
  maxTimeBoxMs: 4 * 3_600_000,
  /** Participants who may hold dots in one vote: bounds the stored state against a flood of fresh participant secrets. */
  maxVoters: 1_000,
  /** Finished rounds and closed votes a pad keeps for its exports. */
  maxPastRounds: 50,
  maxClosedVotes: 50,
  /** One `facilitate` message's JSON, in bytes: a full order of `maxSpeakers` fits. */
  maxCommandBytes: 32 * 1024,
} as const

export type FacilitationCommand =
  | { action: 'round-start'; speakers: Speaker[]; turnMs?: number; shuffle?: boolean }
  | { action: 'round-order'; speakers: Speaker[] }
  | { action: 'round-shuffle' }
  | { action: 'round-add'; speaker: Speaker; position?: number }
  | { action: 'round-remove'; speaker: Speaker }
  | { action: 'round-next' }
  | { action: 'round-skip' }
  | { action: 'round-pause' }
  | { action: 'round-resume' }
  | { action: 'round-extend'; ms: number }
  | { action: 'round-turn-length'; turnMs: number }
  | { action: 'round-end' }
  | { action: 'vote-open'; dotsPerParticipant?: number; allowStacking?: boolean; visibility?: VoteVisibility; viewersMayVote?: boolean; timeBoxMs?: number | null }
  | { action: 'vote-configure'; visibility?: VoteVisibility; viewersMayVote?: boolean }
  | { action: 'vote-pause' }
  | { action: 'vote-resume' }
  | { action: 'vote-extend'; ms: number }
  | { action: 'vote-close'; order?: VoteResultOrder }
  | { action: 'vote-order'; order: VoteResultOrder }
  | { action: 'hand-raise' }
  | { action: 'hand-lower' }
  | { action: 'dot-add'; cardId: string }
  | { action: 'dot-remove'; cardId: string }

export type FacilitationAction = FacilitationCommand['action']

/** A command as it came in one message, with the page's id for the reply (null without one). */
export interface FacilitationRequest {
  id: number | null
  command: FacilitationCommand
}

type FieldParser = (value: unknown, field: string) => unknown
/** Each action's fields: its parser, and whether it may be left out. */
type FieldTable = Record<string, { parse: FieldParser; optional: boolean }>

const { maxSpeakers, minTurnMs, maxTurnMs, minExtensionMs, maxExtensionMs, maxDotsPerParticipant, minTimeBoxMs, maxTimeBoxMs } = facilitationLimits

const required = (parse: FieldParser) => ({ parse, optional: false })
const optional = (parse: FieldParser) => ({ parse, optional: true })

const integer = (min: number, max: number): FieldParser => (value, field) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${field} must be a whole number from ${min} to ${max}`)
  }
  return value
}
const boolean: FieldParser = (value, field) => {
  if (typeof value !== 'boolean') throw new TypeError(`${field} must be true or false`)
  return value
}
const oneOf = (choices: readonly string[]): FieldParser => (value, field) => {
  if (typeof value !== 'string' || !choices.includes(value)) throw new TypeError(`${field} must be one of ${choices.join(', ')}`)
  return value
}
const speaker: FieldParser = (value) => parseSpeaker(value)
const speakers: FieldParser = (value, field) => {
  if (!Array.isArray(value) || value.length > maxSpeakers) throw new TypeError(`${field} must be a list of at most ${maxSpeakers} speakers`)
  const parsed = value.map(parseSpeaker)
  if (new Set(parsed.map(speakerKey)).size !== parsed.length) throw new TypeError(`${field} names someone twice`)
  return parsed
}
const cardId: FieldParser = (value, field) => {
  if (!isInitiativeCardId(value)) throw new TypeError(`${field} must be an initiative card id (<client>-<clock>)`)
  return value
}
const timeBox: FieldParser = (value, field) => (value === null ? null : integer(minTimeBoxMs, maxTimeBoxMs)(value, field))

const commandFields: Readonly<Record<FacilitationAction, FieldTable>> = {
  'round-start': { speakers: required(speakers), turnMs: optional(integer(minTurnMs, maxTurnMs)), shuffle: optional(boolean) },
  'round-order': { speakers: required(speakers) },
  'round-shuffle': {},
  'round-add': { speaker: required(speaker), position: optional(integer(0, maxSpeakers)) },
  'round-remove': { speaker: required(speaker) },
  'round-next': {},
  'round-skip': {},
  'round-pause': {},
  'round-resume': {},
  'round-extend': { ms: required(integer(minExtensionMs, maxExtensionMs)) },
  'round-turn-length': { turnMs: required(integer(minTurnMs, maxTurnMs)) },
  'round-end': {},
  'vote-open': {
    dotsPerParticipant: optional(integer(1, maxDotsPerParticipant)),
    allowStacking: optional(boolean),
    visibility: optional(oneOf(voteVisibilities)),
    viewersMayVote: optional(boolean),
    timeBoxMs: optional(timeBox),
  },
  'vote-configure': { visibility: optional(oneOf(voteVisibilities)), viewersMayVote: optional(boolean) },
  'vote-pause': {},
  'vote-resume': {},
  'vote-extend': { ms: required(integer(minExtensionMs, maxExtensionMs)) },
  'vote-close': { order: optional(oneOf(voteResultOrders)) },
  'vote-order': { order: required(oneOf(voteResultOrders)) },
  'hand-raise': {},
  'hand-lower': {},
  'dot-add': { cardId: required(cardId) },
  'dot-remove': { cardId: required(cardId) },
}

export const facilitationActions = Object.keys(commandFields) as FacilitationAction[]

/** The commands a participant gives for themself; every other one is the facilitator's (admin link). */
const participantActions: ReadonlySet<FacilitationAction> = new Set(['hand-raise', 'hand-lower', 'dot-add', 'dot-remove'])

export function isFacilitatorCommand(command: FacilitationCommand): boolean {
  return !participantActions.has(command.action)
}

function isFacilitationAction(value: unknown): value is FacilitationAction {
  return typeof value === 'string' && Object.hasOwn(commandFields, value)
}

/** A request from untrusted JSON (already parsed); a `TypeError` naming the problem otherwise. */
export function parseFacilitationRequest(value: unknown): FacilitationRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('a facilitation command must be an object')
  const { id, action, ...rest } = value as Record<string, unknown>
  if (!isFacilitationAction(action)) throw new TypeError(`unknown facilitation action ${JSON.stringify(action)}`)
  const fields = commandFields[action]
  const command: Record<string, unknown> = { action }
  for (const [field, given] of Object.entries(rest)) {
    const spec = Object.hasOwn(fields, field) ? fields[field] : undefined
    if (spec === undefined) throw new TypeError(`${action} takes no field ${JSON.stringify(field)}`)
    if (given === undefined && spec.optional) continue
    command[field] = spec.parse(given, field)
  }
  for (const [field, spec] of Object.entries(fields)) {
    if (!spec.optional && !(field in command)) throw new TypeError(`${action} needs ${field}`)
  }
  return { id: id === undefined || id === null ? null : (integer(0, 2 ** 31 - 1)(id, 'id') as number), command: command as FacilitationCommand }
}
