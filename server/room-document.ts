/**
 * A room's copy of the pad's document, which starts as the stored bytes and
 * becomes a Y.Doc only when something needs one (a write, a lock check, a
 * compaction). Until then, joiners are answered from the bytes with Yjs's
 * update-level functions (`diffUpdate`, `encodeStateVectorFromUpdate`): a
 * pad loaded after a restart answers its first reader in the time it takes to
 * read it, not to rebuild a 1 MB document (issue 6, cold load). Both forms
 * hold exactly what the store holds, so either may answer.
 */
import * as Y from 'yjs'
import type { StoredDocument } from './store'

export interface RoomDocument {
  /** The Y.Doc with everything stored applied: built on first use. */
  doc(): Y.Doc
  readonly isBuilt: boolean
  stateVector(): Uint8Array
  /** What a peer with `stateVector` lacks (sync step 2). Throws on a malformed state vector. */
  missing(stateVector: Uint8Array): Uint8Array
  destroy(): void
}

/** The whole stored document as one update, or null for an empty pad. */
export function storedState(stored: StoredDocument): Uint8Array | null {
  const parts = stored.snapshot === null ? stored.updates : [stored.snapshot, ...stored.updates]
  if (parts.length === 0) return null
  return parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts)
}

export function createRoomDocument(state: Uint8Array | null): RoomDocument {
  const doc = new Y.Doc()
  let unbuilt = state

  const build = (): Y.Doc => {
    if (unbuilt !== null) {
      const bytes = unbuilt
      unbuilt = null
      Y.applyUpdate(doc, bytes)
    }
    return doc
  }

  return {
    doc: build,
    get isBuilt() {
      return unbuilt === null
    },
    stateVector: () => (unbuilt === null ? Y.encodeStateVector(doc) : Y.encodeStateVectorFromUpdate(unbuilt)),
    missing(stateVector) {
      if (unbuilt === null) return Y.encodeStateAsUpdate(doc, stateVector)
      // A newcomer (empty state vector: no clients) lacks everything: the bytes as they are.
      return isEmptyStateVector(stateVector) ? unbuilt : Y.diffUpdate(unbuilt, stateVector)
    },
    destroy: () => {
      unbuilt = null
      doc.destroy()
    },
  }
}

function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0
}
