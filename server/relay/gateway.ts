/**
 * The WebSocket gateway: accepts upgrades on `/ws/<key>` and hands each
 * connection over (connection.ts: key lookup, limits, the join), with the
 * pad's room from the relay's rooms (rooms.ts). It owns the WebSocket server,
 * the sockets' liveness pings (peer-sockets.ts) and the shutdown: every room
 * stores what it holds before the sockets close. It does not interpret
 * messages (room/messages.ts) or serve HTTP (api/http.ts).
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { CloseCode } from '../../shared/protocol/close-codes'
import { isParticipantSecret, participantIdOf, participantSecretParam } from '../../shared/protocol/participant-id'
import { facilitationParam } from '../../shared/facilitation/facilitation-command'
import { padMessagesParam } from '../../shared/protocol/messages'
import type { LivePads } from '../api/live-pads'
import type { PadChangeListener } from '../api/pad-api'
import { clientAddress } from '../client-address'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { PadBus } from '../scale-out/pad-bus'
import type { Store } from '../store/store'
import { acceptConnection, createAddressCounts } from './connection'
import { createPeerSockets } from './peer-sockets'
import { createProxyHint } from './proxy-hint'
import { createRelayRooms } from './rooms'

export interface Relay extends PadChangeListener, LivePads {
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
  /** Time for the rooms' timers; the system clock by default. */
  clock?: Clock
}

/** How often idle connections are pinged; one that has not answered the previous ping is dropped. */
const pingIntervalMs = 30_000
/** How long a connection asked to prove it is alive (a client id conflict) has to answer. */
const probeTimeoutMs = 3_000

export function createRelay(config: Config, deps: RelayDeps): Relay {
  const { store, log, metrics } = deps
  const rooms = createRelayRooms(config, { store, log, metrics, bus: deps.bus ?? null, clock: deps.clock })
  const peerSockets = createPeerSockets({ maxBufferedBytes: config.maxBufferedBytes, pingIntervalMs, probeTimeoutMs }, { log, metrics })
  const addresses = createAddressCounts()
  let nextPeerId = 1
  let isClosing = false
  const connectionDeps = {
    store,
    rooms,
    peerSockets,
    log,
    metrics,
    addresses,
    proxyHint: createProxyHint(config.trustProxy, (address, count) =>
      log.warn(
        { address, connections: count },
        'many connections come from one loopback or private address: behind a reverse proxy, set TRUST_PROXY=true (and have the proxy set X-Forwarded-For) so that per-address limits count each client, not the proxy',
      ),
    ),
    isClosing: () => isClosing,
    nextPeerId: () => nextPeerId++,
  }
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes,
    // Yjs updates are already compact; deflate would cost CPU on every frame.
    perMessageDeflate: false,
  })

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://localhost')
      const key = /^\/ws\/([^/]+)/.exec(url.pathname)?.[1]
      if (key === undefined || isClosing) {
        socket.end(`HTTP/1.1 ${isClosing ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`)
        return
      }
      const address = clientAddress(request, config.trustProxy)
      const participantId = readParticipantId(url.searchParams.get(participantSecretParam))
      const who = {
        key,
        address,
        participantId,
        wantsFacilitation: url.searchParams.get(facilitationParam) === '1',
        understandsPadMessages: url.searchParams.get(padMessagesParam) === '1',
      }
      wss.handleUpgrade(request, socket, head, (ws) => acceptConnection(ws, socket, who, config, connectionDeps))
    },
    get roomCount() {
      return rooms.size
    },
    padChanged: (pad) => rooms.padChanged(pad),
    padEditKeyRotated: (pad) => rooms.padEditKeyRotated(pad),
    padDeleted: (padId) => rooms.padDeleted(padId),
    takeVersion: (pad, request) => rooms.takeVersion(pad, request),
    restoreVersion: (pad, version, restoredBy) => rooms.restoreVersion(pad, version, restoredBy),
    async close() {
      if (isClosing) return
      isClosing = true
      peerSockets.stopPinging()
      await rooms.closeAll(CloseCode.goingAway, 'server restarting')
      peerSockets.closeAll(CloseCode.goingAway, 'server restarting')
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}

/** The participant id of a presented secret; null when there is none or it is malformed (the connection then credits nobody). */
function readParticipantId(secret: string | null): string | null {
  return secret !== null && isParticipantSecret(secret) ? participantIdOf(secret) : null
}
