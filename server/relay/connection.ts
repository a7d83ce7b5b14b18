/**
 * One WebSocket connection from its upgrade to its close: the per-address
 * count, the key looked up while early frames wait in order, the rate limits
 * (messages, bytes, sync requests, facilitation commands) applied to every frame, and the join to
 * the pad's room. A key that opens nothing is refused with 4404, or with
 * 4411 when it is an edit key the facilitator replaced (what the pages that
 * held it were told at the rotation). A connection refused before it joined
 * is closed here; once joined, a refusal goes through its peer (peer.ts). It
 * does not read what a frame means beyond "is it a sync request"
 * (room/messages.ts does).
 */
import type { Duplex } from 'node:stream'
import type { RawData, WebSocket } from 'ws'
import { CloseCode } from '../../shared/protocol/close-codes'
import { Role } from '../../shared/protocol/roles'
import { isFacilitateFrame, isSyncRequestFrame } from '../../shared/protocol/messages'
import { isPadKey } from '../../shared/protocol/pad-link'
import { hashKey } from '../api/pad-keys'
import type { Config } from '../config'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { Room } from '../room/room'
import { StoreError, type PadWithRole, type Store } from '../store/store'
import { createPeer, refusePeer, type Peer } from './peer'
import type { ProxyHint } from './proxy-hint'
import type { PeerSockets } from './peer-sockets'
import { createTokenBucket } from './rate-limit'
import type { RelayRooms } from './rooms'

export type ConnectionLimits = Pick<
  Config,
  | 'messagesPerSecond' | 'messageBurst' | 'bytesPerSecond' | 'byteBurst' | 'syncRequestsPerMinute' | 'syncRequestBurst'
  | 'maxConnectionsPerAddress' | 'maxConnectionsPerPad' | 'facilitationCommandsPerMinute' | 'facilitationCommandBurst'
>

export interface ConnectionDeps {
  store: Pick<Store, 'findPadByKeyHash' | 'isReplacedEditKey'>
  rooms: Pick<RelayRooms, 'roomFor'>
  peerSockets: PeerSockets
  log: Logger
  metrics: Metrics
  /** Counts connections per client address. */
  addresses: AddressCounts
  /** Says once when many connections come from one loopback or private address (a proxy not trusted). */
  proxyHint: ProxyHint
  /** Whether the server is shutting down (a connection whose key is found then is refused). */
  isClosing(): boolean
  /** A fresh peer id for the logs. */
  nextPeerId(): number
}

/** Where a connection is: its key being looked up (frames wait), joined to its pad's room, or refused before it joined. */
type ConnectionState =
  | { phase: 'looking-up'; early: Uint8Array[] }
  | { phase: 'joined'; peer: Peer; room: Room }
  | { phase: 'refused' }

/** What a connection said in its upgrade request: the pad key, and who it is. */
export interface ConnectionRequest {
  key: string
  /** The client's address (behind a trusted proxy, the forwarded one). */
  address: string
  /** The participant it speaks for, from the secret it presented; null without one. */
  participantId: string | null
  /** Whether it asked for the pad's facilitation messages. */
  wantsFacilitation: boolean
  /** Whether it understands Atelier Pad's own messages (stored acknowledgements, settings). */
  understandsPadMessages: boolean
}

