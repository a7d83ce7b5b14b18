/**
 * Why the page's connection is down and when it comes back: the facts the
 * provider and the browser reported (offline, connection lost, the server's
 * close code, a link that no longer works) and the three waits before
 * connecting again — after a lost connection (with jitter, instead of the
 * provider's fixed schedule), after "too many messages" (4429) and after a
 * lock, or the credit check, refused a write (4409, 4422: growing waits). `connection.ts` feeds it the
 * provider's and the browser's events and reads `facts`; this part owns the
 * timers and does not listen to anything itself.
 */
import { CloseCode, isReconnectable } from '../../shared/protocol/close-codes'
import { reconnectDelayMs, retryDelayMs, retryPolicies } from '../../shared/protocol/retry-delay'

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

/** What is known about the link to the relay, besides the provider's own flags. */
export interface LinkFacts {
  readonly isBrowserOffline: boolean
  readonly hasLostConnection: boolean
  /** See `ConnectionState.closeCode`. */
  readonly closeCode: number | null
  readonly isFinal: boolean
}

export interface ReconnectionConfig {
  /** Wait before connecting again after the server said "too many messages" (4429). */
  rateLimitRetryMs: number
  isBrowserOffline: boolean
}

export interface ReconnectionDeps {
  /** Opens a new socket (the provider's `connect`). */
  connect(): void
  /** Tells the provider not to retry on its own schedule. */
  stopProviderRetries(): void
}

export interface Reconnection {
  readonly facts: LinkFacts
  /** The provider synced with the server; `hasUnsyncedChanges` is the tracker's. */
  afterSynced(hasUnsyncedChanges: boolean): void
  /** The server acked stored writes. */
  afterStored(hasUnsyncedChanges: boolean): void
  /** The provider's socket closed (`event` is null when the provider closed it itself). */
  afterConnectionClose(event: Pick<CloseEvent, 'code'> | null): void
  /** The server closed the connection with `code` (the provider's `closed` event). */
  afterClosed(code: number): void
  /** The browser went offline: call before disconnecting the provider. */
  goOffline(): void
  /** The browser is online again: connects at once unless a wait of the server's is pending. */
  goOnline(): void
  /**
   * The pad was unlocked: a pending retry after a lock happens at once.
   * Returns whether one was pending.
   */
  resumeAfterLock(): boolean
  close(): void
}

export function createReconnection(config: ReconnectionConfig, deps: ReconnectionDeps): Reconnection {
  let isBrowserOffline = config.isBrowserOffline
  let hasLostConnection = false
  let closeCode: number | null = null
  let isFinal = false

  /** Connects unless the browser is offline, the link is dead, or one of `waits` is pending. */
  const connectUnlessWaiting = (waits: readonly RetryTimer[]): void => {
    if (!isBrowserOffline && !isFinal && waits.every((wait) => !wait.isPending)) deps.connect()
  }
  // A wait the server asked for (4429, then 4409) outlasts the others.
  const rateLimitRetry = createRetryTimer(() => config.rateLimitRetryMs, () => connectUnlessWaiting([]))
  const lockedRetry = createRetryTimer(lockedRetryDelayMs, () => connectUnlessWaiting([rateLimitRetry]))
  const reconnectRetry = createRetryTimer(reconnectDelayMs, () => connectUnlessWaiting([rateLimitRetry, lockedRetry]))

  // "Too big" stays said while the change that was too big is unsaved: the
  // provider reconnects and syncs at once, then the same write closes it again.
  const clearTooBigOnceSaved = (hasUnsyncedChanges: boolean): void => {
    if (closeCode === CloseCode.messageTooBig && !hasUnsyncedChanges) closeCode = null
  }

  return {
    get facts() {
      return { isBrowserOffline, hasLostConnection, closeCode, isFinal }
    },
    afterSynced(hasUnsyncedChanges) {
      reconnectRetry.resetAttempts()
      hasLostConnection = false
      if (closeCode === CloseCode.messageTooBig) clearTooBigOnceSaved(hasUnsyncedChanges)
      else closeCode = null
    },
    afterStored: clearTooBigOnceSaved,
    afterConnectionClose(event) {
      hasLostConnection = true
      if (event !== null && transientExplainedCodes.includes(event.code)) closeCode = event.code
      if (event !== null && isReconnectable(event.code) && !isBrowserOffline) {
        // The provider would retry on its own fixed schedule; it is told not to
        // (its pending retry then does nothing) and we retry with jitter instead.
        deps.stopProviderRetries()
        reconnectRetry.schedule()
      }
    },
    afterClosed(code) {
      closeCode = code
      if (code === CloseCode.rateLimited) {
        // The limit is about bursts (a long paste): waiting a little is enough, and
        // giving up would leave a participant silently offline for the workshop.
        rateLimitRetry.schedule()
      } else if (code === CloseCode.locked || code === CloseCode.creditRefused) {
        // A write raced the lock: the page goes read-only and comes back to hear
        // the lock (or the unlock) from the server's settings. Or the server
        // refused a write's credits: the page gives back what it carried over
        // (people/authorship-plugin.ts) and comes back with that.
        lockedRetry.schedule()
      } else {
        isFinal = !isReconnectable(code)
      }
    },
    goOffline() {
      isBrowserOffline = true
    },
    goOnline() {
      isBrowserOffline = false
      reconnectRetry.cancel()
      connectUnlessWaiting([rateLimitRetry, lockedRetry])
    },
    resumeAfterLock() {
      lockedRetry.resetAttempts()
      if (!lockedRetry.isPending) return false
      lockedRetry.cancel()
      connectUnlessWaiting([rateLimitRetry])
      return true
    },
    close() {
      lockedRetry.cancel()
      rateLimitRetry.cancel()
      reconnectRetry.cancel()
    },
  }
}

/** One wait before connecting again, growing with each attempt as `delayMs` says. */
interface RetryTimer {
  readonly isPending: boolean
  /** Starts the next wait (replacing a pending one); `onDue` runs at its end. */
  schedule(): void
  cancel(): void
  resetAttempts(): void
}

function createRetryTimer(delayMs: (attempt: number) => number, onDue: () => void): RetryTimer {
  let timer: ReturnType<typeof setTimeout> | null = null
  let attempt = 0
  return {
    get isPending() {
      return timer !== null
    },
    schedule() {
      if (timer !== null) clearTimeout(timer)
      const waitMs = delayMs(attempt)
      attempt += 1
      timer = setTimeout(() => {
        timer = null
        onDue()
      }, waitMs)
    },
    cancel() {
      if (timer !== null) clearTimeout(timer)
      timer = null
    },
    resetAttempts() {
      attempt = 0
    },
  }
}
