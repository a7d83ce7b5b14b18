/**
 * Who wrote what, read from the pad itself. Each run of text carries its
 * writer's participant id in the `author` formatting attribute
 * (author-mark.ts); the doc's `participants` map says how each participant is
 * credited (their name or a pseudonym, an organisation, or not named). That
 * gives the contributors of a recipe, ordered by how much of the final text
 * is theirs, and the people present.
 *
 * Pads written before the author attribute existed credited text by the Yjs
 * client id that inserted it, named in the doc's `authors` map (client id →
 * display name): text without an author attribute is still read that way,
 * so those pads keep their credits. A page that opens such a pad gives that
 * text the author attribute of its client's legacy id (`legacyParticipantId`,
 * named from the same map), so that its credit survives later reformatting.
 * Text inserted by the server (templates) has neither and credits nobody.
 */
import * as Y from 'yjs'
import { isParticipantId } from '../protocol/participant-id'
import { authorMarkName, authorOfAttribute } from './author-mark'
import { maxAuthorNameLength, maxOrganisationLength } from './credit-limits'
import { bodyFragmentName } from './schema'

/** The map of participants' credits: participant id → `ParticipantCredit`. */
export const participantsMapName = 'participants'
/** Before the author attribute: Yjs client id → display name. Read for old text, never written by pages any more. */
export const authorsMapName = 'authors'

export { maxAuthorNameLength, maxOrganisationLength } from './credit-limits'

/** How a participant wants the recipe to credit them. */
export interface ParticipantCredit {
  /** Their name, or a pseudonym: what the recipe prints. */
  name: string
  /** Printed after the name when not empty. */
  organisation: string
  /** False: counted among "N other people", never named. */
  isNamed: boolean
}

export interface Contributor {
  name: string
  organisation: string
  /** Characters of the final pad this person typed. */
  characters: number
}

export interface Contributors {
  /** Everyone named, most text first, then the facilitator's extra names. */
  named: Contributor[]
  /** How many people whose text is in the pad chose not to be named. */
  unnamedCount: number
}

/** Who wrote a character: a participant (by id) or, for text older than the author attribute, a Yjs client. */
export type AuthorKey = `participant:${string}` | `client:${number}`

/**
 * The participant id that stands for a Yjs client of a pad from before
 * participants: `L` and the client id in 21 digits, a shape no real id (16
 * random bytes) takes on purpose. Its name is the client's in `authors`.
 */
export function legacyParticipantId(clientId: number): string {
  return `L${String(clientId).padStart(21, '0')}`
}

/** The Yjs client a legacy participant id stands for, or null for any other id. */
export function legacyClientOf(participantId: string): number | null {
  const match = /^L(\d{21})$/.exec(participantId)
  if (match === null) return null
  const clientId = Number(match[1])
  return Number.isSafeInteger(clientId) ? clientId : null
}

export function cleanAuthorName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, maxAuthorNameLength)
}

/** Records in the doc how `participantId` is credited; writes only when it changed. */
export function recordParticipant(doc: Y.Doc, participantId: string, credit: ParticipantCredit): void {
  const clean = parseParticipantCredit(credit)
  if (clean === null || !isParticipantId(participantId)) return
  const participants = doc.getMap<unknown>(participantsMapName)
  const known = parseParticipantCredit(participants.get(participantId))
  if (known !== null && known.name === clean.name && known.organisation === clean.organisation && known.isNamed === clean.isNamed) return
  participants.set(participantId, { name: clean.name, organisation: clean.organisation, isNamed: clean.isNamed })
}

/** A participants-map value as written by any page: untrusted, so checked and cleaned; null when unusable. */
export function parseParticipantCredit(value: unknown): ParticipantCredit | null {
  if (typeof value !== 'object' || value === null) return null
  const name: unknown = Reflect.get(value, 'name')
  const organisation: unknown = Reflect.get(value, 'organisation')
  const isNamed: unknown = Reflect.get(value, 'isNamed')
  if (typeof name !== 'string' || cleanAuthorName(name) === '') return null
  return {
    name: cleanAuthorName(name),
    organisation: typeof organisation === 'string' ? cleanAuthorName(organisation).slice(0, maxOrganisationLength) : '',
    isNamed: isNamed !== false,
  }
}

