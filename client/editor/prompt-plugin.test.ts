/** A template's prompt stays a prompt: nothing typed or pasted beside it, or inside it, becomes one. */
import { Slice } from 'prosemirror-model'
import { EditorState, type Transaction } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { ySyncPluginKey } from 'y-prosemirror'
import { promptMarkName } from '../../shared/pad/prompt-mark'
import { padSchema } from '../../shared/pad/schema'
import { createPromptPlugin } from './prompt-plugin'

const prompt = padSchema.marks[promptMarkName]!

function withPrompt(): EditorState {
  const doc = padSchema.node('doc', null, [padSchema.node('paragraph', null, [padSchema.text('Qui est là ?', [prompt.create()])])])
  return EditorState.create({ doc, schema: padSchema, plugins: [createPromptPlugin()] })
}

/** Each run of text, and whether it is a prompt. */
function runs(state: EditorState): [string, boolean][] {
  const found: [string, boolean][] = []
  state.doc.descendants((node) => {
    if (node.isText) found.push([node.text ?? '', prompt.isInSet(node.marks) !== undefined])
  })
  return found
}

function apply(state: EditorState, build: (tr: Transaction) => Transaction): EditorState {
  return state.apply(build(state.tr))
}

describe('prompt plugin', () => {
  it('keeps text typed before, inside or after a prompt out of it', () => {
    let state = withPrompt()
    state = apply(state, (tr) => tr.insertText('Awa. ', 1))
    state = apply(state, (tr) => tr.insertText('X', 9))
    state = apply(state, (tr) => tr.insertText(' Fin', tr.doc.content.size - 1))
    expect(runs(state)).toEqual([
      ['Awa. ', false],
      ['Qui', true],
      ['X', false],
      [' est là ?', true],
      [' Fin', false],
    ])
  })

  it('keeps a pasted copy of a prompt out of it, and leaves changes from Yjs as they come', () => {
    const state = withPrompt()
    const copy = state.doc.slice(1, 4)
    const pasted = apply(state, (tr) => tr.replace(tr.doc.content.size - 1, tr.doc.content.size - 1, new Slice(copy.content, 0, 0)).setMeta('uiEvent', 'paste'))
    expect(runs(pasted).at(-1)).toEqual(['Qui', false])
    const remote = apply(state, (tr) => tr.insertText('Y', 2).setMeta(ySyncPluginKey, { isChangeOrigin: true }))
    expect(runs(remote)).toEqual([['QYui est là ?', true]])
  })
})
