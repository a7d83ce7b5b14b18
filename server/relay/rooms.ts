/**
 * The relay's rooms: one per loaded pad, created on the first join (up to
 * `maxLoadedPads`), forgotten as each closes, and linked to the other
 * instances' rooms of the same pad through the bus. The facilitator's changes
 * (settings, a new edit link, deletion) reach the pad's room here, whether
 * they were made on this instance (the pad API) or another (the bus); so do
 * the API's versions and restores (a restore loads the room if needed, and
 * travels to other instances as the update it stores). It
 * does not accept connections (connection.ts) nor handle messages (room/).
 */
import { CloseCode } from '../../shared/protocol/close-codes'
import { Role } from '../../shared/protocol/roles'
import type { LivePads } from '../api/live-pads'
import type { PadChangeListener } from '../api/pad-api'
import { systemClock, type Clock } from '../clock'
import { docFromStore, takeVersion } from '../history/version-taking'
import { RoomUnavailableError } from '../room/requests'
import type { Config } from '../config'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import { createRoom, type Room, type RoomLink } from '../room/room'
import type { BusMessage } from '../scale-out/bus-message'
import type { PadBus } from '../scale-out/pad-bus'
import type { PadRecord, Store } from '../store/store'

export interface RelayRooms extends PadChangeListener, LivePads {
  readonly size: number
  /** The pad's room, created if needed; null when this instance already holds as many pads as it may. */
  roomFor(pad: PadRecord): Room | null
  /** Closes every room once each has stored everything. */
  closeAll(code: number, reason: string): Promise<void>
}

export interface RelayRoomsDeps {
  store: Store
  log: Logger
  metrics: Metrics
  bus: PadBus | null
  /** Time for the rooms' timers; the system clock by default. */
  clock?: Clock
}

type RoomConfig = Pick<
  Config,
  'compactAfterUpdates' | 'roomIdleMs' | 'maxAwarenessBytes' | 'maxDocumentBytes' | 'maxLoadedPads' | 'checkpointActivityMs' | 'checkpointQuietMs'
>

/** Presence changes of a pad are relayed together at most this often: cursors need not move faster than 20 times a second. */
const presenceIntervalMs = 50

export function createRelayRooms(config: RoomConfig, deps: RelayRoomsDeps): RelayRooms {
  const { store, log, metrics, bus } = deps
  const rooms = new Map<string, Room>()
  const options = {
    compactAfterUpdates: config.compactAfterUpdates,
    idleMs: config.roomIdleMs,
    maxAwarenessBytes: config.maxAwarenessBytes,
    maxDocumentBytes: config.maxDocumentBytes,
    presenceIntervalMs,
    checkpoints:
      config.checkpointActivityMs === 0 ? null : { activityMs: config.checkpointActivityMs, quietMs: config.checkpointQuietMs },
  }

  function forget(padId: string, closed: Room): void {
    if (rooms.get(padId) !== closed) return
    rooms.delete(padId)
    bus?.unsubscribe(padId)
    metrics.roomsLoaded.set(rooms.size)
  }

  function linkOf(padId: string, room: () => Room): RoomLink | null {
    if (bus === null) return null
    return {
      subscribed: bus.subscribe(padId, (message, instanceId) => applyFromOtherInstance(room(), message, instanceId)),
      publish: (message) => bus.publish(padId, message),
      isInstanceAlive: (instanceId) => bus.isInstanceAlive(instanceId),
    }
  }

  function roomFor(pad: PadRecord): Room | null {
    const existing = rooms.get(pad.id)
    if (existing !== undefined) return existing
    if (rooms.size >= config.maxLoadedPads) return null
    const room: Room = createRoom(pad, options, {
      store,
      log,
      metrics,
      onClose: (closed) => forget(pad.id, closed),
      clock: deps.clock,
      link: linkOf(pad.id, () => room),
    })
    rooms.set(pad.id, room)
    metrics.roomsLoaded.set(rooms.size)
    return room
  }

  bus?.onReconnected(() => {
    for (const room of rooms.values()) room.resync()
  })

  return {
    get size() {
      return rooms.size
    },
    roomFor,
    padChanged(pad) {
      rooms.get(pad.id)?.updatePad(pad)
      bus?.publish(pad.id, { kind: 'settings', pad })
    },
    padEditKeyRotated(pad) {
      const room = rooms.get(pad.id)
      if (room !== undefined) applyRotation(room, pad)
      bus?.publish(pad.id, { kind: 'rotated', pad })
    },
    padDeleted(padId) {
      void rooms.get(padId)?.deletePad()
      bus?.publish(padId, { kind: 'deleted' })
    },
    async takeVersion(pad, request) {
      const room = rooms.get(pad.id)
      if (room !== undefined) {
        try {
          return await room.takeVersion(request)
        } catch (error) {
          // Unloading meanwhile: what it held is stored, the store answers.
          if (!(error instanceof RoomUnavailableError)) throw error
        }
      }
      const doc = await docFromStore(store, pad.id)
      try {
        return await takeVersion(store, doc, request, { padId: pad.id, atMs: (deps.clock ?? systemClock).now(), presentParticipantIds: [] })
      } finally {
        doc.destroy()
      }
    },
    restoreVersion(pad, version, restoredBy) {
      // Through the room, loaded here if it is not: the one way a change is stored, then relayed and published.
      const room = roomFor(pad)
      if (room === null) return Promise.reject(new RoomUnavailableError('this instance holds as many pads as it may; try again'))
      return room.restore(version, restoredBy)
    },
    async closeAll(code, reason) {
      await Promise.all([...rooms.values()].map((room) => room.close(code, reason)))
    },
  }
}

/** What another instance published about a loaded pad: its writes and presence, or the facilitator's changes. */
function applyFromOtherInstance(room: Room, message: BusMessage, instanceId: string): void {
  switch (message.kind) {
    case 'update':
    case 'presence':
    case 'released':
    case 'facilitation':
      room.receiveRemote(message, instanceId)
      return
    case 'settings':
      room.updatePad(message.pad)
      return
    case 'rotated':
      applyRotation(room, message.pad)
      return
    case 'deleted':
      void room.deletePad()
      return
  }
}

/** The edit link changed: its pages are closed, and other facilitator pages (the projector's laptop) re-read their links on the settings message. */
function applyRotation(room: Room, pad: PadRecord): void {
  room.closeRole(Role.edit, CloseCode.rotated, 'the edit link was changed')
  room.updatePad(pad)
}
