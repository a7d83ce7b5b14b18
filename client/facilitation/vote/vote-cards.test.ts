/** The pad's cards for a vote: ids joined to the editor's card nodes by rank, titles from « Nom », no join when the counts differ. */
import { describe, expect, it } from 'vitest'
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { initiativeFields } from '../../../shared/pad/initiative'
import { padSchema } from '../../../shared/pad/schema'
import { cardTitleOf, findInitiativeNodes, placeVoteCards, sameVoteCards } from './vote-cards'

function card(name: string): ProseMirrorNode {
  return padSchema.node(
    'initiative',
    null,
    initiativeFields.map((field) => padSchema.node('initiative_field', { field }, field === 'name' && name !== '' ? [padSchema.text(name)] : [])),
  )
}

const doc = padSchema.node('doc', null, [
  padSchema.node('paragraph', null, [padSchema.text('Initiatives')]),
  card('  Repair café '),
  padSchema.node('blockquote', null, [card('')]),
  card('Jardin partagé'),
])

describe('vote cards', () => {
  it('finds every card in document order, nested ones included', () => {
    const found = findInitiativeNodes(doc)
    expect(found).toHaveLength(3)
    for (const { position, node } of found) expect(doc.nodeAt(position)).toBe(node)
    expect(found.map(({ node }) => cardTitleOf(node))).toEqual(['Repair café', '', 'Jardin partagé'])
  })

  it('joins the ids to the cards by rank, and refuses to when the counts differ', () => {
    const placed = placeVoteCards(doc, ['1-0', '1-5', '2-0'])
    expect(placed?.map(({ id, title }) => ({ id, title }))).toEqual([
      { id: '1-0', title: 'Repair café' },
      { id: '1-5', title: '' },
      { id: '2-0', title: 'Jardin partagé' },
    ])
    expect(placeVoteCards(doc, ['1-0', '1-5'])).toBeNull()
  })

  it('tells a change of id, title or order from the same list', () => {
    const cards = [{ id: '1-0', title: 'A' }, { id: '2-0', title: 'B' }]
    expect(sameVoteCards(cards, cards.map((entry) => ({ ...entry })))).toBe(true)
    expect(sameVoteCards(cards, [...cards].reverse())).toBe(false)
    expect(sameVoteCards(cards, [{ id: '1-0', title: 'A!' }, { id: '2-0', title: 'B' }])).toBe(false)
    expect(sameVoteCards(cards, cards.slice(1))).toBe(false)
  })
})
