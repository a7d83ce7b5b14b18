/**
 * The y-websocket wire format as a `Message` union, with every encoder beside
 * its decoder. Frames are binary; each starts with a varuint message type:
 *
 *   message      = sync | awareness | queryAwareness | stored | settings
 *                | facilitation | facilitate | facilitationReply
 *   sync         = 0 syncStep (varUint8Array)        ; y-protocols/sync
 *   syncStep     = 0 (step 1: state vector) | 1 (step 2: update) | 2 (update)
 *   awareness    = 1 varUint8Array                    ; y-protocols/awareness update
 *   queryAwareness = 3
 *   stored       = 100 varUint                        ; Atelier Pad: server → client
 *   settings     = 101 varString (JSON PadState)      ; Atelier Pad: server → client
 *   facilitation = 102 varString (JSON FacilitationView)  ; Atelier Pad: server → client
 *   facilitate   = 103 varString (JSON command)       ; Atelier Pad: client → server
 *   facilitationReply = 104 varString (JSON FacilitationReply) ; server → client
 *
 * `stored` is ours: after the server has stored a message that a connection
 * wrote (an update or a sync step 2), it answers with how many such messages
 * it has stored from that connection so far. Messages on one connection are
 * handled in order, so the page can count what it sent and know when its
 * local changes, deletions included, are safe on the server. (A state vector
 * would not do: a deletion does not move it.) The stock provider ignores the
 * message (it logs "Unable to compute message").
 *
 * `settings` is ours too: the pad's settings (title, event, license, lock,
 * lifetime), sent on join and pushed to every connection when the
 * facilitator changes them. They live in the store, never in the editable
 * document, so an edit connection cannot change them.
 *
 * `facilitation`, `facilitate` and `facilitationReply` are the session
 * state of shared/facilitation/ (tour de table, dot votes): server-owned
 * like the settings, sent to the connections that ask for it (the relay
 * URL's `facilitation=1`, or any `facilitate` message); each `facilitate`
 * carries one command and is answered by one `facilitationReply` to its
 * sender, after the change is stored and every view sent.
 *
 * Decoding is strict: a frame that is truncated, has trailing bytes or an
 * unknown type throws a `ProtocolError` that carries the close code to use.
 * Whether an update is acceptable to Yjs is checked by the room, not here.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { PadState } from './api'
import { CloseCode } from './close-codes'
import { parsePadState } from './pad-state'
import { facilitationLimits, parseFacilitationRequest, type FacilitationRequest } from '../facilitation/facilitation-command'
import {
  parseFacilitationReply,
  parseFacilitationView,
  type FacilitationReply,
  type FacilitationView,
} from '../facilitation/facilitation-view'

/**
 * The relay URL's query parameter by which a page says it understands Atelier
 * Pad's own messages (`atelier=1`): stored acknowledgements (100) and
 * settings (101). Without it, a client — a stock y-websocket provider, a bot,
 * a script — is sent only the standard protocol (sync and awareness), which
 * it reads without complaint. Facilitation (102–104) has its own opt-in.
 */
export const padMessagesParam = 'atelier'

export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  stored: 100,
  settings: 101,
  facilitation: 102,
  facilitate: 103,
  facilitationReply: 104,
} as const

export const SyncStep = {
  step1: 0,
  step2: 1,
  update: 2,
} as const

export type Message =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'stored'; writeCount: number }
  | { type: 'settings'; settings: PadState }
  | { type: 'facilitation'; view: FacilitationView }
  | { type: 'facilitate'; request: FacilitationRequest }
  | { type: 'facilitation-reply'; reply: FacilitationReply }

/** Whether a frame carries document content: an update or a sync step 2. */
export function isWriteFrame(frame: Uint8Array): boolean {
  return frame[0] === MessageType.sync && (frame[1] === SyncStep.step2 || frame[1] === SyncStep.update)
}

/** Whether a frame asks for the pad (a sync step 1): each answer means encoding what the asker lacks. */
export function isSyncRequestFrame(frame: Uint8Array): boolean {
  return frame[0] === MessageType.sync && frame[1] === SyncStep.step1
}

/** Whether a frame is a facilitation command (rate-limited apart: each one is a write to the store). */
export function isFacilitateFrame(frame: Uint8Array): boolean {
  return frame[0] === MessageType.facilitate
}

/** A frame that breaks the protocol; `closeCode` is what the connection is closed with. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError'
  constructor(
    message: string,
    readonly closeCode: CloseCode = CloseCode.protocolError,
  ) {
    super(message)
  }
}

export function decodeMessage(frame: Uint8Array): Message {
  const decoder = decoding.createDecoder(frame)
  let message: Message
  try {
    message = readMessage(decoder)
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    // lib0 throws plain Errors on reads past the end of the frame.
    throw new ProtocolError(`truncated frame (${frame.length} bytes)`)
  }
  if (decoding.hasContent(decoder)) {
    throw new ProtocolError(`${frame.length - decoder.pos} trailing bytes after a ${message.type} message`)
  }
  return message
}

function readMessage(decoder: decoding.Decoder): Message {
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MessageType.sync:
      return readSyncMessage(decoder)
    case MessageType.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
    case MessageType.queryAwareness:
      return { type: 'query-awareness' }
    case MessageType.stored:
      return { type: 'stored', writeCount: readStoredPayload(decoder) }
    case MessageType.settings:
      return { type: 'settings', settings: readSettingsPayload(decoder) }
    case MessageType.facilitation:
      return { type: 'facilitation', view: readFacilitationPayload(decoder) }
    case MessageType.facilitate:
      return { type: 'facilitate', request: readFacilitatePayload(decoder) }
    case MessageType.facilitationReply:
      return { type: 'facilitation-reply', reply: readFacilitationReplyPayload(decoder) }
    default:
      throw new ProtocolError(`unknown message type ${type}`)
  }
}

/** What a `stored` message carries after its type: the count of the connection's writes stored so far. */
export function readStoredPayload(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder)
}

