import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { participantsMapName } from '../../shared/pad/attribution'
import { bodyFragmentName } from '../../shared/pad/schema'
import { align, applyRestore, signatureOf } from './restore-change'

const alice = { author: { id: 'alice-participant-id00' } }
const bob = { author: { id: 'bob-participant-id0000' } }

/** A block of `name` with `attributes` and one text of runs `[text, marks]`. */
function block(name: string, runs: Array<[string, Record<string, unknown>?]>, attributes: Record<string, string | number> = {}): Y.XmlElement {
  const element = new Y.XmlElement(name)
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as never)
  const text = new Y.XmlText()
  text.applyDelta(runs.map(([insert, marks]) => (marks === undefined ? { insert } : { insert, attributes: marks })))
  element.insert(0, [text])
  return element
}

function docWith(...blocks: Y.XmlElement[]): Y.Doc {
  const doc = new Y.Doc()
  doc.getXmlFragment(bodyFragmentName).insert(0, blocks)
  return doc
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

function bodyOf(doc: Y.Doc): string[] {
  return doc.getXmlFragment(bodyFragmentName).toArray().map((node) => signatureOf(node as Y.XmlElement))
}

/** Restores `version` into `live` in one transaction; returns the updates it made. */
function restore(live: Y.Doc, version: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = []
  const collect = (update: Uint8Array): void => void updates.push(update)
  live.on('update', collect)
  live.transact(() => applyRestore(live, version))
  live.off('update', collect)
  return updates
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
}

function firstText(doc: Y.Doc, index = 0): Y.XmlText {
  return (doc.getXmlFragment(bodyFragmentName).get(index) as Y.XmlElement).get(0) as Y.XmlText
}

describe('applyRestore', () => {
  it('brings an emptied body back as the version had it, marks and attributes included, in one update', () => {
    const live = docWith(block('heading', [['Recette', alice]], { level: 2 }), block('paragraph', [['Une ', alice], ['épicerie', bob]]))
    const version = copyOf(live)
    const body = live.getXmlFragment(bodyFragmentName)
    body.delete(0, body.length)
    expect(bodyOf(live)).toEqual([])
    expect(restore(live, version)).toHaveLength(1)
    expect(bodyOf(live)).toEqual(bodyOf(version))
    expect(firstText(live, 1).toDelta()).toEqual([
      { insert: 'Une ', attributes: alice },
      { insert: 'épicerie', attributes: bob },
    ])
    expect((body.get(0) as Y.XmlElement).getAttribute('level')).toBe(2)
  })

  it('turns any body into the version’s: blocks added, removed, retyped, re-marked, their attributes changed', () => {
    const version = docWith(
      block('heading', [['Titre', alice]], { level: 1 }),
      block('paragraph', [['Garde ', alice], ['ceci', bob]]),
      block('paragraph', [['Fin', bob]]),
    )
    const live = copyOf(version)
    const body = live.getXmlFragment(bodyFragmentName)
    live.transact(() => {
      ;(body.get(0) as Y.XmlElement).setAttribute('level', 3 as never)
      firstText(live, 1).format(0, 5, { ...bob })
      firstText(live, 1).insert(6, 'pas ', alice)
      body.delete(2, 1)
      body.insert(1, [block('blockquote', [['Ajouté', bob]]), block('paragraph', [['Encore', alice]])])
    })
    expect(bodyOf(live)).not.toEqual(bodyOf(version))
    restore(live, version)
    expect(bodyOf(live)).toEqual(bodyOf(version))
    // Restoring again changes nothing.
    expect(restore(live, version)).toEqual([])
  })

  it('keeps the blocks it can: text typed offline into them during the restore is in the result', () => {
    const version = docWith(block('paragraph', [['Une épicerie', alice]]), block('paragraph', [['solidaire', bob]]))
    const live = copyOf(version)
    // Online, someone rewrites the second paragraph and adds a third.
    live.transact(() => {
      firstText(live, 1).delete(0, 'solidaire'.length)
      firstText(live, 1).insert(0, 'effacé', alice)
      live.getXmlFragment(bodyFragmentName).insert(2, [block('paragraph', [['bruit', alice]])])
    })
    // Offline from there, a participant types into both paragraphs and adds one of their own.
    const offline = copyOf(live)
    const offlineUpdates: Uint8Array[] = []
    offline.on('update', (update: Uint8Array) => offlineUpdates.push(update))
    offline.transact(() => {
      firstText(offline, 0).insert('Une épicerie'.length, ' à Lyon', bob)
      firstText(offline, 1).insert('effacé'.length, ' (relu)', bob)
      offline.getXmlFragment(bodyFragmentName).insert(3, [block('paragraph', [['hors ligne', bob]])])
    })
    restore(live, version)
    expect(bodyOf(live)).toEqual(bodyOf(version))
    for (const update of offlineUpdates) Y.applyUpdate(live, update)
    const text = live.getXmlFragment(bodyFragmentName).toArray().map((node) => plain((node as Y.XmlElement).get(0) as Y.XmlText))
    expect(text.join('|')).toContain('Une épicerie à Lyon')
    expect(text.join('|')).toContain(' (relu)')
    expect(text.join('|')).toContain('solidaire')
    expect(text).toContain('hors ligne')
  })

  it('adds the version’s participants the pad lacks, and drops or overwrites none', () => {
    const version = docWith(block('paragraph', [['Texte', alice]]))
    version.getMap(participantsMapName).set('alice-participant-id00', { name: 'Alice', organisation: '', isNamed: true })
    version.getMap(participantsMapName).set('bob-participant-id0000', { name: 'Bob (ancien)', organisation: '', isNamed: true })
    const live = new Y.Doc()
    live.getMap(participantsMapName).set('bob-participant-id0000', { name: 'Bob', organisation: 'Tiers-lieu', isNamed: false })
    live.getMap(participantsMapName).set('carol-participant-id00', { name: 'Carol', organisation: '', isNamed: true })
    live.getText('t').insert(0, 'ailleurs')
    restore(live, version)
    expect(live.getMap(participantsMapName).toJSON()).toEqual({
      'alice-participant-id00': { name: 'Alice', organisation: '', isNamed: true },
      'bob-participant-id0000': { name: 'Bob', organisation: 'Tiers-lieu', isNamed: false },
      'carol-participant-id00': { name: 'Carol', organisation: '', isNamed: true },
    })
    expect(live.getText('t').toString()).toBe('ailleurs')
  })

  it('never cuts a surrogate pair when only its second half differs', () => {
    const version = docWith(block('paragraph', [['a\u{1F600}b', alice]]))
    const live = docWith(block('paragraph', [['a\u{1F601}b', alice]]))
    restore(live, version)
    expect(plain(firstText(live))).toBe('a\u{1F600}b')
  })
})

describe('align', () => {
  it('pairs the longest common subsequence, increasing in both lists', () => {
    expect(align(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd'])).toEqual([[0, 0], [2, 2], [3, 3]])
    expect(align(['p', 'q', 'r'], ['x', 'q', 'y', 'r', 'z'])).toEqual([[1, 1], [2, 3]])
    expect(align([], ['a'])).toEqual([])
  })
})
