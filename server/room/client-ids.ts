/**
 * Which connection speaks for each Yjs client id in a room (DESIGN.md, "Bad
 * input"): an id belongs to one live connection of this instance, or to a
 * peer of another instance while that instance is alive. A write or a
 * presence under someone else's id is refused with 1013: most often an
 * honest reconnect whose old socket has not closed yet, which then retries.
 * It does not close anyone (the room does) and keeps no time.
 */
import { CloseCode } from '../../shared/protocol/close-codes'
import { ProtocolError } from '../../shared/protocol/messages'
import type { Peer } from '../relay/peer'

/** A client id claimed by another live connection: maybe a reconnect whose old socket is not closed yet. */
export class ClientIdConflict extends ProtocolError {
  constructor(
    readonly clientId: number,
    /** The local connection that holds it, or null when a peer of another instance does. */
    readonly holder: Peer | null,
  ) {
    super(`client id ${clientId} is in use by another connection; retry`, CloseCode.tryAgainLater)
  }
}

export interface ClientIdOwners {
  /** Gives `peer` these ids, or throws a ClientIdConflict and gives none. */
  claim(peer: Peer, clientIds: Iterable<number>): void
  /** Frees the ids `peer` held (it left); returns every id it had claimed. */
  release(peer: Peer): number[]
  /** Whether a connection of this instance holds the id. */
  isLocal(clientId: number): boolean
  /** The ids this instance's connections hold. */
  localIds(): IterableIterator<number>
  /** Another instance's peer wrote or spoke under the id (ignored when one of ours holds it). */
  noteRemote(clientId: number, instanceId: string): void
  /** Another instance's peers released these ids. */
  forgetRemote(clientIds: Iterable<number>, instanceId: string): void
  /** The link to the other instances was lost: who holds what there is no longer known. */
  forgetAllRemote(): void
}

/** `isInstanceAlive` says whether the instance that spoke for an id is still up; a dead one's ids are free. */
export function createClientIdOwners(isInstanceAlive: (instanceId: string) => boolean): ClientIdOwners {
  const owners = new Map<number, Peer>()
  const remoteOwners = new Map<number, string>()
  return {
    claim(peer, clientIds) {
      const ids = [...clientIds]
      for (const clientId of ids) {
        const holder = owners.get(clientId)
        if (holder !== undefined && holder !== peer) throw new ClientIdConflict(clientId, holder)
        const remoteHolder = remoteOwners.get(clientId)
        if (remoteHolder !== undefined) {
          if (isInstanceAlive(remoteHolder)) throw new ClientIdConflict(clientId, null)
          remoteOwners.delete(clientId)
        }
      }
      for (const clientId of ids) {
        owners.set(clientId, peer)
        peer.clientIds.add(clientId)
      }
    },
    release(peer) {
      const ids = [...peer.clientIds]
      for (const id of ids) if (owners.get(id) === peer) owners.delete(id)
      return ids
    },
    isLocal: (clientId) => owners.has(clientId),
    localIds: () => owners.keys(),
    noteRemote(clientId, instanceId) {
      if (!owners.has(clientId)) remoteOwners.set(clientId, instanceId)
    },
    forgetRemote(clientIds, instanceId) {
      for (const clientId of clientIds) if (remoteOwners.get(clientId) === instanceId) remoteOwners.delete(clientId)
    },
    forgetAllRemote: () => remoteOwners.clear(),
  }
}
