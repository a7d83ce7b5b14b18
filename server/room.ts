/**
 * A room: the live copy of one pad while anyone is connected. It owns the
 * pad's Y.Doc and awareness, and its peers. Every message is handled in
 * arrival order through one queue that starts with loading the stored pad, so
 * nobody is answered before the pad is loaded, and the doc never holds more
 * than the store: a write is checked, applied, appended to the store, and only
 * then acknowledged and relayed (DESIGN.md, "Durability").
 *
 * Writes and presence are checked against hostile-but-valid input (issue 3):
 * each Yjs client id belongs to one live connection, updates may not leave
 * anything pending, presence is bounded in size. It does not parse URLs, look
 * up keys, rate-limit or own sockets (that is relay.ts).
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../shared/close-codes'
import { decodeMessage, encodeMessage, ProtocolError, type Message } from '../shared/protocol'
import { canWrite, Role } from '../shared/roles'
import { encodeAwarenessEntries, readAwarenessEntries } from './awareness-check'
import type { Logger } from './log'
import type { Metrics } from './metrics'
import { toPadState } from './pad-api'
import { closePeer, type Peer } from './peer'
import type { PadRecord, Store } from './store'
import { addsNothing, checkUpdate, type DecodedUpdate } from './update-check'

export interface RoomOptions {
  /** Compact the update log into a snapshot once it holds this many updates. */
  compactAfterUpdates: number
  /** Close the room this long after its last peer left. */
  idleMs: number
  maxAwarenessBytes: number
  maxDocumentBytes: number
}

export interface RoomDeps {
  store: Store
  log: Logger
  metrics: Metrics
  /** Called once when the room starts closing, so the relay forgets it. */
  onClose: (room: Room) => void
}

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
  /** Resolves once every message received so far is handled. */
  settle(): Promise<void>
  /** Closes every peer with `code`, stores what is pending and frees the doc. Idempotent. */
  close(code: number, reason: string): Promise<void>
}

/** A client id claimed by another live connection: maybe a reconnect whose old socket is not closed yet. */
class ClientIdConflict extends ProtocolError {
  constructor(
    readonly clientId: number,
    readonly holder: Peer,
  ) {
    super(`client id ${clientId} is in use by another connection; retry`, CloseCode.tryAgainLater)
  }
}

