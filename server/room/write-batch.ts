/**
 * The writes a room has applied to its doc but not stored yet: the updates
 * to append (as one, merged), and how many write messages each peer sent,
 * to acknowledge once they are stored. Pure bookkeeping: storing, relaying
 * and acknowledging are the room's.
 */
import type { Peer } from '../relay/peer'

export interface TakenWrites {
  updates: Uint8Array[]
  writers: Map<Peer, number>
}

export interface WriteBatch {
  bytes(): number
  isEmpty(): boolean
  updates(): readonly Uint8Array[]
  /** Keeps an update to store. */
  keep(update: Uint8Array): void
  /** Counts one write message of `peer` (kept or not: an empty step 2 is acknowledged too). */
  countWrite(peer: Peer): void
  /** Where the batch stands now, to `rollBack` to if what follows is refused. */
  mark(): number
  rollBack(mark: number): void
  /** Empties the batch and returns what it held. */
  take(): TakenWrites
  /** Puts back what `take` returned and could not be stored, before anything kept since. */
  putBack(taken: TakenWrites): void
}

export function createWriteBatch(): WriteBatch {
  let updates: Uint8Array[] = []
  let bytes = 0
  let writers = new Map<Peer, number>()
  const sumBytes = (): number => updates.reduce((sum, update) => sum + update.length, 0)
  return {
    bytes() {
      return bytes
    },
    isEmpty() {
      return updates.length === 0 && writers.size === 0
    },
    updates() {
      return updates
    },
    keep(update) {
      updates.push(update)
      bytes += update.length
    },
    countWrite(peer) {
      writers.set(peer, (writers.get(peer) ?? 0) + 1)
    },
    mark: () => updates.length,
    rollBack(mark) {
      updates.length = mark
      bytes = sumBytes()
    },
    take() {
      const taken = { updates, writers }
      updates = []
      bytes = 0
      writers = new Map()
      return taken
    },
    putBack(taken) {
      updates = [...taken.updates, ...updates]
      bytes = sumBytes()
      const since = writers
      writers = new Map(taken.writers)
      for (const [peer, count] of since) writers.set(peer, (writers.get(peer) ?? 0) + count)
    },
  }
}
