/**
 * What the store holds of a room's pad, and the doc that mirrors it: loading,
 * appending a batch, compacting the log, applying what other instances
 * stored, and rebuilding the doc from the store when an update left it in
 * doubt. Compacting a big pad's log folds the updates this room appended
 * since the last fold or compaction into one, the doc's change since then
 * (log-folding.ts): rewriting the snapshot means encoding and writing the
 * whole pad on the room's loop, 10–60 ms on a 1 MB pad. It keeps the pad's stored size, so that a write that
 * would pass `maxDocumentBytes` is refused before it is applied. It decides
 * nothing about who may write what (messages.ts and updates/update-check.ts do).
 */
import * as Y from 'yjs'
import type { Logger } from '../../log'
import type { Store } from '../../store/store'
import type { CheckpointStore } from '../checkpoints'
import type { RoomHistoryStore } from '../history'
import type { FacilitationStore } from '../../facilitation/room-facilitation'
import { createRoomDocument, storedState, type RoomDocument } from './document'
import { applyTrusted, mergeAll } from '../updates/yjs-updates'
import { extendTail, mayFold, shouldFold, type FoldableTail } from './log-folding'

/** The part of the store a room uses (its checkpoints, history and facilitation included). */
export type RoomStore = Pick<Store, 'loadDocument' | 'appendUpdate' | 'compact' | 'foldUpdates'> & CheckpointStore & RoomHistoryStore & FacilitationStore

export interface RoomStorage {
  document(): RoomDocument
  /** Bytes of the stored snapshot and updates: the pad's size in the store. */
  storedBytes(): number
  /** Whether the log has grown past `compactAfterUpdates` since the last snapshot. */
  needsCompaction(): boolean
  load(): Promise<void>
  /** Appends one update durably, at `atMs`. */
  append(update: Uint8Array, atMs: number): Promise<void>
  /** Replaces the log by a snapshot; a failure leaves the log intact (loading works, only slower) and is logged. */
  compact(): Promise<void>
  /**
   * Replaces the doc by the stored pad plus `pending` (applied, not stored
   * yet); resolves with the stored pad as one update, or null when empty.
   */
  rebuild(pending: readonly Uint8Array[]): Promise<Uint8Array | null>
  /** Applies an update another instance stored; returns what the doc lacked of it. */
  applyStoredElsewhere(update: Uint8Array): { effective: Uint8Array | null; leftPending: boolean }
  /** Applies what the store holds now (this instance may have missed some of it); returns what the doc lacked. */
  catchUp(): Promise<{ effective: Uint8Array | null; updates: number }>
  destroy(): void
}

export interface RoomStorageOptions {
  compactAfterUpdates: number
  /** Whether other instances append to the same pad (then snapshots are made from the store, not the doc). */
  isShared: boolean
}

