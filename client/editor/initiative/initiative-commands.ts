/**
 * What the keyboard and the toolbar do with initiative cards (the `initiative`
 * node of a collecte, one `initiative_field` per field): insert an empty card
 * after the current block with « Cité par » already filled in, and make a
 * card behave like a form — Tab and Shift-Tab go to the next and previous
 * field with its content selected, and out of the card past the last or
 * first one; Enter goes to the end of the next field and, after the last,
 * out of the card (leaving the « Lien » field either way, an address typed
 * there becomes a link); Backspace at the start of a field goes back to the
 * previous one and never merges fields or deletes the card; a paste of
 * several blocks lands in the field as one line of text. Plain ProseMirror
 * commands over `padSchema`; the labels are drawn by `initiative-field-view.ts`.
 * A new card joins the pad's section of cards when the cursor is elsewhere.
 */
import type { Node as ProseMirrorNode, ResolvedPos, Slice } from 'prosemirror-model'
import { Selection, TextSelection } from 'prosemirror-state'
import type { Command, EditorState, Transaction } from 'prosemirror-state'
import type { InitiativeField } from '../../../shared/pad/initiative'
import { padSchema } from '../../../shared/pad/schema'
import { emptyInitiative } from '../../../shared/pad/templates'
import { parseLinkHref } from '../links/link-href'
import { padMarks, padNodes } from '../schema-types'

/** The field whose content is filled with the name of whoever adds the card. */
const citedByField: InitiativeField = 'citedBy'
/** The field whose address becomes a link when it is left. */
const linkField: InitiativeField = 'link'

/** An empty card (every field, in order), with `citedBy` holding `citedBy` when it is not empty. */
export function createInitiativeCard(citedBy: string): ProseMirrorNode {
  const card = emptyInitiative()
  const name = citedBy.trim()
  const content = (card.content ?? []).map((field) =>
    field.attrs?.field === citedByField && name !== '' ? { ...field, content: [{ type: 'text', text: name }] } : field,
  )
  return padSchema.nodeFromJSON({ ...card, content })
}

/**
 * Inserts an empty card with `citedBy` pre-filled and puts the cursor in its
 * first field: after the top-level block that holds the cursor (an empty
 * paragraph is replaced instead) when that block's section already holds
 * cards or none does; else after the last card of the pad's first section
 * of cards (a collecte's « Initiatives collectées »), so that a note-taker
 * writing elsewhere does not scatter cards. A card that ends the document
 * gets an empty paragraph after it, so that writing can go on below.
 */
export function insertInitiative(citedBy: string): Command {
  return (state, dispatch) => {
    const { from, to } = placeForCard(state)
    if (dispatch) {
      const card = createInitiativeCard(citedBy)
      const tr = state.tr.replaceWith(from, to, card)
      const cardEnd = from + card.nodeSize
      if (cardEnd === tr.doc.content.size) tr.insert(cardEnd, padNodes.paragraph.create())
      // from + 1 enters the card, + 1 enters its first field.
      tr.setSelection(TextSelection.create(tr.doc, from + 2))
      dispatch(tr.scrollIntoView())
    }
    return true
  }
}

/** Where a new card goes: the range it replaces (empty: inserted there). */
function placeForCard(state: EditorState): { from: number; to: number } {
  const { selection, doc } = state
  const { $from } = selection
  // A whole top-level node is selected (or everything): the card goes after it.
  if ($from.depth === 0) return { from: selection.to, to: selection.to }
  const sections = topLevelSections(doc)
  const here = sections.find((section) => section.some((block) => block.offset === $from.before(1)))
  const withCards = sections.find((section) => section.some((block) => block.node.type === padNodes.initiative))
  if (withCards !== undefined && here !== undefined && !here.some((block) => block.node.type === padNodes.initiative)) {
    const lastCard = [...withCards].reverse().find((block) => block.node.type === padNodes.initiative)
    if (lastCard !== undefined) {
      const end = lastCard.offset + lastCard.node.nodeSize
      return { from: end, to: end }
    }
  }
  const block = $from.node(1)
  const isEmptyParagraph = block.type === padNodes.paragraph && block.content.size === 0
  return { from: isEmptyParagraph ? $from.before(1) : $from.after(1), to: $from.after(1) }
}

interface TopLevelBlock {
  node: ProseMirrorNode
  offset: number
}

/** The document's top-level blocks cut into sections, each starting at a heading (the first may have none). */
function topLevelSections(doc: ProseMirrorNode): TopLevelBlock[][] {
  const sections: TopLevelBlock[][] = [[]]
  doc.forEach((node, offset) => {
    if (node.type === padNodes.heading) sections.push([])
    sections[sections.length - 1]?.push({ node, offset })
  })
  return sections
}

/** Whether the selection lies within one initiative field. */
export function isInInitiativeField(state: EditorState): boolean {
  const { $from, $to } = state.selection
  return $from.parent.type === padNodes.initiativeField && $from.sameParent($to)
}

/**
 * Enter in a field: the cursor goes to the end of the next field; in the
 * last field, out of the card into the empty paragraph after it (made when
 * there is none). A selection within the field is deleted first.
 */
