/** Colouring by author on real Y.Docs: decorations by recorded name, a legend of the authors with text, nothing for unsigned text. */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { EditorState } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import { authorsMapName, recordAuthor } from '../../shared/pad/attribution'
import { bodyFragmentName, padSchema } from '../../shared/pad/schema'
import { colorByAuthor, readAuthorNames, readCursorColors } from './author-colors'
import { participantColors } from './participant'

function participantDoc(clientId: number, name: string | null): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientId
  if (name !== null) recordAuthor(doc, name)
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
    const names = readAuthorNames(awa.getMap(authorsMapName))
    expect([...names].sort()).toEqual([
      [2, 'Awa'],
      [3, 'Basile'],
      [4, 'Awa'],
    ])
    // Basile is here with his violet cursor; Awa is not: she gets the colour farthest from violet, green.
    const coloring = colorByAuthor(doc, fragment, names, new Map([['Basile', participantColors[6]]]))
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
    expect(colorByAuthor(doc, fragment, readAuthorNames(template.getMap(authorsMapName)), new Map())).toEqual({
      runs: [],
      legend: [],
    })
  })
})

describe('readAuthorNames and readCursorColors', () => {
  it('keep only well-formed entries', () => {
    const doc = new Y.Doc()
    const authors = doc.getMap<unknown>(authorsMapName)
    authors.set('12', '  Awa\u0007 ')
    authors.set('not-a-client', 'Intrus')
    authors.set('13', 42)
    authors.set('14', '   ')
    expect([...readAuthorNames(authors)]).toEqual([[12, 'Awa']])

    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { name: 'Awa', color: participantColors[2] } }],
      [2, { user: { name: 'Basile', color: 'red; background: url(x)' } }],
      [3, { cursor: null }],
      [4, { user: { name: 'Awa', color: participantColors[7] } }],
    ])
    expect([...readCursorColors(states)]).toEqual([['Awa', participantColors[2]]])
  })
})