export function createRoomStorage(padId: string, options: RoomStorageOptions, deps: { store: RoomStore; log: Logger }): RoomStorage {
  const { store, log } = deps
  let document: RoomDocument = createRoomDocument(null)
  let lastSeq = 0
  /** Updates in the log that no fold holds (those loaded count as such). */
  let updatesSinceSnapshot = 0
  let storedBytes = 0
  let snapshotBytes = 0
  /** Folds in the log since the snapshot. */
  let folds = 0
  /**
   * Where the next fold starts: the doc's state vector when the store last
   * held exactly the doc (after a fold or a compaction; 'as loaded': the doc
   * as built from what `load` read); null when unknown (a rebuilt doc holds
   * what is not stored yet), and then the next compaction is whole.
   */
  let foldFrom: Uint8Array | 'as loaded' | null = null
  /** This room's appends since then, counted while the pad is big enough to fold (log-folding.ts). */
  let tail: FoldableTail | null = null

  const replaceDocument = (state: Uint8Array | null): void => {
    const previous = document
    document = createRoomDocument(state)
    try {
      previous.destroy()
    } catch {
      // A doc that a failed update broke may fail to free itself; it is dropped either way.
    }
  }
  const account = (stored: { snapshot: Uint8Array | null; updates: Uint8Array[]; lastSeq: number }): void => {
    lastSeq = stored.lastSeq
    updatesSinceSnapshot = stored.updates.length
    snapshotBytes = stored.snapshot?.length ?? 0
    storedBytes = snapshotBytes + stored.updates.reduce((sum, update) => sum + update.length, 0)
    folds = 0
    tail = null
    foldFrom = null
  }
  /**
   * Folds the tail into one update in the store: the doc's change since
   * `from` (its appends are stored: compactions run as inbox tasks, after the
   * writes before them). False when the store refused; a compaction does it all then.
   */
  const fold = async (folding: FoldableTail, from: Uint8Array): Promise<boolean> => {
    const doc = document.doc()
    const folded = Y.encodeStateAsUpdate(doc, from)
    if (!(await store.foldUpdates(padId, folded, folding.firstSeq, folding.lastSeq, folding.updates))) return false
    storedBytes += folded.length - folding.bytes
    updatesSinceSnapshot -= folding.updates
    folds += 1
    tail = null
    foldFrom = Y.encodeStateVector(doc)
    log.debug({ throughSeq: folding.lastSeq, updates: folding.updates }, 'log folded')
    return true
  }

  return {
    document() {
      return document
    },
    storedBytes() {
      return storedBytes
    },
    needsCompaction() {
      return updatesSinceSnapshot >= options.compactAfterUpdates
    },
    async load() {
      const stored = await store.loadDocument(padId)
      replaceDocument(storedState(stored))
      account(stored)
      // Other instances append among this room's updates: their pad is compacted from the store, never folded.
      foldFrom = options.isShared ? null : 'as loaded'
      log.debug({ updates: stored.updates.length, hasSnapshot: stored.snapshot !== null }, 'pad loaded')
    },
    async append(update, atMs) {
      lastSeq = await store.appendUpdate(padId, update, atMs)
      updatesSinceSnapshot += 1
      storedBytes += update.length
      // The doc is built by now (the update was applied to it before being stored).
      if (foldFrom === 'as loaded') foldFrom = document.builtFrom()
      if (foldFrom !== null && mayFold(snapshotBytes)) tail = extendTail(tail, update.length, lastSeq)
    },
    async compact() {
      if (updatesSinceSnapshot === 0) return
      try {
        const shape = { snapshotBytes, logBytes: storedBytes - snapshotBytes, folds, looseUpdates: updatesSinceSnapshot }
        if (tail !== null && foldFrom instanceof Uint8Array && shouldFold(shape, tail) && (await fold(tail, foldFrom))) return
        // With other instances appending too, the doc may lack what they
        // stored but did not relay yet: the snapshot is made from the store.
        const shared = options.isShared ? await store.loadDocument(padId) : null
        const throughSeq = shared?.lastSeq ?? lastSeq
        const snapshot = shared === null ? Y.encodeStateAsUpdate(document.doc()) : storedState(shared)
        if (snapshot === null) return
        await store.compact(padId, snapshot, throughSeq)
        updatesSinceSnapshot = 0
        storedBytes = snapshot.length
        snapshotBytes = snapshot.length
        folds = 0
        tail = null
        // Made from the doc, the snapshot is the doc: later appends may be folded from here (not when other instances append too).
        foldFrom = shared === null ? Y.encodeStateVector(document.doc()) : null
        log.debug({ throughSeq }, 'pad compacted')
      } catch (error) {
        log.warn({ err: error }, 'compaction failed')
      }
    },
    async rebuild(pending) {
      const stored = await store.loadDocument(padId)
      const state = storedState(stored)
      const parts = state === null ? pending : [state, ...pending]
      replaceDocument(parts.length === 0 ? null : mergeAll(parts))
      account(stored)
      return state
    },
    applyStoredElsewhere(update) {
      const applied = applyTrusted(document.doc(), update)
      if (applied.effective !== null) storedBytes += applied.effective.length
      return applied
    },
    async catchUp() {
      const stored = await store.loadDocument(padId)
      const state = storedState(stored)
      return { effective: state === null ? null : applyTrusted(document.doc(), state).effective, updates: stored.updates.length }
    },
    destroy: () => document.destroy(),
  }
}
