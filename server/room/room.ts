/**
 * A room: the live copy of one pad while anyone is connected. It owns the
 * pad's peers and composes the parts that hold the rest: the ordered inbox
 * (inbox.ts; nobody is answered before the pad is loaded), the stored
 * pad and its doc (storage.ts), the writes (writes.ts; nothing is
 * relayed, acknowledged or part of a sync answer before it is stored,
 * DESIGN.md "Durability"), who speaks for each Yjs client id
 * (client-ids.ts) and presence (presence-relay.ts). Here: what each message
 * does, the room's lifecycle, and what other instances publish.
 *
 * A joining peer gets the pad's settings and presence at once, and the
 * room's own sync step 1 (its state vector: "send me what I lack") right
 * after the room has answered the peer's step 1, which a provider sends as
 * its first message: a newcomer's content then does not wait for a state
 * vector that, in a pad just loaded from the store, means decoding the whole
 * stored state (~30 ms for a 1 MB pad). A peer whose first message is
 * something else gets the room's step 1 before it is handled.
 *
 * It does not parse URLs, look up keys, rate-limit or own sockets (that is
 * gateway.ts).
 */
import { CloseCode } from '../../shared/protocol/close-codes'
import { decodeMessage, encodeMessage, ProtocolError, type Message } from '../../shared/protocol/messages'
import { canWrite, Role } from '../../shared/protocol/roles'
import { toPadState } from '../api/pad-api'
import { systemClock, type Clock } from '../clock'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { BusMessage } from '../scale-out/bus-message'
import { StoreError, type PadRecord } from '../store/store'
import { readAwarenessEntries } from './awareness-check'
import { ClientIdConflict, createClientIdOwners } from './client-ids'
import { closePeer, markPeerLeft, refusePeer, type Peer } from '../relay/peer'
import { createPresenceRelay } from './presence-relay'
import { createRoomInbox } from './inbox'
import { createRoomStorage, type RoomStore } from './storage'
import { createRoomPeers } from './peers'
import { createRoomRemote } from './remote'
import { createRoomWrites } from './writes'
import { addsNothing } from './update-check'
import { decodeUpdate, isEmptyUpdate } from './yjs-updates'

export interface RoomOptions {
  /** Compact the update log into a snapshot once it holds this many updates. */
  compactAfterUpdates: number
  /** Close the room this long after its last peer left. */
  idleMs: number
  maxAwarenessBytes: number
  maxDocumentBytes: number
  /** Presence changes are relayed together at most this often (cursor moves need not be instant). */
  presenceIntervalMs: number
}