export const goToNextInitiativeField: Command = (state, dispatch) => {
  if (!isInInitiativeField(state)) return false
  if (dispatch) {
    const tr = state.tr
    if (!state.selection.empty) tr.deleteSelection()
    linkFieldAddress(tr)
    const $cursor = tr.selection.$from
    const cardDepth = $cursor.depth - 1
    const card = $cursor.node(cardDepth)
    const index = $cursor.index(cardDepth)
    const fieldEnd = $cursor.after()
    const next = card.maybeChild(index + 1)
    if (next !== null) {
      // fieldEnd is between this field and the next; + 1 enters the next one.
      tr.setSelection(TextSelection.create(tr.doc, fieldEnd + 1 + next.content.size))
    } else {
      const cardEnd = $cursor.after(cardDepth)
      const after = tr.doc.resolve(cardEnd).nodeAfter
      const isEmptyParagraph = after !== null && after.type === padNodes.paragraph && after.content.size === 0
      if (!isEmptyParagraph) tr.insert(cardEnd, padNodes.paragraph.create())
      tr.setSelection(TextSelection.create(tr.doc, cardEnd + 1))
    }
    dispatch(tr.scrollIntoView())
  }
  return true
}

/**
 * Tab (`direction` 1) or Shift-Tab (-1) in a field: the next or previous
 * field of the card gets the selection, around its whole content (as Tab
 * selects a form field's value: typing replaces it, an arrow keeps it), or
 * the caret when it is empty. Past the last field the caret goes to the
 * start of what follows the card; before the first, to the end of what
 * precedes it; when nothing does, the command declines and the browser
 * moves focus out of the editor. The document is left as it is, but for the
 * « Lien » field's address becoming a link when it is left.
 */
export function moveToInitiativeField(direction: 1 | -1): Command {
  return (state, dispatch) => {
    if (!isInInitiativeField(state)) return false
    const { $from } = state.selection
    const cardDepth = $from.depth - 1
    const card = $from.node(cardDepth)
    const target = $from.index(cardDepth) + direction
    let selection: Selection | null
    if (target >= 0 && target < card.childCount) {
      let fieldStart = $from.start(cardDepth)
      for (let index = 0; index < target; index++) fieldStart += card.child(index).nodeSize
      const field = card.child(target)
      // fieldStart is before the field; + 1 is inside it.
      selection = TextSelection.create(state.doc, fieldStart + 1, fieldStart + 1 + field.content.size)
    } else {
      const edge = direction > 0 ? $from.after(cardDepth) : $from.before(cardDepth)
      selection = Selection.findFrom(state.doc.resolve(edge), direction, true)
    }
    if (selection === null) return false
    if (dispatch) {
      const tr = state.tr
      linkFieldAddress(tr)
      // Adding a mark moves no position: the selection found above still holds.
      dispatch(tr.setSelection(selection.map(tr.doc, tr.mapping)).scrollIntoView())
    }
    return true
  }
}

/** Makes the text of the « Lien » field with the cursor a link, when it is one address and not linked yet. */
function linkFieldAddress(tr: Transaction): void {
  const { $from } = tr.selection
  const field = $from.parent
  if (field.attrs.field !== linkField || field.childCount !== 1) return
  const text = field.firstChild
  if (text === null || !text.isText || padMarks.link.isInSet(text.marks) !== undefined) return
  const href = parseLinkHref(field.textContent)
  if (href === null) return
  tr.addMark($from.start(), $from.end(), padMarks.link.create({ href }))
}

/**
 * Backspace at the very start of a field: goes to the end of the previous
 * field, and does nothing in the first one. Taken so that neither ProseMirror
 * nor the browser merges two fields or deletes the card someone is filling.
 */
export const backspaceAtInitiativeFieldStart: Command = (state, dispatch) => {
  const $cursor = cursorInField(state)
  if ($cursor === null || $cursor.parentOffset > 0) return false
  const index = $cursor.index($cursor.depth - 1)
  if (index > 0 && dispatch) {
    // The position before this field is the end of the previous one, minus its closing token.
    dispatch(state.tr.setSelection(TextSelection.create(state.doc, $cursor.before() - 1)).scrollIntoView())
  }
  return true
}

/** Delete at the very end of a field does nothing, for the same reason. */
export const deleteAtInitiativeFieldEnd: Command = (state) => {
  const $cursor = cursorInField(state)
  return $cursor !== null && $cursor.parentOffset === $cursor.parent.content.size
}

function cursorInField(state: EditorState): ResolvedPos | null {
  const { selection } = state
  if (!selection.empty || selection.$from.parent.type !== padNodes.initiativeField) return null
  return selection.$from
}

/**
 * A paste into a field: null when ProseMirror can place the slice itself
 * (inline content), else a transaction that inserts its text on one line —
 * several paragraphs or a list would otherwise split the field into new
 * fields of the same kind.
 */
export function pasteIntoInitiativeField(state: EditorState, slice: Slice): Transaction | null {
  if (!isInInitiativeField(state) || fitsInField(slice)) return null
  const text = slice.content.textBetween(0, slice.content.size, ' ', ' ').replace(/\s+/g, ' ').trim()
  return state.tr.insertText(text).scrollIntoView()
}

function fitsInField(slice: Slice): boolean {
  const { content } = slice
  let isInline = true
  content.forEach((node) => {
    if (!node.isInline) isInline = false
  })
  if (isInline) return allowedInField(content.size === 0 ? [] : nodesOf(content))
  const only = content.childCount === 1 ? content.firstChild : null
  // One textblock cut open on both sides is just its text and marks.
  return only !== null && only.isTextblock && slice.openStart > 0 && slice.openEnd > 0 && allowedInField(nodesOf(only.content))
}

function nodesOf(fragment: ProseMirrorNode['content']): ProseMirrorNode[] {
  const nodes: ProseMirrorNode[] = []
  fragment.forEach((node) => nodes.push(node))
  return nodes
}

function allowedInField(nodes: readonly ProseMirrorNode[]): boolean {
  return nodes.every((node) => node.isText && node.marks.every((mark) => padNodes.initiativeField.allowsMarkType(mark.type)))
}
