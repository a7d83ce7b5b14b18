/**
 * The WebSocket relay: accepts upgrades on `/ws/<key>`, resolves the key to a
 * pad and a role, and hands the connection to that pad's room, creating the
 * room on first join. It owns its rooms and forgets each one as it closes. It
 * does not interpret messages (room.ts) or serve HTTP (http.ts).
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { CloseCode } from '../shared/close-codes'
import { isPadKey } from '../shared/pad-link'
import type { Config } from './config'
import type { Logger } from './log'
import { hashKey } from './pad-keys'
import { closePeer, createPeer, type Peer } from './peer'
import { createRoom, type Room } from './room'
import type { Store } from './store'

export interface Relay {
  /** Takes over an HTTP upgrade request; answers 404 for paths other than `/ws/<key>`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void
  readonly roomCount: number
  /** Closes every connection with 1001 (clients reconnect elsewhere) once every room has stored everything. */
  close(): Promise<void>
}

export interface RelayDeps {
  store: Store
  log: Logger
}

/** How often idle connections are pinged; one that has not answered the previous ping is dropped. */
const pingIntervalMs = 30_000

export function createRelay(config: Config, deps: RelayDeps): Relay {
  const { store, log } = deps
  const rooms = new Map<string, Room>()
  const sockets = new Set<WebSocket>()
  const unanswered = new WeakSet<WebSocket>()
  let nextPeerId = 1
  let isClosing = false

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes,
    // Yjs updates are already compact; deflate would cost CPU on every frame.
    perMessageDeflate: false,
  })

  const pinger = setInterval(() => {
    for (const socket of sockets) {
      if (unanswered.has(socket)) {
        socket.terminate()
        continue
      }
      unanswered.add(socket)
      socket.ping()
    }
  }, pingIntervalMs)
  pinger.unref()

  function roomFor(padId: string): Room {
    let room = rooms.get(padId)
    if (room === undefined) {
      room = createRoom(
        padId,
        { compactAfterUpdates: config.compactAfterUpdates, idleMs: config.roomIdleMs },
        { store, log, onClose: (closed) => rooms.get(padId) === closed && rooms.delete(padId) },
      )
      rooms.set(padId, room)
    }
    return room
  }

  function accept(socket: WebSocket, key: string): void {
    sockets.add(socket)
    socket.on('pong', () => unanswered.delete(socket))
    let peer: Peer | null = null
    let room: Room | null = null
    // Frames that arrive while the key is being looked up keep their order.
    const early: Uint8Array[] = []
    let closeBeforeJoin: { code: number; reason: string } | null = null
    const socketAdapter = {
      send: (frame: Uint8Array) => socket.send(frame),
      close: (code: number, reason: string) => socket.close(code, reason),
    }

    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        const reason = 'text frames are not part of the protocol'
        if (peer !== null) closePeer(peer, CloseCode.unsupportedData, reason)
        else closeBeforeJoin ??= { code: CloseCode.unsupportedData, reason }
        return
      }
      const frame = toUint8Array(data)
      if (room !== null && peer !== null) room.receive(peer, frame)
      else early.push(frame)
    })
    socket.on('close', () => {
      sockets.delete(socket)
      if (room !== null && peer !== null) room.leave(peer)
    })
    socket.on('error', (error) => log.debug({ err: error }, 'socket error'))

    const refuse = (code: number, reason: string): void => {
      log.info({ code, reason }, 'connection refused')
      socket.close(code, reason)
    }
    if (!isPadKey(key)) {
      refuse(CloseCode.unknownPad, 'unknown link')
      return
    }
    store.findPadByKeyHash(hashKey(key)).then(
      (found) => {
        if (socket.readyState !== socket.OPEN) return
        if (found === null) return refuse(CloseCode.unknownPad, 'unknown link')
        if (isClosing) return refuse(CloseCode.goingAway, 'server shutting down')
        const joined = createPeer(nextPeerId++, found.role, socketAdapter)
        if (closeBeforeJoin !== null) return closePeer(joined, closeBeforeJoin.code, closeBeforeJoin.reason)
        peer = joined
        room = roomFor(found.pad.id)
        log.info({ padId: found.pad.id, peer: joined.id, role: found.role }, 'peer joined')
        room.join(joined)
        for (const frame of early.splice(0)) room.receive(joined, frame)
      },
      (error: unknown) => {
        log.error({ err: error }, 'key lookup failed')
        socket.close(CloseCode.internalError, 'server error, reconnecting')
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
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, key))
    },
    get roomCount() {
      return rooms.size
    },
    async close() {
      if (isClosing) return
      isClosing = true
      clearInterval(pinger)
      await Promise.all([...rooms.values()].map((room) => room.close(CloseCode.goingAway, 'server restarting')))
      for (const socket of sockets) socket.close(CloseCode.goingAway, 'server restarting')
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}
