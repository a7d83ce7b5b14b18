/**
 * Tab and Shift-Tab in lists: they indent and outdent where that means
 * something, and elsewhere in a list are taken without changing the
 * document — never lifting an item out of its list; outside lists they are
 * declined, so that the browser moves focus.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { EditorState, TextSelection } from 'prosemirror-state'
import type { Command } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { padSchema } from '../../shared/pad/schema'
import { indentListItemKey, outdentItem, outdentListItemKey } from './commands'

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const item = (text: string, ...nested: object[]) => ({ type: 'list_item', content: [paragraph(text), ...nested] })
const bullets = (...items: object[]) => ({ type: 'bullet_list', content: items })

/** « Courses », then a list: pain, lait (with œufs nested under it). */
function shoppingList(): ProseMirrorNode {
  return padSchema.nodeFromJSON({ type: 'doc', content: [paragraph('Courses'), bullets(item('pain'), item('lait', bullets(item('œufs'))))] })
}

/** A state with the caret in the text `word`. */
function caretIn(doc: ProseMirrorNode, word: string): EditorState {
  let position = -1
  doc.descendants((node, offset) => {
    if (node.isText && node.text === word) position = offset + 1
    return position === -1
  })
  if (position === -1) throw new Error(`no ${word} in the document`)
  return EditorState.create({ doc, selection: TextSelection.create(doc, position) })
}

function run(command: Command, state: EditorState): { handled: boolean; state: EditorState; dispatched: boolean } {
  let next = state
  let dispatched = false
  const handled = command(state, (tr) => {
    dispatched = true
    next = state.apply(tr)
  })
  return { handled, state: next, dispatched }
}

/** The list as an outline: each item's text with its nesting depth. */
function outline(doc: ProseMirrorNode): string[] {
  const lines: string[] = []
  const walk = (node: ProseMirrorNode, depth: number): void => {
    node.forEach((child) => {
      if (child.type.name === 'list_item') lines.push(`${'  '.repeat(depth)}- ${child.firstChild?.textContent ?? ''}`)
      else if (child.type.name === 'paragraph' && node.type.name === 'doc') lines.push(child.textContent)
      walk(child, child.type.name === 'bullet_list' ? depth + (node.type.name === 'doc' ? 0 : 1) : depth)
    })
  }
  walk(doc, 0)
  return lines
}

describe('Shift-Tab in a list', () => {
  it('on a top-level item, is taken and leaves the document as it is', () => {
    for (const word of ['pain', 'lait']) {
      const state = caretIn(shoppingList(), word)
      const result = run(outdentListItemKey, state)
      expect(result.handled, word).toBe(true)
      expect(result.dispatched, word).toBe(false)
      expect(result.state.doc.eq(state.doc), word).toBe(true)
    }
  })

  it('on a nested item, outdents it one level, still in the list', () => {
    const { handled, state } = run(outdentListItemKey, caretIn(shoppingList(), 'œufs'))
    expect(handled).toBe(true)
    expect(outline(state.doc)).toEqual(['Courses', '- pain', '- lait', '- œufs'])
  })

  it('is declined outside a list, so that focus moves', () => {
    const state = caretIn(shoppingList(), 'Courses')
    expect(run(outdentListItemKey, state)).toMatchObject({ handled: false, dispatched: false })
  })

  it('the toolbar’s outdent is disabled on a top-level item, as the key does nothing there', () => {
    expect(outdentItem(caretIn(shoppingList(), 'pain'))).toBe(false)
    expect(outdentItem(caretIn(shoppingList(), 'œufs'))).toBe(true)
  })
})

describe('Tab in a list', () => {
  it('on the first item, which cannot be indented, is taken and leaves the document as it is', () => {
    const state = caretIn(shoppingList(), 'pain')
    const result = run(indentListItemKey, state)
    expect(result).toMatchObject({ handled: true, dispatched: false })
    expect(result.state.doc.eq(state.doc)).toBe(true)
  })

  it('on a later item, indents it under the one before, with its own sub-items; Shift-Tab brings it back', () => {
    const indented = run(indentListItemKey, caretIn(shoppingList(), 'lait'))
    expect(outline(indented.state.doc)).toEqual(['Courses', '- pain', '  - lait', '    - œufs'])
    const back = run(outdentListItemKey, indented.state)
    expect(back.state.doc.eq(shoppingList())).toBe(true)
  })

  it('is declined outside a list, so that focus moves', () => {
    expect(run(indentListItemKey, caretIn(shoppingList(), 'Courses'))).toMatchObject({ handled: false, dispatched: false })
  })
})