/** Takes a connection that asked for `/ws/<key>`. */
export function acceptConnection(socket: WebSocket, raw: Duplex, request: ConnectionRequest, limits: ConnectionLimits, deps: ConnectionDeps): void {
  // Only what the closures below need: the request's key is a slice of the
  // whole upgrade URL (participant secret included), which a captured
  // `request` would keep alive for the connection's life.
  const { key, address, participantId, wantsFacilitation, understandsPadMessages } = request
  const { log, metrics } = deps
  metrics.connections.inc()
  const peerSocket = deps.peerSockets.add(socket, raw)
  // Frames that arrive while the key is being looked up keep their order.
  let state: ConnectionState = { phase: 'looking-up', early: [] }
  const peerOf = (): number | undefined => (state.phase === 'joined' ? state.peer.id : undefined)
  const refuse = (code: number, reason: string): void => {
    log.info({ code, reason, peer: peerOf() }, 'closing connection')
    if (state.phase === 'joined') {
      refusePeer(state.peer, code, reason)
    } else if (state.phase === 'looking-up') {
      state = { phase: 'refused' }
      peerSocket.close(code, reason)
    }
  }
  const admit = createFrameAdmission(limits, refuse)

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (state.phase === 'refused' || (state.phase === 'joined' && state.peer.state !== 'open')) return
    const frame = toUint8Array(data)
    metrics.bytesIn.inc(frame.length)
    if (!admit(frame, isBinary)) return
    if (state.phase === 'joined') state.room.receive(state.peer, frame)
    else state.early.push(frame)
  })
  socket.on('close', () => {
    deps.peerSockets.remove(socket)
    metrics.connections.dec()
    deps.addresses.remove(address)
    if (state.phase === 'joined') state.room.leave(state.peer)
  })
  socket.on('error', (error: Error & { code?: string }) => {
    // ws refuses oversized and malformed frames itself and closes the
    // socket; log and count them like the refusals made here.
    const code = wsErrorCloseCode(error.code)
    if (code === null) {
      log.debug({ err: error }, 'socket error')
      return
    }
    log.info({ code, reason: error.message, peer: peerOf() }, 'closing connection')
    metrics.closes.inc({ code: String(code) })
  })

  const fromAddress = deps.addresses.add(address)
  deps.proxyHint.note(address, fromAddress)
  if (fromAddress > limits.maxConnectionsPerAddress) return refuse(CloseCode.rateLimited, 'too many connections from this address')
  if (!isPadKey(key)) return refuse(CloseCode.unknownPad, 'unknown link')
  const join = (found: PadWithRole | 'replaced' | null): void => {
    if (socket.readyState !== socket.OPEN || state.phase !== 'looking-up') return
    if (found === null) return refuse(CloseCode.unknownPad, 'unknown link')
    if (found === 'replaced') return refuse(CloseCode.rotated, 'the edit link was changed')
    // Writing needs a participant: credits name one. A page of the version
    // before participants presents none, and must not write: its editor would
    // delete every paragraph carrying marks it does not know (y-prosemirror
    // drops such text), wiping what newer pages wrote.
    if (found.role !== Role.view && participantId === null) {
      return refuse(CloseCode.participantRequired, 'writing needs a participant secret: reload the page')
    }
    if (deps.isClosing()) return refuse(CloseCode.goingAway, 'server shutting down')
    const room = deps.rooms.roomFor(found.pad)
    if (room === null) return refuse(CloseCode.tryAgainLater, 'server busy, retry')
    if (room.peerCount() >= limits.maxConnectionsPerPad) return refuse(CloseCode.rateLimited, 'too many connections to this pad')
    const peer = createPeer(deps.nextPeerId(), found.role, peerSocket, participantId, wantsFacilitation, understandsPadMessages)
    const { early } = state
    state = { phase: 'joined', peer, room }
    log.info({ padId: found.pad.id, peer: peer.id, role: found.role }, 'peer joined')
    room.join(peer)
    for (const frame of early) room.receive(peer, frame)
  }
  lookUpKey(deps.store, key).then(join, (error: unknown) => {
    log.error({ err: error }, 'key lookup failed')
    if (error instanceof StoreError) refuse(CloseCode.storeUnavailable, 'storage unavailable, reconnecting')
    else refuse(CloseCode.internalError, 'server error, reconnecting')
  })
}

/** The pad and role `key` opens; 'replaced' for an edit key the facilitator replaced; null for a key that opens nothing. */
async function lookUpKey(store: ConnectionDeps['store'], key: string): Promise<PadWithRole | 'replaced' | null> {
  const keyHash = hashKey(key)
  const found = await store.findPadByKeyHash(keyHash)
  if (found !== null) return found
  return (await store.isReplacedEditKey(keyHash)) ? 'replaced' : null
}

/** The connection's rate limits: whether a frame may go on; a frame that may not has its connection refused. */
function createFrameAdmission(limits: ConnectionLimits, refuse: (code: number, reason: string) => void): (frame: Uint8Array, isBinary: boolean) => boolean {
  const messages = createTokenBucket(limits.messagesPerSecond, limits.messageBurst)
  const bytes = createTokenBucket(limits.bytesPerSecond, limits.byteBurst)
  const syncRequests = createTokenBucket(limits.syncRequestsPerMinute / 60, limits.syncRequestBurst)
  const facilitationCommands = createTokenBucket(limits.facilitationCommandsPerMinute / 60, limits.facilitationCommandBurst)
  return (frame, isBinary) => {
    if (!isBinary) refuse(CloseCode.unsupportedData, 'text frames are not part of the protocol')
    else if (!messages.take() || !bytes.take(frame.length)) refuse(CloseCode.rateLimited, 'too many messages')
    else if (isSyncRequestFrame(frame) && !syncRequests.take()) refuse(CloseCode.rateLimited, 'too many sync requests')
    else if (isFacilitateFrame(frame) && !facilitationCommands.take()) refuse(CloseCode.rateLimited, 'too many facilitation commands')
    else return true
    return false
  }
}

/** How many connections each client address has open. */
export interface AddressCounts {
  /** Counts one more connection from `address`; returns how many it has now. */
  add(address: string): number
  remove(address: string): void
}

export function createAddressCounts(): AddressCounts {
  const counts = new Map<string, number>()
  return {
    add(address) {
      const count = (counts.get(address) ?? 0) + 1
      counts.set(address, count)
      return count
    },
    remove(address) {
      const count = (counts.get(address) ?? 1) - 1
      if (count > 0) counts.set(address, count)
      else counts.delete(address)
    },
  }
}

/** The close code ws used for a frame it refused (its `WS_ERR_*` codes), or null for other socket errors. */
function wsErrorCloseCode(code: string | undefined): number | null {
  if (code === undefined || !code.startsWith('WS_ERR_')) return null
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return CloseCode.messageTooBig
  if (code === 'WS_ERR_INVALID_UTF8') return CloseCode.invalidPayload
  return CloseCode.protocolError
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}
