/**
 * A room's copy of the pad's document, which starts as the stored bytes and
 * becomes a Y.Doc only when something needs one (a write, a lock check, a
 * compaction). Until then, joiners are answered from the bytes with Yjs's
 * update-level functions (`diffUpdate`, `encodeStateVectorFromUpdate`): a
 * pad loaded after a restart answers its first reader in the time it takes to
 * read it, not to rebuild a 1 MB document (the benchmark's cold load). Both forms
 * hold exactly what the store holds, so either may answer.
 *
 * A newcomer (an empty state vector: a fresh page, the QR code just shown)
 * lacks everything: the doc's whole encoding is kept for the next newcomers
 * until the doc changes (`whole`), so that joiners arriving between two
 * writes cost one encoding. It is no longer patched with the writes applied
 * since, sent before the step 2: a newcomer cannot place those yet (Yjs keeps
 * them pending), and in four alternating runs of the join storm
 * (bench/storm/try.ts) newcomers took 32–48 ms at p95 to apply the pad that
 * way against 10–17 ms with one fresh step 2, which costs the server about
 * 1 ms per 200 KB to encode.
 */
import * as Y from 'yjs'
import type { StoredDocument } from '../../store/store'

export interface RoomDocument {
  /** The Y.Doc with everything stored applied: built on first use. */
  doc(): Y.Doc
  isBuilt(): boolean
  /** The doc's state vector as built from the stored bytes, before anything was applied to it; null until built. */
  builtFrom(): Uint8Array | null
  stateVector(): Uint8Array
  /** What a peer with `stateVector` lacks (sync step 2). Throws on a malformed state vector. */
  missing(stateVector: Uint8Array): Uint8Array
  /** Everything, for a newcomer: the same bytes for every newcomer until the doc changes. */
  whole(): Uint8Array
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
  /** The whole doc as encoded for the last newcomer, while the doc has not changed since; null otherwise. */
  let encoded: Uint8Array | null = null

  // Listened to only while an encoding is kept. Not `update`: with an
  // `update` listener, Yjs encodes every transaction's change.
  const dropEncodingOnChange = (transaction: Y.Transaction): void => {
    if (!changedTheDoc(transaction)) return
    encoded = null
    doc?.off('afterTransaction', dropEncodingOnChange)
  }

  let builtFrom: Uint8Array | null = null

  const build = (): Y.Doc => {
    if (doc === null) {
      doc = new Y.Doc()
      if (unbuilt !== null) {
        const bytes = unbuilt
        unbuilt = null
        Y.applyUpdate(doc, bytes)
      }
      builtFrom = Y.encodeStateVector(doc)
    }
    return doc
  }

  return {
    doc: build,
    isBuilt() {
      return doc !== null && unbuilt === null
    },
    builtFrom: () => builtFrom,
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
    whole() {
      if (doc === null) return unbuilt ?? emptyUpdate
      if (encoded === null) {
        encoded = Y.encodeStateAsUpdate(build())
        doc.on('afterTransaction', dropEncodingOnChange)
      }
      return encoded
    },
    destroy: () => {
      unbuilt = null
      encoded = null
      doc?.destroy()
    },
  }
}

const emptyStateVector = new Uint8Array([0])
/** An update with no structs and no deletions. */
const emptyUpdate = new Uint8Array([0, 0])

/** Whether a transaction added or deleted anything (what makes Yjs emit an update for it). */
function changedTheDoc(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true
  return false
}

export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0
}
