/**
 * The pad's initiative cards as a dot vote names them: each card's id — its
 * Yjs element's `<client>-<clock>` (shared/pad/initiative-ids.ts), the id the
 * server counts dots by — joined to the card's node in the editor's document
 * and its « Nom ». The ids come from the shared document and the nodes from
 * ProseMirror, both in document order, so they are joined by rank, as the
 * exports do (shared/export/recipe.ts); when the two do not hold the same
 * number of cards (a local edit not yet written to the shared document) no
 * join is made rather than a wrong one. Pure; it draws nothing.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'

export interface VoteCard {
  id: string
  /** The card's « Nom », trimmed; '' when it has none. */
  title: string
}

/** A card with the position of its `initiative` node in the editor's document. */
export interface PlacedVoteCard extends VoteCard {
  position: number
}

const initiativeNodeName = 'initiative'
const titleField = 'name'

/** The position and node of each initiative card of `doc`, in document order (cards inside lists and quotes included). */
export function findInitiativeNodes(doc: ProseMirrorNode): Array<{ position: number; node: ProseMirrorNode }> {
  const found: Array<{ position: number; node: ProseMirrorNode }> = []
  doc.descendants((node, position) => {
    if (node.type.name === initiativeNodeName) found.push({ position, node })
    // Neither a card nor a line of text holds another card: no need to look inside.
    return node.type.name !== initiativeNodeName && !node.isTextblock
  })
  return found
}

/** The « Nom » of a card's node, trimmed. */
export function cardTitleOf(card: ProseMirrorNode): string {
  let title = ''
  card.forEach((field) => {
    if (field.attrs['field'] === titleField) title = field.textContent.trim()
  })
  return title
}

/** The cards of `doc` with their `ids` (document order), or null when the counts differ. */
export function placeVoteCards(doc: ProseMirrorNode, ids: readonly string[]): PlacedVoteCard[] | null {
  const nodes = findInitiativeNodes(doc)
  if (nodes.length !== ids.length) return null
  return nodes.map(({ position, node }, index) => ({ id: ids[index] ?? '', title: cardTitleOf(node), position }))
}

/** Whether two lists name the same cards with the same titles, in the same order. */
export function sameVoteCards(a: readonly VoteCard[], b: readonly VoteCard[]): boolean {
  return a.length === b.length && a.every((card, index) => card.id === b[index]?.id && card.title === b[index]?.title)
}
