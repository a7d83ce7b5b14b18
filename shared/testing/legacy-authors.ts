/**
 * How pages wrote credits before the author attribute: this doc's Yjs client
 * id → display name, in the doc's `authors` map. No page writes it any more;
 * tests use it to build pads as they were stored before, whose text has no
 * author attribute and must keep its credits (shared/pad/attribution.ts).
 */
import type * as Y from 'yjs'
import { authorsMapName, cleanAuthorName } from '../pad/attribution'

export function recordLegacyAuthor(doc: Y.Doc, name: string): void {
  const clean = cleanAuthorName(name)
  if (clean === '') return
  const authors = doc.getMap<string>(authorsMapName)
  if (authors.get(String(doc.clientID)) !== clean) authors.set(String(doc.clientID), clean)
}
