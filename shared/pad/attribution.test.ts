import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { findWrapping, Transform } from 'prosemirror-transform'
import { describe, expect, it } from 'vitest'
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import { recordLegacyAuthor } from '../testing/legacy-authors'
import { countCharactersByAuthor, legacyClientOf, legacyParticipantId, listContributors, listPeoplePresent, recordParticipant } from './attribution'
import { bodyFragmentName, padSchema } from './schema'

const alice = 'A'.repeat(22)
const bruno = 'B'.repeat(22)

/** Two participants' docs kept in sync by hand, as the relay would. */
function pair(): { aliceDoc: Y.Doc; brunoDoc: Y.Doc } {
  const aliceDoc = new Y.Doc()
  const brunoDoc = new Y.Doc()
  aliceDoc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(brunoDoc, update, 'remote'))
  brunoDoc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(aliceDoc, update, 'remote'))
  return { aliceDoc, brunoDoc }
}

function paragraphWith(doc: Y.Doc, text: string, author: string | null = null): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph')
  const content = new Y.XmlText()
  content.insert(0, text, author === null ? {} : { author: { id: author } })
  paragraph.insert(0, [content])
  const body = doc.getXmlFragment(bodyFragmentName)
  body.insert(body.length, [paragraph])
  return content
}

/** The body as the page's editor sees it. */
function editorDoc(doc: Y.Doc): ProseMirrorNode {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(bodyFragmentName), padSchema)
}

/** Writes an edited ProseMirror body back to the doc the way the page's binding does (y-prosemirror's own diff). */
function writeBack(doc: Y.Doc, body: ProseMirrorNode): void {
  doc.transact(() => updateYFragment(doc, doc.getXmlFragment(bodyFragmentName), body, { mapping: new Map(), isOMark: new Map() }))
}

/** Bruno's tidying: paragraph 1 becomes a heading, paragraph 2 a bullet; he types nothing. */
function reformat(body: ProseMirrorNode): ProseMirrorNode {
  const { heading, bullet_list: bulletList } = padSchema.nodes
  const first = body.child(0)
  const transform = new Transform(body).setBlockType(1, 1 + first.nodeSize - 1, heading!, { level: 1 })
  const secondStart = transform.doc.child(0).nodeSize
  const $from = transform.doc.resolve(secondStart + 1)
  const range = $from.blockRange(transform.doc.resolve(secondStart + transform.doc.child(1).nodeSize - 1))
  const wrapping = range === null ? null : findWrapping(range, bulletList!)
  if (range === null || wrapping === null) throw new Error('paragraph 2 cannot become a bullet')
  return transform.wrap(range, wrapping).doc
}

const paragraphs = ['Une épicerie solidaire à Vénissieux.', 'Un atelier vélo tenu par des bénévoles.', 'La cantine du quartier, le jeudi.']