export interface RoomDeps {
  store: RoomStore
  log: Logger
  metrics: Metrics
  /** Called once when the room starts closing, so the relay forgets it. */
  onClose: (room: Room) => void
  /** The other instances serving this pad (REDIS_URL), or null when this one is alone. */
  link?: RoomLink | null
  /** Time for the room's timers (the relay interval, presence, unloading); the system clock by default. */
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
export type RemoteRoomMessage = Extract<BusMessage, { kind: 'update' | 'presence' | 'released' }>

export interface Room {
  readonly padId: string
  readonly peerCount: number
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
  /** Resolves once every message received so far is handled. */
  settle(): Promise<void>
  /** Closes every peer with `code`, stores what is pending and frees the doc. Idempotent. */
  close(code: number, reason: string): Promise<void>
}

/** Where a room is in its life. */
type RoomPhase =
  | { kind: 'open' }
  /** A handler failed: the doc may differ from the store; nothing more is handled while the room closes. */
  | { kind: 'failed' }
  | { kind: 'closing'; closed: Promise<void>; why: 'unloaded' | 'failed' | 'deleted' }

export function createRoom(initialPad: PadRecord, options: RoomOptions, deps: RoomDeps): Room {
  const { metrics } = deps
  const clock = deps.clock ?? systemClock
  const link = deps.link ?? null
  const padId = initialPad.id
  const log = deps.log.child({ padId })
  let pad = initialPad
  let phase: RoomPhase = { kind: 'open' }
  const peers = createRoomPeers(
    { idleMs: options.idleMs },
    { clock, metrics, onIdle: () => void room.close(CloseCode.goingAway, 'room unloaded') },
  )
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
    },
  )
  const writes = createRoomWrites(
    { maxDocumentBytes: options.maxDocumentBytes },
    {
      storage,
      clientIds,
      metrics,
      log,
      clock,
      link,
      send,
      broadcast,
      peerCount: () => peers.size,
      afterRelay: () => {
        presence.relayWaitingNow()
        if (storage.needsCompaction) inbox.push({ kind: 'task', run: compact })
      },
    },
  )
  const remote = createRoomRemote({
    link,
    storage,
    clientIds,
    presence,
    log,
    broadcast,
    scheduleResync: () => inbox.push({ kind: 'task', run: remote.resyncFromStore }),
  })

  const isClosing = (): boolean => phase.kind === 'closing'
  const hasFailed = (): boolean => phase.kind === 'failed' || (phase.kind === 'closing' && phase.why === 'failed')
  const mayStore = (): boolean => !hasFailed() && !(phase.kind === 'closing' && phase.why === 'deleted')

  const inbox = createRoomInbox(
    { kind: 'task', run: load },
    {
      handleFrame: handle,
      beforeTask: () => writes.storeBatch(),
      whenEmpty: () => writes.storeBatchWhenDue(),
      afterDrain: () => presence.relaySoon(),
      fail,
      isStopped: hasFailed,
      isBusy: () => presence.isWaiting,
    },
  )

  async function load(): Promise<void> {
    // Subscribed first, loaded second: an update another instance stores
    // meanwhile is either in what is loaded or arrives on the channel (Yjs
    // ignores it if it is in both).
    if (link !== null) await link.subscribed
    await storage.load()
    if (storage.needsCompaction) inbox.push({ kind: 'task', run: compact })
  }

  async function compact(): Promise<void> {
    if (mayStore()) await storage.compact()
  }

  function handle(peer: Peer, frame: Uint8Array): Promise<void> | undefined {
    // A peer that merely left still has its last writes stored; one that was
    // refused has nothing more handled.
    if (peer.state === 'refused') return undefined
    try {
      const message = decodeMessage(frame)
      metrics.messagesIn.inc({ type: message.type })
      if (message.type !== 'sync-step-1') sendOwedStepOne(peer)
      const handling = dispatch(peer, message)
      return handling === undefined ? undefined : handling.catch((error: unknown) => reject(peer, error))
    } catch (error) {
      reject(peer, error)
      return undefined
    }
  }

  /** Closes the peer that sent a bad message; any other error is the room's failure. */
  function reject(peer: Peer, error: unknown): void {
    if (!(error instanceof ProtocolError)) throw error
    if (error instanceof ClientIdConflict) {
      // An honest reconnect whose old socket lingers: the probe drops that
      // socket if it is dead, and the retry succeeds. A live holder keeps it.
      error.holder?.socket.probe()
    }
    log.warn({ peer: peer.id, code: error.closeCode, reason: error.message }, 'closing peer: message refused')
    refusePeer(peer, error.closeCode, error.message)
  }

  /** Handles a message; returns a promise only when it had to wait for the store. */
  function dispatch(peer: Peer, message: Message): Promise<void> | undefined {
    switch (message.type) {
      case 'sync-step-1':
        // The answer must not show writes that are not stored yet.
        return writes.afterStoring(() => {
          send(peer, encodeMessage({ type: 'sync-step-2', update: encodeMissing(message.stateVector) }))
          sendOwedStepOne(peer)
        })
      case 'sync-step-2':
      case 'update':
        if (!canWrite(peer.role)) {
          // A view link's provider always answers sync step 1 with a step 2;
          // it is dropped, never applied or relayed.
          log.debug({ peer: peer.id }, 'dropped a write from a view connection')
          return undefined
        }
        if (pad.locked && peer.role === Role.edit) {
          // An update means the page wrote after the lock reached it.
          if (message.type === 'update') throw new ProtocolError('the pad is locked', CloseCode.locked)
          // A step 2 is the provider's answer to our step 1 on every join.
          // With nothing new in it, it is acknowledged (the pad has it all);
          // with changes, it is left unacknowledged, so the page keeps saying
          // they are not saved, and asked for again on unlock.
          const decoded = decodeUpdate(message.update)
          return writes.afterStoring(() => {
            if (isEmptyUpdate(decoded) || addsNothing(storage.document.doc(), decoded)) writes.acknowledge(peer, 1)
          })
        }
        return writes.write(peer, message.update)
      case 'awareness':
        applyAwareness(peer, message.update)
        return undefined
      case 'query-awareness':
        sendAllPresence(peer)
        return undefined
      case 'stored':
      case 'settings':
        throw new ProtocolError(`the ${message.type} message is sent by the server only`)
      default:
        return assertNever(message)
    }
  }

  function encodeMissing(stateVector: Uint8Array): Uint8Array {
    try {
      return storage.document.missing(stateVector)
    } catch {
      throw new ProtocolError('malformed state vector in sync step 1', CloseCode.invalidPayload)
    }
  }

  function applyAwareness(peer: Peer, update: Uint8Array): void {
    if (update.length > options.maxAwarenessBytes) {
      throw new ProtocolError(`presence larger than ${options.maxAwarenessBytes} bytes`, CloseCode.messageTooBig)
    }
    // The stock provider sends back every presence change it receives, with
    // the clock it got: such echoes are dropped. A newer clock is a claim to
    // speak for that client id, allowed only to its connection.
    const fresh = readAwarenessEntries(update).filter((entry) => {
      const known = presence.table.clockOf(entry.clientId)
      return known === undefined || entry.clock > known
    })
    if (fresh.length === 0) return
    clientIds.claim(peer, fresh.map((entry) => entry.clientId))
    presence.apply(fresh, true)
  }

  /** Sends the room's sync step 1 to a peer that joined and has not had it yet. */
  function sendOwedStepOne(peer: Peer): void {
    if (!peers.takeOwedStepOne(peer)) return
    send(peer, encodeMessage({ type: 'sync-step-1', stateVector: storage.document.stateVector() }))
  }

  function sendAllPresence(peer: Peer): void {
    const update = presence.table.encodeAll()
    if (update !== null) send(peer, encodeMessage({ type: 'awareness', update }))
  }

  /** Anything but a bad message is the room's failure: its doc may now differ from the store. */
  function fail(error: unknown): void {
    phase = { kind: 'failed' }
    inbox.clear()
    if (error instanceof StoreError) {
      // Nothing unstored was relayed; the pages keep their changes and send them again on reconnecting.
      log.error({ err: error }, 'the store failed; closing the room, nothing more is accepted until it is back')
      void room.close(CloseCode.storeUnavailable, 'storage unavailable, your changes stay in your page; reconnecting')
      return
    }
    // A bug, not a bad message: the doc may now differ from the store. What
    // the batch accepted is stored first, so that nothing anyone wrote is
    // lost; the pages then reconnect, and the pad they load merges with
    // what they hold. Only if that fails too are they told of a server error.
    log.error({ err: error }, 'room failed; storing what it accepted, then closing it so that the pad reloads from the store')
    writes.storeBatch().then(
      () => room.close(CloseCode.goingAway, 'the pad is being reloaded, reconnecting'),
      (storeError: unknown) => {
        log.error({ err: storeError }, 'could not store what the failed room accepted')
        return room.close(CloseCode.internalError, 'server error, reconnecting')
      },
    )
  }

  const room: Room = {
    padId,
    get peerCount() {
      return peers.size
    },
    join(peer) {
      if (isClosing()) {
        closePeer(peer, CloseCode.goingAway, 'pad is being unloaded, reconnect')
        return
      }
      peers.add(peer)
      inbox.push({
        kind: 'task',
        run: () => {
          send(peer, encodeMessage({ type: 'settings', settings: toPadState(pad) }))
          sendAllPresence(peer)
          // Sent once the peer's first message is handled (see the top of this file).
          peers.oweStepOne(peer)
        },
      })
    },
    receive(peer, frame) {
      if (isClosing()) return
      inbox.push({ kind: 'frame', peer, frame })
    },
    leave(peer) {
      markPeerLeft(peer)
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
      inbox.push({
        kind: 'task',
        run: () => {
          broadcast(encodeMessage({ type: 'settings', settings: toPadState(pad) }), null)
          if (wasLocked && !pad.locked) {
            // Edits made while locked stayed in the pages; asking each editor
            // for what the pad lacks brings them in now (their sync step 2).
            const request = encodeMessage({ type: 'sync-step-1', stateVector: storage.document.stateVector() })
            for (const peer of peers.withRole(Role.edit)) send(peer, request)
          }
        },
      })
    },
    closeRole(role, code, reason) {
      for (const peer of peers.withRole(role)) closePeer(peer, code, reason)
    },
    deletePad() {
      return closeRoom(CloseCode.deleted, 'the pad was deleted', 'deleted')
    },
    receiveRemote(message, instanceId) {
      if (isClosing()) return
      inbox.push({
        kind: 'task',
        run: () => remote.receive(message, instanceId),
      })
    },
    resync() {
      if (isClosing()) return
      clientIds.forgetAllRemote()
      inbox.push({ kind: 'task', run: remote.resyncFromStore })
    },
    settle: () => inbox.settle(),
    close: (code, reason) => closeRoom(code, reason, hasFailed() ? 'failed' : 'unloaded'),
  }

  function closeRoom(code: number, reason: string, why: 'unloaded' | 'failed' | 'deleted'): Promise<void> {
    if (phase.kind === 'closing') return phase.closed
    deps.onClose(room)
    presence.close()
    peers.closeAll(code, reason)
    const closed = inbox
      .settle()
      .then(compact)
      .catch((error: unknown) => log.warn({ err: error }, 'could not compact while closing'))
      .finally(() => {
        storage.destroy()
        log.debug('room closed')
      })
    phase = { kind: 'closing', closed, why }
    return closed
  }

  return room
}

/** How often presences that were not renewed are looked for. */
const presenceExpiryCheckMs = 3_000

function assertNever(value: never): never {
  throw new TypeError(`unexpected message ${JSON.stringify(value)}`)
}
