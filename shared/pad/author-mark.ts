/**
 * Who wrote a piece of text, carried by the text itself: the `author` mark,
 * whose one attribute is the writer's participant id
 * (shared/protocol/participant-id.ts). y-prosemirror stores a mark as a Yjs
 * formatting attribute of the text (`author: { id }`), so the credit moves
 * with the characters when a paragraph becomes a heading, a list item or a
 * card field, when text is cut and pasted, dragged, undone or merged offline:
 * the Yjs item that holds a character may change, its attribute does not.
 * Etherpad credits text the same way. The mark has no look of its own (author
 * colours are decorations) and is not a formatting choice people make. It
 * does not decide who gets the mark (client/people/authors/authorship-plugin.ts) or
 * what credit follows (attribution.ts).
 */
import type { MarkSpec } from 'prosemirror-model'
import { isParticipantId } from '../protocol/participant-id'

export const authorMarkName = 'author'

export const authorMarkSpec: MarkSpec = {
  attrs: {
    id: {
      validate: (value: unknown) => {
        if (!isParticipantId(value)) throw new RangeError(`not a participant id: ${String(value)}`)
      },
    },
  },
  // Typing at the end of someone's text must not extend their credit.
  inclusive: false,
  parseDOM: [
    {
      tag: 'span[data-author]',
      getAttrs: (dom) => {
        const id = (dom as { getAttribute(name: string): string | null }).getAttribute('data-author')
        return isParticipantId(id) ? { id } : false
      },
    },
  ],
  toDOM: (mark) => ['span', { 'data-author': String(mark.attrs['id']) }, 0],
}

/** The participant id a Yjs formatting value of the `author` attribute names, or null (no credit, or not an id). */
export function authorOfAttribute(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null
  const id: unknown = Reflect.get(value, 'id')
  return isParticipantId(id) ? id : null
}
