/**
 * Who is present in a room and where their cursor is: the room's side of the
 * y-protocols awareness protocol, without a Y.Doc or event emitter. Entries
 * are kept as the JSON text their peer sent, so relaying presence never parses
 * or re-encodes it; the room collects the ids that changed and broadcasts them
 * together (`encode`). Clocks outlive removals, so that a stock provider's
 * echo of an old state cannot bring a cursor back.
 *
 * As in y-protocols, a presence not renewed for `outdatedMs` is dropped
 * (providers renew theirs every 15 s); `expire` is called by the room's timer.
 */
import { encodeAwarenessEntries, type AwarenessEntry } from '../updates/awareness-check'

/** y-protocols' `outdatedTimeout`. */
export const presenceOutdatedMs = 30_000

export interface PresenceTable {
  /** How many clients have a presence now. */
  size(): number
  /** The clock last seen for a client id, removals included; undefined if never seen. */
  clockOf(clientId: number): number | undefined
  has(clientId: number): boolean
  /** Applies entries already checked by the room; returns the ids whose presence changed. */
  apply(entries: readonly AwarenessEntry[], nowMs: number): number[]
  /** Removes these clients' presence (their connection left); returns the ids that had one. */
  remove(clientIds: Iterable<number>): number[]
  /** Removes presences not renewed since `nowMs - outdatedMs`; returns their ids. */
  expire(nowMs: number): number[]
  /** An awareness update carrying these ids' current entries (removals as `null`), or null if none is known. */
  encode(clientIds: Iterable<number>): Uint8Array | null
  /** An awareness update with every present client, or null when nobody is. */
  encodeAll(): Uint8Array | null
}

interface Presence {
  json: string
  updatedAtMs: number
}

const removalJson = 'null'

export function createPresenceTable(outdatedMs = presenceOutdatedMs): PresenceTable {
  const present = new Map<number, Presence>()
  const clocks = new Map<number, number>()

  const entryOf = (clientId: number): AwarenessEntry | null => {
    const clock = clocks.get(clientId)
    if (clock === undefined) return null
    const presence = present.get(clientId)
    return { clientId, clock, json: presence?.json ?? removalJson, isRemoval: presence === undefined }
  }

  const removeEach = (clientIds: Iterable<number>): number[] => {
    const removed: number[] = []
    for (const clientId of clientIds) if (present.delete(clientId)) removed.push(clientId)
    return removed
  }

  const encode = (clientIds: Iterable<number>): Uint8Array | null => {
    const entries: AwarenessEntry[] = []
    for (const clientId of clientIds) {
      const entry = entryOf(clientId)
      if (entry !== null) entries.push(entry)
    }
    return entries.length === 0 ? null : encodeAwarenessEntries(entries)
  }

  return {
    size() {
      return present.size
    },
    clockOf: (clientId) => clocks.get(clientId),
    has: (clientId) => present.has(clientId),
    apply(entries, nowMs) {
      const changed: number[] = []
      for (const entry of entries) {
        clocks.set(entry.clientId, entry.clock)
        if (entry.isRemoval) {
          if (present.delete(entry.clientId)) changed.push(entry.clientId)
        } else {
          present.set(entry.clientId, { json: entry.json, updatedAtMs: nowMs })
          changed.push(entry.clientId)
        }
      }
      return changed
    },
    remove: removeEach,
    expire(nowMs) {
      const outdated: number[] = []
      for (const [clientId, presence] of present) if (nowMs - presence.updatedAtMs >= outdatedMs) outdated.push(clientId)
      return removeEach(outdated)
    },
    encode,
    encodeAll: () => (present.size === 0 ? null : encode(present.keys())),
  }
}
