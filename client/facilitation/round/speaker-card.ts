/**
 * The card a tour de table adds to a *collecte* each time someone gets the
 * floor: an initiative card whose « Cité par » field (`citedBy`) holds the
 * speaker's name, at the end of the pad's first section of cards (the
 * template's « Initiatives collectées »), so that the note-takers fill it
 * while that person speaks. When the last card of that section is still
 * empty (the template's first card, or one added and not begun), it is that
 * card's « Cité par » that gets the name, instead of a second empty card.
 *
 * A plain ProseMirror command: dispatched in the facilitator's editor, it
 * is a local edit like any other, so the authorship plugin credits the
 * text to the facilitator's page (the speaker is named in the text, not
 * credited as its author). The selection stays where it was (mapped).
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import type { Command } from 'prosemirror-state'
import { padSchema } from '../../../shared/pad/schema'
import { createInitiativeCard } from '../../editor/initiative/initiative-commands'
import { padNodes } from '../../editor/schema-types'

const citedByField = 'citedBy'

/** The last card of the first section (top-level blocks from one heading to the next) that holds cards, with its position. */
export function findLastCollectedCard(doc: ProseMirrorNode): { node: ProseMirrorNode; offset: number } | null {
  let found: { node: ProseMirrorNode; offset: number } | null = null
  let isDone = false
  doc.forEach((node, offset) => {
    if (isDone) return
    if (node.type === padNodes.heading && found !== null) isDone = true
    else if (node.type === padNodes.initiative) found = { node, offset }
  })
  return found
}

/** Whether the pad has a section of cards to add to (a *collecte*). */
export function hasCollectedCards(doc: ProseMirrorNode): boolean {
  return findLastCollectedCard(doc) !== null
}

/** Adds the card of a speaker named `citedBy` ('' leaves « Cité par » empty); declines in a pad without cards. */
export function addSpeakerCard(citedBy: string): Command {
  return (state, dispatch) => {
    const last = findLastCollectedCard(state.doc)
    if (last === null) return false
    if (dispatch) {
      const tr = state.tr
      if (last.node.textContent === '') {
        const field = citedByFieldOf(last.node, last.offset)
        const name = citedBy.trim()
        if (field !== null && name !== '') tr.insert(field.contentStart, padSchema.text(name))
      } else {
        tr.insert(last.offset + last.node.nodeSize, createInitiativeCard(citedBy))
      }
      if (tr.docChanged) dispatch(tr)
    }
    return true
  }
}

/** Where the « Cité par » field of the card at `offset` starts its content. */
function citedByFieldOf(card: ProseMirrorNode, offset: number): { contentStart: number } | null {
  let result: { contentStart: number } | null = null
  card.forEach((field, fieldOffset) => {
    // offset + 1 enters the card; + fieldOffset reaches the field; + 1 enters it.
    if (field.attrs['field'] === citedByField) result = { contentStart: offset + 1 + fieldOffset + 1 }
  })
  return result
}
