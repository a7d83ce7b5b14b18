/**
 * Shows a hint in an empty pad ("Commencez à écrire ici…"): a node decoration
 * on the lone empty paragraph that CSS renders from `data-placeholder`. The
 * text comes from a function so that it follows the interface language.
 */
import { Plugin } from 'prosemirror-state'
import { Decoration, DecorationSet } from 'prosemirror-view'

export function buildPlaceholder(readText: () => string): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        const { doc } = state
        const first = doc.firstChild
        if (doc.childCount !== 1 || first === null || !first.isTextblock || first.content.size > 0) {
          return DecorationSet.empty
        }
        return DecorationSet.create(doc, [
          Decoration.node(0, first.nodeSize, { class: 'is-empty', 'data-placeholder': readText() }),
        ])
      },
    },
  })
}
