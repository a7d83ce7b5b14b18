/**
 * The shortest edit script between two sequences of strings (Myers, "An
 * O(ND) difference algorithm", 1986): which items of `a` are kept, which
 * removed and which items of `b` added, as counted steps in order. The
 * common start and end are cut off first (most versions of a pad differ in a
 * few places), and the search stops past `maxEdits` changes: what is left
 * between the common start and end is then given as removed whole and added
 * whole, so that a version that rewrote everything costs no more than it is
 * worth. It knows nothing of documents (version-diff.ts cuts them into
 * items). Pure.
 */

/** `count` items kept (in both), removed (from `a`) or added (from `b`). */
export interface DiffStep {
  kind: 'equal' | 'delete' | 'insert'
  count: number
}

export function diffSequences(a: readonly string[], b: readonly string[], maxEdits: number): DiffStep[] {
  if (!(Number.isInteger(maxEdits) && maxEdits >= 0)) throw new RangeError(`maxEdits must be a non-negative integer, got ${maxEdits}`)
  let prefix = 0
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  let suffix = 0
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++
  const middle = { a: a.slice(prefix, a.length - suffix), b: b.slice(prefix, b.length - suffix) }
  const steps: DiffStep[] = []
  push(steps, 'equal', prefix)
  const found = shortestEdit(middle.a, middle.b, maxEdits)
  if (found === null) {
    push(steps, 'delete', middle.a.length)
    push(steps, 'insert', middle.b.length)
  } else {
    for (const step of found) push(steps, step.kind, step.count)
  }
  push(steps, 'equal', suffix)
  return steps
}

/** Appends a step, joined to the last one when of the same kind; nothing for 0 items. */
function push(steps: DiffStep[], kind: DiffStep['kind'], count: number): void {
  if (count === 0) return
  const last = steps[steps.length - 1]
  if (last !== undefined && last.kind === kind) last.count += count
  else steps.push({ kind, count })
}

/**
 * Myers' greedy search, keeping for each number of edits `d` the furthest
 * point reached on each diagonal (k = x − y, from −d to d) so that the path
 * can be walked back; null past `maxEdits`. Memory grows as d², time as
 * (n + m)·d.
 */
function shortestEdit(a: readonly string[], b: readonly string[], maxEdits: number): DiffStep[] | null {
  const n = a.length
  const m = b.length
  const max = Math.min(n + m, maxEdits)
  const offset = max + 1
  const furthest = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      const isDown = k === -d || (k !== d && (furthest[offset + k - 1] ?? 0) < (furthest[offset + k + 1] ?? 0))
      let x = isDown ? (furthest[offset + k + 1] ?? 0) : (furthest[offset + k - 1] ?? 0) + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      furthest[offset + k] = x
      if (x >= n && y >= m) {
        trace.push(furthest.slice(offset - d, offset + d + 1))
        return walkBack(trace, n, m)
      }
    }
    trace.push(furthest.slice(offset - d, offset + d + 1))
  }
  return null
}

/** The steps of the path found, from the end back to the start. `trace[d][k + d]`: the furthest x on diagonal k after d edits. */
function walkBack(trace: readonly Int32Array[], n: number, m: number): DiffStep[] {
  const reversed: DiffStep[] = []
  let x = n
  let y = m
  for (let d = trace.length - 1; d > 0; d--) {
    const before = trace[d - 1] as Int32Array
    const at = (k: number): number => before[k + d - 1] ?? 0
    const k = x - y
    const isDown = k === -d || (k !== d && at(k - 1) < at(k + 1))
    const previousK = isDown ? k + 1 : k - 1
    const previousX = at(previousK)
    const previousY = previousX - previousK
    // After the edit, a run of equal items up to (x, y).
    const afterEditX = isDown ? previousX : previousX + 1
    reversed.push({ kind: 'equal', count: x - afterEditX })
    reversed.push({ kind: isDown ? 'insert' : 'delete', count: 1 })
    x = previousX
    y = previousY
  }
  reversed.push({ kind: 'equal', count: x })
  const steps: DiffStep[] = []
  for (let index = reversed.length - 1; index >= 0; index--) {
    const step = reversed[index] as DiffStep
    push(steps, step.kind, step.count)
  }
  return steps
}
