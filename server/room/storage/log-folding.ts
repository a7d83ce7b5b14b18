/**
 * When a room folds its pad's log instead of compacting it (storage.ts).
 * Compacting rewrites the snapshot: the whole pad, encoded and written on
 * the room's loop (10–60 ms on a 1 MB pad, measured under the workshop
 * load), every `compactAfterUpdates` updates. Folding replaces the updates
 * this room appended since its last fold or compaction by one update, the
 * doc's change since then (`Y.encodeStateAsUpdate` from the state vector of
 * that moment: about 1 ms on the 1 MB pad, where `Y.mergeUpdates` of those
 * 500 updates took 13 ms), leaving the snapshot as it is. A pad loads as
 * fast from its snapshot and 8 folds (28 ms on the 1 MB pad) as from its
 * snapshot and 500 updates (35 ms). The log is compacted whole again once
 * it holds `maxFolds` folds or weighs `maxLogShare` of the snapshot, and a
 * small pad is always compacted whole: rewriting it costs little. Pure.
 */

/** The updates a room appended since its last fold or compaction: exactly the pad's log from `firstSeq` through `lastSeq`. */
export interface FoldableTail {
  firstSeq: number
  lastSeq: number
  /** How many updates: the store folds them only if it holds exactly as many in that range. */
  updates: number
  bytes: number
}

/** The pad's log as the room last knew it. */
export interface LogShape {
  snapshotBytes: number
  /** Bytes of the updates and folds after the snapshot. */
  logBytes: number
  /** Folds among them. */
  folds: number
  /** Updates among them that no fold holds (those the room loaded count as such). */
  looseUpdates: number
}

/** Pads whose snapshot is smaller are compacted whole, and their rooms keep no tail. */
export const minFoldingSnapshotBytes = 64 * 1024
/** A compaction instead of a fold once the log holds this many folds… */
export const maxFolds = 16
/** …or weighs this share of the snapshot. */
export const maxLogShare = 0.25

/** Whether a pad whose snapshot weighs `snapshotBytes` may be folded, and its room counts a tail for it. */
export function mayFold(snapshotBytes: number): boolean {
  return snapshotBytes >= minFoldingSnapshotBytes
}

/** `tail` with one more update of `bytes`, appended as number `seq`; a new tail when there is none. */
export function extendTail(tail: FoldableTail | null, bytes: number, seq: number): FoldableTail {
  if (tail === null) return { firstSeq: seq, lastSeq: seq, updates: 1, bytes }
  return { firstSeq: tail.firstSeq, lastSeq: seq, updates: tail.updates + 1, bytes: tail.bytes + bytes }
}

/**
 * Whether the compaction that is due should fold `tail` rather than rewrite
 * the snapshot: on a big pad whose log is still short, and when the tail
 * holds most of the loose updates (after a load, the loaded ones cannot be
 * folded: the room does not know their numbers).
 */
export function shouldFold(log: LogShape, tail: FoldableTail): boolean {
  return (
    mayFold(log.snapshotBytes) &&
    tail.updates >= 2 &&
    tail.updates * 2 >= log.looseUpdates &&
    log.folds < maxFolds &&
    log.logBytes < log.snapshotBytes * maxLogShare
  )
}
