/**
 * The parts a room is made of, wired together: its peers, who speaks for
 * each client id, the stored pad and its doc, presence, the writes, the
 * automatic checkpoints, the versions and restores asked for, the
 * facilitation (tour de table, dot votes: server/facilitation/), the link to
 * other instances, what each message does, and the ordered inbox that
 * drives them. Each part holds one piece of state; this file only connects
 * what one part tells another. The room's lifecycle and its public face are
 * room.ts.
 */
import { encodeMessage } from '../../shared/protocol/messages'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { PadRecord } from '../store/store'
import { defaultCheckpointPolicyOptions } from '../history/checkpoint-policy'
import { createRoomFacilitation, type RoomFacilitation } from '../facilitation/room-facilitation'
import { createRoomCheckpoints, type RoomCheckpoints } from './checkpoints'
import { createClientIdOwners, type ClientIdOwners } from './client-ids'
import { createRoomHistory, type RoomHistory } from './history'
import { createRoomInbox, type RoomInbox } from './inbox'
import { createRoomMessages, type RoomMessages } from './messages'
import { createRoomPeers, type RoomPeers } from './peers'
import { createPresenceRelay, type PresenceRelay } from './presence/presence-relay'
import { createRoomRemote, type RoomRemote } from './remote'
import type { RoomLink, RoomOptions } from './room'
import { createRoomStorage, type RoomStorage, type RoomStore } from './storage/storage'
import { createRoomWrites, relayIntervalMs, type RoomWrites } from './writes'

export interface RoomParts {
  peers: RoomPeers
  clientIds: ClientIdOwners
  storage: RoomStorage
  presence: PresenceRelay
  writes: RoomWrites
  checkpoints: RoomCheckpoints
  history: RoomHistory
  facilitation: RoomFacilitation
  remote: RoomRemote
  messages: RoomMessages
  inbox: RoomInbox
  /** Compacts the stored log if the room may still store. */
  compact(): Promise<void>
  /** The room is closing: takes the checkpoint still owed, then compacts. */
  storeBeforeClosing(): Promise<void>
}

export interface RoomPartsDeps {
  store: RoomStore
  log: Logger
  metrics: Metrics
  clock: Clock
  link: RoomLink | null
  /** The pad's settings as they are now. */
  pad(): PadRecord
  /** The room has had no peer for `idleMs`. */
  onIdle(): void
  /** A handler threw something that is not a bad message. */
  fail(error: unknown): void
  /** Whether the room failed (nothing more is handled). */
  hasFailed(): boolean
  /** Whether the room may still write to the store. */
  mayStore(): boolean
}

export function createRoomParts(padId: string, options: RoomOptions, deps: RoomPartsDeps): RoomParts {
  const { metrics, clock, link, log } = deps
  const peers = createRoomPeers({ idleMs: options.idleMs }, { clock, metrics, onIdle: deps.onIdle })
  const { send, broadcast } = peers
  const clientIds = createClientIdOwners((instanceId) => link?.isInstanceAlive(instanceId) === true)
  const storage = createRoomStorage(padId, { compactAfterUpdates: options.compactAfterUpdates, isShared: link !== null }, { store: deps.store, log })
  const presence = createPresenceRelay(
    { intervalMs: options.presenceIntervalMs, expiryCheckMs: presenceExpiryCheckMs },
    {
      clock,
      broadcast: (update) => broadcast(encodeMessage({ type: 'awareness', update }), null),
      publish: link === null ? null : (update) => link.publish({ kind: 'presence', update }),
      onRelayed: () => inbox.notifyIfSettled(),
      writesIntervalMs: () => relayIntervalMs(peers.size()),
    },
  )
  const compactWhenDue = (): void => {
    if (storage.needsCompaction()) inbox.push({ kind: 'task', run: compact })
  }
  const checkpoints = createRoomCheckpoints(padId, options.checkpoints === undefined ? defaultCheckpointPolicyOptions : options.checkpoints, {
    store: deps.store,
    clock,
    log,
    schedule: (task) => inbox.push({ kind: 'task', run: task }),
    doc: () => storage.document().doc(),
    connectedParticipants: () => peers.participantIds(),
    mayStore: deps.mayStore,
  })
  const afterRelay = (): void => {
    // Presence waiting for its turn leaves with the writes.
    presence.relayWaitingNow()
    checkpoints.onStored()
    compactWhenDue()
  }
  const writes = createRoomWrites(
    { maxDocumentBytes: options.maxDocumentBytes },
    { storage, clientIds, metrics, log, clock, link, send, broadcast, peerCount: () => peers.size(), afterRelay },
  )
  const history = createRoomHistory(
    padId,
    { maxDocumentBytes: options.maxDocumentBytes },
    {
      store: deps.store,
      clock,
      log,
      storage,
      writes,
      connectedParticipants: () => peers.participantIds(),
      catchUpWithStore: () => (link === null ? Promise.resolve() : remote.catchUpWithStore()),
    },
  )
  const facilitation = createRoomFacilitation(padId, {
    store: deps.store,
    clock,
    log,
    send,
    publish: link === null ? null : (revision, state) => link.publish({ kind: 'facilitation', revision, state }),
    doc: () => storage.document().doc(),
  })
  const scheduleResync = (): void => inbox.push({ kind: 'task', run: remote.resyncFromStore })
  const remote = createRoomRemote({ link, storage, clientIds, presence, log, broadcast, scheduleResync })
  const messages = createRoomMessages(
    { maxAwarenessBytes: options.maxAwarenessBytes },
    { pad: deps.pad, peers, storage, writes, presence, clientIds, facilitation, metrics, log },
  )
  const inbox = createRoomInbox(
    { kind: 'task', run: load },
    {
      handleFrame: (peer, frame) => messages.handle(peer, frame),
      beforeTask: () => writes.storeBatch(),
      whenEmpty: () => writes.storeBatchWhenDue(),
      afterDrain: () => presence.relaySoon(),
      fail: deps.fail,
      isStopped: deps.hasFailed,
      isBusy: () => presence.isWaiting(),
    },
  )

  async function load(): Promise<void> {
    // Subscribed first, loaded second: an update another instance stores
    // meanwhile is either in what is loaded or arrives on the channel (Yjs
    // ignores it if it is in both).
    if (link !== null) await link.subscribed
    await storage.load()
    await facilitation.load()
    compactWhenDue()
  }

  async function compact(): Promise<void> {
    if (deps.mayStore()) await storage.compact()
  }

  async function storeBeforeClosing(): Promise<void> {
    await checkpoints.flush()
    await compact()
  }

  return { peers, clientIds, storage, presence, writes, checkpoints, history, facilitation, remote, messages, inbox, compact, storeBeforeClosing }
}

/** How often presences that were not renewed are looked for. */
const presenceExpiryCheckMs = 3_000
