/** The edit script between two sequences: shortest, in order, and bounded. */
import { describe, expect, it } from 'vitest'
import { diffSequences, type DiffStep } from './sequence-diff'

/** `b` rebuilt from `a` by the steps: what any correct script must give. */
function apply(a: readonly string[], b: readonly string[], steps: readonly DiffStep[]): string[] {
  const out: string[] = []
  let inA = 0
  let inB = 0
  for (const step of steps) {
    if (step.kind === 'equal') {
      expect(a.slice(inA, inA + step.count)).toEqual(b.slice(inB, inB + step.count))
      out.push(...a.slice(inA, inA + step.count))
      inA += step.count
      inB += step.count
    } else if (step.kind === 'delete') {
      inA += step.count
    } else {
      out.push(...b.slice(inB, inB + step.count))
      inB += step.count
    }
  }
  expect(inA).toBe(a.length)
  return out
}

const edits = (steps: readonly DiffStep[]): number => steps.filter((step) => step.kind !== 'equal').reduce((sum, step) => sum + step.count, 0)

describe('diffSequences', () => {
  it('keeps everything when nothing changed, and says nothing of two empty sequences', () => {
    expect(diffSequences(['a', 'b'], ['a', 'b'], 10)).toEqual([{ kind: 'equal', count: 2 }])
    expect(diffSequences([], [], 10)).toEqual([])
  })

  it('finds an insertion and a deletion in the middle, and only them', () => {
    const a = ['Une', ' ', 'épicerie', ' ', 'à', ' ', 'Lyon']
    const b = ['Une', ' ', 'épicerie', ' ', 'solidaire', ' ', 'à', ' ', 'Lyon']
    expect(diffSequences(a, b, 10)).toEqual([
      { kind: 'equal', count: 4 },
      { kind: 'insert', count: 2 },
      { kind: 'equal', count: 3 },
    ])
    expect(diffSequences(b, a, 10)).toEqual([
      { kind: 'equal', count: 4 },
      { kind: 'delete', count: 2 },
      { kind: 'equal', count: 3 },
    ])
  })

  it('gives a shortest script that turns one sequence into the other', () => {
    const a = 'ABCABBA'.split('')
    const b = 'CBABAC'.split('')
    const steps = diffSequences(a, b, 100)
    expect(apply(a, b, steps)).toEqual(b)
    // Myers' example: 5 edits is the shortest.
    expect(edits(steps)).toBe(5)
  })

  it('turns one sequence into the other for many random pairs', () => {
    let seed = 7
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(random() * 12) }, () => 'abc'[Math.floor(random() * 3)] as string)
      const b = Array.from({ length: Math.floor(random() * 12) }, () => 'abc'[Math.floor(random() * 3)] as string)
      const steps = diffSequences(a, b, 100)
      expect(apply(a, b, steps)).toEqual(b)
      // Never worse than removing all and adding all.
      expect(edits(steps)).toBeLessThanOrEqual(a.length + b.length)
    }
  })

  it('past maxEdits, gives what lies between the common start and end as replaced whole', () => {
    const a = ['x', 'a', 'b', 'c', 'y']
    const b = ['x', 'd', 'e', 'f', 'y']
    expect(diffSequences(a, b, 2)).toEqual([
      { kind: 'equal', count: 1 },
      { kind: 'delete', count: 3 },
      { kind: 'insert', count: 3 },
      { kind: 'equal', count: 1 },
    ])
    expect(() => diffSequences(a, b, -1)).toThrow(RangeError)
  })
})
