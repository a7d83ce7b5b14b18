/**
 * The shape of an initiative card's id (`<client>-<clock>`, its Yjs
 * element's id; initiative-ids.ts finds them in a pad). Kept apart from
 * initiative-ids.ts, which needs Yjs and the schema, so that what only checks
 * an id — the facilitation's commands, hence the wire format the pad page's
 * entry script reads — loads neither.
 */

const cardIdPattern = /^(\d{1,16})-(\d{1,16})$/

/** Whether `value` has the shape of a card id (both numbers safe integers); says nothing of whether the card exists. */
export function isInitiativeCardId(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const match = cardIdPattern.exec(value)
  return match !== null && Number.isSafeInteger(Number(match[1])) && Number.isSafeInteger(Number(match[2]))
}
