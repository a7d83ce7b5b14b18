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
 * lacks everything. Encoding the whole doc for each one costs about 1 ms per
 * 200 KB, every join of a storm; instead the doc is encoded once and kept
 * with the updates applied since (`whole`), re-encoded only once they add up.
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
  /**
   * Everything, for a newcomer: a state encoded earlier (the same bytes for
   * every newcomer until it is re-encoded) and what the doc has applied since
   * as one update, or null when nothing. Together they are the whole doc.
   */
  whole(): WholeDocument
  destroy(): void
}

export interface WholeDocument {
  state: Uint8Array
  since: Uint8Array | null
}

/** Updates applied since the whole doc was encoded after which it is encoded again… */
const maxUpdatesSinceEncoded = 200
/** …or bytes of them (besides, past a quarter of the state's size). */
const maxBytesSinceEncoded = 256 * 1024

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
  /** The whole doc as encoded last, and the updates applied since (merged once asked for); null until a newcomer asks. */
  let encoded: { state: Uint8Array; since: Uint8Array[]; sinceBytes: number; merged: Uint8Array | null } | null = null

  // Listened to only while an encoding is kept: with an `update` listener,
  // Yjs encodes every transaction, which costs each write CPU and memory.
  const followUpdates = (update: Uint8Array): void => {
    if (encoded === null) return
    encoded.since.push(update)
    encoded.sinceBytes += update.length
    encoded.merged = null
    // Kept only while it is cheaper than encoding anew (and never growing without a newcomer to use it).
    if (encoded.since.length > maxUpdatesSinceEncoded || encoded.sinceBytes > Math.min(maxBytesSinceEncoded, encoded.state.length / 4)) {
      encoded = null
      doc?.off('update', followUpdates)
    }
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
      if (doc === null) return { state: unbuilt ?? emptyUpdate, since: null }
      if (encoded === null) {
        encoded = { state: Y.encodeStateAsUpdate(build()), since: [], sinceBytes: 0, merged: null }
        doc.on('update', followUpdates)
      }
      if (encoded.since.length === 0) return { state: encoded.state, since: null }
      encoded.merged ??= encoded.since.length === 1 ? (encoded.since[0] as Uint8Array) : Y.mergeUpdates(encoded.since)
      return { state: encoded.state, since: encoded.merged }
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

export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0
}
