/**
 * Who wrote what: each participant's page records its Yjs client id and
 * display name in the doc's `authors` map (beside the `body` fragment), and
 * the characters still in the pad are counted by the client id that inserted
 * them. That gives the contributors of a recipe, ordered by how much of the
 * final text is theirs, and the people present (everyone who opened the pad
 * to write). Text inserted by the server (templates) has no author.
 */
import * as Y from 'yjs'
import { bodyFragmentName } from './schema'

export const authorsMapName = 'authors'

/** Longest display name kept, in UTF-16 code units. */
export const maxAuthorNameLength = 60

export interface Contributor {
  name: string
  /** Characters of the final pad this person typed. */
  characters: number
}

/** Records in the doc that this doc's client id is `name` (called by each participant's page). */
export function recordAuthor(doc: Y.Doc, name: string): void {
  const clean = cleanAuthorName(name)
  if (clean === '') return
  const authors = doc.getMap<string>(authorsMapName)
  if (authors.get(String(doc.clientID)) !== clean) authors.set(String(doc.clientID), clean)
}

export function cleanAuthorName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, maxAuthorNameLength)
}

/** Characters still in the pad's body, by the client id that typed them. */
export function countCharactersByClient(doc: Y.Doc): Map<number, number> {
  const counts = new Map<number, number>()
  countIn(doc.getXmlFragment(bodyFragmentName), counts)
  return counts
}

function countIn(type: { _start: Y.Item | null }, counts: Map<number, number>): void {
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue
    if (item.content instanceof Y.ContentString) {
      counts.set(item.id.client, (counts.get(item.id.client) ?? 0) + item.length)
    } else if (item.content instanceof Y.ContentType) {
      countIn(item.content.type, counts)
    }
  }
}

/** Everyone whose text is in the pad, most first, then the extra names (people who took part without typing). */
export function listContributors(doc: Y.Doc, extraNames: readonly string[] = []): Contributor[] {
  const authors = doc.getMap<unknown>(authorsMapName)
  const byName = new Map<string, number>()
  for (const [client, characters] of countCharactersByClient(doc)) {
    const name = authors.get(String(client))
    if (typeof name !== 'string' || cleanAuthorName(name) === '') continue
    const clean = cleanAuthorName(name)
    byName.set(clean, (byName.get(clean) ?? 0) + characters)
  }
  const contributors = [...byName].map(([name, characters]) => ({ name, characters }))
  contributors.sort((a, b) => b.characters - a.characters || a.name.localeCompare(b.name))
  for (const extra of extraNames.map(cleanAuthorName)) {
    if (extra !== '' && !byName.has(extra)) {
      byName.set(extra, 0)
      contributors.push({ name: extra, characters: 0 })
    }
  }
  return contributors
}

/** Everyone who opened the pad to write, by name, in alphabetical order. */
export function listPeoplePresent(doc: Y.Doc, extraNames: readonly string[] = []): string[] {
  const names = new Set<string>()
  for (const value of doc.getMap<unknown>(authorsMapName).values()) {
    if (typeof value === 'string' && cleanAuthorName(value) !== '') names.add(cleanAuthorName(value))
  }
  for (const extra of extraNames.map(cleanAuthorName)) if (extra !== '') names.add(extra)
  return [...names].sort((a, b) => a.localeCompare(b))
}
