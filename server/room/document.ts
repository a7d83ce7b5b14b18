/**
 * A room's copy of the pad's document, which starts as the stored bytes and
 * becomes a Y.Doc only when something needs one (a write, a lock check, a
 * compaction). Until then, joiners are answered from the bytes with Yjs's
 * update-level functions (`diffUpdate`, `encodeStateVectorFromUpdate`): a
 * pad loaded after a restart answers its first reader in the time it takes to
 * read it, not to rebuild a 1 MB document (the benchmark's cold load). Both forms
 * hold exactly what the store holds, so either may answer.
 */
import * as Y from 'yjs'
import type { StoredDocument } from '../store/store'

export interface RoomDocument {
  /** The Y.Doc with everything stored applied: built on first use. */
  doc(): Y.Doc
  isBuilt(): boolean
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
  // Even the empty Y.Doc is made only when needed: a server holding
  // thousands of pads that people only read keeps none.
  let doc: Y.Doc | null = null
  let unbuilt = state

  const build = (): Y.Doc => {
    doc ??= new Y.Doc()
    if (unbuilt !== null) {
      const bytes = unbuilt
      unbuilt = null
      Y.applyUpdate(doc, bytes)
    }
    return doc
  }

  return {
    doc: build,
    isBuilt() {
      return doc !== null && unbuilt === null
    },
    stateVector() {
      if (doc !== null) return Y.encodeStateVector(build())
      return unbuilt === null ? emptyStateVector : Y.encodeStateVectorFromUpdate(unbuilt)
    },
    missing(stateVector) {
      if (doc !== null) return Y.encodeStateAsUpdate(build(), stateVector)
      if (unbuilt === null) {
        Y.decodeStateVector(stateVector)
        return emptyUpdate
      }
      // A newcomer (empty state vector: no clients) lacks everything: the bytes as they are.
      return isEmptyStateVector(stateVector) ? unbuilt : Y.diffUpdate(unbuilt, stateVector)
    },
    destroy: () => {
      unbuilt = null
      doc?.destroy()
    },
  }
}

const emptyStateVector = new Uint8Array([0])
/** An update with no structs and no deletions. */
const emptyUpdate = new Uint8Array([0, 0])

function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0
}
