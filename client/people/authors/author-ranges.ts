/**
 * Who wrote which characters of the editor's document, read as the credits
 * read them (shared/pad/attribution.ts): for each run of text still in the
 * pad, its ProseMirror range and its author — the participant its author
 * attribute names, or for older text the Yjs client that inserted it.
 *
 * It walks the `body` fragment beside the ProseMirror document that
 * y-prosemirror keeps in step with it, rather than through the binding's
 * private `mapping`: both trees have the same shape (one `Y.XmlElement` per
 * node, named after its type; a textblock's text runs are `Y.XmlText`s, its
 * inline nodes such as `hard_break` are elements of size 1). Inside a
 * `Y.XmlText`, each live string item is one run; mark changes (the author
 * attribute among them) are format items, which take no room in ProseMirror. A block whose sizes do not agree
 * (the two trees caught between two updates) is skipped rather than
 * coloured wrongly; the next pass catches up. It knows no names or colours.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import * as Y from 'yjs'
import { authorAfter, authorKeyOf, type AuthorKey } from '../../../shared/pad/attribution'

export interface AuthorRange {
  from: number
  to: number
  author: AuthorKey
}

/** The runs of `doc` (the ProseMirror twin of `fragment`) by author, in document order, adjacent runs of one author merged. */
export function findAuthorRanges(fragment: Y.XmlFragment, doc: ProseMirrorNode): AuthorRange[] {
  const ranges: AuthorRange[] = []
  collectChildren(fragment, doc, 0, ranges)
  return ranges
}

/** `contentStart`: the position where `node`'s content starts (0 for the doc). */
function collectChildren(
  element: Y.XmlFragment | Y.XmlElement,
  node: ProseMirrorNode,
  contentStart: number,
  ranges: AuthorRange[],
): void {
  if (node.inlineContent) {
    collectTextblock(element, node, contentStart, ranges)
    return
  }
  const children = element.toArray()
  if (children.length !== node.childCount) return
  let position = contentStart
  children.forEach((child, index) => {
    const pmChild = node.child(index)
    if (child instanceof Y.XmlElement && child.nodeName === pmChild.type.name && !pmChild.isLeaf) {
      collectChildren(child, pmChild, position + 1, ranges)
    }
    position += pmChild.nodeSize
  })
}

function collectTextblock(
  element: Y.XmlFragment | Y.XmlElement,
  node: ProseMirrorNode,
  contentStart: number,
  ranges: AuthorRange[],
): void {
  const found: AuthorRange[] = []
  let position = contentStart
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      let author: string | null = null
      for (let item = child._start; item !== null; item = item.right) {
        if (item.deleted) continue
        author = authorAfter(item, author)
        if (!item.countable) continue
        if (item.content instanceof Y.ContentString) {
          found.push({ from: position, to: position + item.length, author: authorKeyOf(item, author) })
        }
        position += item.length
      }
    } else {
      // An inline node (hard_break): one position, no text of its own.
      position += 1
    }
  }
  if (position !== contentStart + node.content.size) return
  for (const range of found) appendMerged(ranges, range)
}

function appendMerged(ranges: AuthorRange[], range: AuthorRange): void {
  const last = ranges[ranges.length - 1]
  if (last !== undefined && last.author === range.author && last.to === range.from) last.to = range.to
  else ranges.push({ ...range })
}
