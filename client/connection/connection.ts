/**
 * The page's link to the relay: a y-websocket provider for one pad, plus what
 * the stock provider does not know — whether local changes are on the server
 * yet (the server's *stored* acks, counted by `sync-tracker.ts`), why the
 * server closed the connection, and the browser's own online/offline events.
 * It sums all of that up as one `ConnectionState` value for the status line
 * and the composition root. It does not render anything and does not own the
 * doc.
 *
 * A lock is not final: an edit connection that wrote while the facilitator
 * locked the pad is closed with 4409 and comes back by itself (the page stays
 * read-only meanwhile); what it had typed stays in the doc and reaches the
 * server once the pad is unlocked (`resumeAfterUnlock`).
 */
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { CloseCode, isReconnectable } from '../../shared/protocol/close-codes'
import { MessageType, readStoredPayload } from '../../shared/protocol/messages'
import type { WriteKind } from './sync-tracker'
import { reconnectDelayMs, retryDelayMs, retryPolicies } from '../../shared/protocol/retry-delay'
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

/**
 * Wait before coming back after a lock closed the connection (4409), doubled
 * at each new 4409 up to its maximum (`retryPolicies.lockedPad`): the first comes back about a
 * second later and learns the lock from the server's settings; a server that
 * keeps refusing the handshake is not hammered.
 */
export function lockedRetryDelayMs(attempt: number): number {
  return retryDelayMs(retryPolicies.lockedPad, attempt)
}


/** Close codes that are told to the user while the provider keeps retrying. */
const transientExplainedCodes: readonly number[] = [CloseCode.messageTooBig, CloseCode.rateLimited, CloseCode.storeUnavailable]

