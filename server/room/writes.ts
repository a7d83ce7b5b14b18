/**
 * A room's writes: each one checked, applied and its credits checked
 * (updates/write-application.ts), then it joins the batch of the turn; the
 * batch is stored as one update, then relayed in one frame and each writer
 * acknowledged (DESIGN.md, "Durability": nothing is relayed before it is
 * stored). A change of the server's own (a restore) takes the same way, in
 * a batch of its own. In a big room the batch waits for the relay interval. A write
 * refused after it was applied (Yjs refused part of it, or its credits are
 * not its writer's) is taken back: the doc is rebuilt from the store and the
 * batch, and the write dropped whole. It does not decide who may write (the room checks roles and the
 * lock before) nor own the sockets.
 */
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes'
import { encodeMessage, ProtocolError } from '../../shared/protocol/messages'
import type { Clock } from '../clock'
import { sleep } from '../clock'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { ClientIdOwners } from './client-ids'
import type { Peer } from '../relay/peer'
import type { RoomLink } from './room'
import type { RoomStorage } from './storage/storage'
import { createCreditLedger } from './updates/credit-ledger'
import { applyWrite } from './updates/write-application'
import { createWriteBatch, type WriteBatch } from './write-batch'
import { decodeUpdate, isEmptyUpdate, mergeAll } from './updates/yjs-updates'

export interface RoomWritesOptions {
  maxDocumentBytes: number
}

export interface RoomWritesDeps {
  storage: RoomStorage
  clientIds: ClientIdOwners
  metrics: Metrics
  log: Logger
  clock: Clock
  link: RoomLink | null
  send(peer: Peer, frame: Uint8Array): void
  broadcast(frame: Uint8Array, except: Peer | null): void
  /** How many peers the room has: the relay interval grows with it. */
  peerCount(): number
  /** Runs after each batch is stored and relayed (presence waiting goes out with it; compaction may be due). */
  afterRelay(): void
}

export interface RoomWrites {
  readonly batch: Pick<WriteBatch, 'isEmpty'>
  /** Checks and applies a write; returns a promise only when the doc had to be rebuilt (then it rejects with 1007). */
  write(peer: Peer, update: Uint8Array): Promise<void> | undefined
  /** Stores the batch as one update, then relays it and acknowledges each writer. */
  storeBatch(): Promise<void>
  /** Stores the batch when the relay interval allows (else waits for it); false when it is empty. */
  storeBatchWhenDue(): Promise<boolean>
  /** Runs `then` once the writes applied so far are stored (and relayed). */
  afterStoring(then: () => void): Promise<void> | undefined
  /** Tells `peer` that `writes` more of its write messages are stored. */
  acknowledge(peer: Peer, writes: number): void
  /**
   * Makes a change of the server's own (a restore) to the doc in one
   * transaction, then stores it, relays it to every peer and publishes it,
   * as a batch of its own; resolves false when the change changed nothing.
   */
  applyOwnChange(change: (doc: Y.Doc) => void): Promise<boolean>
}

/** The origin of the server's own changes in a room's doc. */
const ownChange = Symbol('the server’s own change')

