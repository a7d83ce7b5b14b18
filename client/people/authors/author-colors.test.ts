/** Colouring by author on real Y.Docs: decorations by the name the recipe credits, a legend of the authors with text, nothing for unsigned text. */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { EditorState } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import { recordParticipant } from '../../../shared/pad/attribution'
import { recordLegacyAuthor } from '../../../shared/testing/legacy-authors'
import { bodyFragmentName, padSchema } from '../../../shared/pad/schema'
import { colorByAuthor, readCursorColors } from './author-colors'
import { participantColors } from '../participant'

function participantDoc(clientId: number, name: string | null): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientId
  if (name !== null) recordLegacyAuthor(doc, name)
  return doc
}

function type(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment(bodyFragmentName)
  const current = yXmlFragmentToProseMirrorRootNode(fragment, padSchema)
  const tr = EditorState.create({ doc: current }).tr
  if (fragment.length === 0) {
    tr.replaceWith(0, current.content.size, padSchema.node('paragraph', null, [padSchema.text(text)]))
  } else {
    // At the end of the last paragraph.
    tr.insertText(text, current.content.size - 1)
  }
  prosemirrorToYXmlFragment(tr.doc, fragment)
}

function syncAll(docs: Y.Doc[]): void {
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from))
}

function coloredText(doc: ProseMirrorNode, coloring: ReturnType<typeof colorByAuthor>): [string, string, number][] {
  return coloring.runs.map((run) => [doc.textBetween(run.from, run.to), run.name, run.colorIndex])
}

describe('colorByAuthor', () => {
  it('colours each author’s text with their class, merges one person’s visits, and skips unsigned text', () => {
    const template = participantDoc(1, null)
    const awa = participantDoc(2, 'Awa')
    const basile = participantDoc(3, 'Basile')
    const awaAgain = participantDoc(4, 'Awa')
    type(template, 'Modèle. ')
    syncAll([template, awa, basile, awaAgain])
    type(awa, 'Repair ')
    syncAll([template, awa, basile, awaAgain])
    type(awaAgain, 'Café ')
    syncAll([template, awa, basile, awaAgain])
    type(basile, 'Villeurbanne')
    syncAll([template, awa, basile, awaAgain])

    const fragment = awa.getXmlFragment(bodyFragmentName)
    const doc = yXmlFragmentToProseMirrorRootNode(fragment, padSchema)
    // Basile is here with his violet cursor; Awa is not: she gets the colour farthest from violet, green.
    const coloring = colorByAuthor(doc, fragment, new Map([['Basile', participantColors[6]]]))
    expect(coloredText(doc, coloring)).toEqual([
      ['Repair Café ', 'Awa', 3],
      ['Villeurbanne', 'Basile', 6],
    ])
    expect(coloring.legend).toEqual([
      { name: 'Awa', colorIndex: 3 },
      { name: 'Basile', colorIndex: 6 },
    ])
  })

  it('has an empty legend for a pad with only unsigned text', () => {
    const template = participantDoc(1, null)
    type(template, 'Modèle')
    const fragment = template.getXmlFragment(bodyFragmentName)
    const doc = yXmlFragmentToProseMirrorRootNode(fragment, padSchema)
    expect(colorByAuthor(doc, fragment, new Map())).toEqual({
      runs: [],
      legend: [],
    })
  })
})

describe('colorByAuthor with author marks', () => {
  it('tints text by the participant its mark names, as the recipe credits them, and leaves unnamed people untinted', () => {
    const doc = new Y.Doc()
    const alice = 'A'.repeat(22)
    const bruno = 'B'.repeat(22)
    recordParticipant(doc, alice, { name: 'Alice', organisation: '', isNamed: true })
    recordParticipant(doc, bruno, { name: 'Bruno', organisation: '', isNamed: false })
    const fragment = doc.getXmlFragment(bodyFragmentName)
    const mark = (id: string) => [padSchema.marks.author!.create({ id })]
    const body = padSchema.node('doc', null, [padSchema.node('paragraph', null, [padSchema.text('Alice ', mark(alice)), padSchema.text('Bruno', mark(bruno))])])
    prosemirrorToYXmlFragment(body, fragment)
    const view = yXmlFragmentToProseMirrorRootNode(fragment, padSchema)
    const coloring = colorByAuthor(view, fragment, new Map())
    expect(coloredText(view, coloring).map(([text, name]) => [text, name])).toEqual([['Alice ', 'Alice']])
    expect(coloring.legend.map((entry) => entry.name)).toEqual(['Alice'])
  })
})

describe('readCursorColors', () => {
  it('keeps only well-formed entries', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { name: 'Awa', color: participantColors[2] } }],
      [2, { user: { name: 'Basile', color: 'red; background: url(x)' } }],
      [3, { cursor: null }],
      [4, { user: { name: 'Awa', color: participantColors[7] } }],
    ])
    expect([...readCursorColors(states)]).toEqual([['Awa', participantColors[2]]])
  })
})
