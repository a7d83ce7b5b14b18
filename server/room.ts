/**
 * A room: the live copy of one pad while anyone is connected. It owns the
 * pad's Y.Doc and awareness, and its peers. Every message is handled in
 * arrival order through one queue that starts with loading the stored pad, so
 * nobody is answered before the pad is loaded, and the doc never holds more
 * than the store: a write is applied, appended to the store, and only then
 * acknowledged and relayed (DESIGN.md, "Durability"). It does not parse URLs,
 * look up keys or own sockets (that is relay.ts).
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../shared/close-codes'
import { decodeMessage, encodeMessage, ProtocolError, type Message } from '../shared/protocol'
import { canWrite } from '../shared/roles'
import type { Logger } from './log'
import { closePeer, type Peer } from './peer'
import type { Store } from './store'

export interface RoomOptions {
  /** Compact the update log into a snapshot once it holds this many updates. */
  compactAfterUpdates: number
  /** Close the room this long after its last peer left. */
  idleMs: number
}

export interface RoomDeps {
  store: Store
  log: Logger
  /** Called once when the room starts closing, so the relay forgets it. */
  onClose: (room: Room) => void
}

export interface Room {
  readonly padId: string
  readonly peerCount: number
  join(peer: Peer): void
  receive(peer: Peer, frame: Uint8Array): void
  leave(peer: Peer): void
  /** Resolves once every message received so far is handled. */
  settle(): Promise<void>
  /** Closes every peer with `code`, stores what is pending and frees the doc. Idempotent. */
  close(code: number, reason: string): Promise<void>
}

export function createRoom(padId: string, options: RoomOptions, deps: RoomDeps): Room {
  const { store } = deps
  const log = deps.log.child({ padId })
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  // The server is not a participant: it has no presence of its own.
  awareness.setLocalState(null)
  const peers = new Set<Peer>()
  let lastSeq = 0
  let updatesSinceSnapshot = 0
  let idleTimer: NodeJS.Timeout | null = null
  let closing: Promise<void> | null = null
  /** Set when the doc may differ from the store: nothing more is handled or compacted. */
  let hasFailed = false

  awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    if (isPeer(origin)) {
      for (const id of [...added, ...updated]) origin.awarenessClientIds.add(id)
      for (const id of removed) origin.awarenessClientIds.delete(id)
    }
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
    log.debug({ updates: stored.updates.length, hasSnapshot: stored.snapshot !== null }, 'pad loaded')
    if (updatesSinceSnapshot >= options.compactAfterUpdates) await compact()
  }

  function handle(peer: Peer, frame: Uint8Array): Promise<void> | void {
    let message: Message
    try {
      message = decodeMessage(frame)
      return dispatch(peer, message).catch((error: unknown) => rejectOrFail(peer, error))
    } catch (error) {
      rejectOrFail(peer, error)
    }
  }

  function rejectOrFail(peer: Peer, error: unknown): void {
    if (!(error instanceof ProtocolError)) throw error
    log.warn({ peer: peer.id, code: error.closeCode, reason: error.message }, 'closing peer: bad message')
    closePeer(peer, error.closeCode, error.message)
  }

  async function dispatch(peer: Peer, message: Message): Promise<void> {
    switch (message.type) {
      case 'sync-step-1':
        peer.socket.send(encodeMessage({ type: 'sync-step-2', update: encodeMissing(message.stateVector) }))
        return
      case 'sync-step-2':
      case 'update':
        if (!canWrite(peer.role)) {
          // A view link's provider always answers sync step 1 with a step 2;
          // it is dropped, never applied or relayed.
          log.debug({ peer: peer.id }, 'dropped a write from a view connection')
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
        throw new ProtocolError('the stored message is sent by the server only')
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

  async function write(peer: Peer, update: Uint8Array): Promise<void> {
    try {
      // Decoding first refuses malformed updates before they touch the doc.
      Y.decodeUpdate(update)
    } catch {
      throw new ProtocolError('malformed update', CloseCode.invalidPayload)
    }
    const applied: Uint8Array[] = []
    const collect = (effective: Uint8Array, origin: unknown): void => {
      if (origin === peer) applied.push(effective)
    }
    doc.on('update', collect)
    try {
      Y.applyUpdate(doc, update, peer)
    } finally {
      doc.off('update', collect)
    }
    if (applied.length > 0) {
      // What Yjs integrated, not what was sent: duplicates are left out.
      const effective = applied.length === 1 ? (applied[0] as Uint8Array) : Y.mergeUpdates(applied)
      lastSeq = await store.appendUpdate(padId, effective, Date.now())
      updatesSinceSnapshot += 1
      broadcast(encodeMessage({ type: 'update', update: effective }), peer)
      if (updatesSinceSnapshot >= options.compactAfterUpdates) enqueue(compact)
    }
    peer.writeCount += 1
    peer.socket.send(encodeMessage({ type: 'stored', writeCount: peer.writeCount }))
  }

  function applyAwareness(peer: Peer, update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(awareness, update, peer)
    } catch {
      throw new ProtocolError('malformed awareness update', CloseCode.invalidPayload)
    }
  }

  function sendAllAwareness(peer: Peer): void {
    const states = awareness.getStates()
    if (states.size === 0) return
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [...states.keys()])
    peer.socket.send(encodeMessage({ type: 'awareness', update }))
  }

  async function compact(): Promise<void> {
    if (updatesSinceSnapshot === 0 || hasFailed) return
    const throughSeq = lastSeq
    try {
      await store.compact(padId, Y.encodeStateAsUpdate(doc), throughSeq)
      updatesSinceSnapshot = 0
      log.debug({ throughSeq }, 'pad compacted')
    } catch (error) {
      // The log is intact: loading still works, only slower. Try again later.
      log.warn({ err: error }, 'compaction failed')
    }
  }

  function broadcast(frame: Uint8Array, except: Peer | null): void {
    for (const peer of peers) {
      if (peer !== except && !peer.isClosed) peer.socket.send(frame)
    }
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
        peer.socket.send(encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) }))
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
      // Queued, so that an awareness update of this peer still in the queue
      // cannot bring its cursor back after it left.
      enqueue(() => {
        if (peer.awarenessClientIds.size > 0) {
          awarenessProtocol.removeAwarenessStates(awareness, [...peer.awarenessClientIds], null)
        }
      })
      if (peers.size === 0 && closing === null) scheduleIdleClose()
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

function isPeer(value: unknown): value is Peer {
  return typeof value === 'object' && value !== null && 'awarenessClientIds' in value && 'socket' in value
}

function assertNever(value: never): never {
  throw new TypeError(`unexpected message ${JSON.stringify(value)}`)
}
