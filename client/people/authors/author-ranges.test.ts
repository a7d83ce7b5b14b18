/**
 * Runs of text by author, on real Y.Docs edited the way the editor edits
 * them (a ProseMirror transaction written into the fragment by y-prosemirror)
 * and synced between two participants: by the author mark where the text has
 * one, else (pads from before it) by the Yjs client that typed it.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { EditorState, type Transaction } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import { initiativeFields } from '../../../shared/pad/initiative'
import { bodyFragmentName, padSchema } from '../../../shared/pad/schema'
import type { AuthorKey } from '../../../shared/pad/attribution'
import { findAuthorRanges } from './author-ranges'
import { padMarks } from '../../editor/schema-types'

interface Pad {
  doc: Y.Doc
  fragment: Y.XmlFragment
}

function openPad(clientId: number): Pad {
  const doc = new Y.Doc()
  doc.clientID = clientId
  return { doc, fragment: doc.getXmlFragment(bodyFragmentName) }
}

function sync(from: Pad, to: Pad): void {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)))
}

function view(pad: Pad): ProseMirrorNode {
  return yXmlFragmentToProseMirrorRootNode(pad.fragment, padSchema)
}

/** One edit as the editor makes it: a transaction on the current document, written back into the fragment. */
function edit(pad: Pad, change: (tr: Transaction) => void): void {
  const tr = EditorState.create({ doc: view(pad) }).tr
  change(tr)
  prosemirrorToYXmlFragment(tr.doc, pad.fragment)
}

/** What each author's runs say, as text. */
function runs(pad: Pad): [AuthorKey, string][] {
  const doc = view(pad)
  return findAuthorRanges(pad.fragment, doc).map((range) => [range.author, doc.textBetween(range.from, range.to)])
}

const awaClient = 101
const basileClient = 202
/** Text without an author mark is its client's. */
const awa: AuthorKey = `client:${awaClient}`
const basile: AuthorKey = `client:${basileClient}`

function twoParticipants(content: object[]): [Pad, Pad] {
  const first = openPad(awaClient)
  const second = openPad(basileClient)
  edit(first, (tr) => tr.replaceWith(0, tr.doc.content.size, padSchema.nodeFromJSON({ type: 'doc', content }).content))
  sync(first, second)
  return [first, second]
}

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })

describe('findAuthorRanges', () => {
  it('tells apart what each participant typed in one paragraph', () => {
    const [first, second] = twoParticipants([paragraph('Bonjour ')])
    edit(second, (tr) => tr.insertText('Awa', 9))
    sync(second, first)
    expect(runs(first)).toEqual([
      [awa, 'Bonjour '],
      [basile, 'Awa'],
    ])
    const doc = view(first)
    expect(findAuthorRanges(first.fragment, doc)).toEqual([
      { from: 1, to: 9, author: awa },
      { from: 9, to: 12, author: basile },
    ])
  })

  it('gives a mark no room: bold text keeps its author and the runs after it their place', () => {
    const [first, second] = twoParticipants([paragraph('Bonjour à tous')])
    edit(second, (tr) => tr.addMark(4, 8, padMarks.strong.create()))
    edit(second, (tr) => tr.insertText('!', 15))
    sync(second, first)
    expect(view(first).child(0).childCount).toBe(3)
    expect(runs(first)).toEqual([
      [awa, 'Bonjour à tous'],
      [basile, '!'],
    ])
  })

  it('leaves out deleted text', () => {
    const [first, second] = twoParticipants([paragraph('abcdef')])
    edit(second, (tr) => tr.delete(3, 5).insertText('XY', 3))
    sync(second, first)
    expect(runs(first)).toEqual([
      [awa, 'ab'],
      [basile, 'XY'],
      [awa, 'ef'],
    ])
  })

  it('counts a line break as one position without an author', () => {
    const [first, second] = twoParticipants([
      { type: 'paragraph', content: [{ type: 'text', text: 'ab' }, { type: 'hard_break' }, { type: 'text', text: 'cd' }] },
    ])
    edit(second, (tr) => tr.insertText('Z', 6))
    sync(second, first)
    const doc = view(first)
    expect(findAuthorRanges(first.fragment, doc)).toEqual([
      { from: 1, to: 3, author: awa },
      { from: 4, to: 6, author: awa },
      { from: 6, to: 7, author: basile },
    ])
  })

  it('finds text in lists and in the fields of initiative cards', () => {
    const card = {
      type: 'initiative',
      content: initiativeFields.map((field) => ({ type: 'initiative_field', attrs: { field } })),
    }
    const [first, second] = twoParticipants([
      { type: 'bullet_list', content: [{ type: 'list_item', content: [paragraph('Point')] }] },
      card,
    ])
    const listSize = view(first).child(0).nodeSize
    // Into the card's second field: past the list, into the card, past the empty first field, into the second.
    const territory = listSize + 1 + 2 + 1
    edit(second, (tr) => tr.insertText('Villeurbanne', territory))
    edit(first, (tr) => tr.insertText(' un', 8))
    sync(second, first)
    sync(first, second)
    expect(runs(first)).toEqual([
      [awa, 'Point un'],
      [basile, 'Villeurbanne'],
    ])
    expect(runs(second)).toEqual(runs(first))
    const doc = view(first)
    const basileRange = findAuthorRanges(first.fragment, doc).find((range) => range.author === basile)
    expect(basileRange && doc.resolve(basileRange.from).parent.attrs.field).toBe('territory')
  })

  it('skips a block whose ProseMirror text is behind the Yjs one, and still colours the others', () => {
    const [first, second] = twoParticipants([paragraph('Un'), paragraph('Deux')])
    const stale = view(second)
    edit(first, (tr) => tr.insertText(' de plus', 3))
    sync(first, second)
    expect(findAuthorRanges(second.fragment, stale)).toEqual([{ from: 5, to: 9, author: awa }])
  })
  it('reads the author mark first: a paragraph another participant turned into a heading stays its writer’s', () => {
    const alice = 'A'.repeat(22)
    const marked = { type: 'paragraph', content: [{ type: 'text', text: 'Écrit par Alice', marks: [{ type: 'author', attrs: { id: alice } }] }] }
    const [first, second] = twoParticipants([marked])
    edit(second, (tr) => tr.setBlockType(1, 2, padSchema.nodes.heading!, { level: 1 }))
    sync(second, first)
    expect(view(first).child(0).type.name).toBe('heading')
    expect(runs(first)).toEqual([[`participant:${alice}`, 'Écrit par Alice']])
  })
})
