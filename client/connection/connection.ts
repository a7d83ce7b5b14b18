/**
 * The page's link to the relay: a y-websocket provider for one pad, plus what
 * the stock provider does not know — whether local changes are on the server
 * yet (the server's *stored* acks, counted by `sync-tracker.ts`), why the
 * server closed the connection, and the browser's own online/offline events.
 * It sums all of that up as one `ConnectionState` value for the status line
 * and the composition root; why the link is down and when to connect again
 * is `reconnection.ts`'s part. It does not render anything and does not own
 * the doc.
 *
 * A lock is not final: an edit connection that wrote while the facilitator
 * locked the pad is closed with 4409 and comes back by itself (the page stays
 * read-only meanwhile); what it had typed stays in the doc and reaches the
 * server once the pad is unlocked (`resumeAfterUnlock`).
 */
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import { participantSecretParam } from '../../shared/protocol/participant-id'
import type * as Y from 'yjs'
import { MessageType, padMessagesParam, readStoredPayload } from '../../shared/protocol/messages'
import type { LinkFacts, Reconnection } from './reconnection'
import { createReconnection } from './reconnection'
import type { SyncTracker, WriteKind } from './sync-tracker'
import { classifyOutgoingFrame, createSyncTracker } from './sync-tracker'

export const ConnectionPhase = {
  /** Not connected yet since the page opened. */
  connecting: 'connecting',
  /** Connected and synced with the server. */
  connected: 'connected',
  /** The connection was lost, the browser is offline, or the server closed it for good. */
  offline: 'offline',
} as const

export type ConnectionPhase = (typeof ConnectionPhase)[keyof typeof ConnectionPhase]

export interface ConnectionState {
  phase: ConnectionPhase
  /** Whether the doc holds changes the server is not known to have stored. */
  hasUnsyncedChanges: boolean
  /**
   * The close code that explains the state, if any: a final one (44xx, the
   * provider stopped), or one worth telling while it retries (1009, 4429).
   * Cleared once synced again.
   */
  closeCode: number | null
  /** Whether the connection stopped for good: the link no longer works (4403, 4404, 4410, 4411). */
  isFinal: boolean
}

export interface ConnectionOptions {
  /** WebSocket URL of the relay without the pad key, e.g. `wss://pad.example/ws`. */
  serverUrl: string
  padKey: string
  /** Presented with every connection so the relay knows which participant writes (writers only); null for readers. */
  participantSecret: string | null
  /** Further query parameters of the relay URL, e.g. the facilitation's opt-in (client/facilitation/facilitation-channel.ts). */
  params?: Readonly<Record<string, string>>
  doc: Y.Doc
  /** False for read-only links: the server ignores their writes and never acks them. */
  tracksUnsyncedChanges: boolean
  /** Wait before connecting again after the server said "too many messages" (4429). */
  rateLimitRetryMs: number
}

export interface Connection {
  readonly provider: WebsocketProvider
  readonly awareness: Awareness
  readonly state: ConnectionState
  /** Calls `listener` whenever the state changes; returns the unsubscribe function. */
  onChange(listener: (state: ConnectionState) => void): () => void
  /**
   * The pad was unlocked: come back at once if a lock closed the connection,
   * and make sure what the server refused while locked reaches it.
   */
  resumeAfterUnlock(): void
  close(): void
}

export const defaultRateLimitRetryMs = 10_000

/** What the listeners of one connection share: they report to the tracker and the reconnection, then `refresh`. */
interface ConnectionParts {
  provider: WebsocketProvider
  tracker: SyncTracker
  reconnection: Reconnection
  /** Recomputes the state and tells the listeners if it changed. */
  refresh(): void
}

