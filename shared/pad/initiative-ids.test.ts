import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { initiativeCardIds, isInitiativeCardId, padInitiativeCardIds } from './initiative-ids'

describe('initiative card ids', () => {
  it('names each card by its element, in document order, nested ones included, and keeps the id while the card is filled', () => {
    const doc = new Y.Doc()
    doc.clientID = 7
    const body = doc.getXmlFragment('body')
    const quote = new Y.XmlElement('blockquote')
    body.insert(0, [new Y.XmlElement('initiative'), new Y.XmlElement('paragraph'), quote])
    quote.insert(0, [new Y.XmlElement('initiative')])
    const ids = padInitiativeCardIds(doc)
    expect(ids).toHaveLength(2)
    expect(ids.every(isInitiativeCardId)).toBe(true)
    expect(ids[0]).toBe('7-0')
    const field = new Y.XmlElement('initiative_field')
    ;(body.get(0) as Y.XmlElement).insert(0, [field])
    field.insert(0, [new Y.XmlText('Repair café')])
    expect(initiativeCardIds(body)).toEqual(ids)
  })

  it('tells the shape of an id from anything else', () => {
    for (const id of ['0-0', '4294967295-12', '9007199254740991-1']) expect(isInitiativeCardId(id)).toBe(true)
    for (const id of ['', '1', '1-', '-1', '1-2-3', ' 1-2', '1-2\n', 'a-b', '99999999999999999-1', 12, null]) expect(isInitiativeCardId(id)).toBe(false)
  })
})
