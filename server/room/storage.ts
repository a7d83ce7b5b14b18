/**
 * What the store holds of a room's pad, and the doc that mirrors it: loading,
 * appending a batch, compacting the log into a snapshot, applying what other
 * instances stored, and rebuilding the doc from the store when an update
 * left it in doubt. It keeps the pad's stored size, so that a write that
 * would pass `maxDocumentBytes` is refused before it is applied. It decides
 * nothing about who may write what (messages.ts and updates/update-check.ts do).
 */
import * as Y from 'yjs'
import type { Logger } from '../log'
import type { Store } from '../store/store'
import type { CheckpointStore } from './checkpoints'
import type { RoomHistoryStore } from './history'
import type { FacilitationStore } from '../facilitation/room-facilitation'
import { createRoomDocument, storedState, type RoomDocument } from './document'
import { applyTrusted, mergeAll } from './updates/yjs-updates'

/** The part of the store a room uses (its checkpoints, history and facilitation included). */
export type RoomStore = Pick<Store, 'loadDocument' | 'appendUpdate' | 'compact'> & CheckpointStore & RoomHistoryStore & FacilitationStore

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
  let updatesSinceSnapshot = 0
  let storedBytes = 0

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
    storedBytes = (stored.snapshot?.length ?? 0) + stored.updates.reduce((sum, update) => sum + update.length, 0)
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
      log.debug({ updates: stored.updates.length, hasSnapshot: stored.snapshot !== null }, 'pad loaded')
    },
    async append(update, atMs) {
      lastSeq = await store.appendUpdate(padId, update, atMs)
      updatesSinceSnapshot += 1
      storedBytes += update.length
    },
    async compact() {
      if (updatesSinceSnapshot === 0) return
      try {
        // With other instances appending too, the doc may lack what they
        // stored but did not relay yet: the snapshot is made from the store.
        const shared = options.isShared ? await store.loadDocument(padId) : null
        const throughSeq = shared?.lastSeq ?? lastSeq
        const snapshot = shared === null ? Y.encodeStateAsUpdate(document.doc()) : storedState(shared)
        if (snapshot === null) return
        await store.compact(padId, snapshot, throughSeq)
        updatesSinceSnapshot = 0
        storedBytes = snapshot.length
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
