/**
 * A room: the live copy of one pad while anyone is connected. It owns the
 * pad's document, who is present, and its peers. Every message and task
 * (load, join, leave, settings) goes through one ordered inbox that starts
 * with loading the stored pad, so nobody is answered before the pad is
 * loaded, and the doc never holds more than the store (DESIGN.md,
 * "Durability"): writes are checked and applied as they come, and before
 * anyone can see them — relayed, acknowledged, or part of an answer to a sync
 * request — they are appended to the store.
 *
 * Under load the inbox is drained in batches (everything received in one turn
 * of the event loop, and whatever arrives while the store writes): the
 * batch's writes are merged into one update, stored in one append, relayed in
 * one frame and acknowledged once per writer; presence changes are relayed
 * together at most every `presenceIntervalMs`. A frame per message per peer
 * was what the server spent its time on (issue 6: `writev` was 56% of it).
 *
 * A joining peer gets the pad's settings and presence at once, and the
 * room's own sync step 1 (its state vector: "send me what I lack") right
 * after the room has answered the peer's step 1, which a provider sends as
 * its first message: a newcomer's content then does not wait for a state
 * vector that, in a pad just loaded from the store, means decoding the whole
 * stored state (~30 ms for a 1 MB pad, issue 6 cold load). A peer whose
 * first message is something else gets the room's step 1 before it is
 * handled, as before.
 *
 * Writes and presence are checked against hostile-but-valid input (issue 3):
 * each Yjs client id belongs to one live connection, updates may not leave
 * anything pending, presence is bounded in size. It does not parse URLs, look
 * up keys, rate-limit or own sockets (that is relay.ts).
 */
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes'
import { decodeMessage, encodeMessage, ProtocolError, type Message } from '../../shared/protocol/messages'
import { canWrite, Role } from '../../shared/protocol/roles'
import { toPadState } from '../api/pad-api'
import { sleep, systemClock, type Clock, type Timer } from '../clock'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { BusMessage } from '../scale-out/bus-message'
import { StoreError, type PadRecord } from '../store/store'
import { readAwarenessEntries } from './awareness-check'
import { ClientIdConflict, createClientIdOwners } from './client-ids'
import { closePeer, type Peer } from './peer'
import { createPresenceRelay } from './presence-relay'
import { createRoomInbox } from './room-inbox'
import { createRoomStorage, type RoomStore } from './room-storage'
import { addsNothing, prepareUpdate } from './update-check'
import { createWriteBatch } from './write-batch'
import { decodeUpdate, hasPending, isEmptyUpdate, mergeAll, stateVectorWithout } from './yjs-updates'

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
  const peers = new Set<Peer>()
  const clientIds = createClientIdOwners((instanceId) => link?.isInstanceAlive(instanceId) === true)
  const storage = createRoomStorage(padId, { compactAfterUpdates: options.compactAfterUpdates, isShared: link !== null }, { store: deps.store, log })
  const batch = createWriteBatch()
  const presence = createPresenceRelay(
    { intervalMs: options.presenceIntervalMs, expiryCheckMs: presenceExpiryCheckMs },
    {
      clock,
      broadcast: (update) => broadcast(encodeMessage({ type: 'awareness', update }), null),
      publish: link === null ? null : (update) => link.publish({ kind: 'presence', update }),
      onRelayed: () => inbox.notifyIfSettled(),
    },
  )
  /** Peers that joined and are still to get the room's sync step 1. */
  const owedStepOne = new WeakSet<Peer>()
  /** When the last batch of writes was relayed. */
  let lastRelayMs = 0
  let idleTimer: Timer | null = null

  const isClosing = (): boolean => phase.kind === 'closing'
  const hasFailed = (): boolean => phase.kind === 'failed' || (phase.kind === 'closing' && phase.why === 'failed')
  const mayStore = (): boolean => !hasFailed() && !(phase.kind === 'closing' && phase.why === 'deleted')

  const inbox = createRoomInbox(
    { kind: 'task', run: load },
    {
      handleFrame: handle,
      beforeTask: storeBatch,
      whenEmpty: storeBatchWhenDue,
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

  /** Stores the batch when it is due; false when it is empty. */
  async function storeBatchWhenDue(): Promise<boolean> {
    if (batch.isEmpty) return false
    // In a big room every relay is a write to hundreds of sockets: the
    // writes of the next few milliseconds join this batch instead.
    const wait = lastRelayMs + relayIntervalMs(peers.size) - clock.now()
    if (wait >= 1) await sleep(clock, wait)
    else await storeBatch()
    return true
  }

  function handle(peer: Peer, frame: Uint8Array): Promise<void> | undefined {
    // A peer that merely left still has its last writes stored; one that was
    // refused has nothing more handled.
    if (peer.isRefused) return undefined
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
    peer.isRefused = true
    closePeer(peer, error.closeCode, error.message)
  }

  /** Handles a message; returns a promise only when it had to wait for the store. */
  function dispatch(peer: Peer, message: Message): Promise<void> | undefined {
    switch (message.type) {
      case 'sync-step-1':
        // The answer must not show writes that are not stored yet.
        return afterStoring(() => {
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
          return afterStoring(() => {
            if (isEmptyUpdate(decoded) || addsNothing(storage.document.doc(), decoded)) acknowledge(peer, 1)
          })
        }
        return write(peer, message.update)
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

  /** Runs `then` once the writes applied so far are stored (and relayed). */
  function afterStoring(then: () => void): Promise<void> | undefined {
    if (batch.isEmpty) {
      then()
      return undefined
    }
    return storeBatch().then(then)
  }

  function encodeMissing(stateVector: Uint8Array): Uint8Array {
    try {
      return storage.document.missing(stateVector)
    } catch {
      throw new ProtocolError('malformed state vector in sync step 1', CloseCode.invalidPayload)
    }
  }

  /**
   * Checks and applies a write; it joins the batch, stored before anyone
   * sees it. Returns a promise only when Yjs refused what the checks let
   * through and the doc had to be rebuilt.
   */
  function write(peer: Peer, update: Uint8Array): Promise<void> | undefined {
    if (storage.storedBytes + batch.bytes + update.length > options.maxDocumentBytes) {
      throw new ProtocolError(`the pad is full (${options.maxDocumentBytes} bytes)`, CloseCode.messageTooBig)
    }
    const decoded = decodeUpdate(update)
    // What a provider with nothing new sends on every join: no need to build the doc for it.
    if (isEmptyUpdate(decoded)) {
      batch.countWrite(peer)
      return undefined
    }
    const stopApplyTimer = metrics.updateApplySeconds.startTimer()
    const doc = storage.document.doc()
    const check = prepareUpdate(doc, update, decoded)
    if (check.problem !== null) throw new ProtocolError(check.problem, CloseCode.invalidPayload)
    clientIds.claim(peer, check.writtenClients)

    const mark = batch.mark()
    const statesBefore = new Map(check.writtenClients.map((client) => [client, Y.getState(doc.store, client)]))
    // An update of new structs only is what it adds: kept as it came, after
    // applying. Others (a sync step 2 that repeats what the pad has) are kept
    // as what Yjs integrated, which it encodes only for an 'update' listener.
    const collect = (effective: Uint8Array, origin: unknown): void => {
      if (origin === peer) batch.keep(effective)
    }
    if (!check.isAllNew) doc.on('update', collect)
    let applyError: unknown = null
    try {
      Y.applyUpdate(doc, check.update, peer)
    } catch (error) {
      applyError = error
    } finally {
      if (!check.isAllNew) doc.off('update', collect)
    }
    const leftPending = hasPending(doc)
    stopApplyTimer()
    if (applyError === null && !leftPending) {
      if (check.isAllNew) batch.keep(update)
      batch.countWrite(peer)
      return undefined
    }
    // The checks missed something: Yjs threw part way, or kept part of the
    // update pending. The doc may be half changed, even broken (a struct of
    // length 0 once broke its struct store), so it is rebuilt from what is
    // known good, the store and the batch, and the update is dropped whole:
    // nothing of it was stored or relayed.
    batch.rollBack(mark)
    log.error({ err: applyError, leftPending, peer: peer.id }, 'an update passed the checks but Yjs refused it; rebuilding the pad from the store')
    metrics.documentRebuilds.inc()
    const seen = stateVectorWithout(doc, statesBefore)
    return rebuildDocument(seen).then(() => {
      throw new ProtocolError('update refused by Yjs', CloseCode.invalidPayload)
    })
  }

  /**
   * Replaces the doc with the stored pad plus the batch's writes. `seen` is
   * what the peers were sent: with other instances, the store may hold more
   * (published but not received yet), which is relayed now, since the
   * rebuilt doc would ignore it when it comes.
   */
  async function rebuildDocument(seen: Map<number, number> | null): Promise<void> {
    const state = await storage.rebuild(batch.updates)
    if (link === null || state === null) return
    const unseen = seen === null ? state : Y.diffUpdate(state, Y.encodeStateVector(seen))
    if (!isEmptyUpdate(decodeUpdate(unseen))) broadcast(encodeMessage({ type: 'update', update: unseen }), null)
  }

  /** Stores the batch's writes as one update, then relays it and acknowledges each writer. */
  async function storeBatch(): Promise<void> {
    if (batch.isEmpty) return
    const taken = batch.take()
    if (taken.updates.length > 0) {
      const merged = mergeAll(taken.updates)
      const stopStoreTimer = metrics.storeWriteSeconds.startTimer()
      try {
        await storage.append(merged, clock.now())
      } catch (error) {
        // Still not stored: the batch stays, so that a failing room can try once more (fail()).
        batch.putBack(taken)
        throw error
      }
      stopStoreTimer()
      // A lone writer already has its update; with several, each gets the
      // others' and its own back, which Yjs ignores: one frame for everyone.
      broadcast(encodeMessage({ type: 'update', update: merged }), taken.writers.size === 1 ? firstKey(taken.writers) : null)
      lastRelayMs = clock.now()
      link?.publish({ kind: 'update', update: merged })
      presence.relayWaitingNow()
      if (storage.needsCompaction) inbox.push({ kind: 'task', run: compact })
    }
    for (const [peer, count] of taken.writers) if (!peer.isRefused) acknowledge(peer, count)
  }

  function acknowledge(peer: Peer, writes: number): void {
    peer.writeCount += writes
    if (!peer.isClosed) send(peer, encodeMessage({ type: 'stored', writeCount: peer.writeCount }))
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
    if (!owedStepOne.delete(peer) || peer.isClosed) return
    send(peer, encodeMessage({ type: 'sync-step-1', stateVector: storage.document.stateVector() }))
  }

  function sendAllPresence(peer: Peer): void {
    const update = presence.table.encodeAll()
    if (update !== null) send(peer, encodeMessage({ type: 'awareness', update }))
  }

  function send(peer: Peer, frame: Uint8Array): void {
    metrics.messagesOut.inc()
    metrics.bytesOut.inc(frame.length)
    peer.socket.send(frame)
  }

  function broadcast(frame: Uint8Array, except: Peer | null): void {
    let count = 0
    for (const peer of peers) {
      if (peer === except || peer.isClosed) continue
      peer.socket.send(frame)
      count += 1
    }
    metrics.messagesOut.inc(count)
    metrics.bytesOut.inc(count * frame.length)
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
    storeBatch().then(
      () => room.close(CloseCode.goingAway, 'the pad is being reloaded, reconnecting'),
      (storeError: unknown) => {
        log.error({ err: storeError }, 'could not store what the failed room accepted')
        return room.close(CloseCode.internalError, 'server error, reconnecting')
      },
    )
  }

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
      inbox.push({ kind: 'task', run: resyncFromStore })
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
  async function resyncFromStore(): Promise<void> {
    const caughtUp = await storage.catchUp()
    if (caughtUp.effective !== null) broadcast(encodeMessage({ type: 'update', update: caughtUp.effective }), null)
    // The others lost this instance's presence with the link: tell them again.
    const local = presence.table.encode(clientIds.localIds())
    if (local !== null) link?.publish({ kind: 'presence', update: local })
    log.info({ updates: caughtUp.updates }, 'pad resynced from the store')
  }

  function clearIdleTimer(): void {
    if (idleTimer !== null) clock.clearTimeout(idleTimer)
    idleTimer = null
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
      clearIdleTimer()
      peers.add(peer)
      inbox.push({
        kind: 'task',
        run: () => {
          send(peer, encodeMessage({ type: 'settings', settings: toPadState(pad) }))
          sendAllPresence(peer)
          // Sent once the peer's first message is handled (see the top of this file).
          owedStepOne.add(peer)
        },
      })
    },
    receive(peer, frame) {
      if (isClosing()) return
      inbox.push({ kind: 'frame', peer, frame })
    },
    leave(peer) {
      peer.isClosed = true
      if (!peers.delete(peer)) return
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
      if (peers.size === 0 && !isClosing()) {
        clearIdleTimer()
        idleTimer = clock.setTimeout(() => void room.close(CloseCode.goingAway, 'room unloaded'), options.idleMs)
      }
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
            for (const peer of peers) if (peer.role === Role.edit && !peer.isClosed) send(peer, request)
          }
        },
      })
    },
    closeRole(role, code, reason) {
      for (const peer of peers) if (peer.role === role) closePeer(peer, code, reason)
    },
    deletePad() {
      return closeRoom(CloseCode.deleted, 'the pad was deleted', 'deleted')
    },
    receiveRemote(message, instanceId) {
      if (isClosing()) return
      inbox.push({
        kind: 'task',
        run: () => {
          if (message.kind === 'update') applyRemoteUpdate(message.update, instanceId)
          else if (message.kind === 'presence') applyRemotePresence(message.update, instanceId)
          else clientIds.forgetRemote(message.clientIds, instanceId)
        },
      })
    },
    resync() {
      if (isClosing()) return
      clientIds.forgetAllRemote()
      inbox.push({ kind: 'task', run: resyncFromStore })
    },
    settle: () => inbox.settle(),
    close: (code, reason) => closeRoom(code, reason, hasFailed() ? 'failed' : 'unloaded'),
  }

  function closeRoom(code: number, reason: string, why: 'unloaded' | 'failed' | 'deleted'): Promise<void> {
    if (phase.kind === 'closing') return phase.closed
    deps.onClose(room)
    clearIdleTimer()
    presence.close()
    for (const peer of peers) closePeer(peer, code, reason)
    peers.clear()
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

/**
 * How long a room waits between two relays of writes: nothing in a workshop
 * (under a millisecond for 30 people), up to 25 ms in a room of a thousand,
 * where each relay is a write to every socket. Latency stays far under what
 * people notice; the server's work per write shrinks with the room.
 */
export function relayIntervalMs(peerCount: number): number {
  return Math.min(25, peerCount / 50)
}

/** How often presences that were not renewed are looked for. */
const presenceExpiryCheckMs = 3_000

function firstKey<K>(map: Map<K, unknown>): K | null {
  for (const key of map.keys()) return key
  return null
}

function assertNever(value: never): never {
  throw new TypeError(`unexpected message ${JSON.stringify(value)}`)
}
