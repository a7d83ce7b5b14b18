/** Old text gets its client's legacy id once a writing page has the pad; the credit then survives a rebuild. */
import { EditorState } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import { legacyParticipantId, listContributors } from '../../../shared/pad/attribution'
import { bodyFragmentName, padSchema } from '../../../shared/pad/schema'
import { recordLegacyAuthor } from '../../../shared/testing/legacy-authors'
import { creditLegacyText } from './legacy-credits'

function oldPad(): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 31
  recordLegacyAuthor(doc, 'Camille')
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Écrit par Camille.')])
  const unnamed = new Y.XmlElement('paragraph')
  const other = new Y.Doc()
  other.clientID = 32
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  doc.getXmlFragment(bodyFragmentName).insert(0, [paragraph])
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  unnamed.insert(0, [new Y.XmlText('Sans nom.')])
  other.getXmlFragment(bodyFragmentName).insert(1, [unnamed])
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
  return doc
}

describe('creditLegacyText', () => {
  it('marks each named old client’s text with its legacy id, leaves unnamed text alone, and does nothing twice', () => {
    const doc = oldPad()
    const fragment = doc.getXmlFragment(bodyFragmentName)
    const state = EditorState.create({ doc: yXmlFragmentToProseMirrorRootNode(fragment, padSchema) })
    const tr = creditLegacyText(state, fragment)
    expect(tr).not.toBeNull()
    const next = state.apply(tr!)
    const marks = (index: number) => next.doc.child(index).firstChild?.marks.map((mark) => mark.attrs['id'] as unknown)
    expect(marks(0)).toEqual([legacyParticipantId(31)])
    expect(marks(1)).toEqual([])
    prosemirrorToYXmlFragment(next.doc, fragment)
    expect(listContributors(doc).named).toEqual([{ name: 'Camille', organisation: '', characters: 18 }])
    const again = EditorState.create({ doc: yXmlFragmentToProseMirrorRootNode(fragment, padSchema) })
    expect(creditLegacyText(again, fragment)).toBeNull()
  })

  it('does nothing on a pad without the old authors map', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment(bodyFragmentName)
    prosemirrorToYXmlFragment(padSchema.node('doc', null, [padSchema.node('paragraph', null, [padSchema.text('neuf')])]), fragment)
    expect(creditLegacyText(EditorState.create({ doc: yXmlFragmentToProseMirrorRootNode(fragment, padSchema) }), fragment)).toBeNull()
  })
})
