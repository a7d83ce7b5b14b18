/**
 * Knows which of this page's changes the server already holds, so that the
 * status line can say "not yet saved on the server" and mean it. It keeps the
 * highest clock the server is known to hold for each Yjs client, learned from
 * two sources:
 *
 * - the server's *stored* acks (message type 100, `shared/protocol.ts`): the
 *   server's state vector for the clients a stored message touched;
 * - updates the provider delivered: the server stores an update before it
 *   relays it (DESIGN.md, "Durability"), so whatever it sent us it holds.
 *
 * The page has unsynced changes when its own state vector is ahead of these
 * clocks for some client. Pure and synchronous: no provider, no DOM.
 *
 * Limit: a change that only deletes adds no struct and so does not move a
 * state vector; such a change is not counted until something else is written.
 */
import * as Y from 'yjs'

/** Yjs client id → clock, as `Y.decodeStateVector` returns it. */
export type StateVector = ReadonlyMap<number, number>

export interface SyncTracker {
  /** Records a stored ack: the server holds every clock in `stateVector`. */
  recordStored(stateVector: StateVector): void
  /** Records an update that came from the server, which therefore holds it. */
  recordRemoteUpdate(update: Uint8Array): void
  /** Whether `localStateVector` holds structs the server is not known to hold. */
  hasUnsyncedChanges(localStateVector: StateVector): boolean
  /** The clocks known to be on the server (a copy). */
  serverStateVector(): StateVector
}

export function createSyncTracker(): SyncTracker {
  const serverClocks = new Map<number, number>()
  const merge = (stateVector: StateVector): void => {
    for (const [clientId, clock] of stateVector) {
      if (clock > (serverClocks.get(clientId) ?? 0)) serverClocks.set(clientId, clock)
    }
  }
  return {
    recordStored: merge,
    recordRemoteUpdate(update) {
      // `parseUpdateMeta(...).to` is the end clock of each client's structs in the
      // update. `encodeStateVectorFromUpdate` would not do: it only counts
      // clients whose structs start at clock 0, i.e. never an incremental update.
      merge(Y.parseUpdateMeta(update).to)
    },
    hasUnsyncedChanges(localStateVector) {
      for (const [clientId, clock] of localStateVector) {
        if (clock > (serverClocks.get(clientId) ?? 0)) return true
      }
      return false
    },
    serverStateVector() {
      return new Map(serverClocks)
    },
  }
}

/** The state vector of `doc`, decoded. */
export function readStateVector(doc: Y.Doc): StateVector {
  return Y.decodeStateVector(Y.encodeStateVector(doc))
}
