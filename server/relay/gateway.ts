/**
 * The WebSocket relay: accepts upgrades on `/ws/<key>`, resolves the key to a
 * pad and a role, and hands the connection to that pad's room, creating the
 * room on first join. It owns its rooms and forgets each one as it closes.
 * It enforces the per-connection limits (message and byte rates, sync
 * requests, connections per pad and per address, loaded pads) and drops
 * connections that stop reading. It does not interpret messages (room/messages.ts) or
 * serve HTTP (http.ts).
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { CloseCode } from '../../shared/protocol/close-codes'
import { isPadKey } from '../../shared/protocol/pad-link'
import { isSyncRequestFrame } from '../../shared/protocol/messages'
import { clientAddress } from '../client-address'
import type { Config } from '../config'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import { hashKey } from '../api/pad-keys'
import { createPeer, refusePeer, type Peer } from './peer'
import { createPeerSockets } from './peer-sockets'
import { createTokenBucket } from './rate-limit'
import { createRoom, type Room } from '../room/room'
import type { PadChangeListener } from '../api/pad-api'
import { StoreError, type PadRecord, type Store } from '../store/store'
import type { BusMessage } from '../scale-out/bus-message'
import type { PadBus } from '../scale-out/pad-bus'
import { Role } from '../../shared/protocol/roles'

export interface Relay extends PadChangeListener {
  /** Takes over an HTTP upgrade request; answers 404 for paths other than `/ws/<key>`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void
  readonly roomCount: number
  /** Closes every connection with 1001 (clients reconnect elsewhere) once every room has stored everything. */
  close(): Promise<void>
}

export interface RelayDeps {
  store: Store
  log: Logger
  metrics: Metrics
  /** The link to other instances serving the same pads (REDIS_URL), or null when this one is alone. */
  bus?: PadBus | null
}

/** How often idle connections are pinged; one that has not answered the previous ping is dropped. */
const pingIntervalMs = 30_000
/** Presence changes of a pad are relayed together at most this often: cursors need not move faster than 20 times a second. */
const presenceIntervalMs = 50
/** How long a connection asked to prove it is alive (a client id conflict) has to answer. */
const probeTimeoutMs = 3_000