/** Characters still in the pad's body, by who wrote them, in the order each author first appears. */
export function countCharactersByAuthor(doc: Y.Doc): Map<AuthorKey, number> {
  // Keyed by the participant id (a string) or the Yjs client (a number) so
  // that the walk builds no string per item: a 1 MB pad holds tens of
  // thousands of them, and a checkpoint walks it on the room's event loop.
  const tally = new Map<string | number, number>()
  countIn(doc.getXmlFragment(bodyFragmentName), tally)
  const counts = new Map<AuthorKey, number>()
  for (const [author, characters] of tally) counts.set(typeof author === 'string' ? `participant:${author}` : `client:${author}`, characters)
  return counts
}

function countIn(type: { _start: Y.Item | null }, tally: Map<string | number, number>): void {
  let author: string | null = null
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue
    const content = item.content
    if (content instanceof Y.ContentString) {
      const key = author ?? item.id.client
      tally.set(key, (tally.get(key) ?? 0) + item.length)
    } else if (content instanceof Y.ContentFormat) {
      if (content.key === authorMarkName) author = authorOfAttribute(content.value)
    } else if (content instanceof Y.ContentType) {
      countIn(content.type, tally)
    }
  }
}

/**
 * The author attribute in force after `item`, a live item of a text whose
 * attribute before it was `current`: formatting attributes hold from their
 * format item to the next one of the same key, within one text. Walk a
 * text's live items from its start with `null` to read each one's author.
 */
export function authorAfter(item: Y.Item, current: string | null): string | null {
  const content = item.content
  return content instanceof Y.ContentFormat && content.key === authorMarkName ? authorOfAttribute(content.value) : current
}

/** Who wrote a live string item whose author attribute is `author`: that participant, or else (older text) the client that inserted it. */
export function authorKeyOf(item: Y.Item, author: string | null): AuthorKey {
  return author === null ? `client:${item.id.client}` : `participant:${author}`
}

/** Everyone whose text is in the pad, most first, then the extra names (people who took part without typing). */
export function listContributors(doc: Y.Doc, extraNames: readonly string[] = []): Contributors {
  const credits = readCredits(doc)
  const byName = new Map<string, Contributor>()
  let unnamedCount = 0
  for (const [author, characters] of countCharactersByAuthor(doc)) {
    const credit = credits(author)
    if (credit === null) continue
    if (!credit.isNamed) {
      unnamedCount++
      continue
    }
    const known = byName.get(credit.name)
    if (known === undefined) byName.set(credit.name, { name: credit.name, organisation: credit.organisation, characters })
    else known.characters += characters
  }
  const named = [...byName.values()].sort((a, b) => b.characters - a.characters || a.name.localeCompare(b.name))
  for (const extra of extraNames.map(cleanAuthorName)) {
    if (extra !== '' && !byName.has(extra)) {
      byName.set(extra, { name: extra, organisation: '', characters: 0 })
      named.push({ name: extra, organisation: '', characters: 0 })
    }
  }
  return { named, unnamedCount }
}

/** Everyone who opened the pad to write and may be named, in alphabetical order. */
export function listPeoplePresent(doc: Y.Doc, extraNames: readonly string[] = []): string[] {
  const names = new Set<string>()
  for (const value of doc.getMap<unknown>(authorsMapName).values()) {
    if (typeof value === 'string' && cleanAuthorName(value) !== '') names.add(cleanAuthorName(value))
  }
  for (const value of doc.getMap<unknown>(participantsMapName).values()) {
    const credit = parseParticipantCredit(value)
    if (credit !== null && credit.isNamed) names.add(credit.name)
  }
  for (const extra of extraNames.map(cleanAuthorName)) if (extra !== '') names.add(extra)
  return [...names].sort((a, b) => a.localeCompare(b))
}

/** How each author is credited: a participant by their entry, an old client by its recorded name; null when nobody is named for it. */
export function readCredits(doc: Y.Doc): (author: AuthorKey) => ParticipantCredit | null {
  const participants = doc.getMap<unknown>(participantsMapName)
  const authors = doc.getMap<unknown>(authorsMapName)
  return (author) => {
    const participantId = author.startsWith('participant:') ? author.slice('participant:'.length) : null
    const legacyClient = participantId === null ? null : legacyClientOf(participantId)
    if (participantId !== null && legacyClient === null) return parseParticipantCredit(participants.get(participantId))
    // A client of the old `authors` map, by its text without attribute or by its legacy id.
    const name = authors.get(String(legacyClient ?? author.slice('client:'.length)))
    return typeof name === 'string' && cleanAuthorName(name) !== '' ? { name: cleanAuthorName(name), organisation: '', isNamed: true } : null
  }
}
