/**
 * The credit a page gives what it writes, on real ProseMirror states with the
 * pad's schema: typing is the typist's, moving keeps the writer up to what
 * was removed, pasting beyond that (or from outside) is the paster's, and
 * changes from Yjs are left alone.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { Slice } from 'prosemirror-model'
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { ySyncPluginKey } from 'y-prosemirror'
import { authorMarkName } from '../../../shared/pad/author-mark'
import { padSchema } from '../../../shared/pad/schema'
import type { ConnectionState } from '../../connection/connection'
import { indentListItemKey, outdentListItemKey } from '../../editor/commands'
import { createAuthorshipPlugin, followServerCredit } from './authorship-plugin'

const alice = 'A'.repeat(22)
const bruno = 'B'.repeat(22)
const { paragraph, heading } = padSchema.nodes

function byAlice(text: string): ProseMirrorNode {
  return padSchema.text(text, [padSchema.marks[authorMarkName]!.create({ id: alice })])
}

/** Bruno's editor on a pad where Alice wrote two paragraphs. */
function brunosEditor(): EditorState {
  const doc = padSchema.node('doc', null, [paragraph!.create(null, byAlice('bonjour le monde')), paragraph!.create(null, byAlice('second'))])
  return EditorState.create({ doc, schema: padSchema, plugins: [createAuthorshipPlugin(bruno)] })
}

/** Each run of text with its author, in order. */
function credits(state: EditorState): [string, string | null][] {
  const runs: [string, string | null][] = []
  state.doc.descendants((node) => {
    if (!node.isText) return true
    const id = node.marks.find((mark) => mark.type.name === authorMarkName)?.attrs['id']
    runs.push([node.text ?? '', typeof id === 'string' ? id : null])
    return false
  })
  return runs
}

function apply(state: EditorState, build: (tr: Transaction) => Transaction): EditorState {
  return state.apply(build(state.tr))
}

describe('authorship plugin', () => {
  it('credits typing to the typist, even in the middle of someone’s word', () => {
    const typed = apply(brunosEditor(), (tr) => tr.insertText('X', 4))
    expect(credits(typed)).toEqual([
      ['bon', alice],
      ['X', bruno],
      ['jour le monde', alice],
      ['second', alice],
    ])
  })

  it('credits nobody new for a heading or a bullet made of someone’s paragraph', () => {
    const state = brunosEditor()
    const reformatted = apply(state, (tr) => tr.setBlockType(1, 2, heading!, { level: 2 }))
    expect(reformatted.doc.child(0).type.name).toBe('heading')
    expect(credits(reformatted)).toEqual(credits(state))
  })

  it('credits nobody new, and moves no credit, when list items are indented and outdented (Tab, Shift-Tab)', () => {
    const { bullet_list: bulletList, list_item: listItem } = padSchema.nodes
    const item = (text: string) => listItem!.create(null, paragraph!.create(null, byAlice(text)))
    const doc = padSchema.node('doc', null, [bulletList!.create(null, [item('pain'), item('lait'), item('œufs')])])
    let state = EditorState.create({ doc, schema: padSchema, plugins: [createAuthorshipPlugin(bruno)] })
    const before = credits(state)
    const caretIn = (word: string): void => {
      let position = 0
      state.doc.descendants((node, offset) => {
        if (node.isText && node.text === word) position = offset + 1
      })
      state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, position)))
    }
    const press = (command: typeof indentListItemKey): void => {
      command(state, (tr) => {
        state = state.apply(tr)
      })
    }
    caretIn('lait')
    press(indentListItemKey)
    caretIn('œufs')
    press(indentListItemKey)
    press(indentListItemKey)
    expect(state.doc.eq(doc)).toBe(false)
    expect(credits(state)).toEqual(before)
    press(outdentListItemKey)
    press(outdentListItemKey)
    // At the top level, Shift-Tab does nothing: the item and its credit stay.
    press(outdentListItemKey)
    caretIn('lait')
    press(outdentListItemKey)
    expect(state.doc.eq(doc)).toBe(true)
    expect(credits(state)).toEqual(before)
  })

  it('keeps the writer of text dragged elsewhere (removed and inserted in one change)', () => {
    const state = brunosEditor()
    const moved = apply(state, (tr) => {
      const slice = tr.doc.slice(1, 8)
      tr.delete(1, 8)
      return tr.replace(tr.doc.content.size - 1, tr.doc.content.size - 1, slice).setMeta('uiEvent', 'drop')
    })
    expect(credits(moved).every(([, author]) => author === alice)).toBe(true)
    expect(moved.doc.textContent).toBe(' le mondesecondbonjour')
  })

  it('keeps the writer of text cut then pasted, once: a second paste credits the paster', () => {
    let state = brunosEditor()
    const cut = state.doc.slice(1, 8)
    state = apply(state, (tr) => tr.delete(1, 8).setMeta('uiEvent', 'cut'))
    const end = state.doc.content.size - 1
    state = apply(state, (tr) => tr.setSelection(TextSelection.create(tr.doc, end)).replaceSelection(cut).setMeta('uiEvent', 'paste'))
    expect(credits(state).filter(([, author]) => author === bruno)).toEqual([])
    const again = state.doc.content.size - 1
    state = apply(state, (tr) => tr.setSelection(TextSelection.create(tr.doc, again)).replaceSelection(cut).setMeta('uiEvent', 'paste'))
    expect(credits(state).at(-1)).toEqual(['bonjour', bruno])
  })

  it('credits text pasted from outside the pad to the person who pasted it', () => {
    const state = brunosEditor()
    const outside = new Slice(padSchema.node('doc', null, [paragraph!.create(null, padSchema.text('collé'))]).content, 1, 1)
    const pasted = apply(state, (tr) => tr.replace(3, 3, outside).setMeta('uiEvent', 'paste'))
    expect(credits(pasted)).toContainEqual(['collé', bruno])
  })

  it('leaves changes that come from Yjs (other people, undo) as they are', () => {
    const remote = apply(brunosEditor(), (tr) => tr.insertText('Z', 2).setMeta(ySyncPluginKey, { isChangeOrigin: true }))
    expect(credits(remote)[0]).toEqual(['bZonjour le monde', alice])
  })

  it('forgets what was cut when the connection comes back, as the server does', () => {
    let state = brunosEditor()
    const cut = state.doc.slice(1, 8)
    state = apply(state, (tr) => tr.delete(1, 8).setMeta('uiEvent', 'cut'))
    const listeners = new Set<(next: ConnectionState) => void>()
    const connection = {
      state: { phase: 'offline', hasUnsyncedChanges: false, closeCode: null, isFinal: false } as ConnectionState,
      onChange(listener: (next: ConnectionState) => void) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    }
    const view = {
      get state() {
        return state
      },
      dispatch(tr: Transaction) {
        state = state.apply(tr)
      },
    }
    followServerCredit(connection, view, bruno)
    for (const listener of listeners) listener({ ...connection.state, phase: 'connected' })
    const end = state.doc.content.size - 1
    state = apply(state, (tr) => tr.setSelection(TextSelection.create(tr.doc, end)).replaceSelection(cut).setMeta('uiEvent', 'paste'))
    expect(credits(state).at(-1)).toEqual(['bonjour', bruno])
  })
})
