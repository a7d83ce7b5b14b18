import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeAppend } from './typed-update'

/** A typist's doc with its paragraph started by a real insertion, as the load client starts it. */
function startParagraph(): { doc: Y.Doc; text: Y.XmlText } {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  doc.getXmlFragment('body').insert(0, [paragraph])
  text.insert(0, 'atelier ')
  return { doc, text }
}

describe('encodeAppend', () => {
  it('writes the bytes Yjs itself emits for an append to the end of the text', () => {
    const { doc, text } = startParagraph()
    let position = { client: doc.clientID, nextClock: Y.getState(doc.store, doc.clientID) }
    for (const typed of ['recette {{s3t120}} ', 'x', 'tiers-lieu {{s3t4567}} ']) {
      const emitted: Uint8Array[] = []
      const keep = (update: Uint8Array): void => {
        emitted.push(update)
      }
      doc.on('update', keep)
      text.insert(text.length, typed)
      doc.off('update', keep)
      const ours = encodeAppend(position, typed)
      expect(Buffer.from(ours.update).toString('hex')).toBe(Buffer.from(emitted[0] as Uint8Array).toString('hex'))
      position = ours.next
    }
    expect(position.nextClock).toBe(Y.getState(doc.store, doc.clientID))
  })

  it('builds, on another doc, the text the typist typed', () => {
    const { doc } = startParagraph()
    const reader = new Y.Doc()
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(doc))
    let position = { client: doc.clientID, nextClock: Y.getState(doc.store, doc.clientID) }
    for (const typed of ['un ', 'deux ', 'trois']) {
      const { update, next } = encodeAppend(position, typed)
      Y.applyUpdate(reader, update)
      position = next
    }
    const paragraph = reader.getXmlFragment('body').get(0) as Y.XmlElement
    expect((paragraph.get(0) as Y.XmlText).toString()).toBe('atelier un deux trois')
    expect(reader.store.pendingStructs).toBeNull()
  })

  it('refuses what it cannot encode', () => {
    expect(() => encodeAppend({ client: 1, nextClock: 0 }, 'a')).toThrow(RangeError)
    expect(() => encodeAppend({ client: 1, nextClock: 3 }, 'café')).toThrow(RangeError)
  })
})
