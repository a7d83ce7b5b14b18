import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { countCharactersByClient, listContributors, listPeoplePresent, recordAuthor } from './attribution'

/** Two participants' docs kept in sync by hand, as the relay would. */
function pair(): { alice: Y.Doc; bob: Y.Doc } {
  const alice = new Y.Doc()
  const bob = new Y.Doc()
  alice.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(bob, update, 'remote'))
  bob.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(alice, update, 'remote'))
  return { alice, bob }
}

function paragraphWith(doc: Y.Doc, text: string): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph')
  const content = new Y.XmlText()
  content.insert(0, text)
  paragraph.insert(0, [content])
  const body = doc.getXmlFragment('body')
  body.insert(body.length, [paragraph])
  return content
}

describe('attribution', () => {
  it('credits each person with the characters of theirs still in the pad, most first', () => {
    const { alice, bob } = pair()
    recordAuthor(alice, 'Alice')
    recordAuthor(bob, '  Bob  ')
    paragraphWith(alice, 'Alice a écrit ceci.')
    const bobText = 'Bob a écrit beaucoup plus que cela, vraiment.'
    const bobs = paragraphWith(bob, bobText)
    bobs.delete(0, 20)
    expect(countCharactersByClient(alice).get(bob.clientID)).toBe(bobText.length - 20)
    expect(listContributors(alice)).toEqual([
      { name: 'Bob', characters: bobText.length - 20 },
      { name: 'Alice', characters: 19 },
    ])
  })

  it('leaves out text nobody is named for (a template) and people whose text was all deleted', () => {
    const { alice, bob } = pair()
    const template = new Y.Doc()
    paragraphWith(template, 'Contexte de l’atelier')
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(template))
    recordAuthor(alice, 'Alice')
    recordAuthor(bob, 'Bob')
    paragraphWith(alice, 'oui')
    const erased = paragraphWith(bob, 'effacé')
    erased.delete(0, erased.length)
    expect(listContributors(bob)).toEqual([{ name: 'Alice', characters: 3 }])
    expect(listPeoplePresent(bob)).toEqual(['Alice', 'Bob'])
  })

  it('adds the facilitator\'s extra names after the writers, once', () => {
    const { alice } = pair()
    recordAuthor(alice, 'Alice')
    paragraphWith(alice, 'texte')
    expect(listContributors(alice, ['Zoé', 'Alice', ' '])).toEqual([
      { name: 'Alice', characters: 5 },
      { name: 'Zoé', characters: 0 },
    ])
    expect(listPeoplePresent(alice, ['Zoé'])).toEqual(['Alice', 'Zoé'])
  })

  it('merges two sessions of the same name and strips control characters from names', () => {
    const first = new Y.Doc()
    recordAuthor(first, 'Camille')
    paragraphWith(first, 'abc')
    const second = new Y.Doc()
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first))
    recordAuthor(second, 'Cam\u0000ille')
    paragraphWith(second, 'de')
    expect(listContributors(second)).toEqual([{ name: 'Camille', characters: 5 }])
  })
})
