/**
 * Where a document changed between two versions, so that projection mode can
 * keep the latest edit on screen: the end of the changed range in the new
 * document (where someone is typing), or its start for a pure deletion. Pure;
 * uses ProseMirror's own structural diff (`Fragment.findDiffStart/End`).
 */
import type { Node } from 'prosemirror-model'

/** A position in `next` inside or right after what changed since `previous`; null when nothing did. */
export function findChangedPosition(previous: Node, next: Node): number | null {
  const start = previous.content.findDiffStart(next.content)
  if (start === null) return null
  const end = previous.content.findDiffEnd(next.content)
  // When the change repeats neighbouring text, the two ends overlap: the later one is still inside it.
  const position = end === null ? start : Math.max(start, end.b)
  return Math.min(position, next.content.size)
}
