/**
 * A room's side of the other instances serving its pad (REDIS_URL): their
 * peers' updates, which they stored before publishing, are applied and
 * relayed to this instance's peers; their presence is shown; the client ids
 * they speak for are noted, so that nobody here writes under them; and after
 * the link was lost, what they stored meanwhile is caught up from the store.
 * A malformed message from the bus is dropped with a log line (the bus is
 * ours, but Redis is a network hop). It does not publish this instance's
 * writes (writes.ts does).
 */
import * as Y from 'yjs'
import { encodeMessage } from '../../shared/protocol/messages'
import type { Logger } from '../log'
import { readAwarenessEntries } from './updates/awareness-check'
import type { ClientIdOwners } from './client-ids'
import type { Peer } from '../relay/peer'
import type { PresenceRelay } from './presence/presence-relay'
import type { RemoteRoomMessage, RoomLink } from './room'
import type { RoomStorage } from './storage/storage'

export interface RoomRemoteDeps {
  link: RoomLink | null
  storage: RoomStorage
  clientIds: ClientIdOwners
  presence: PresenceRelay
  log: Logger
  broadcast(frame: Uint8Array, except: Peer | null): void
  /** Queues a catch-up from the store in the room's inbox (a message of the bus was lost). */
  scheduleResync(): void
}

export interface RoomRemote {
  /** Handles what another instance published for this pad (its facilitation is server/facilitation/'s). */
  receive(message: Exclude<RemoteRoomMessage, { kind: 'facilitation' }>, instanceId: string): void
  /** Applies what the store holds and this instance may have missed; relays the difference to its peers. */
  resyncFromStore(): Promise<void>
  /** Applies and relays what other instances stored that this one has not had yet (a restore starts from all of it). */
  catchUpWithStore(): Promise<void>
}

export function createRoomRemote(deps: RoomRemoteDeps): RoomRemote {
  const { link, storage, clientIds, presence, log, broadcast } = deps

  function applyRemoteUpdate(update: Uint8Array, instanceId: string): void {
    let writtenClients: number[]
    try {
      writtenClients = [...Y.parseUpdateMeta(update).to.keys()]
    } catch (error) {
      log.warn({ err: error, instanceId }, 'dropped a malformed update from another instance')
      return
    }
    const applied = storage.applyStoredElsewhere(update)
    if (applied.leftPending) {
      // A message of the channel was lost (Redis restarted): the store has it.
      log.warn({ instanceId }, 'an update from another instance depends on one this instance missed; resyncing')
      deps.scheduleResync()
    }
    for (const clientId of writtenClients) clientIds.noteRemote(clientId, instanceId)
    if (applied.effective !== null) broadcast(encodeMessage({ type: 'update', update: applied.effective }), null)
  }

  function applyRemotePresence(update: Uint8Array, instanceId: string): void {
    let entries
    try {
      entries = readAwarenessEntries(update)
    } catch (error) {
      log.warn({ err: error, instanceId }, 'dropped malformed presence from another instance')
      return
    }
    const fresh = entries.filter((entry) => {
      const known = presence.table.clockOf(entry.clientId)
      return !clientIds.isLocal(entry.clientId) && (known === undefined || entry.clock > known)
    })
    for (const entry of fresh) if (!entry.isRemoval) clientIds.noteRemote(entry.clientId, instanceId)
    presence.apply(fresh, false)
  }

  /** Applies what the store holds and this instance may have missed; relays the difference to its peers. */
  /** Applies what other instances stored and this one has not had yet, and relays it to this instance's pages. */
  async function catchUpWithStore(): Promise<number> {
    const caughtUp = await storage.catchUp()
    if (caughtUp.effective !== null) broadcast(encodeMessage({ type: 'update', update: caughtUp.effective }), null)
    return caughtUp.updates
  }

  async function resyncFromStore(): Promise<void> {
    const updates = await catchUpWithStore()
    // The others lost this instance's presence with the link: tell them again.
    const local = presence.table.encode(clientIds.localIds())
    if (local !== null) link?.publish({ kind: 'presence', update: local })
    log.info({ updates }, 'pad resynced from the store')
  }

  return {
    receive(message, instanceId) {
      if (message.kind === 'update') applyRemoteUpdate(message.update, instanceId)
      else if (message.kind === 'presence') applyRemotePresence(message.update, instanceId)
      else clientIds.forgetRemote(message.clientIds, instanceId)
    },
    resyncFromStore,
    catchUpWithStore: async () => void (await catchUpWithStore()),
  }
}
