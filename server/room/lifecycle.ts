/**
 * Where a room is in its life — open, failed, closing — and what each step
 * does: a failure stores what the room accepted before its pages are closed
 * (or says the store is down), and closing settles the inbox, compacts and
 * frees the doc once. It holds no peers and handles no messages (room.ts
 * composes it with the parts that do).
 */
import { CloseCode } from '../../shared/protocol/close-codes'
import type { Logger } from '../log'
import { StoreError } from '../store/store'

/** Why a room closed: it was idle or told to, it failed, or its pad was deleted. */
export type RoomClosing = 'unloaded' | 'failed' | 'deleted'

type RoomPhase =
  | { kind: 'open' }
  /** A handler failed: the doc may differ from the store; nothing more is handled while the room closes. */
  | { kind: 'failed' }
  | { kind: 'closing'; closed: Promise<void>; why: RoomClosing }

export interface RoomLifecycleDeps {
  log: Logger
  /** Drops what the inbox has not handled yet. */
  clearInbox(): void
  /** Stores what the room accepted and has not stored yet. */
  storeBatch(): Promise<void>
  /** Resolves once what the inbox holds is handled. */
  settle(): Promise<void>
  /** Compacts the stored log if it is due (and the room may still store). */
  compact(): Promise<void>
  /** Closing starts: every peer is closed with `code`, timers stop, the relay forgets the room. */
  startClosing(code: number, reason: string): void
  /** Frees the doc once the room is closed. */
  destroy(): void
}

export interface RoomLifecycle {
  isClosing(): boolean
  hasFailed(): boolean
  /** Whether the room may still write to the store (it neither failed nor had its pad deleted). */
  mayStore(): boolean
  /** Anything but a bad message is the room's failure: its doc may now differ from the store. */
  fail(error: unknown): void
  /** Starts closing once (later calls get the same promise); resolves when the room is closed. */
  close(code: number, reason: string, why?: RoomClosing): Promise<void>
}

export function createRoomLifecycle(deps: RoomLifecycleDeps): RoomLifecycle {
  const { log } = deps
  let phase: RoomPhase = { kind: 'open' }
  const hasFailed = (): boolean => phase.kind === 'failed' || (phase.kind === 'closing' && phase.why === 'failed')

  function close(code: number, reason: string, why: RoomClosing = hasFailed() ? 'failed' : 'unloaded'): Promise<void> {
    if (phase.kind === 'closing') return phase.closed
    deps.startClosing(code, reason)
    const closed = deps
      .settle()
      .then(() => deps.compact())
      .catch((error: unknown) => log.warn({ err: error }, 'could not compact while closing'))
      .finally(() => {
        deps.destroy()
        log.debug('room closed')
      })
    phase = { kind: 'closing', closed, why }
    return closed
  }

  function fail(error: unknown): void {
    phase = { kind: 'failed' }
    deps.clearInbox()
    if (error instanceof StoreError) {
      // Nothing unstored was relayed; the pages keep their changes and send them again on reconnecting.
      log.error({ err: error }, 'the store failed; closing the room, nothing more is accepted until it is back')
      void close(CloseCode.storeUnavailable, 'storage unavailable, your changes stay in your page; reconnecting')
      return
    }
    // A bug, not a bad message: the doc may now differ from the store. What
    // the batch accepted is stored first, so that nothing anyone wrote is
    // lost; the pages then reconnect, and the pad they load merges with
    // what they hold. Only if that fails too are they told of a server error.
    log.error({ err: error }, 'room failed; storing what it accepted, then closing it so that the pad reloads from the store')
    deps.storeBatch().then(
      () => close(CloseCode.goingAway, 'the pad is being reloaded, reconnecting'),
      (storeError: unknown) => {
        log.error({ err: storeError }, 'could not store what the failed room accepted')
        return close(CloseCode.internalError, 'server error, reconnecting')
      },
    )
  }

  return {
    isClosing() {
      return phase.kind === 'closing'
    },
    hasFailed() {
      return hasFailed()
    },
    mayStore() {
      return !hasFailed() && !(phase.kind === 'closing' && phase.why === 'deleted')
    },
    fail,
    close,
  }
}
