/**
 * A room's presence: who is here and where their cursor is (the presence
 * table), and the relaying of its changes, together at most every
 * `intervalMs` (cursor moves need not be instant; longer in a big room) to every connection and,
 * for this instance's own peers, to the other instances. Presences not
 * renewed are dropped on a timer that runs only while someone is present
 * (a pad that is only read costs no timer). It does not check who may speak
 * for a client id (client-ids.ts) nor parse awareness messages
 * (awareness-check.ts).
 */
import type { Clock, Timer } from '../../clock'
import type { AwarenessEntry } from '../updates/awareness-check'
import { createPresenceTable, type PresenceTable } from './presence-table'

export interface PresenceRelayOptions {
  /** Presence changes are relayed together at most this often (or less often: `writesIntervalMs`). */
  intervalMs: number
  /** How often presences that were not renewed are looked for. */
  expiryCheckMs: number
}

export interface PresenceRelayDeps {
  clock: Clock
  /** Sends an awareness update to every connection of the room. */
  broadcast(update: Uint8Array): void
  /** Publishes an awareness update of this instance's peers to the other instances, or null when alone. */
  publish: ((update: Uint8Array) => void) | null
  /** Called after each relay: the room may now be settled. */
  onRelayed(): void
  /**
   * How long the room's writes wait between two relays now (writes.ts): in a
   * big room, presence waits at least twice that, so that while people type
   * each relay of writes takes the waiting presence along (`relayWaitingNow`)
   * and every socket gets one write for both, not one for each.
   */
  writesIntervalMs(): number
}

export interface PresenceRelay {
  readonly table: Pick<PresenceTable, 'clockOf' | 'size' | 'encode' | 'encodeAll'>
  /** Applies checked entries; `isLocal` when they come from this instance's peers. */
  apply(entries: readonly AwarenessEntry[], isLocal: boolean): void
  /** Removes these clients' presence (their connection left this instance). */
  remove(clientIds: Iterable<number>): void
  /** Relays what changed, now or when the interval allows. */
  relaySoon(): void
  /** Relays now what waits for its turn (it then leaves with the writes, in the same system call per socket). */
  relayWaitingNow(): void
  /** Whether changes wait for their turn. */
  isWaiting(): boolean
  /** Stops every timer; nothing more is relayed. Idempotent. */
  close(): void
}

export function createPresenceRelay(options: PresenceRelayOptions, deps: PresenceRelayDeps): PresenceRelay {
  const { clock } = deps
  const table = createPresenceTable()
  /** Client ids whose presence changed since it was last relayed… */
  const changed = new Set<number>()
  /** …and those of them that are this instance's peers, published to the others. */
  const localChanged = new Set<number>()
  let relayTimer: Timer | null = null
  let lastRelayMs = 0
  let expiryTimer: Timer | null = null
  let isClosed = false

  const mark = (clientIds: readonly number[], isLocal: boolean): void => {
    if (expiryTimer === null && table.size() > 0 && !isClosed) expiryTimer = clock.setTimeout(expire, options.expiryCheckMs)
    for (const clientId of clientIds) {
      changed.add(clientId)
      if (isLocal && deps.publish !== null) localChanged.add(clientId)
    }
  }

  function expire(): void {
    expiryTimer = null
    // `mark` arms the next check while anyone is still present: one timer at a time.
    mark(table.expire(clock.now()), false)
    relaySoon()
  }

  function relaySoon(): void {
    if (changed.size === 0 || relayTimer !== null || isClosed) return
    const wait = lastRelayMs + Math.max(options.intervalMs, 2 * deps.writesIntervalMs()) - clock.now()
    if (wait > 0) {
      relayTimer = clock.setTimeout(relay, wait)
      return
    }
    relay()
  }

  function relay(): void {
    relayTimer = null
    lastRelayMs = clock.now()
    const update = table.encode(changed)
    changed.clear()
    if (update !== null) deps.broadcast(update)
    if (localChanged.size > 0) {
      const local = table.encode(localChanged)
      localChanged.clear()
      if (local !== null) deps.publish?.(local)
    }
    deps.onRelayed()
  }

  return {
    table,
    apply(entries, isLocal) {
      mark(table.apply(entries, clock.now()), isLocal)
    },
    remove(clientIds) {
      mark(table.remove(clientIds), true)
    },
    relaySoon,
    relayWaitingNow() {
      if (relayTimer === null) return
      clock.clearTimeout(relayTimer)
      relay()
    },
    isWaiting() {
      return relayTimer !== null
    },
    close() {
      isClosed = true
      if (expiryTimer !== null) clock.clearTimeout(expiryTimer)
      if (relayTimer !== null) clock.clearTimeout(relayTimer)
      expiryTimer = null
      relayTimer = null
    },
  }
}
