/**
 * A stable id for each initiative card of a pad: its Yjs element's id
 * (`<client>-<clock>`), which stays while the card does — filling or
 * reformatting its fields changes its content, not the card — unlike its
 * place in the list. The CSV export's `id` column and dot votes
 * (server/facilitation/) name cards by it; no attribute is added to the
 * document for it. A card that is cut and pasted elsewhere becomes a new
 * element, hence a new card.
 */
import * as Y from 'yjs'
import { bodyFragmentName } from './schema'

export { isInitiativeCardId } from './initiative-card-id'

/** The id of a card's element; '' for an element not integrated in a doc. */
export function initiativeCardIdOf(element: Y.XmlElement): string {
  const item = element._item
  return item === null ? '' : `${item.id.client}-${item.id.clock}`
}

/** The ids of the cards in a fragment, in document order (cards inside lists and quotes included). */
export function initiativeCardIds(fragment: Y.XmlFragment): string[] {
  const ids: string[] = []
  const visit = (type: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of type.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (child.nodeName === 'initiative') ids.push(initiativeCardIdOf(child))
      else visit(child)
    }
  }
  visit(fragment)
  return ids
}

/** The ids of the cards in a pad's body (`body` fragment of its doc). */
export function padInitiativeCardIds(doc: Y.Doc): string[] {
  return initiativeCardIds(doc.getXmlFragment(bodyFragmentName))
}
