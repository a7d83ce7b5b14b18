/**
 * The client side of the two wire dialects the benchmark speaks, as bytes:
 * the y-websocket protocol (our server and the reference server; y-protocols
 * sync + awareness, our `stored` and `settings` messages are ignored) and
 * Hocuspocus 4's, which prefixes every frame with the document name and opens
 * with an auth message (token, then the provider's version since 4.0). Encoders build what a stock provider sends; `readFrame`
 * tells the load client what a server frame is without decoding Yjs, so that
 * thousands of simulated receivers stay cheap. It does not own sockets.
 *
 *   y-websocket frame = type:varUint body
 *   hocuspocus frame  = address:varString type:varUint body
 *     address: the document name (a 4.x provider with `sessionAwareness`,
 *     off by default, appends "\0" and a session id; not used here)
 *   type: 0 sync (step:varUint varUint8Array) · 1 awareness (varUint8Array)
 *         2 auth (hocuspocus: subtype:varUint …; the client's token message
 *           is 0 token:varString providerVersion:varString)
 *         4 sync reply (hocuspocus) · 8 sync status (hocuspocus)
 *   Hocuspocus 4 also defines 9 ping and 10 pong, one byte with no address;
 *   its server (4.7.0) sends no pings (it closes connections silent for 60 s).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType, SyncStep } from '../../shared/protocol/messages'

export const dialects = ['y-websocket', 'hocuspocus'] as const
export type Dialect = (typeof dialects)[number]

/** Hocuspocus message types past y-websocket's (packages/server/src/types.ts). */
const HocuspocusType = { syncReply: 4, syncStatus: 8 } as const
/** Hocuspocus auth subtypes (packages/common/src/auth.ts). */
const HocuspocusAuth = { token: 0, permissionDenied: 1, authenticated: 2 } as const
/**
 * What @hocuspocus/provider 4.7.0 sends after its token (AuthenticationMessage.ts,
 * the build's __HOCUSPOCUS_VERSION__); the server keeps it as the connection's
 * provider version. The same version as the server under test (package.json).
 */
export const hocuspocusProviderVersion = '4.7.0'

export const FrameKind = {
  syncStep1: 1,
  syncStep2: 2,
  update: 3,
  awareness: 4,
  authenticated: 5,
  refused: 6,
  other: 7,
} as const
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind]

export interface WireCodec {
  readonly dialect: Dialect
  /** Bytes every frame of this document starts with (0 for y-websocket). */
  readonly headerBytes: number
  /** Frames a stock provider sends as soon as the socket opens, before its sync step 1. */
  opening(): Uint8Array[]
  syncStep1(stateVector: Uint8Array): Uint8Array
  syncStep2(update: Uint8Array): Uint8Array
  update(update: Uint8Array): Uint8Array
  awareness(awarenessUpdate: Uint8Array): Uint8Array
}

export function createWireCodec(dialect: Dialect, documentName: string): WireCodec {
  const header = dialect === 'hocuspocus' ? encodeHeader(documentName) : new Uint8Array(0)
  const frame = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
    const encoder = encoding.createEncoder()
    encoding.writeUint8Array(encoder, header)
    write(encoder)
    return encoding.toUint8Array(encoder)
  }
  const sync = (step: number, payload: Uint8Array): Uint8Array =>
    frame((encoder) => {
      encoding.writeVarUint(encoder, MessageType.sync)
      encoding.writeVarUint(encoder, step)
      encoding.writeVarUint8Array(encoder, payload)
    })
  return {
    dialect,
    headerBytes: header.length,
    opening() {
      if (dialect !== 'hocuspocus') return []
      // The provider sends its token (empty without one) and its version first; the server queues the rest until it is checked.
      return [
        frame((encoder) => {
          encoding.writeVarUint(encoder, MessageType.auth)
          encoding.writeVarUint(encoder, HocuspocusAuth.token)
          encoding.writeVarString(encoder, '')
          encoding.writeVarString(encoder, hocuspocusProviderVersion)
        }),
      ]
    },
    syncStep1: (stateVector) => sync(SyncStep.step1, stateVector),
    syncStep2: (update) => sync(SyncStep.step2, update),
    update: (update) => sync(SyncStep.update, update),
    awareness: (awarenessUpdate) =>
      frame((encoder) => {
        encoding.writeVarUint(encoder, MessageType.awareness)
        encoding.writeVarUint8Array(encoder, awarenessUpdate)
      }),
  }
}

function encodeHeader(documentName: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, documentName)
  return encoding.toUint8Array(encoder)
}

/** What a server frame is; `offset` is where its payload (a varUint8Array) starts, for the kinds that have one. */
export interface FrameInfo {
  kind: FrameKind
  offset: number
}

/** Classifies the server frame at `frame[start]` by its first bytes; every type and step number fits in one byte. */
export function readFrame(frame: Uint8Array, headerBytes: number, start = 0): FrameInfo {
  const at = start + headerBytes
  const type = frame[at]
  const next = frame[at + 1]
  if (type === MessageType.sync || type === HocuspocusType.syncReply) {
    if (next === SyncStep.update) return { kind: FrameKind.update, offset: at + 2 }
    if (next === SyncStep.step2) return { kind: FrameKind.syncStep2, offset: at + 2 }
    if (next === SyncStep.step1) return { kind: FrameKind.syncStep1, offset: at + 2 }
    return { kind: FrameKind.other, offset: 0 }
  }
  if (type === MessageType.awareness) return { kind: FrameKind.awareness, offset: at + 1 }
  if (type === MessageType.auth && headerBytes > 0) {
    if (next === HocuspocusAuth.authenticated) return { kind: FrameKind.authenticated, offset: 0 }
    if (next === HocuspocusAuth.permissionDenied) return { kind: FrameKind.refused, offset: 0 }
  }
  return { kind: FrameKind.other, offset: 0 }
}

/** The payload (varUint8Array) of a sync or awareness frame at `offset`. */
export function readPayload(frame: Uint8Array, offset: number): Uint8Array {
  const decoder = decoding.createDecoder(frame)
  decoder.pos = offset
  return decoding.readVarUint8Array(decoder)
}

/**
 * The awareness entries of an awareness frame: how many, and the first one's
 * client id (a server echoes a client's own presence back to it). Read in
 * place, without a decoder: every receiver reads the head of every presence
 * frame it gets.
 */
export function readAwarenessHead(frame: Uint8Array, offset: number): { count: number; firstClientId: number } {
  let position = skipVarUint(frame, offset) // the payload's length
  const count = readVarUintAt(frame, position)
  if (count === 0) return { count, firstClientId: -1 }
  position = skipVarUint(frame, position)
  return { count, firstClientId: readVarUintAt(frame, position) }
}

/** lib0's varUint (7 bits a byte, low first) at `position`; clients ids and counts stay below 2^53. */
function readVarUintAt(bytes: Uint8Array, position: number): number {
  let value = 0
  let scale = 1
  for (let i = position; i < bytes.length; i++) {
    const byte = bytes[i] as number
    value += (byte & 0x7f) * scale
    if (byte < 0x80) return value
    scale *= 128
  }
  throw new RangeError(`a varUint at ${position} runs past the end of the frame`)
}

function skipVarUint(bytes: Uint8Array, position: number): number {
  let i = position
  while (i < bytes.length && (bytes[i] as number) >= 0x80) i++
  return i + 1
}