export function createRoomWrites(options: RoomWritesOptions, deps: RoomWritesDeps): RoomWrites {
  const { storage, clientIds, metrics, log, clock, link, send, broadcast } = deps
  const batch = createWriteBatch()
  const credit = createCreditLedger()
  /** When the last batch of writes was relayed. */
  let lastRelayMs = 0

  /** Stores the batch when it is due; false when it is empty. */
  async function storeBatchWhenDue(): Promise<boolean> {
    if (batch.isEmpty()) return false
    // In a big room every relay is a write to hundreds of sockets: the
    // writes of the next few milliseconds join this batch instead.
    const wait = lastRelayMs + relayIntervalMs(deps.peerCount()) - clock.now()
    if (wait >= 1) await sleep(clock, wait)
    else await storeBatch()
    return true
  }

  /** Runs `then` once the writes applied so far are stored (and relayed). */
  function afterStoring(then: () => void): Promise<void> | undefined {
    if (batch.isEmpty()) {
      then()
      return undefined
    }
    return storeBatch().then(then)
  }

  /**
   * Checks and applies a write; it joins the batch, stored before anyone
   * sees it. Returns a promise only when Yjs refused what the checks let
   * through and the doc had to be rebuilt.
   */
  function write(peer: Peer, update: Uint8Array): Promise<void> | undefined {
    if (storage.storedBytes() + batch.bytes() + update.length > options.maxDocumentBytes) {
      throw new ProtocolError(`the pad is full (${options.maxDocumentBytes} bytes)`, CloseCode.messageTooBig)
    }
    const decoded = decodeUpdate(update)
    // What a provider with nothing new sends on every join: no need to build the doc for it.
    if (isEmptyUpdate(decoded)) {
      batch.countWrite(peer)
      return undefined
    }
    const stopApplyTimer = metrics.updateApplySeconds.startTimer()
    const mark = batch.mark()
    const result = applyWrite(storage.document().doc(), update, decoded, peer, {
      claim: (clients) => clientIds.claim(peer, clients),
      ledger: credit,
      keep: (added) => batch.keep(added),
    })
    stopApplyTimer()
    if (result.kind === 'applied') {
      batch.countWrite(peer)
      return undefined
    }
    if (result.yjsFailure === null) {
      // Applied, but not the writer's to credit: undone like any refused write, and its sender told why.
      log.warn({ peer: peer.id, reason: result.refusal.message }, 'refused a write whose credits are not its own')
      return undoWrite(mark, result.seen, result.refusal)
    }
    // The checks missed something: Yjs threw part way, or kept part of the
    // update pending. The doc may be half changed, even broken (a struct of
    // length 0 once broke its struct store), so it is rebuilt from what is
    // known good, the store and the batch, and the update is dropped whole:
    // nothing of it was stored or relayed.
    log.error({ err: result.yjsFailure.error, leftPending: result.yjsFailure.leftPending, peer: peer.id }, 'an update passed the checks but Yjs refused it; rebuilding the pad from the store')
    metrics.documentRebuilds.inc()
    return undoWrite(mark, result.seen, result.refusal)
  }

  /** Takes a write back out of the batch and the doc (rebuilt from the store and the batch), then refuses it. */
  function undoWrite(mark: ReturnType<WriteBatch['mark']>, seen: Map<number, number> | null, refusal: ProtocolError): Promise<void> {
    batch.rollBack(mark)
    return rebuildDocument(seen, batch.updates(), deps).then(() => {
      throw refusal
    })
  }

  /** Stores the batch's writes as one update, then relays it and acknowledges each writer. */
  async function storeBatch(): Promise<void> {
    if (batch.isEmpty()) return
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
      deps.afterRelay()
    }
    for (const [peer, count] of taken.writers) if (peer.state !== 'refused') acknowledge(peer, count)
  }

  function acknowledge(peer: Peer, writes: number): void {
    peer.writeCount += writes
    // A stock client does not know the acknowledgement (it would log « Unable to compute message »).
    if (peer.state === 'open' && peer.understandsPadMessages) send(peer, encodeMessage({ type: 'stored', writeCount: peer.writeCount }))
  }

  async function applyOwnChange(change: (doc: Y.Doc) => void): Promise<boolean> {
    // Alone in its batch: a batch of one writer is relayed to the others only.
    await storeBatch()
    const doc = storage.document().doc()
    const updates: Uint8Array[] = []
    const collect = (update: Uint8Array, origin: unknown): void => {
      if (origin === ownChange) updates.push(update)
    }
    doc.on('update', collect)
    try {
      doc.transact(() => change(doc), ownChange)
    } finally {
      doc.off('update', collect)
    }
    if (updates.length === 0) return false
    for (const update of updates) batch.keep(update)
    await storeBatch()
    return true
  }

  return { batch, write, storeBatch, storeBatchWhenDue, afterStoring, acknowledge, applyOwnChange }
}

/**
 * How long a room waits between two relays of writes: not at all in a
 * workshop (under 50 people), 2 ms for 50, 16 ms for 400, 25 ms from 625 up.
 * Each relay is a write to every socket, and those system calls are most of
 * a big room's CPU (64% of the server's busy time at 1,600, profiled); with
 * the interval growing as the room, the relays cost about the same at any
 * size up to the cap, 25 socket writes per millisecond. The cap keeps a
 * room of 1,600 under 100 ms of latency on a 2-core machine: a cap of 50 ms
 * cut its CPU to 57–62% (from 82–88%) but took p99 to 102–103 ms, one of
 * 35 ms gave 77–79% and 95–112 ms. The presence of a room waits at least twice as long
 * (presence-relay.ts), so that while people type it leaves with the writes.
 */
export function relayIntervalMs(peerCount: number): number {
  return peerCount < minPeersToWait ? 0 : Math.min(maxRelayIntervalMs, peerCount / 25)
}

/** Rooms smaller than this relay each batch at once: at this size writes cost little CPU, and a workshop's latency matters more. */
const minPeersToWait = 50

/** The longest wait between two relays of writes, in rooms of 625 people and more. */
export const maxRelayIntervalMs = 25

/**
 * Replaces the doc with the stored pad plus the batch's writes. `seen` is
 * what the peers were sent: with other instances, the store may hold more
 * (published but not received yet), which is relayed now, since the
 * rebuilt doc would ignore it when it comes.
 */
async function rebuildDocument(
  seen: Map<number, number> | null,
  batchUpdates: readonly Uint8Array[],
  deps: Pick<RoomWritesDeps, 'storage' | 'link' | 'broadcast'>,
): Promise<void> {
  const { storage, link, broadcast } = deps
  const state = await storage.rebuild(batchUpdates)
  if (link === null || state === null) return
  const unseen = seen === null ? state : Y.diffUpdate(state, Y.encodeStateVector(seen))
  if (!isEmptyUpdate(decodeUpdate(unseen))) broadcast(encodeMessage({ type: 'update', update: unseen }), null)
}

function firstKey<K>(map: Map<K, unknown>): K | null {
  for (const key of map.keys()) return key
  return null
}
