/**
 * A room: the live copy of one pad while anyone is connected, as other code
 * sees it. What it is made of is parts.ts (peers, the stored doc, writes,
 * presence, the link to other instances, what each message does, the
 * ordered inbox); where it is in its life is lifecycle.ts. Here: the room's
 * public face, each call queued in the inbox so that nothing overtakes a
 * message received before it.
 *
 * It does not parse URLs, look up keys, rate-limit or own sockets (that is
 * relay/gateway.ts).
 */
import { CloseCode } from '../../shared/protocol/close-codes'
import type { Role } from '../../shared/protocol/roles'
import { systemClock, type Clock } from '../clock'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import { closePeer, markPeerLeft, type Peer } from '../relay/peer'
import type { BusMessage } from '../scale-out/bus-message'
import type { CheckpointPolicyOptions } from '../history/checkpoint-policy'
import type { PadRecord } from '../store/store'
import { createRoomLifecycle } from './lifecycle'
import { createRoomParts } from './parts'
import type { RoomStore } from './storage/storage'
import type { RestoreOutcome } from './history'
import { createRoomRequests } from './requests'
import type { VersionRequest } from '../history/version-taking'
import type { PadVersion, VersionSummary } from '../history/version'

export interface RoomOptions {
  /** Compact the update log into a snapshot once it holds this many updates. */
  compactAfterUpdates: number
  /** Close the room this long after its last peer left. */
  idleMs: number
  maxAwarenessBytes: number
  maxDocumentBytes: number
  /** Presence changes are relayed together at most this often (cursor moves need not be instant). */
  presenceIntervalMs: number
  /** When automatic checkpoints are taken (every 5 minutes of writing and after 2 quiet minutes by default); null: never. */
  checkpoints?: CheckpointPolicyOptions | null
}

export interface RoomDeps {
  store: RoomStore
  log: Logger
  metrics: Metrics
  /** Called once when the room starts closing, so the relay forgets it. */
  onClose: (room: Room) => void
  /** The other instances serving this pad (REDIS_URL), or null when this one is alone. */
  link?: RoomLink | null
  /** Time for the room's timers (the relay interval, presence, checkpoints, unloading); the system clock by default. */
  clock?: Clock
}

/** A room's side of the bus between instances (pad-bus.ts). */
export interface RoomLink {
  /** Resolves once what other instances publish for this pad reaches the room: the load waits for it. */
  readonly subscribed: Promise<void>
  publish(message: BusMessage): void
  /** Whether the instance that spoke for a client id is still alive. */
  isInstanceAlive(instanceId: string): boolean
}

/** What another instance published that the room itself handles. */
export type RemoteRoomMessage = Extract<BusMessage, { kind: 'update' | 'presence' | 'released' | 'facilitation' }>

export interface Room {
  readonly padId: string
  peerCount(): number
  /** Takes the pad's new settings and pushes them to every connection. */
  updatePad(pad: PadRecord): void
  /** Closes every connection of `role` (the edit link was rotated). */
  closeRole(role: Role, code: number, reason: string): void
  /** The pad was deleted: closes everyone with 4410 and stores nothing more. */
  deletePad(): Promise<void>
  join(peer: Peer): void
  receive(peer: Peer, frame: Uint8Array): void
  leave(peer: Peer): void
  /** Something another instance published for this pad. */
  receiveRemote(message: RemoteRoomMessage, instanceId: string): void
  /** The link to the other instances was lost and is back: catches up with what they stored meanwhile. */
  resync(): void
  /** Takes and stores a version of the pad as it is now, after the writes received before are stored (history.ts). */
  takeVersion(request: VersionRequest): Promise<VersionSummary | null>
  /** Restores `version` as one write, after a `before-restore` checkpoint (history.ts); `RoomUnavailableError` while closing. */
  restore(version: PadVersion, restoredBy: string | null): Promise<RestoreOutcome>
  /** Resolves once every message received so far is handled. */
  settle(): Promise<void>
  /** Closes every peer with `code`, stores what is pending and frees the doc. Idempotent. */
  close(code: number, reason: string): Promise<void>
}

