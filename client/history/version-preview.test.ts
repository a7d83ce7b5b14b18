/**
 * A version read from its Yjs state as the server sends it, credited by the
 * author attribute as the credits read it, and what changed summed up per
 * person as the panel says it (the unnamed together, last).
 */
import { describe, expect, it } from 'vitest'
import { prosemirrorToYXmlFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import { bodyFragmentName, padSchema } from '../../shared/pad/schema'
import { padNodes } from '../editor/schema-types'
import { diffVersions } from './version-diff'
import { readVersionContent, summarizeChanges, type NameOf } from './version-preview'

const awa = 'AwaAwaAwaAwaAwaAwaAwa0'
const binta = 'BintaBintaBintaBinta00'
const secret = 'SecretSecretSecretSec0'

/** A version's state: one paragraph of runs, each by a participant id. */
function stateOf(...runs: [text: string, author: string][]): Uint8Array {
  const authorMark = padSchema.marks['author']
  if (authorMark === undefined) throw new Error('no author mark')
  const doc = padSchema.topNodeType.create(null, [
    padNodes.paragraph.create(null, runs.map(([text, author]) => padSchema.text(text, [authorMark.create({ id: author })]))),
  ])
  const ydoc = new Y.Doc()
  prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment(bodyFragmentName))
  return Y.encodeStateAsUpdate(ydoc)
}

const names: Record<string, string> = { [`participant:${awa}`]: 'Awa', [`participant:${binta}`]: 'Binta' }
const nameOf: NameOf = (author) => (author === null ? null : (names[author] ?? null))

describe('readVersionContent', () => {
  it('reads the document and its runs with their authors from a Yjs state', () => {
    const content = readVersionContent(stateOf(['Une épicerie ', awa], ['solidaire', binta]))
    expect(content.doc.textContent).toBe('Une épicerie solidaire')
    expect(content.blocks).toEqual([
      {
        start: 1,
        runs: [
          { from: 1, text: 'Une épicerie ', author: `participant:${awa}` },
          { from: 14, text: 'solidaire', author: `participant:${binta}` },
        ],
      },
    ])
  })
})

describe('summarizeChanges', () => {
  it('sums each person’s characters added and removed, named people by name, the unnamed last', () => {
    const before = readVersionContent(stateOf(['Une épicerie ', awa], ['vraiment ', secret], ['solidaire', awa]))
    const after = readVersionContent(stateOf(['Une épicerie solidaire', awa], [' à Lyon', binta], [', ouverte', secret]))
    const summary = summarizeChanges(diffVersions(before.blocks, after.blocks), nameOf)
    expect(summary).toEqual([
      { name: 'Binta', added: ' à Lyon'.length, removed: 0 },
      { name: null, added: ', ouverte'.length, removed: 'vraiment '.length },
    ])
  })
})