export function createConnection(options: ConnectionOptions, target: Window = window): Connection {
  const { doc, tracksUnsyncedChanges } = options
  const tracker = createSyncTracker()
  const provider = new WebsocketProvider(options.serverUrl, options.padKey, doc, {
    // Two tabs of one browser must sync through the server, not behind its back.
    disableBc: true,
    connect: false,
    WebSocketPolyfill: createWriteCountingWebSocket(WebSocket, (kind) => {
      tracker.recordWriteSent(kind)
      refresh()
    }),
  })
  const listeners = new Set<(state: ConnectionState) => void>()

  let isBrowserOffline = !target.navigator.onLine
  let hasLostConnection = false
  let closeCode: number | null = null
  let isFinal = false
  let rateLimitTimer: ReturnType<typeof setTimeout> | null = null
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null
  let reconnectAttempt = 0
  let lockedRetryTimer: ReturnType<typeof setTimeout> | null = null
  let lockedRetryAttempt = 0
  let state = computeState()

  function computeState(): ConnectionState {
    const isConnected = provider.wsconnected && provider.synced
    let phase: ConnectionPhase = ConnectionPhase.connecting
    if (isConnected && !isFinal) phase = ConnectionPhase.connected
    else if (isBrowserOffline || isFinal || hasLostConnection || closeCode !== null) phase = ConnectionPhase.offline
    return {
      phase,
      hasUnsyncedChanges: tracksUnsyncedChanges && tracker.hasUnsyncedChanges,
      closeCode,
      isFinal,
    }
  }

  function refresh(): void {
    const next = computeState()
    if (
      next.phase === state.phase &&
      next.hasUnsyncedChanges === state.hasUnsyncedChanges &&
      next.closeCode === state.closeCode &&
      next.isFinal === state.isFinal
    ) {
      return
    }
    state = next
    for (const listener of listeners) listener(state)
  }

  // The server's ack (shared/protocol/messages.ts, type 100): how many writes of this
  // connection it has stored. The provider only hands us frames of its current socket.
  provider.messageHandlers[MessageType.stored] = (_encoder, decoder) => {
    tracker.recordStored(readStoredPayload(decoder))
    clearTooBigOnceSaved()
    refresh()
  }

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

  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'disconnected') forgetRemoteAwarenessClocks(provider.awareness)
    refresh()
  })
  provider.on('sync', (isSynced: boolean) => {
    if (isSynced) {
      reconnectAttempt = 0
      hasLostConnection = false
      if (closeCode === CloseCode.messageTooBig) clearTooBigOnceSaved()
      else closeCode = null
    }
    refresh()
  })
  provider.on('connection-close', (event: CloseEvent | null) => {
    tracker.recordConnectionClosed()
    hasLostConnection = true
    if (event !== null && transientExplainedCodes.includes(event.code)) closeCode = event.code
    if (event !== null && isReconnectable(event.code) && !isBrowserOffline) scheduleReconnect()
    refresh()
  })
  provider.on('closed', ({ code }: { code: number; reason: string }) => {
    closeCode = code
    if (code === CloseCode.rateLimited) {
      // The limit is about bursts (a long paste): waiting a little is enough, and
      // giving up would leave a participant silently offline for the workshop.
      scheduleRateLimitRetry()
    } else if (code === CloseCode.locked) {
      // A write raced the lock: the page goes read-only and comes back to hear
      // the lock (or the unlock) from the server's settings.
      scheduleLockedRetry()
    } else {
      isFinal = !isReconnectable(code)
    }
    refresh()
  })

  // "Too big" stays said while the change that was too big is unsaved: the
  // provider reconnects and syncs at once, then the same write closes it again.
  function clearTooBigOnceSaved(): void {
    if (closeCode === CloseCode.messageTooBig && !tracker.hasUnsyncedChanges) closeCode = null
  }

  // The provider would retry on its own fixed schedule; it is told not to
  // (its pending retry then does nothing) and we retry with jitter instead.
  function scheduleReconnect(): void {
    provider.shouldConnect = false
    if (reconnectTimer !== null) clearTimeout(reconnectTimer)
    const delayMs = reconnectDelayMs(reconnectAttempt)
    reconnectAttempt += 1
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null
      if (!isBrowserOffline && !isFinal && rateLimitTimer === null && lockedRetryTimer === null) provider.connect()
    }, delayMs)
  }

  function scheduleLockedRetry(): void {
    if (lockedRetryTimer !== null) clearTimeout(lockedRetryTimer)
    const delayMs = lockedRetryDelayMs(lockedRetryAttempt)
    lockedRetryAttempt += 1
    lockedRetryTimer = setTimeout(() => {
      lockedRetryTimer = null
      if (!isBrowserOffline && !isFinal && rateLimitTimer === null) provider.connect()
    }, delayMs)
  }

  function scheduleRateLimitRetry(): void {
    if (rateLimitTimer !== null) clearTimeout(rateLimitTimer)
    rateLimitTimer = setTimeout(() => {
      rateLimitTimer = null
      if (!isBrowserOffline && !isFinal) provider.connect()
    }, options.rateLimitRetryMs)
  }

  // Browsers notice a dead network long before a WebSocket does (up to 30 s of
  // silence in y-websocket): follow their online/offline events.
  const onOffline = (): void => {
    isBrowserOffline = true
    provider.disconnect()
    refresh()
  }
  const onOnline = (): void => {
    isBrowserOffline = false
    if (reconnectTimer !== null) clearTimeout(reconnectTimer)
    reconnectTimer = null
    if (!isFinal && rateLimitTimer === null && lockedRetryTimer === null) provider.connect()
    refresh()
  }
  target.addEventListener('offline', onOffline)
  target.addEventListener('online', onOnline)

  if (!isBrowserOffline) provider.connect()

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
      if (isClosed || isFinal) return
      lockedRetryAttempt = 0
      if (lockedRetryTimer !== null) {
        clearTimeout(lockedRetryTimer)
        lockedRetryTimer = null
        if (!isBrowserOffline && rateLimitTimer === null) provider.connect()
        return
      }
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
      if (lockedRetryTimer !== null) clearTimeout(lockedRetryTimer)
      if (rateLimitTimer !== null) clearTimeout(rateLimitTimer)
      if (reconnectTimer !== null) clearTimeout(reconnectTimer)
      target.removeEventListener('offline', onOffline)
      target.removeEventListener('online', onOnline)
      doc.off('update', onDocUpdate)
      listeners.clear()
      provider.destroy()
    },
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
