import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRoomDocument, storedState } from './document'

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return doc
}

describe('room document', () => {
  it('answers a newcomer from the stored bytes without building a Y.Doc', () => {
    const source = docWith('un pad de 1 Mo, un jour')
    const snapshot = Y.encodeStateAsUpdate(source)
    const document = createRoomDocument(storedState({ snapshot, updates: [], lastSeq: 3 }))
    const answer = document.missing(Y.encodeStateVector(new Y.Doc()))
    expect(document.isBuilt()).toBe(false)
    const newcomer = new Y.Doc()
    Y.applyUpdate(newcomer, answer)
    expect(newcomer.getText('t').toString()).toBe('un pad de 1 Mo, un jour')
    expect(document.stateVector()).toEqual(Y.encodeStateVector(source))
    expect(document.isBuilt()).toBe(false)
  })

  it('answers a peer that has part of the pad with only what it lacks, built or not', () => {
    const source = docWith('début')
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(source))
    const before = Y.encodeStateVector(source)
    source.getText('t').insert(5, ' et suite')
    const tail = Y.encodeStateAsUpdate(source, before)
    const stored = { snapshot: Y.encodeStateAsUpdate(peer), updates: [tail], lastSeq: 2 }
    for (const build of [false, true]) {
      const document = createRoomDocument(storedState(stored))
      if (build) document.doc()
      const answer = document.missing(Y.encodeStateVector(peer))
      expect(answer.length).toBeLessThan(Y.encodeStateAsUpdate(source).length)
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(peer))
      Y.applyUpdate(copy, answer)
      expect(copy.getText('t').toString()).toBe('début et suite')
    }
  })

  it('builds the doc with the snapshot and every update when it is first needed', () => {
    const source = docWith('a')
    const snapshot = Y.encodeStateAsUpdate(source)
    const sv = Y.encodeStateVector(source)
    source.getText('t').insert(1, 'b')
    const document = createRoomDocument(storedState({ snapshot, updates: [Y.encodeStateAsUpdate(source, sv)], lastSeq: 2 }))
    expect(document.doc().getText('t').toString()).toBe('ab')
    expect(document.isBuilt()).toBe(true)
  })

  it('gives every newcomer the same encoding of the doc until the doc changes, then encodes it anew', () => {
    const document = createRoomDocument(storedState({ snapshot: Y.encodeStateAsUpdate(docWith('x'.repeat(2000))), updates: [], lastSeq: 1 }))
    const text = document.doc().getText('t')
    const first = document.whole()
    expect(document.whole()).toBe(first)
    // A transaction that changes nothing keeps the encoding.
    document.doc().transact(() => undefined)
    expect(document.whole()).toBe(first)
    text.insert(0, 'a')
    const second = document.whole()
    expect(second).not.toBe(first)
    const newcomer = new Y.Doc()
    Y.applyUpdate(newcomer, second)
    expect(newcomer.getText('t').toString()).toBe(text.toString())
    // A deletion alone is a change too.
    text.delete(0, 1)
    const third = document.whole()
    expect(third).not.toBe(second)
    const later = new Y.Doc()
    Y.applyUpdate(later, third)
    expect(later.getText('t').toString()).toBe(text.toString())
  })

  it('holds an empty doc for a pad with nothing stored', () => {
    const document = createRoomDocument(storedState({ snapshot: null, updates: [], lastSeq: 0 }))
    expect(Y.decodeUpdate(document.missing(new Uint8Array([0]))).structs).toEqual([])
    expect(document.doc().getText('t').toString()).toBe('')
  })
})