export function createConnection(options: ConnectionOptions, target: Window = window): Connection {
  const { doc, tracksUnsyncedChanges } = options
  const tracker = createSyncTracker()
  const provider = new WebsocketProvider(options.serverUrl, options.padKey, doc, {
    // Two tabs of one browser must sync through the server, not behind its back.
    disableBc: true,
    // The page understands the server's acknowledgements and settings (stock clients are sent neither).
    params: {
      [padMessagesParam]: '1',
      ...options.params,
      ...(options.participantSecret === null ? {} : { [participantSecretParam]: options.participantSecret }),
    },
    connect: false,
    WebSocketPolyfill: createWriteCountingWebSocket(WebSocket, (kind) => {
      tracker.recordWriteSent(kind)
      refresh()
    }),
  })
  const reconnection = createReconnection(
    { rateLimitRetryMs: options.rateLimitRetryMs, isBrowserOffline: !target.navigator.onLine },
    {
      connect: () => provider.connect(),
      stopProviderRetries: () => {
        provider.shouldConnect = false
      },
    },
  )
  const listeners = new Set<(state: ConnectionState) => void>()
  let state = readState()

  function readState(): ConnectionState {
    const isConnected = provider.wsconnected && provider.synced
    return summarizeState(isConnected, reconnection.facts, tracksUnsyncedChanges && tracker.hasUnsyncedChanges)
  }

  function refresh(): void {
    const next = readState()
    if (isSameState(next, state)) return
    state = next
    for (const listener of listeners) listener(state)
  }

  const parts: ConnectionParts = { provider, tracker, reconnection, refresh }
  followProvider(parts)
  const stopFollowingDoc = followDocUpdates(doc, parts)
  const stopFollowingBrowser = followBrowserNetwork(target, parts)
  if (!reconnection.facts.isBrowserOffline) provider.connect()

  let isClosed = false
  return {
    provider,
    awareness: provider.awareness,
    get state() {
      return state
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    resumeAfterUnlock() {
      if (isClosed || reconnection.facts.isFinal) return
      if (reconnection.resumeAfterLock()) return
      if (provider.wsconnected && tracker.hasUnsyncedChanges) {
        // While locked, the server dropped this socket's sync step 2 without
        // storing or acking it, so its acks no longer line up with the writes
        // counted here. A fresh socket starts the count again, and its
        // handshake's step 2 carries everything typed during the lock.
        provider.disconnect()
        provider.connect()
      }
    },
    close() {
      if (isClosed) return
      isClosed = true
      reconnection.close()
      stopFollowingBrowser()
      stopFollowingDoc()
      listeners.clear()
      provider.destroy()
    },
  }
}

/** The state shown for the provider's connection and the facts about its link. */
function summarizeState(isConnected: boolean, facts: LinkFacts, hasUnsyncedChanges: boolean): ConnectionState {
  const { isBrowserOffline, hasLostConnection, closeCode, isFinal } = facts
  let phase: ConnectionPhase = ConnectionPhase.connecting
  if (isConnected && !isFinal) phase = ConnectionPhase.connected
  else if (isBrowserOffline || isFinal || hasLostConnection || closeCode !== null) phase = ConnectionPhase.offline
  return { phase, hasUnsyncedChanges, closeCode, isFinal }
}

function isSameState(a: ConnectionState, b: ConnectionState): boolean {
  return a.phase === b.phase && a.hasUnsyncedChanges === b.hasUnsyncedChanges && a.closeCode === b.closeCode && a.isFinal === b.isFinal
}

/** The provider's events and the server's acks, told to the tracker and the reconnection. */
function followProvider({ provider, tracker, reconnection, refresh }: ConnectionParts): void {
  // The server's ack (shared/protocol/messages.ts, type 100): how many writes of this
  // connection it has stored. The provider only hands us frames of its current socket.
  provider.messageHandlers[MessageType.stored] = (_encoder, decoder) => {
    tracker.recordStored(readStoredPayload(decoder))
    reconnection.afterStored(tracker.hasUnsyncedChanges)
    refresh()
  }
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'disconnected') forgetRemoteAwarenessClocks(provider.awareness)
    refresh()
  })
  provider.on('sync', (isSynced: boolean) => {
    if (isSynced) reconnection.afterSynced(tracker.hasUnsyncedChanges)
    refresh()
  })
  provider.on('connection-close', (event: CloseEvent | null) => {
    tracker.recordConnectionClosed()
    reconnection.afterConnectionClose(event)
    refresh()
  })
  provider.on('closed', ({ code }: { code: number; reason: string }) => {
    reconnection.afterClosed(code)
    refresh()
  })
}

/** Counts local changes the provider could not send; returns the function that stops. */
function followDocUpdates(doc: Y.Doc, { provider, tracker, refresh }: ConnectionParts): () => void {
  const onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === provider) return
    // y-websocket sends a local update only on an open socket (its
    // `broadcastMessage`); otherwise the next sync step 2 has to carry it.
    const socket = provider.ws
    const isSent = provider.wsconnected && socket !== null && socket.readyState === socket.OPEN
    if (!isSent) tracker.recordUnsentChange()
    refresh()
  }
  doc.on('update', onDocUpdate)
  return () => doc.off('update', onDocUpdate)
}

/**
 * Browsers notice a dead network long before a WebSocket does (up to 30 s of
 * silence in y-websocket): follow their online/offline events. Returns the
 * function that stops.
 */
function followBrowserNetwork(target: Window, { provider, reconnection, refresh }: ConnectionParts): () => void {
  const onOffline = (): void => {
    reconnection.goOffline()
    provider.disconnect()
    refresh()
  }
  const onOnline = (): void => {
    reconnection.goOnline()
    refresh()
  }
  target.addEventListener('offline', onOffline)
  target.addEventListener('online', onOnline)
  return () => {
    target.removeEventListener('offline', onOffline)
    target.removeEventListener('online', onOnline)
  }
}

/**
 * On disconnect the provider removes everyone else's awareness state but
 * y-protocols keeps their clocks; when the server sends the same states again
 * on reconnect, they are not newer and get ignored, so people would vanish
 * from presence until they next move. Forgetting the clocks of clients
 * without a state lets those states back in.
 */
function forgetRemoteAwarenessClocks(awareness: Awareness): void {
  for (const clientId of [...awareness.meta.keys()]) {
    if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.delete(clientId)
  }
}

type WebSocketClass = typeof WebSocket

/**
 * A WebSocket class for the provider that reports each write frame (update or
 * sync step 2) it actually sends, so that acks can be matched to writes. The
 * provider keeps one socket at a time and sends only on its current one.
 */
function createWriteCountingWebSocket(base: WebSocketClass, onWriteSent: (kind: WriteKind) => void): WebSocketClass {
  return class WriteCountingWebSocket extends base {
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      super.send(data)
      if (data instanceof Uint8Array && this.readyState === this.OPEN) {
        const kind = classifyOutgoingFrame(data)
        if (kind !== null) onWriteSent(kind)
      }
    }
  }
}
