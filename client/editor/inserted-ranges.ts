/**
 * Where the content a transaction brought in lies in the document after a
 * whole round of transactions (ProseMirror's `appendTransaction` sees them
 * together): each step's new range, mapped through the steps and
 * transactions after it. Used by the plugins that decide what new text
 * carries (people/authorship-plugin.ts, prompt-plugin.ts).
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import type { Transaction } from 'prosemirror-state'

export interface Range {
  from: number
  to: number
}

/** Where the text `tr` brought in is in `finalDoc`, the document after every transaction of this round. */
export function insertedRanges(tr: Transaction, round: readonly Transaction[], finalDoc: ProseMirrorNode): Range[] {
  const ranges: Range[] = []
  const later = round.slice(round.indexOf(tr) + 1)
  tr.steps.forEach((step, index) => {
    step.getMap().forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      if (newEnd <= newStart) return
      let from = tr.mapping.slice(index + 1).map(newStart, 1)
      let to = tr.mapping.slice(index + 1).map(newEnd, -1)
      for (const next of later) {
        from = next.mapping.map(from, 1)
        to = next.mapping.map(to, -1)
      }
      if (to > from && to <= finalDoc.content.size) ranges.push({ from, to })
    })
  })
  return ranges
}
