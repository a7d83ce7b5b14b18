import { describe, expect, it } from 'vitest'
import { extendTail, maxFolds, maxLogShare, minFoldingSnapshotBytes, mayFold, shouldFold, type FoldableTail, type LogShape } from './log-folding'

const tailOf = (count: number): FoldableTail => {
  let tail: FoldableTail | null = null
  for (let seq = 1; seq <= count; seq++) tail = extendTail(tail, 30, 100 + seq)
  if (tail === null) throw new RangeError('a tail needs an update')
  return tail
}

const bigPad: LogShape = { snapshotBytes: 1_000_000, logBytes: 15_000, folds: 3, looseUpdates: 500 }

describe('extendTail', () => {
  it('spans the numbers of the updates it holds, and their bytes', () => {
    expect(tailOf(500)).toEqual({ firstSeq: 101, lastSeq: 600, updates: 500, bytes: 15_000 })
  })
})

describe('shouldFold', () => {
  it('folds a big pad whose log is short', () => {
    expect(shouldFold(bigPad, tailOf(500))).toBe(true)
  })

  it('compacts a small pad whole, and keeps no tail for it', () => {
    const small = { ...bigPad, snapshotBytes: minFoldingSnapshotBytes - 1 }
    expect(shouldFold(small, tailOf(500))).toBe(false)
    expect(mayFold(small.snapshotBytes)).toBe(false)
    expect(mayFold(minFoldingSnapshotBytes)).toBe(true)
  })

  it('compacts whole once the log holds the most folds, or weighs its share of the snapshot', () => {
    expect(shouldFold({ ...bigPad, folds: maxFolds - 1 }, tailOf(500))).toBe(true)
    expect(shouldFold({ ...bigPad, folds: maxFolds }, tailOf(500))).toBe(false)
    expect(shouldFold({ ...bigPad, logBytes: bigPad.snapshotBytes * maxLogShare }, tailOf(500))).toBe(false)
  })

  it('compacts whole when most loose updates are not the tail’s (loaded ones), or the tail is one update', () => {
    expect(shouldFold({ ...bigPad, looseUpdates: 500 }, tailOf(250))).toBe(true)
    expect(shouldFold({ ...bigPad, looseUpdates: 500 }, tailOf(249))).toBe(false)
    expect(shouldFold({ ...bigPad, looseUpdates: 1 }, tailOf(1))).toBe(false)
  })
})
