/**
 * How other participants' cursors and selections are drawn in the editor, for
 * y-prosemirror's `yCursorPlugin`. Replaces its defaults because they write
 * `style` attributes (refused by the page's Content-Security-Policy) and trust
 * the awareness state: here the name is text, the color is a checked `#rrggbb`
 * set through the CSSOM, and states without a valid participant are skipped.
 * Cursors are hidden from assistive technology (they stay visible).
 */
import type { DecorationAttrs } from 'prosemirror-view'
import { parseParticipant } from '../people/participant'

/** Fallback for a state that passed the filter but lost its participant. */
const unknownColor = '#37474f'

export function buildRemoteCursor(user: unknown): HTMLElement {
  const participant = parseParticipant(user)
  const color = participant?.color ?? unknownColor
  const cursor = document.createElement('span')
  cursor.className = 'ProseMirror-yjs-cursor'
  // Seen, not read: inside the text, a screen reader would read the name as
  // part of the sentence. Who is here is in the presence list.
  cursor.setAttribute('aria-hidden', 'true')
  cursor.style.borderColor = color
  const label = document.createElement('span')
  label.className = 'ProseMirror-yjs-cursor-label'
  label.style.backgroundColor = color
  label.textContent = participant?.name ?? ''
  // Only the name inside, so that the caret's text is the person's name.
  cursor.append(label)
  return cursor
}

export function buildRemoteSelection(user: unknown): DecorationAttrs {
  const color = parseParticipant(user)?.color ?? unknownColor
  // `color` is a checked #rrggbb: nothing else can reach the style text. 33 is 20 % opacity.
  return { class: 'ProseMirror-yjs-selection', style: `background-color: ${color}33` }
}

/** Whether a peer's awareness state should be drawn: someone else, with a valid participant. */
export function isDrawnRemoteState(localClientId: number, clientId: number, state: unknown): boolean {
  if (localClientId === clientId || typeof state !== 'object' || state === null) return false
  return parseParticipant(Reflect.get(state, 'user')) !== null
}
