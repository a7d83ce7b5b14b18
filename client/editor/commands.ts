/**
 * The formatting commands of the pad editor, for the toolbar and the keymap
 * alike, and the questions the toolbar asks about a state (is bold active? is
 * the cursor in a numbered list?). Plain ProseMirror commands over
 * `padSchema`; undo and redo are y-prosemirror's and live in `editor.ts`.
 * Link addresses are checked by `link-href.ts` before they get here.
 */
import { lift, setBlockType, toggleMark, wrapIn } from 'prosemirror-commands'
import type { MarkType, Node as ProseMirrorNode, NodeType, ResolvedPos } from 'prosemirror-model'
import { liftListItem, sinkListItem, wrapInList } from 'prosemirror-schema-list'
import type { Command, EditorState } from 'prosemirror-state'
import { padSchema } from '../../shared/pad/schema'
import { padMarks as marks, padNodes as nodes } from './schema-types'

export const toggleBold: Command = toggleMark(marks.strong)
export const toggleItalic: Command = toggleMark(marks.em)
export const setParagraph: Command = setBlockType(nodes.paragraph)
export const sinkItem: Command = sinkListItem(nodes.listItem)
/** Takes the selected list items out of their list, or up one level when nested (the bullet toggles use it). */
export const liftItem: Command = liftListItem(nodes.listItem)

/**
 * Outdents the selected list items one level when they are nested in
 * another item; declines at the top level, where lifting would take them out
 * of the list (the toolbar's « ⇤ » and Shift-Tab: outdenting never turns
 * an item into a paragraph).
 */
export const outdentItem: Command = (state, dispatch, view) => {
  const { $from, $to } = state.selection
  const range = $from.blockRange($to, (node) => node.childCount > 0 && node.firstChild?.type === nodes.listItem)
  if (range === null || range.depth < 2 || $from.node(range.depth - 1).type !== nodes.listItem) return false
  return liftItem(state, dispatch, view)
}

/**
 * Runs `command` in a list item and takes the key even when the command
 * cannot run (Tab on the first item, Shift-Tab at the top level): the
 * document is then unchanged, and the caret stays where it is instead of
 * leaving the editor by surprise halfway through outdenting. Outside list
 * items it declines, so that the key keeps its default.
 */
function takenInListItem(command: Command): Command {
  return (state, dispatch, view) => {
    if (!isInListItem(state)) return false
    command(state, dispatch, view)
    return true
  }
}

/** Tab: indents the list item; in a list, nothing else (the first item cannot be indented). */
export const indentListItemKey: Command = takenInListItem(sinkItem)
/** Shift-Tab: outdents a nested list item; on a top-level item, nothing. */
export const outdentListItemKey: Command = takenInListItem(outdentItem)

export function setHeading(level: number): Command {
  return setBlockType(nodes.heading, { level })
}

/** Makes the selected blocks headings of `level`, or paragraphs again when they already are. */
export function toggleHeading(level: number): Command {
  const makeHeading = setHeading(level)
  return (state, dispatch, view) => {
    if (isTextblockActive(state, nodes.heading, { level })) return setParagraph(state, dispatch, view)
    return makeHeading(state, dispatch, view)
  }
}

/** Turns the selected blocks into a list of `listType`, or takes them out of it when they already are. */
function toggleList(listType: NodeType): Command {
  return (state, dispatch, view) => {
    if (findListType(state.selection.$from) === listType) return liftItem(state, dispatch, view)
    return wrapInList(listType)(state, dispatch, view)
  }
}

export const toggleBulletList: Command = toggleList(nodes.bulletList)
export const toggleOrderedList: Command = toggleList(nodes.orderedList)

/** Wraps the selected blocks in a quote, or lifts them out of the quote they are in. */
export const toggleBlockquote: Command = (state, dispatch, view) => {
  if (hasAncestor(state.selection.$from, nodes.blockquote)) return lift(state, dispatch, view)
  return wrapIn(nodes.blockquote)(state, dispatch, view)
}

/**
 * Links the selection to `href`; with an empty selection, inserts `href` as
 * linked text. `href` must already be checked (`parseLinkHref`).
 */
export function setLink(href: string): Command {
  return (state, dispatch) => {
    const mark = marks.link.create({ href })
    const { from, to, empty } = state.selection
    if (dispatch) {
      const tr = empty
        ? state.tr.insert(from, padSchema.text(href, [mark]))
        : state.tr.removeMark(from, to, marks.link).addMark(from, to, mark)
      dispatch(tr.scrollIntoView())
    }
    return true
  }
}

/** Removes the link under the selection (or around the cursor). */
export const removeLink: Command = (state, dispatch) => {
  const range = state.selection.empty
    ? findMarkRange(state.selection.$from, marks.link)
    : { from: state.selection.from, to: state.selection.to }
  if (range === null || !state.doc.rangeHasMark(range.from, range.to, marks.link)) return false
  if (dispatch) dispatch(state.tr.removeMark(range.from, range.to, marks.link))
  return true
}

export function isMarkActive(state: EditorState, markType: MarkType): boolean {
  const { from, to, empty, $from } = state.selection
  if (empty) return markType.isInSet(state.storedMarks ?? $from.marks()) !== undefined
  return state.doc.rangeHasMark(from, to, markType)
}

/** Whether the cursor's textblock is a `type` with these attributes (e.g. a level-2 heading). */
export function isTextblockActive(
  state: EditorState,
  type: NodeType,
  attrs: Readonly<Record<string, unknown>> = {},
): boolean {
  const parent = state.selection.$from.parent
  if (parent.type !== type) return false
  return Object.entries(attrs).every(([name, value]) => parent.attrs[name] === value)
}

export function isInList(state: EditorState, listType: NodeType): boolean {
  return findListType(state.selection.$from) === listType
}

export function isInBlockquote(state: EditorState): boolean {
  return hasAncestor(state.selection.$from, nodes.blockquote)
}

/** Whether the cursor is inside a list item (where Tab and Shift-Tab change nesting). */
export function isInListItem(state: EditorState): boolean {
  return hasAncestor(state.selection.$from, nodes.listItem)
}

/** The type of the innermost list around `$pos`, or null. */
function findListType($pos: ResolvedPos): NodeType | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const type = $pos.node(depth).type
    if (type === nodes.bulletList || type === nodes.orderedList) return type
  }
  return null
}

function hasAncestor($pos: ResolvedPos, type: NodeType): boolean {
  for (let depth = $pos.depth; depth > 0; depth--) {
    if ($pos.node(depth).type === type) return true
  }
  return false
}

/** The extent of the `markType` mark the cursor at `$pos` touches, within its textblock. */
function findMarkRange($pos: ResolvedPos, markType: MarkType): { from: number; to: number } | null {
  const parent: ProseMirrorNode = $pos.parent
  const start = $pos.start()
  let found: { from: number; to: number } | null = null
  let runFrom: number | null = null
  parent.forEach((child, offset) => {
    const childFrom = start + offset
    const childTo = childFrom + child.nodeSize
    if (markType.isInSet(child.marks)) {
      runFrom ??= childFrom
      if (found === null && childFrom <= $pos.pos && $pos.pos <= childTo) found = { from: runFrom, to: childTo }
      else if (found !== null && found.to === childFrom) found = { from: found.from, to: childTo }
    } else {
      runFrom = null
    }
  })
  return found
}