export function createRelay(config: Config, deps: RelayDeps): Relay {
  const { store, log, metrics } = deps
  const bus = deps.bus ?? null
  const rooms = new Map<string, Room>()
  const connectionsByAddress = new Map<string, number>()
  let nextPeerId = 1
  let isClosing = false

  const peerSockets = createPeerSockets(
    { maxBufferedBytes: config.maxBufferedBytes, pingIntervalMs, probeTimeoutMs },
    { log, metrics },
  )

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes,
    // Yjs updates are already compact; deflate would cost CPU on every frame.
    perMessageDeflate: false,
  })

  function roomFor(pad: PadRecord): Room | null {
    const padId = pad.id
    const existing = rooms.get(padId)
    if (existing !== undefined) return existing
    if (rooms.size >= config.maxLoadedPads) return null
    const room: Room = createRoom(
      pad,
      {
        compactAfterUpdates: config.compactAfterUpdates,
        idleMs: config.roomIdleMs,
        maxAwarenessBytes: config.maxAwarenessBytes,
        maxDocumentBytes: config.maxDocumentBytes,
        presenceIntervalMs,
      },
      {
        store,
        log,
        metrics,
        onClose: (closed) => {
          if (rooms.get(padId) !== closed) return
          rooms.delete(padId)
          bus?.unsubscribe(padId)
          metrics.roomsLoaded.set(rooms.size)
        },
        link:
          bus === null
            ? null
            : {
                subscribed: bus.subscribe(padId, (message, instanceId) => applyFromOtherInstance(room, message, instanceId)),
                publish: (message) => bus.publish(padId, message),
                isInstanceAlive: (instanceId) => bus.isInstanceAlive(instanceId),
              },
      },
    )
    rooms.set(padId, room)
    metrics.roomsLoaded.set(rooms.size)
    return room
  }

  /** What another instance published about a loaded pad: its writes and presence, or the facilitator's changes. */
  function applyFromOtherInstance(room: Room, message: BusMessage, instanceId: string): void {
    switch (message.kind) {
      case 'update':
      case 'presence':
      case 'released':
        room.receiveRemote(message, instanceId)
        return
      case 'settings':
        room.updatePad(message.pad)
        return
      case 'rotated':
        room.closeRole(Role.edit, CloseCode.rotated, 'the edit link was changed')
        room.updatePad(message.pad)
        return
      case 'deleted':
        void room.deletePad()
        return
    }
  }

  bus?.onReconnected(() => {
    for (const room of rooms.values()) room.resync()
  })

  function accept(socket: WebSocket, raw: Duplex, key: string, address: string): void {
    metrics.connections.inc()
    const peerSocket = peerSockets.add(socket, raw)
    // Frames that arrive while the key is being looked up keep their order.
    let state: ConnectionState = { phase: 'looking-up', early: [] }
    const messages = createTokenBucket(config.messagesPerSecond, config.messageBurst)
    const bytes = createTokenBucket(config.bytesPerSecond, config.byteBurst)
    const syncRequests = createTokenBucket(config.syncRequestsPerMinute / 60, config.syncRequestBurst)

    const refuse = (code: number, reason: string): void => {
      log.info({ code, reason, peer: state.phase === 'joined' ? state.peer.id : undefined }, 'closing connection')
      if (state.phase === 'joined') {
        refusePeer(state.peer, code, reason)
      } else if (state.phase === 'looking-up') {
        state = { phase: 'refused' }
        peerSocket.close(code, reason)
      }
    }

    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (state.phase === 'refused' || (state.phase === 'joined' && state.peer.state !== 'open')) return
      const frame = toUint8Array(data)
      metrics.bytesIn.inc(frame.length)
      if (!isBinary) return refuse(CloseCode.unsupportedData, 'text frames are not part of the protocol')
      if (!messages.take() || !bytes.take(frame.length)) return refuse(CloseCode.rateLimited, 'too many messages')
      if (isSyncRequestFrame(frame) && !syncRequests.take()) {
        return refuse(CloseCode.rateLimited, 'too many sync requests')
      }
      if (state.phase === 'joined') state.room.receive(state.peer, frame)
      else state.early.push(frame)
    })
    socket.on('close', () => {
      peerSockets.remove(socket)
      metrics.connections.dec()
      const count = (connectionsByAddress.get(address) ?? 1) - 1
      if (count > 0) connectionsByAddress.set(address, count)
      else connectionsByAddress.delete(address)
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
      log.info({ code, reason: error.message, peer: state.phase === 'joined' ? state.peer.id : undefined }, 'closing connection')
      metrics.closes.inc({ code: String(code) })
    })

    const addressCount = (connectionsByAddress.get(address) ?? 0) + 1
    connectionsByAddress.set(address, addressCount)
    if (addressCount > config.maxConnectionsPerAddress) return refuse(CloseCode.rateLimited, 'too many connections from this address')
    if (!isPadKey(key)) return refuse(CloseCode.unknownPad, 'unknown link')
    store.findPadByKeyHash(hashKey(key)).then(
      (found) => {
        if (socket.readyState !== socket.OPEN || state.phase !== 'looking-up') return
        if (found === null) return refuse(CloseCode.unknownPad, 'unknown link')
        if (isClosing) return refuse(CloseCode.goingAway, 'server shutting down')
        const room = roomFor(found.pad)
        if (room === null) return refuse(CloseCode.tryAgainLater, 'server busy, retry')
        if (room.peerCount >= config.maxConnectionsPerPad) return refuse(CloseCode.rateLimited, 'too many connections to this pad')
        const peer = createPeer(nextPeerId++, found.role, peerSocket)
        const { early } = state
        state = { phase: 'joined', peer, room }
        log.info({ padId: found.pad.id, peer: peer.id, role: found.role }, 'peer joined')
        room.join(peer)
        for (const frame of early) room.receive(peer, frame)
      },
      (error: unknown) => {
        log.error({ err: error }, 'key lookup failed')
        if (error instanceof StoreError) refuse(CloseCode.storeUnavailable, 'storage unavailable, reconnecting')
        else refuse(CloseCode.internalError, 'server error, reconnecting')
      },
    )
  }

  return {
    handleUpgrade(request, socket, head) {
      const key = /^\/ws\/([^/?#]+)/.exec(request.url ?? '')?.[1]
      if (key === undefined || isClosing) {
        socket.end(`HTTP/1.1 ${isClosing ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`)
        return
      }
      const address = clientAddress(request, config.trustProxy)
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, socket, key, address))
    },
    get roomCount() {
      return rooms.size
    },
    padChanged(pad) {
      rooms.get(pad.id)?.updatePad(pad)
      bus?.publish(pad.id, { kind: 'settings', pad })
    },
    padEditKeyRotated(pad) {
      const room = rooms.get(pad.id)
      room?.closeRole(Role.edit, CloseCode.rotated, 'the edit link was changed')
      // Other facilitator pages (the projector's laptop) re-read their links on a settings message.
      room?.updatePad(pad)
      bus?.publish(pad.id, { kind: 'rotated', pad })
    },
    padDeleted(padId) {
      void rooms.get(padId)?.deletePad()
      bus?.publish(padId, { kind: 'deleted' })
    },
    async close() {
      if (isClosing) return
      isClosing = true
      peerSockets.stopPinging()
      await Promise.all([...rooms.values()].map((room) => room.close(CloseCode.goingAway, 'server restarting')))
      peerSockets.closeAll(CloseCode.goingAway, 'server restarting')
      await new Promise<void>((resolve) => wss.close(() => resolve()))
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

/** Where a connection is: its key being looked up (frames wait), joined to its pad's room, or refused before it joined. */
type ConnectionState =
  | { phase: 'looking-up'; early: Uint8Array[] }
  | { phase: 'joined'; peer: Peer; room: Room }
  | { phase: 'refused' }
