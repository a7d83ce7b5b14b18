/**
 * The credit rules on real Yjs updates, made the way pages make them
 * (y-prosemirror's own diff) and the way a hostile client could: the room's
 * copy of the pad checks each one around Yjs's apply, as writes.ts does.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import { authorsMapName, legacyParticipantId, participantsMapName } from '../../../shared/pad/attribution'
import { bodyFragmentName, padSchema } from '../../../shared/pad/schema'
import { checkCredits, readCreditsBefore, type CreditCheck, type CreditWriter } from './credit-check'
import type { DecodedUpdate } from './update-check'

const alice = 'A'.repeat(22)
const bruno = 'B'.repeat(22)

/** The room's doc, and a participant's page that starts from it. */
function padWithAlicesText(text = 'Une épicerie solidaire.'): { room: Y.Doc; page: Y.Doc } {
  const room = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  const content = new Y.XmlText()
  paragraph.insert(0, [content])
  room.getXmlFragment(bodyFragmentName).insert(0, [paragraph])
  content.insert(0, text, { author: { id: alice } })
  return { room, page: copyOf(room) }
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/** What `change` does to the page, as one update. */
function updateOf(page: Y.Doc, change: (page: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(page)
  change(page)
  return Y.encodeStateAsUpdate(page, before)
}

/** The room's check of one write, around Yjs's apply. */
function write(room: Y.Doc, update: Uint8Array, writer: CreditWriter): CreditCheck {
  const decoded = Y.decodeUpdate(update) as DecodedUpdate
  const before = readCreditsBefore(room, decoded)
  Y.applyUpdate(room, update)
  return checkCredits(room, decoded, before, writer)
}

const asBruno: CreditWriter = { participantId: bruno, moved: new Map() }

function firstText(doc: Y.Doc): Y.XmlText {
  const paragraph = doc.getXmlFragment(bodyFragmentName).get(0) as Y.XmlElement
  return paragraph.get(0) as Y.XmlText
}

function editAsPage(page: Y.Doc, edit: (body: ProseMirrorNode) => ProseMirrorNode): void {
  const fragment = page.getXmlFragment(bodyFragmentName)
  const next = edit(yXmlFragmentToProseMirrorRootNode(fragment, padSchema))
  page.transact(() => updateYFragment(page, fragment, next, { mapping: new Map(), isOMark: new Map() }))
}

describe('credit check', () => {
  it('lets a participant credit what they type to themselves', () => {
    const { room, page } = padWithAlicesText()
    const update = updateOf(page, (doc) => firstText(doc).insert(firstText(doc).length, ' Et un vélo.', { author: { id: bruno } }))
    expect(write(room, update, asBruno)).toEqual({ problem: null, moved: new Map() })
  })

  it('refuses new text credited to someone else: a forged credit', () => {
    const { room, page } = padWithAlicesText()
    const update = updateOf(page, (doc) => firstText(doc).insert(0, 'Alice n’a pas écrit ceci. ', { author: { id: alice } }))
    expect(write(room, update, asBruno).problem).toMatch(/credits 26 characters to someone else/)
  })

  it('refuses re-crediting someone’s text to oneself, or to nobody: a stripped credit', () => {
    const { room, page } = padWithAlicesText()
    const taken = updateOf(page, (doc) => firstText(doc).format(0, 8, { author: { id: bruno } }))
    expect(write(room, taken, asBruno).problem).toMatch(/takes credit for 8 characters/)
    const other = padWithAlicesText()
    const erased = updateOf(other.page, (doc) => firstText(doc).format(0, 8, { author: null }))
    expect(write(other.room, erased, asBruno).problem).toMatch(/takes credit for 8 characters/)
  })

  it('lets anyone turn someone’s paragraph into a heading: y-prosemirror rebuilds it, credits unchanged', () => {
    const { room, page } = padWithAlicesText()
    const update = updateOf(page, (doc) => editAsPage(doc, (body) => body.copy(body.content.replaceChild(0, padSchema.nodes.heading!.create({ level: 1 }, body.child(0).content)))))
    expect(Y.decodeUpdate(update).structs.length).toBeGreaterThan(0)
    expect(write(room, update, asBruno)).toEqual({ problem: null, moved: new Map() })
    expect(yXmlFragmentToProseMirrorRootNode(room.getXmlFragment(bodyFragmentName), padSchema).child(0).type.name).toBe('heading')
  })

  it('lets typing land before an identical letter, though y-prosemirror then swaps which letter carries which credit', () => {
    const { room, page } = padWithAlicesText('ab')
    const update = updateOf(page, (doc) =>
      editAsPage(doc, (body) => {
        const paragraph = body.child(0)
        const typed = padSchema.text('a', [padSchema.marks.author!.create({ id: bruno })])
        return body.copy(body.content.replaceChild(0, paragraph.copy(paragraph.content.addToStart(typed))))
      }),
    )
    expect(write(room, update, asBruno).problem).toBeNull()
  })

  it('carries a cut over to its paste once, and refuses a second paste credited to the same writer', () => {
    const { room, page } = padWithAlicesText('Une épicerie solidaire.')
    const cut = updateOf(page, (doc) => firstText(doc).delete(0, 12))
    const afterCut = write(room, cut, asBruno)
    expect(afterCut).toEqual({ problem: null, moved: new Map([[alice, 12]]) })
    const writer: CreditWriter = { participantId: bruno, moved: afterCut.problem === null ? afterCut.moved : new Map() }
    const paste = updateOf(page, (doc) => firstText(doc).insert(firstText(doc).length, 'Une épicerie', { author: { id: alice } }))
    const afterPaste = write(room, paste, writer)
    expect(afterPaste).toEqual({ problem: null, moved: new Map() })
    const again = updateOf(page, (doc) => firstText(doc).insert(0, 'Une épicerie', { author: { id: alice } }))
    expect(write(room, again, { participantId: bruno, moved: new Map() }).problem).toMatch(/credits 12 characters to someone else/)
  })

  it('lets a drag keep its writer: removed and inserted in one update', () => {
    const { room, page } = padWithAlicesText('Une épicerie solidaire.')
    const drag = updateOf(page, (doc) =>
      doc.transact(() => {
        firstText(doc).delete(0, 4)
        firstText(doc).insert(firstText(doc).length, ' Une', { author: { id: alice } })
      }),
    )
    expect(write(room, drag, asBruno)).toEqual({ problem: null, moved: new Map() })
  })

  it('counts the text of a deleted paragraph as removed', () => {
    const { room, page } = padWithAlicesText('Une épicerie solidaire.')
    const removal = updateOf(page, (doc) => doc.getXmlFragment(bodyFragmentName).delete(0, 1))
    expect(write(room, removal, asBruno)).toEqual({ problem: null, moved: new Map([[alice, 23]]) })
  })

  it('lets a participant write only their own entry of the participants map', () => {
    const own = padWithAlicesText()
    const mine = updateOf(own.page, (doc) => doc.getMap(participantsMapName).set(bruno, { name: 'Bruno', organisation: '', isNamed: true }))
    expect(write(own.room, mine, asBruno).problem).toBeNull()
    const other = padWithAlicesText()
    const theirs = updateOf(other.page, (doc) => doc.getMap(participantsMapName).set(alice, { name: 'Mallory', organisation: '', isNamed: true }))
    expect(write(other.room, theirs, asBruno).problem).toMatch(/credit of another participant/)
  })

  it('refuses any entry of the old authors map, which would re-credit an old client’s text', () => {
    const own = padWithAlicesText()
    const mine = updateOf(own.page, (doc) => doc.getMap(authorsMapName).set(String(doc.clientID), 'Bruno'))
    expect(write(own.room, mine, asBruno).problem).toMatch(/old authors map/)
    const other = padWithAlicesText()
    const theirs = updateOf(other.page, (doc) => doc.getMap(authorsMapName).set('12345', 'Mallory'))
    expect(write(other.room, theirs, asBruno).problem).toMatch(/old authors map/)
  })

  it('lets a writer without a participant id add text credited to nobody, but not credit anyone', () => {
    const { room, page } = padWithAlicesText()
    const plain = updateOf(page, (doc) => firstText(doc).insert(0, 'Sans auteur. '))
    expect(write(room, plain, { participantId: null, moved: new Map() }).problem).toBeNull()
    const forged = updateOf(page, (doc) => firstText(doc).insert(0, 'x', { author: { id: bruno } }))
    expect(write(room, forged, { participantId: null, moved: new Map() }).problem).toMatch(/credits 1 characters to someone else/)
  })
  it('checks the first paragraph of an empty pad, which creates the body itself', () => {
    const room = new Y.Doc()
    const page = copyOf(room)
    const first = updateOf(page, (doc) => {
      const paragraph = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      paragraph.insert(0, [text])
      doc.getXmlFragment(bodyFragmentName).insert(0, [paragraph])
      text.insert(0, 'Premier mot', { author: { id: bruno } })
    })
    expect(write(room, first, asBruno).problem).toBeNull()
    const forgedRoom = new Y.Doc()
    const forged = updateOf(copyOf(forgedRoom), (doc) => {
      const paragraph = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      paragraph.insert(0, [text])
      doc.getXmlFragment(bodyFragmentName).insert(0, [paragraph])
      text.insert(0, 'Premier mot', { author: { id: alice } })
    })
    expect(write(forgedRoom, forged, asBruno).problem).toMatch(/credits 11 characters to someone else/)
  })
  it('lets a page give an old client’s unattributed text its legacy id, and nothing more', () => {
    const room = new Y.Doc()
    const old = new Y.Doc()
    old.clientID = 4242
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('Écrit avant.')])
    old.getXmlFragment(bodyFragmentName).insert(0, [paragraph])
    old.getMap(authorsMapName).set('4242', 'Camille')
    Y.applyUpdate(room, Y.encodeStateAsUpdate(old))
    const page = copyOf(room)
    const migrated = updateOf(page, (doc) => firstText(doc).format(0, 12, { author: { id: legacyParticipantId(4242) } }))
    expect(write(room, migrated, asBruno).problem).toBeNull()

    const other = copyOf(old)
    const otherPage = copyOf(other)
    const misnamed = updateOf(otherPage, (doc) => firstText(doc).format(0, 12, { author: { id: legacyParticipantId(777) } }))
    expect(write(other, misnamed, asBruno).problem).toMatch(/credits 12 characters to someone else/)
    const third = copyOf(old)
    const forged = updateOf(copyOf(third), (doc) => firstText(doc).insert(0, 'Nouveau ', { author: { id: legacyParticipantId(4242) } }))
    expect(write(third, forged, asBruno).problem).toMatch(/credits 8 characters to someone else/)
  })
})
