/**
 * Which Yjs client typed which characters of the editor's document: for each
 * run of text still in the pad, its ProseMirror range and the client id that
 * inserted it (the key of the doc's `authors` map, see shared/pad/attribution.ts).
 *
 * It walks the `body` fragment beside the ProseMirror document that
 * y-prosemirror keeps in step with it, rather than through the binding's
 * private `mapping`: both trees have the same shape (one `Y.XmlElement` per
 * node, named after its type; a textblock's text runs are `Y.XmlText`s, its
 * inline nodes such as `hard_break` are elements of size 1). Inside a
 * `Y.XmlText`, each live string item is one run; mark changes are format
 * items, which take no room in ProseMirror. A block whose sizes do not agree
 * (the two trees caught between two updates) is skipped rather than
 * coloured wrongly; the next pass catches up. It knows no names or colours.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import * as Y from 'yjs'

export interface AuthorRange {
  from: number
  to: number
  clientId: number
}

/** The runs of `doc` (the ProseMirror twin of `fragment`) by client, in document order, adjacent runs of one client merged. */
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
      for (let item = child._start; item !== null; item = item.right) {
        if (item.deleted || !item.countable) continue
        if (item.content instanceof Y.ContentString) {
          found.push({ from: position, to: position + item.length, clientId: item.id.client })
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
  if (last !== undefined && last.clientId === range.clientId && last.to === range.from) last.to = range.to
  else ranges.push({ ...range })
}