describe('attribution', () => {
  it('credits each run to the participant its author attribute names, whoever’s client inserted it', () => {
    const { aliceDoc, brunoDoc } = pair()
    recordParticipant(aliceDoc, alice, { name: 'Alice', organisation: 'Tiers-lieu du Moulin', isNamed: true })
    recordParticipant(brunoDoc, bruno, { name: 'Bruno', organisation: '', isNamed: true })
    paragraphWith(aliceDoc, 'Alice a écrit ceci.', alice)
    const brunos = paragraphWith(brunoDoc, 'Bruno a écrit beaucoup plus que cela, vraiment.', bruno)
    brunos.delete(0, 20)
    expect(countCharactersByAuthor(aliceDoc).get(`participant:${bruno}`)).toBe(47 - 20)
    expect(listContributors(aliceDoc)).toEqual({
      named: [
        { name: 'Bruno', organisation: '', characters: 27 },
        { name: 'Alice', organisation: 'Tiers-lieu du Moulin', characters: 19 },
      ],
      unnamedCount: 0,
    })
  })

  it('keeps the writer’s credit when someone else turns their paragraphs into a heading and a bullet', () => {
    const { aliceDoc, brunoDoc } = pair()
    recordParticipant(aliceDoc, alice, { name: 'Alice', organisation: '', isNamed: true })
    recordParticipant(brunoDoc, bruno, { name: 'Bruno', organisation: '', isNamed: true })
    for (const text of paragraphs) paragraphWith(aliceDoc, text, alice)
    const written = paragraphs.join('').length
    writeBack(brunoDoc, reformat(editorDoc(brunoDoc)))
    const body = editorDoc(aliceDoc)
    expect(body.child(0).type.name).toBe('heading')
    expect(body.child(1).type.name).toBe('bullet_list')
    // The rebuilt blocks are new Yjs items of Bruno's client: credit did not follow them.
    expect(listContributors(aliceDoc).named).toEqual([{ name: 'Alice', organisation: '', characters: written }])
  })

  it('without an author attribute (a pad from before it), the same tidying moves the credit: the bug it fixes', () => {
    const { aliceDoc, brunoDoc } = pair()
    recordLegacyAuthor(aliceDoc, 'Alice')
    recordLegacyAuthor(brunoDoc, 'Bruno')
    for (const text of paragraphs) paragraphWith(aliceDoc, text)
    writeBack(brunoDoc, reformat(editorDoc(brunoDoc)))
    const credited = Object.fromEntries(listContributors(aliceDoc).named.map((contributor) => [contributor.name, contributor.characters]))
    expect(credited['Bruno']).toBe(paragraphs[0]!.length + paragraphs[1]!.length)
  })

  it('reads a pad from before the author attribute by the client that typed each character, named in `authors`', () => {
    const { aliceDoc, brunoDoc } = pair()
    const template = new Y.Doc()
    paragraphWith(template, 'Contexte de l’atelier')
    Y.applyUpdate(aliceDoc, Y.encodeStateAsUpdate(template))
    recordLegacyAuthor(aliceDoc, 'Alice')
    recordLegacyAuthor(brunoDoc, 'Bruno')
    paragraphWith(aliceDoc, 'oui')
    const erased = paragraphWith(brunoDoc, 'effacé')
    erased.delete(0, erased.length)
    expect(listContributors(brunoDoc).named).toEqual([{ name: 'Alice', organisation: '', characters: 3 }])
    expect(listPeoplePresent(brunoDoc)).toEqual(['Alice', 'Bruno'])
  })

  it('counts a participant who chose not to be named, and names them nowhere', () => {
    const { aliceDoc } = pair()
    recordParticipant(aliceDoc, alice, { name: 'Alice', organisation: '', isNamed: false })
    recordParticipant(aliceDoc, bruno, { name: 'Bruno', organisation: '', isNamed: true })
    paragraphWith(aliceDoc, 'discret', alice)
    paragraphWith(aliceDoc, 'visible', bruno)
    expect(listContributors(aliceDoc)).toEqual({ named: [{ name: 'Bruno', organisation: '', characters: 7 }], unnamedCount: 1 })
    expect(listPeoplePresent(aliceDoc)).toEqual(['Bruno'])
  })

  it('follows a rename everywhere: the credit is the participant’s current entry', () => {
    const { aliceDoc } = pair()
    recordParticipant(aliceDoc, alice, { name: 'Alice', organisation: '', isNamed: true })
    paragraphWith(aliceDoc, 'texte', alice)
    recordParticipant(aliceDoc, alice, { name: 'Alice M.', organisation: '', isNamed: true })
    expect(listContributors(aliceDoc).named).toEqual([{ name: 'Alice M.', organisation: '', characters: 5 }])
  })

  it('credits nobody for text whose participant has no entry, or whose attribute is not a participant id', () => {
    const { aliceDoc } = pair()
    paragraphWith(aliceDoc, 'sans nom', alice)
    const text = paragraphWith(aliceDoc, 'faux')
    text.format(0, 4, { author: { id: 'not an id' } })
    expect(listContributors(aliceDoc)).toEqual({ named: [], unnamedCount: 0 })
  })

  it('adds the facilitator’s extra names after the writers, once', () => {
    const { aliceDoc } = pair()
    recordParticipant(aliceDoc, alice, { name: 'Alice', organisation: '', isNamed: true })
    paragraphWith(aliceDoc, 'texte', alice)
    expect(listContributors(aliceDoc, ['Zoé', 'Alice', ' ']).named).toEqual([
      { name: 'Alice', organisation: '', characters: 5 },
      { name: 'Zoé', organisation: '', characters: 0 },
    ])
    expect(listPeoplePresent(aliceDoc, ['Zoé'])).toEqual(['Alice', 'Zoé'])
  })

  it('merges two sessions of the same name and strips control characters from names', () => {
    const first = new Y.Doc()
    recordLegacyAuthor(first, 'Camille')
    paragraphWith(first, 'abc')
    const second = new Y.Doc()
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first))
    recordLegacyAuthor(second, 'Cam\u0000ille')
    paragraphWith(second, 'de')
    recordParticipant(second, alice, { name: 'Camille', organisation: '', isNamed: true })
    paragraphWith(second, 'fgh', alice)
    expect(listContributors(second).named).toEqual([{ name: 'Camille', organisation: '', characters: 8 }])
  })
  it('names a legacy id after its client in the old authors map, so migrated text keeps its credit through a rebuild', () => {
    const { aliceDoc, brunoDoc } = pair()
    recordLegacyAuthor(aliceDoc, 'Alice')
    const text = paragraphWith(aliceDoc, 'Texte ancien.')
    // What a page does on opening the pad: the old text gets its client's legacy id.
    text.format(0, 13, { author: { id: legacyParticipantId(aliceDoc.clientID) } })
    recordParticipant(brunoDoc, bruno, { name: 'Bruno', organisation: '', isNamed: true })
    writeBack(brunoDoc, editorDoc(brunoDoc).copy(editorDoc(brunoDoc).content.replaceChild(0, padSchema.nodes.heading!.create({ level: 1 }, editorDoc(brunoDoc).child(0).content))))
    expect(editorDoc(aliceDoc).child(0).type.name).toBe('heading')
    expect(listContributors(aliceDoc).named).toEqual([{ name: 'Alice', organisation: '', characters: 13 }])
    expect(legacyClientOf(legacyParticipantId(aliceDoc.clientID))).toBe(aliceDoc.clientID)
    expect(legacyClientOf(alice)).toBeNull()
  })
  describe('keeps each character’s writer through every structural change another participant makes', () => {
    /** Alice's three paragraphs, Bruno's doc in step, and how many characters she wrote. */
    function alicesPad(): { aliceDoc: Y.Doc; brunoDoc: Y.Doc; written: number } {
      const { aliceDoc, brunoDoc } = pair()
      recordParticipant(aliceDoc, alice, { name: 'Alice', organisation: '', isNamed: true })
      recordParticipant(brunoDoc, bruno, { name: 'Bruno', organisation: '', isNamed: true })
      for (const text of paragraphs) paragraphWith(aliceDoc, text, alice)
      return { aliceDoc, brunoDoc, written: paragraphs.join('').length }
    }
    const aliceAlone = (doc: Y.Doc, written: number) => expect(listContributors(doc).named).toEqual([{ name: 'Alice', organisation: '', characters: written }])

    it('a quote made of a paragraph', () => {
      const { aliceDoc, brunoDoc, written } = alicesPad()
      writeBack(brunoDoc, ((body) => {
        const range = body.resolve(1).blockRange(body.resolve(body.child(0).nodeSize - 1))
        const wrapping = range === null ? null : findWrapping(range, padSchema.nodes.blockquote!)
        if (range === null || wrapping === null) throw new Error('cannot quote')
        return new Transform(body).wrap(range, wrapping).doc
      })(editorDoc(brunoDoc)))
      expect(editorDoc(aliceDoc).child(0).type.name).toBe('blockquote')
      aliceAlone(aliceDoc, written)
    })

    it('a paragraph split in two, then joined again', () => {
      const { aliceDoc, brunoDoc, written } = alicesPad()
      writeBack(brunoDoc, new Transform(editorDoc(brunoDoc)).split(10).doc)
      expect(editorDoc(aliceDoc).childCount).toBe(4)
      aliceAlone(aliceDoc, written)
      const split = editorDoc(brunoDoc)
      writeBack(brunoDoc, new Transform(split).join(split.child(0).nodeSize).doc)
      expect(editorDoc(aliceDoc).childCount).toBe(3)
      aliceAlone(aliceDoc, written)
    })

    it('an initiative card moved above the others, its fields as written', () => {
      const { aliceDoc, brunoDoc } = pair()
      recordParticipant(aliceDoc, alice, { name: 'Alice', organisation: '', isNamed: true })
      const written = 'Repair Café'
      const body = aliceDoc.getXmlFragment(bodyFragmentName)
      const card = new Y.XmlElement('initiative')
      const field = new Y.XmlElement('initiative_field')
      field.setAttribute('field', 'name')
      const text = new Y.XmlText()
      field.insert(0, [text])
      card.insert(0, [field])
      paragraphWith(aliceDoc, 'Avant.', alice)
      body.insert(body.length, [card])
      text.insert(0, written, { author: { id: alice } })
      // Bruno moves the card first: deleted and inserted again in one change, as a drag does.
      writeBack(brunoDoc, ((doc) => {
        const moved = doc.child(1)
        return new Transform(doc).delete(doc.child(0).nodeSize, doc.child(0).nodeSize + moved.nodeSize).insert(0, moved).doc
      })(editorDoc(brunoDoc)))
      expect(editorDoc(aliceDoc).child(0).type.name).toBe('initiative')
      expect(listContributors(aliceDoc).named).toEqual([{ name: 'Alice', organisation: '', characters: written.length + 'Avant.'.length }])
    })

    it('an undo and a redo of the reformat', () => {
      const { aliceDoc, brunoDoc, written } = alicesPad()
      const undo = new Y.UndoManager(brunoDoc.getXmlFragment(bodyFragmentName), { trackedOrigins: new Set([null]) })
      writeBack(brunoDoc, reformat(editorDoc(brunoDoc)))
      undo.undo()
      expect(editorDoc(aliceDoc).child(0).type.name).toBe('paragraph')
      aliceAlone(aliceDoc, written)
      undo.redo()
      expect(editorDoc(aliceDoc).child(0).type.name).toBe('heading')
      aliceAlone(aliceDoc, written)
    })

    it('an offline merge: both edit apart, then sync', () => {
      const aliceDoc = new Y.Doc()
      recordParticipant(aliceDoc, alice, { name: 'Alice', organisation: '', isNamed: true })
      for (const text of paragraphs) paragraphWith(aliceDoc, text, alice)
      const brunoDoc = new Y.Doc()
      Y.applyUpdate(brunoDoc, Y.encodeStateAsUpdate(aliceDoc))
      recordParticipant(brunoDoc, bruno, { name: 'Bruno', organisation: '', isNamed: true })
      // Apart: Bruno reformats and adds his own line; Alice adds a fourth paragraph.
      writeBack(brunoDoc, reformat(editorDoc(brunoDoc)))
      paragraphWith(brunoDoc, 'Bruno ajoute ceci.', bruno)
      paragraphWith(aliceDoc, 'Et un café.', alice)
      Y.applyUpdate(aliceDoc, Y.encodeStateAsUpdate(brunoDoc, Y.encodeStateVector(aliceDoc)))
      Y.applyUpdate(brunoDoc, Y.encodeStateAsUpdate(aliceDoc, Y.encodeStateVector(brunoDoc)))
      const expected = [
        { name: 'Alice', organisation: '', characters: paragraphs.join('').length + 'Et un café.'.length },
        { name: 'Bruno', organisation: '', characters: 'Bruno ajoute ceci.'.length },
      ]
      expect(listContributors(aliceDoc).named).toEqual(expected)
      expect(listContributors(brunoDoc).named).toEqual(expected)
    })
  })
})