export function createRoom(initialPad: PadRecord, options: RoomOptions, deps: RoomDeps): Room {
  const link = deps.link ?? null
  const padId = initialPad.id
  const log = deps.log.child({ padId })
  let pad = initialPad
  const lifecycle = createRoomLifecycle({
    log,
    clearInbox: () => {
      inbox.clear()
      requests.rejectWaiting()
    },
    storeBatch: () => writes.storeBatch(),
    settle: () => inbox.settle(),
    compact: () => parts.storeBeforeClosing(),
    startClosing: (code, reason) => {
      deps.onClose(room)
      presence.close()
      checkpoints.close()
      peers.closeAll(code, reason)
    },
    destroy: () => storage.destroy(),
  })
  const parts = createRoomParts(padId, options, {
    store: deps.store,
    metrics: deps.metrics,
    clock: deps.clock ?? systemClock,
    link,
    log,
    pad: () => pad,
    onIdle: () => void lifecycle.close(CloseCode.goingAway, 'room unloaded'),
    fail: (error) => lifecycle.fail(error),
    hasFailed: () => lifecycle.hasFailed(),
    mayStore: () => lifecycle.mayStore(),
  })
  const { peers, clientIds, storage, presence, writes, checkpoints, history, facilitation, remote, messages, inbox } = parts
  const requests = createRoomRequests({ inbox: () => inbox, isClosing: () => lifecycle.isClosing() || lifecycle.hasFailed() })

  const room: Room = {
    padId,
    peerCount() {
      return peers.size()
    },
    join(peer) {
      if (lifecycle.isClosing()) {
        closePeer(peer, CloseCode.goingAway, 'pad is being unloaded, reconnect')
        return
      }
      peers.add(peer)
      checkpoints.notePresent(peer.participantId)
      inbox.push({ kind: 'task', run: () => messages.welcome(peer) })
    },
    receive(peer, frame) {
      if (lifecycle.isClosing()) return
      inbox.push({ kind: 'frame', peer, frame })
    },
    leave(peer) {
      markPeerLeft(peer)
      facilitation.forget(peer)
      if (!peers.remove(peer)) return
      // Queued, so that a message of this peer still in the inbox cannot
      // bring its cursor back or claim its client ids after it left.
      inbox.push({
        kind: 'task',
        run: () => {
          const ids = clientIds.release(peer)
          presence.remove(ids)
          if (ids.length > 0) link?.publish({ kind: 'released', clientIds: ids })
        },
      })
    },
    updatePad(next) {
      const wasLocked = pad.locked
      pad = next
      inbox.push({ kind: 'task', run: () => messages.announceSettings(wasLocked) })
    },
    closeRole(role, code, reason) {
      for (const peer of peers.withRole(role)) closePeer(peer, code, reason)
    },
    deletePad: () => lifecycle.close(CloseCode.deleted, 'the pad was deleted', 'deleted'),
    receiveRemote(message, instanceId) {
      if (lifecycle.isClosing()) return
      if (message.kind === 'facilitation') {
        inbox.push({ kind: 'task', run: () => facilitation.receiveRemote(message.revision, message.state) })
        return
      }
      inbox.push({ kind: 'task', run: () => remote.receive(message, instanceId) })
    },
    resync() {
      if (lifecycle.isClosing()) return
      clientIds.forgetAllRemote()
      inbox.push({ kind: 'task', run: remote.resyncFromStore })
      inbox.push({ kind: 'task', run: facilitation.reload })
    },
    takeVersion: (request) => requests.request(() => history.takeVersion(request)),
    restore: (version, restoredBy) => requests.request(() => history.restore(version, restoredBy)),
    settle: () => inbox.settle(),
    close: (code, reason) => lifecycle.close(code, reason),
  }

  return room
}
