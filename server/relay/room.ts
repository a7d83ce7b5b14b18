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
import { readAwarenessEntries } from './awareness-check'
import type { BusMessage } from '../scale-out/bus-message'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import { toPadState } from '../api/pad-api'
import { closePeer, type Peer } from './peer'
import { createPresenceTable } from './presence-table'
import { createRoomDocument, storedState, type RoomDocument } from './room-document'
import { StoreError, type PadRecord, type Store } from '../store/store'
import { atTurnEnd } from './turn-end'
import { addsNothing, prepareUpdate, type DecodedUpdate } from './update-check'

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
  store: Store
  log: Logger
  metrics: Metrics
  /** Called once when the room starts closing, so the relay forgets it. */
  onClose: (room: Room) => void
  /** The other instances serving this pad (REDIS_URL), or null when this one is alone. */
  link?: RoomLink | null
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

/** A client id claimed by another live connection: maybe a reconnect whose old socket is not closed yet. */
class ClientIdConflict extends ProtocolError {
  constructor(
    readonly clientId: number,
    /** The local connection that holds it, or null when a peer of another instance does. */
    readonly holder: Peer | null,
  ) {
    super(`client id ${clientId} is in use by another connection; retry`, CloseCode.tryAgainLater)
  }
}

export function createRoom(initialPad: PadRecord, options: RoomOptions, deps: RoomDeps): Room {
  const { store, metrics } = deps
  const padId = initialPad.id
  let pad = initialPad
  const log = deps.log.child({ padId })
  let document: RoomDocument = createRoomDocument(null)
  const presence = createPresenceTable()
  const peers = new Set<Peer>()
  /** Which live connection speaks for each Yjs client id. */
  const owners = new Map<number, Peer>()
  /** Client ids that peers of other instances speak for, and which instance (while it is alive). */
  const remoteOwners = new Map<number, string>()
  const link = deps.link ?? null
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

  let inbox: RoomItem[] = [{ kind: 'task', run: load }]
  let isDraining = false
  let isDrainScheduled = false
  let batch = emptyBatch()
  const settleWaiters: Array<() => void> = []

  /** Client ids whose presence changed since it was last relayed… */
  const presenceChanged = new Set<number>()
  /** …and those of them that are this instance's peers, published to the others. */
  const localPresenceChanged = new Set<number>()
  let presenceTimer: NodeJS.Timeout | null = null
  let lastPresenceRelayMs = 0
  /** Peers that joined and are still to get the room's sync step 1. */
  const owedStepOne = new WeakSet<Peer>()
  /** When the last batch of writes was relayed. */
  let lastRelayMs = 0
  /** Runs while anyone is present (a pad that is only read costs no timer). */
  let presenceExpiry: NodeJS.Timeout | null = null

  void drain()

  function push(item: RoomItem): void {
    inbox.push(item)
    if (isDraining || isDrainScheduled) return
    // Waiting for the end of this turn lets everything that arrived in it
    // form one batch.
    isDrainScheduled = true
    atTurnEnd(() => {
      isDrainScheduled = false
      if (!isDraining) void drain()
    })
  }

  async function drain(): Promise<void> {
    isDraining = true
    try {
      while (!hasFailed) {
        if (inbox.length > 0) {
          const items = inbox
          inbox = []
          for (const item of items) {
            if (hasFailed) break
            if (item.kind === 'task') {
              await storeBatch()
              await item.run()
            } else {
              const handling = handle(item.peer, item.frame)
              if (handling !== undefined) await handling
            }
          }
          continue
        }
        if (batch.writers.size === 0 && batch.updates.length === 0) break
        // In a big room every relay is a write to hundreds of sockets: the
        // writes of the next few milliseconds join this batch instead.
        const wait = lastRelayMs + relayIntervalMs(peers.size) - Date.now()
        if (wait >= 1) {
          await new Promise((resolve) => setTimeout(resolve, wait))
          continue
        }
        await storeBatch()
      }
    } catch (error) {
      fail(error)
    }
    isDraining = false
    relayPresenceSoon()
    notifyIfSettled()
  }

  async function load(): Promise<void> {
    // Subscribed first, loaded second: an update another instance stores
    // meanwhile is either in what is loaded or arrives on the channel (Yjs
    // ignores it if it is in both).
    if (link !== null) await link.subscribed
    const stored = await store.loadDocument(padId)
    document.destroy()
    document = createRoomDocument(storedState(stored))
    lastSeq = stored.lastSeq
    updatesSinceSnapshot = stored.updates.length
    storedBytes = (stored.snapshot?.length ?? 0) + stored.updates.reduce((sum, update) => sum + update.length, 0)
    log.debug({ updates: stored.updates.length, hasSnapshot: stored.snapshot !== null }, 'pad loaded')
    if (updatesSinceSnapshot >= options.compactAfterUpdates) push({ kind: 'task', run: compact })
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
            if (isEmptyUpdate(decoded) || addsNothing(document.doc(), decoded)) acknowledge(peer, 1)
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
    if (batch.writers.size === 0) {
      then()
      return undefined
    }
    return storeBatch().then(then)
  }

  function encodeMissing(stateVector: Uint8Array): Uint8Array {
    try {
      return document.missing(stateVector)
    } catch {
      throw new ProtocolError('malformed state vector in sync step 1', CloseCode.invalidPayload)
    }
  }

  function claim(peer: Peer, clientIds: Iterable<number>): void {
    for (const clientId of clientIds) {
      const holder = owners.get(clientId)
      if (holder !== undefined && holder !== peer) throw new ClientIdConflict(clientId, holder)
      const remoteHolder = remoteOwners.get(clientId)
      if (remoteHolder !== undefined) {
        if (link?.isInstanceAlive(remoteHolder) === true) throw new ClientIdConflict(clientId, null)
        remoteOwners.delete(clientId)
      }
    }
    for (const clientId of clientIds) {
      owners.set(clientId, peer)
      peer.clientIds.add(clientId)
    }
  }

  /**
   * Checks and applies a write; it joins the batch, stored before anyone
   * sees it. Returns a promise only when Yjs refused what the checks let
   * through and the doc had to be rebuilt.
   */
  function write(peer: Peer, update: Uint8Array): Promise<void> | undefined {
    if (storedBytes + batch.bytes + update.length > options.maxDocumentBytes) {
      throw new ProtocolError(`the pad is full (${options.maxDocumentBytes} bytes)`, CloseCode.messageTooBig)
    }
    const decoded = decodeUpdate(update)
    // What a provider with nothing new sends on every join: no need to build the doc for it.
    if (isEmptyUpdate(decoded)) {
      batch.writers.set(peer, (batch.writers.get(peer) ?? 0) + 1)
      return undefined
    }
    const stopApplyTimer = metrics.updateApplySeconds.startTimer()
    const doc = document.doc()
    const check = prepareUpdate(doc, update, decoded)
    if (check.problem !== null) throw new ProtocolError(check.problem, CloseCode.invalidPayload)
    claim(peer, check.writtenClients)

    const keptBefore = batch.updates.length
    const statesBefore = new Map(check.writtenClients.map((client) => [client, Y.getState(doc.store, client)]))
    // An update of new structs only is what it adds: kept as it came, after
    // applying. Others (a sync step 2 that repeats what the pad has) are kept
    // as what Yjs integrated, which it encodes only for an 'update' listener.
    const collect = (effective: Uint8Array, origin: unknown): void => {
      if (origin === peer) keep(effective)
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
    const leftPending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
    stopApplyTimer()
    if (applyError === null && !leftPending) {
      if (check.isAllNew) keep(update)
      batch.writers.set(peer, (batch.writers.get(peer) ?? 0) + 1)
      return undefined
    }
    // The checks missed something: Yjs threw part way, or kept part of the
    // update pending. The doc may be half changed, even broken (issue 13:
    // a zero-length struct broke its struct store), so it is rebuilt from
    // what is known good, the store and the batch, and the update is
    // dropped whole: nothing of it was stored or relayed.
    batch.updates.length = keptBefore
    batch.bytes = batch.updates.reduce((sum, bytes) => sum + bytes.length, 0)
    log.error({ err: applyError, leftPending, peer: peer.id }, 'an update passed the checks but Yjs refused it; rebuilding the pad from the store')
    metrics.documentRebuilds.inc()
    const seen = stateVectorWithout(doc, statesBefore)
    return rebuildDocument(seen).then(() => {
      throw new ProtocolError('update refused by Yjs', CloseCode.invalidPayload)
    })
  }

  function keep(bytes: Uint8Array): void {
    batch.updates.push(bytes)
    batch.bytes += bytes.length
  }

  /**
   * Replaces the doc with the stored pad plus the batch's writes. `seen` is
   * what the peers were sent: with other instances, the store may hold more
   * (published but not received yet), which is relayed now, since the
   * rebuilt doc would ignore it when it comes.
   */
  async function rebuildDocument(seen: Map<number, number> | null): Promise<void> {
    const stored = await store.loadDocument(padId)
    const state = storedState(stored)
    const parts = state === null ? batch.updates : [state, ...batch.updates]
    const previous = document
    document = createRoomDocument(parts.length === 0 ? null : Y.mergeUpdates(parts))
    destroyQuietly(previous)
    lastSeq = stored.lastSeq
    updatesSinceSnapshot = stored.updates.length
    storedBytes = (stored.snapshot?.length ?? 0) + stored.updates.reduce((sum, update) => sum + update.length, 0)
    if (link === null || state === null) return
    const unseen = seen === null ? state : Y.diffUpdate(state, Y.encodeStateVector(seen))
    if (!isEmptyUpdate(decodeUpdate(unseen))) broadcast(encodeMessage({ type: 'update', update: unseen }), null)
  }

  /** Stores the batch's writes as one update, then relays it and acknowledges each writer. */
  async function storeBatch(): Promise<void> {
    if (batch.writers.size === 0 && batch.updates.length === 0) return
    const { updates, writers } = batch
    batch = emptyBatch()
    if (updates.length > 0) {
      const merged = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)
      const stopStoreTimer = metrics.storeWriteSeconds.startTimer()
      try {
        lastSeq = await store.appendUpdate(padId, merged, Date.now())
      } catch (error) {
        // Still not stored: the batch stays, so that a failing room can try once more (fail()).
        batch = { updates: [...updates, ...batch.updates], bytes: batch.bytes + merged.length, writers: new Map([...writers, ...batch.writers]) }
        throw error
      }
      stopStoreTimer()
      updatesSinceSnapshot += 1
      storedBytes += merged.length
      // A lone writer already has its update; with several, each gets the
      // others' and its own back, which Yjs ignores: one frame for everyone.
      broadcast(encodeMessage({ type: 'update', update: merged }), writers.size === 1 ? firstKey(writers) : null)
      lastRelayMs = Date.now()
      link?.publish({ kind: 'update', update: merged })
      // Presence waiting for its turn goes out now, in the same system call per socket.
      if (presenceTimer !== null) {
        clearTimeout(presenceTimer)
        relayPresence()
      }
      if (updatesSinceSnapshot >= options.compactAfterUpdates) push({ kind: 'task', run: compact })
    }
    for (const [peer, count] of writers) if (!peer.isRefused) acknowledge(peer, count)
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
      const known = presence.clockOf(entry.clientId)
      return known === undefined || entry.clock > known
    })
    if (fresh.length === 0) return
    claim(peer, fresh.map((entry) => entry.clientId))
    markPresenceChanged(presence.apply(fresh, Date.now()), true)
  }

  function markPresenceChanged(clientIds: readonly number[], isLocal: boolean): void {
    if (presenceExpiry === null && presence.size > 0 && closing === null) {
      presenceExpiry = setInterval(expirePresence, presenceExpiryCheckMs)
      presenceExpiry.unref()
    }
    for (const clientId of clientIds) {
      presenceChanged.add(clientId)
      if (isLocal && link !== null) localPresenceChanged.add(clientId)
    }
  }

  function expirePresence(): void {
    markPresenceChanged(presence.expire(Date.now()), false)
    relayPresenceSoon()
    if (presence.size === 0 && presenceExpiry !== null) {
      clearInterval(presenceExpiry)
      presenceExpiry = null
    }
  }

  /**
   * Relays the presence changes collected so far, at most every
   * `presenceIntervalMs`. Sent to the sender too, as the reference server
   * does: a participant alone in a pad otherwise receives nothing, and
   * y-websocket reconnects after 30 s without a message.
   */
  function relayPresenceSoon(): void {
    if (presenceChanged.size === 0 || presenceTimer !== null || closing !== null) return
    const wait = lastPresenceRelayMs + options.presenceIntervalMs - Date.now()
    if (wait > 0) {
      presenceTimer = setTimeout(relayPresence, wait)
      return
    }
    relayPresence()
  }

  function relayPresence(): void {
    presenceTimer = null
    lastPresenceRelayMs = Date.now()
    const update = presence.encode(presenceChanged)
    presenceChanged.clear()
    if (update !== null) broadcast(encodeMessage({ type: 'awareness', update }), null)
    if (localPresenceChanged.size > 0) {
      const local = presence.encode(localPresenceChanged)
      localPresenceChanged.clear()
      if (local !== null) link?.publish({ kind: 'presence', update: local })
    }
    notifyIfSettled()
  }

  /** Sends the room's sync step 1 to a peer that joined and has not had it yet. */
  function sendOwedStepOne(peer: Peer): void {
    if (!owedStepOne.delete(peer) || peer.isClosed) return
    send(peer, encodeMessage({ type: 'sync-step-1', stateVector: document.stateVector() }))
  }

  function sendAllPresence(peer: Peer): void {
    const update = presence.encodeAll()
    if (update !== null) send(peer, encodeMessage({ type: 'awareness', update }))
  }

  async function compact(): Promise<void> {
    if (updatesSinceSnapshot === 0 || hasFailed || isDeleted) return
    try {
      // With other instances appending too, the doc may lack what they
      // stored but did not relay yet: the snapshot is made from the store.
      const shared = link === null ? null : await store.loadDocument(padId)
      const throughSeq = shared?.lastSeq ?? lastSeq
      const snapshot = shared === null ? Y.encodeStateAsUpdate(document.doc()) : storedState(shared)
      if (snapshot === null) return
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
    inbox = []
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
    const doc = document.doc()
    let writtenClients: number[]
    try {
      writtenClients = [...Y.parseUpdateMeta(update).to.keys()]
    } catch (error) {
      log.warn({ err: error, instanceId }, 'dropped a malformed update from another instance')
      return
    }
    const applied = applyToDoc(doc, update)
    if (applied.leftPending) {
      // A message of the channel was lost (Redis restarted): the store has it.
      log.warn({ instanceId }, 'an update from another instance depends on one this instance missed; resyncing')
      push({ kind: 'task', run: resyncFromStore })
    }
    for (const clientId of writtenClients) if (!owners.has(clientId)) remoteOwners.set(clientId, instanceId)
    if (applied.effective !== null) {
      storedBytes += applied.effective.length
      broadcast(encodeMessage({ type: 'update', update: applied.effective }), null)
    }
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
      const known = presence.clockOf(entry.clientId)
      return !owners.has(entry.clientId) && (known === undefined || entry.clock > known)
    })
    for (const entry of fresh) if (!entry.isRemoval) remoteOwners.set(entry.clientId, instanceId)
    markPresenceChanged(presence.apply(fresh, Date.now()), false)
  }

  /** Applies what the store holds and this instance may have missed; relays the difference to its peers. */
  async function resyncFromStore(): Promise<void> {
    const stored = await store.loadDocument(padId)
    const state = storedState(stored)
    if (state !== null) {
      const applied = applyToDoc(document.doc(), state)
      if (applied.effective !== null) broadcast(encodeMessage({ type: 'update', update: applied.effective }), null)
    }
    // The others lost this instance's presence with the link: tell them again.
    const local = presence.encode(owners.keys())
    if (local !== null) link?.publish({ kind: 'presence', update: local })
    log.info({ updates: stored.updates.length }, 'pad resynced from the store')
  }

  function isSettled(): boolean {
    return !isDraining && !isDrainScheduled && (inbox.length === 0 || hasFailed) && presenceTimer === null
  }

  function notifyIfSettled(): void {
    if (!isSettled()) return
    for (const resolve of settleWaiters.splice(0)) resolve()
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
      push({
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
      if (closing !== null) return
      push({ kind: 'frame', peer, frame })
    },
    leave(peer) {
      peer.isClosed = true
      if (!peers.delete(peer)) return
      // Queued, so that a message of this peer still in the inbox cannot
      // bring its cursor back or claim its client ids after it left.
      push({
        kind: 'task',
        run: () => {
          const ids = [...peer.clientIds]
          for (const id of ids) if (owners.get(id) === peer) owners.delete(id)
          markPresenceChanged(presence.remove(ids), true)
          if (ids.length > 0) link?.publish({ kind: 'released', clientIds: ids })
        },
      })
      if (peers.size === 0 && closing === null) scheduleIdleClose()
    },
    updatePad(next) {
      const wasLocked = pad.locked
      pad = next
      push({
        kind: 'task',
        run: () => {
          broadcast(encodeMessage({ type: 'settings', settings: toPadState(pad) }), null)
          if (wasLocked && !pad.locked) {
            // Edits made while locked stayed in the pages; asking each editor
            // for what the pad lacks brings them in now (their sync step 2).
            const request = encodeMessage({ type: 'sync-step-1', stateVector: document.stateVector() })
            for (const peer of peers) if (peer.role === Role.edit && !peer.isClosed) send(peer, request)
          }
        },
      })
    },
    closeRole(role, code, reason) {
      for (const peer of peers) {
        if (peer.role !== role) continue
        closePeer(peer, code, reason)
      }
    },
    deletePad() {
      isDeleted = true
      return room.close(CloseCode.deleted, 'the pad was deleted')
    },
    receiveRemote(message, instanceId) {
      if (closing !== null) return
      push({
        kind: 'task',
        run: () => {
          if (message.kind === 'update') applyRemoteUpdate(message.update, instanceId)
          else if (message.kind === 'presence') applyRemotePresence(message.update, instanceId)
          else for (const clientId of message.clientIds) if (remoteOwners.get(clientId) === instanceId) remoteOwners.delete(clientId)
        },
      })
    },
    resync() {
      if (closing !== null) return
      remoteOwners.clear()
      push({ kind: 'task', run: resyncFromStore })
    },
    settle() {
      if (isSettled()) return Promise.resolve()
      return new Promise<void>((resolve) => settleWaiters.push(resolve))
    },
    close(code, reason) {
      if (closing !== null) return closing
      deps.onClose(room)
      if (idleTimer !== null) clearTimeout(idleTimer)
      if (presenceExpiry !== null) clearInterval(presenceExpiry)
      if (presenceTimer !== null) {
        clearTimeout(presenceTimer)
        presenceTimer = null
      }
      for (const peer of peers) closePeer(peer, code, reason)
      peers.clear()
      closing = room
        .settle()
        .then(compact)
        .catch((error: unknown) => log.warn({ err: error }, 'could not compact while closing'))
        .finally(() => {
          document.destroy()
          log.debug('room closed')
        })
      return closing
    },
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

type RoomItem =
  | { kind: 'frame'; peer: Peer; frame: Uint8Array }
  | { kind: 'task'; run: () => void | Promise<void> }

/** Writes applied to the doc but not stored yet, and how many write messages each peer sent in them. */
interface WriteBatch {
  updates: Uint8Array[]
  bytes: number
  writers: Map<Peer, number>
}

function emptyBatch(): WriteBatch {
  return { updates: [], bytes: 0, writers: new Map() }
}

function firstKey<K>(map: Map<K, unknown>): K | null {
  for (const key of map.keys()) return key
  return null
}

const remoteOrigin = Symbol('another instance')

/** Applies an update that needs no checking (stored by this server); returns what it added, if anything. */
function applyToDoc(doc: Y.Doc, update: Uint8Array): { effective: Uint8Array | null; leftPending: boolean } {
  const effective: Uint8Array[] = []
  const collect = (applied: Uint8Array, origin: unknown): void => {
    if (origin === remoteOrigin) effective.push(applied)
  }
  doc.on('update', collect)
  try {
    Y.applyUpdate(doc, update, remoteOrigin)
  } finally {
    doc.off('update', collect)
  }
  const leftPending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
  return { effective: effective.length === 0 ? null : effective.length === 1 ? (effective[0] as Uint8Array) : Y.mergeUpdates(effective), leftPending }
}

/**
 * The doc's state vector, with the clients of an update that failed part way
 * set back to where they were before it; null if even that cannot be read.
 */
function stateVectorWithout(doc: Y.Doc, statesBefore: Map<number, number>): Map<number, number> | null {
  try {
    const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc))
    for (const [client, clock] of statesBefore) {
      if (clock === 0) stateVector.delete(client)
      else stateVector.set(client, clock)
    }
    return stateVector
  } catch {
    return null
  }
}

/** Frees a doc that a failed update may have broken, where freeing may throw too. */
function destroyQuietly(document: RoomDocument): void {
  try {
    document.destroy()
  } catch {
    // Its observers are the room's own; a broken doc is dropped either way.
  }
}

/** An update with no structs and no deletions: applying it changes nothing. */
function isEmptyUpdate(update: DecodedUpdate): boolean {
  return update.structs.length === 0 && update.ds.clients.size === 0
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