/** What a `settings` message carries after its type: the pad's settings, checked (a ProtocolError otherwise). */
export function readSettingsPayload(decoder: decoding.Decoder): PadState {
  return parseSettings(decoding.readVarString(decoder))
}

/** What a `facilitation` message carries after its type: the pad's facilitation as this connection sees it. */
export function readFacilitationPayload(decoder: decoding.Decoder): FacilitationView {
  return parseJsonPayload(decoding.readVarString(decoder), 'facilitation view', parseFacilitationView)
}

/** What a `facilitationReply` message carries after its type. */
export function readFacilitationReplyPayload(decoder: decoding.Decoder): FacilitationReply {
  return parseJsonPayload(decoding.readVarString(decoder), 'facilitation reply', parseFacilitationReply)
}

/** A `facilitate` message's command: bounded in size, strictly parsed (1009 or 1007 otherwise). */
function readFacilitatePayload(decoder: decoding.Decoder): FacilitationRequest {
  const json = decoding.readVarString(decoder)
  // Counted in UTF-16 code units: at most 3 bytes each in UTF-8, so a bound on bytes that is never below the limit.
  if (json.length > facilitationLimits.maxCommandBytes) {
    throw new ProtocolError(`a facilitation command larger than ${facilitationLimits.maxCommandBytes} bytes`, CloseCode.messageTooBig)
  }
  return parseJsonPayload(json, 'facilitation command', parseFacilitationRequest)
}

function parseJsonPayload<T>(json: string, what: string, parse: (value: unknown) => T): T {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new ProtocolError(`the ${what} is not valid JSON`, CloseCode.invalidPayload)
  }
  try {
    return parse(value)
  } catch (error) {
    throw new ProtocolError(`malformed ${what}: ${(error as Error).message}`, CloseCode.invalidPayload)
  }
}

function readSyncMessage(decoder: decoding.Decoder): Message {
  const step = decoding.readVarUint(decoder)
  switch (step) {
    case SyncStep.step1:
      return { type: 'sync-step-1', stateVector: decoding.readVarUint8Array(decoder) }
    case SyncStep.step2:
      return { type: 'sync-step-2', update: decoding.readVarUint8Array(decoder) }
    case SyncStep.update:
      return { type: 'update', update: decoding.readVarUint8Array(decoder) }
    default:
      throw new ProtocolError(`unknown sync step ${step}`)
  }
}

export function encodeMessage(message: Message): Uint8Array {
  const encoder = encoding.createEncoder()
  switch (message.type) {
    case 'sync-step-1':
      writeSync(encoder, SyncStep.step1, message.stateVector)
      break
    case 'sync-step-2':
      writeSync(encoder, SyncStep.step2, message.update)
      break
    case 'update':
      writeSync(encoder, SyncStep.update, message.update)
      break
    case 'awareness':
      encoding.writeVarUint(encoder, MessageType.awareness)
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'query-awareness':
      encoding.writeVarUint(encoder, MessageType.queryAwareness)
      break
    case 'stored':
      encoding.writeVarUint(encoder, MessageType.stored)
      encoding.writeVarUint(encoder, message.writeCount)
      break
    case 'settings':
      encoding.writeVarUint(encoder, MessageType.settings)
      encoding.writeVarString(encoder, JSON.stringify(message.settings))
      break
    case 'facilitation':
      encoding.writeVarUint(encoder, MessageType.facilitation)
      encoding.writeVarString(encoder, JSON.stringify(message.view))
      break
    case 'facilitate':
      encoding.writeVarUint(encoder, MessageType.facilitate)
      encoding.writeVarString(encoder, JSON.stringify({ ...(message.request.id === null ? {} : { id: message.request.id }), ...message.request.command }))
      break
    case 'facilitation-reply':
      encoding.writeVarUint(encoder, MessageType.facilitationReply)
      encoding.writeVarString(encoder, JSON.stringify(message.reply))
      break
    default:
      assertNever(message)
  }
  return encoding.toUint8Array(encoder)
}

/** Settings come from the server only; a client sending them is refused by the room. */
function parseSettings(json: string): PadState {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new ProtocolError('settings are not valid JSON', CloseCode.invalidPayload)
  }
  try {
    return parsePadState(value)
  } catch (error) {
    throw new ProtocolError(`settings are not pad settings: ${(error as Error).message}`, CloseCode.invalidPayload)
  }
}

function writeSync(encoder: encoding.Encoder, step: number, payload: Uint8Array): void {
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
}

function assertNever(value: never): never {
  throw new TypeError(`unexpected message ${JSON.stringify(value)}`)
}