export function createRoom(initialPad: PadRecord, options: RoomOptions, deps: RoomDeps): Room {
  const { store, metrics } = deps
  const padId = initialPad.id
  let pad = initialPad
  const log = deps.log.child({ padId })
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  // The server is not a participant: it has no presence of its own.
  awareness.setLocalState(null)
  const peers = new Set<Peer>()
  /** Which live connection speaks for each Yjs client id. */
  const owners = new Map<number, Peer>()
  let lastSeq = 0
  let updatesSinceSnapshot = 0
  /** Bytes of the stored snapshot and updates: the pad's size in the store. */
  let storedBytes = 0
  let idleTimer: NodeJS.Timeout | null = null
  let closing: Promise<void> | null = null
  /** Set when the doc may differ from the store: nothing more is handled or compacted. */
  let hasFailed = false
  /** Set once the pad is deleted: nothing may be stored for it any more. */
  let isDeleted = false

  awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
    const changed = [...added, ...updated, ...removed]
    const frame = encodeMessage({ type: 'awareness', update: awarenessProtocol.encodeAwarenessUpdate(awareness, changed) })
    // Sent to the sender too, as the reference server does: a participant
    // alone in a pad otherwise receives nothing, and y-websocket reconnects
    // after 30 s without a message.
    broadcast(frame, null)
  })

  let queue: Promise<void> = load().catch(fail)

  const enqueue = (task: () => void | Promise<void>): void => {
    queue = queue.then(() => (hasFailed ? undefined : task())).catch(fail)
  }

  async function load(): Promise<void> {
    const stored = await store.loadDocument(padId)
    doc.transact(() => {
      if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    lastSeq = stored.lastSeq
    updatesSinceSnapshot = stored.updates.length
    storedBytes = (stored.snapshot?.length ?? 0) + stored.updates.reduce((sum, update) => sum + update.length, 0)
    log.debug({ updates: stored.updates.length, hasSnapshot: stored.snapshot !== null }, 'pad loaded')
    if (updatesSinceSnapshot >= options.compactAfterUpdates) await compact()
  }

  function handle(peer: Peer, frame: Uint8Array): Promise<void> | void {
    // A peer that merely left still has its last writes stored; one that was
    // refused has nothing more handled.
    if (peer.isRefused) return
    try {
      const message = decodeMessage(frame)
      metrics.messagesIn.inc({ type: message.type })
      return dispatch(peer, message).catch((error: unknown) => reject(peer, error))
    } catch (error) {
      reject(peer, error)
    }
  }

  /** Closes the peer that sent a bad message; any other error is the room's failure. */
  function reject(peer: Peer, error: unknown): void {
    if (!(error instanceof ProtocolError)) throw error
    if (error instanceof ClientIdConflict) {
      // An honest reconnect whose old socket lingers: the probe drops that
      // socket if it is dead, and the retry succeeds. A live holder keeps it.
      error.holder.socket.probe()
    }
    log.warn({ peer: peer.id, code: error.closeCode, reason: error.message }, 'closing peer: message refused')
    metrics.closes.inc({ code: String(error.closeCode) })
    peer.isRefused = true
    closePeer(peer, error.closeCode, error.message)
  }

  async function dispatch(peer: Peer, message: Message): Promise<void> {
    switch (message.type) {
      case 'sync-step-1':
        send(peer, encodeMessage({ type: 'sync-step-2', update: encodeMissing(message.stateVector) }))
        return
      case 'sync-step-2':
      case 'update':
        if (!canWrite(peer.role)) {
          // A view link's provider always answers sync step 1 with a step 2;
          // it is dropped, never applied or relayed.
          log.debug({ peer: peer.id }, 'dropped a write from a view connection')
          return
        }
        if (pad.locked && peer.role === Role.edit) {
          // An update means the page wrote after the lock reached it.
          if (message.type === 'update') throw new ProtocolError('the pad is locked', CloseCode.locked)
          // A step 2 is the provider's answer to our step 1 on every join.
          // With nothing new in it, it is acknowledged (the pad has it all);
          // with changes, it is left unacknowledged, so the page keeps saying
          // they are not saved, and asked for again on unlock.
          if (addsNothing(doc, decodeUpdate(message.update))) acknowledge(peer)
          return
        }
        await write(peer, message.update)
        return
      case 'awareness':
        applyAwareness(peer, message.update)
        return
      case 'query-awareness':
        sendAllAwareness(peer)
        return
      case 'stored':
      case 'settings':
        throw new ProtocolError(`the ${message.type} message is sent by the server only`)
      default:
        assertNever(message)
    }
  }

  function encodeMissing(stateVector: Uint8Array): Uint8Array {
    try {
      return Y.encodeStateAsUpdate(doc, stateVector)
    } catch {
      throw new ProtocolError('malformed state vector in sync step 1', CloseCode.invalidPayload)
    }
  }

  function claim(peer: Peer, clientIds: Iterable<number>): void {
    for (const clientId of clientIds) {
      const holder = owners.get(clientId)
      if (holder !== undefined && holder !== peer) throw new ClientIdConflict(clientId, holder)
    }
    for (const clientId of clientIds) {
      owners.set(clientId, peer)
      peer.clientIds.add(clientId)
    }
  }

  async function write(peer: Peer, update: Uint8Array): Promise<void> {
    if (storedBytes + update.length > options.maxDocumentBytes) {
      throw new ProtocolError(`the pad is full (${options.maxDocumentBytes} bytes)`, CloseCode.messageTooBig)
    }
    const stopApplyTimer = metrics.updateApplySeconds.startTimer()
    const decoded = decodeUpdate(update)
    const check = checkUpdate(doc, decoded)
    if (check.problem !== null) throw new ProtocolError(check.problem, CloseCode.invalidPayload)
    claim(peer, check.writtenClients)

    const applied: Uint8Array[] = []
    const collect = (effective: Uint8Array, origin: unknown): void => {
      if (origin === peer) applied.push(effective)
    }
    doc.on('update', collect)
    let applyError: unknown = null
    try {
      Y.applyUpdate(doc, update, peer)
    } catch (error) {
      applyError = error
    } finally {
      doc.off('update', collect)
    }
    // Checked above; this catches what the check may have missed, so that
    // nothing stays pending in the doc.
    const leftPending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
    doc.store.pendingStructs = null
    doc.store.pendingDs = null
    stopApplyTimer()

    // Whatever Yjs integrated is in the doc now, even if it then threw: store
    // and relay it so that the doc, the store and the peers stay equal.
    if (applied.length > 0) {
      const effective = applied.length === 1 ? (applied[0] as Uint8Array) : Y.mergeUpdates(applied)
      const stopStoreTimer = metrics.storeWriteSeconds.startTimer()
      lastSeq = await store.appendUpdate(padId, effective, Date.now())
      stopStoreTimer()
      updatesSinceSnapshot += 1
      storedBytes += effective.length
      broadcast(encodeMessage({ type: 'update', update: effective }), peer)
      if (updatesSinceSnapshot >= options.compactAfterUpdates) enqueue(compact)
    }
    if (applyError !== null || leftPending) {
      log.error({ err: applyError, leftPending }, 'an update passed the checks but Yjs refused part of it')
      throw new ProtocolError('update refused by Yjs', CloseCode.invalidPayload)
    }
    acknowledge(peer)
  }

  function acknowledge(peer: Peer): void {
    peer.writeCount += 1
    send(peer, encodeMessage({ type: 'stored', writeCount: peer.writeCount }))
  }

  function applyAwareness(peer: Peer, update: Uint8Array): void {
    if (update.length > options.maxAwarenessBytes) {
      throw new ProtocolError(`presence larger than ${options.maxAwarenessBytes} bytes`, CloseCode.messageTooBig)
    }
    // The stock provider sends back every presence change it receives, with
    // the clock it got: such echoes are dropped. A newer clock is a claim to
    // speak for that client id, allowed only to its connection.
    const fresh = readAwarenessEntries(update).filter((entry) => {
      const known = awareness.meta.get(entry.clientId)
      return known === undefined || entry.clock > known.clock
    })
    if (fresh.length === 0) return
    claim(peer, fresh.map((entry) => entry.clientId))
    awarenessProtocol.applyAwarenessUpdate(awareness, encodeAwarenessEntries(fresh), peer)
  }

  function sendAllAwareness(peer: Peer): void {
    const states = awareness.getStates()
    if (states.size === 0) return
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [...states.keys()])
    send(peer, encodeMessage({ type: 'awareness', update }))
  }

  async function compact(): Promise<void> {
    if (updatesSinceSnapshot === 0 || hasFailed || isDeleted) return
    const throughSeq = lastSeq
    try {
      const snapshot = Y.encodeStateAsUpdate(doc)
      await store.compact(padId, snapshot, throughSeq)
      updatesSinceSnapshot = 0
      storedBytes = snapshot.length
      log.debug({ throughSeq }, 'pad compacted')
    } catch (error) {
      // The log is intact: loading still works, only slower. Try again later.
      log.warn({ err: error }, 'compaction failed')
    }
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
    hasFailed = true
    log.error({ err: error }, 'room failed; closing it so that the pad reloads from the store')
    void room.close(CloseCode.internalError, 'server error, reconnecting')
  }

  function scheduleIdleClose(): void {
    if (idleTimer !== null) clearTimeout(idleTimer)
    idleTimer = setTimeout(() => void room.close(CloseCode.goingAway, 'room unloaded'), options.idleMs)
  }

  const room: Room = {
    padId,
    get peerCount() {
      return peers.size
    },
    join(peer) {
      if (closing !== null) {
        closePeer(peer, CloseCode.goingAway, 'pad is being unloaded, reconnect')
        return
      }
      if (idleTimer !== null) {
        clearTimeout(idleTimer)
        idleTimer = null
      }
      peers.add(peer)
      enqueue(() => {
        send(peer, encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) }))
        send(peer, encodeMessage({ type: 'settings', settings: toPadState(pad) }))
        sendAllAwareness(peer)
      })
    },
    receive(peer, frame) {
      if (closing !== null) return
      enqueue(() => handle(peer, frame))
    },
    leave(peer) {
      peer.isClosed = true
      if (!peers.delete(peer)) return
      // Queued, so that a message of this peer still in the queue cannot
      // bring its cursor back or claim its client ids after it left.
      enqueue(() => {
        const ids = [...peer.clientIds]
        for (const id of ids) if (owners.get(id) === peer) owners.delete(id)
        const present = ids.filter((id) => awareness.getStates().has(id))
        if (present.length > 0) awarenessProtocol.removeAwarenessStates(awareness, present, null)
      })
      if (peers.size === 0 && closing === null) scheduleIdleClose()
    },
    updatePad(next) {
      const wasLocked = pad.locked
      pad = next
      enqueue(() => {
        broadcast(encodeMessage({ type: 'settings', settings: toPadState(pad) }), null)
        if (wasLocked && !pad.locked) {
          // Edits made while locked stayed in the pages; asking each editor
          // for what the pad lacks brings them in now (their sync step 2).
          const request = encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) })
          for (const peer of peers) if (peer.role === Role.edit && !peer.isClosed) send(peer, request)
        }
      })
    },
    closeRole(role, code, reason) {
      for (const peer of peers) {
        if (peer.role !== role) continue
        metrics.closes.inc({ code: String(code) })
        closePeer(peer, code, reason)
      }
    },
    deletePad() {
      isDeleted = true
      return room.close(CloseCode.deleted, 'the pad was deleted')
    },
    settle() {
      return queue
    },
    close(code, reason) {
      if (closing !== null) return closing
      deps.onClose(room)
      if (idleTimer !== null) clearTimeout(idleTimer)
      for (const peer of peers) closePeer(peer, code, reason)
      peers.clear()
      closing = queue
        .then(compact)
        .catch((error: unknown) => log.warn({ err: error }, 'could not compact while closing'))
        .finally(() => {
          awareness.destroy()
          doc.destroy()
          log.debug('room closed')
        })
      return closing
    },
  }
  return room
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

function decodeUpdate(update: Uint8Array): DecodedUpdate {
  try {
    return Y.decodeUpdate(update) as unknown as DecodedUpdate
  } catch {
    throw new ProtocolError('malformed update', CloseCode.invalidPayload)
  }
}

function assertNever(value: never): never {
  throw new TypeError(`unexpected message ${JSON.stringify(value)}`)
}
