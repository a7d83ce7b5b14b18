/**
 * Checks that a write credits only what its writer may credit
 * (shared/pad/author-mark.ts): who wrote each character is a formatting
 * attribute anyone's update can set, so the room counts, for the text the
 * update touches, how many characters each participant is credited with
 * before and after it, and refuses:
 * - more characters credited to someone else than this participant removed
 *   of that person's text, in this update or earlier ones not yet brought
 *   back (a cut waiting for its paste): a forged credit;
 * - more characters gained by the writer (or by nobody) than the update
 *   brings new characters: credit stripped from text someone else wrote;
 * - an entry of the `participants` map under any key but the writer's own
 *   participant id, and any entry of the old `authors` map (read for pads from
 *   before participants, written by no page of this version).
 * Text of a pad from before participants (no author attribute) may be
 * credited to its client's legacy id (shared/pad/attribution.ts) as far as
 * that client's unattributed text goes: what a page does on opening it.
 * Counts, not characters, are compared: y-prosemirror writes a change as a
 * string diff and then re-applies every run's attributes, so typing before
 * someone's identical letter credits the old letter to the typist and the
 * new one to its writer — the same counts, so it passes.
 *
 * Two steps around Yjs's own apply: `readCreditsBefore` reads the counts of
 * what the update may change, `checkCredits` reads them again afterwards and
 * decides (the room rebuilds its doc when it refuses). Pure over the doc.
 */
import * as Y from 'yjs'
import { authorsMapName, legacyClientOf, participantsMapName } from '../../../shared/pad/attribution'
import { authorMarkName, authorOfAttribute } from '../../../shared/pad/author-mark'
import type { DecodedUpdate } from './update-check'

/** A participant id, or null for text with no author attribute. */
type Author = string | null

/** Characters by author, and those without an author attribute by the Yjs client that inserted them (pads from before). */
interface Counts {
  byAuthor: Map<Author, number>
  unattributedByClient: Map<number, number>
}

const emptyCounts = (): Counts => ({ byAuthor: new Map(), unattributedByClient: new Map() })
/** A shared type as Yjs holds it (its own typing of `share`). */
type SharedType = NonNullable<ReturnType<Y.Doc['share']['get']>>

/** Who writes: the participant the connection presented, and the credit it may carry over. */
export interface CreditWriter {
  participantId: string | null
  /** Characters of each person's text this participant removed and has not brought back. */
  moved: ReadonlyMap<string, number>
}

/** What the update may change, and its credits before it is applied. */
export interface CreditsBefore {
  /** Existing types whose own text the update inserts into, deletes from or re-formats. */
  touched: Set<SharedType>
  /** Existing types the update deletes: all their text goes. */
  removed: Set<SharedType>
  /** Root types the update creates (a pad's first paragraph creates `body`): all their content is new. */
  newRoots: Set<string>
  /** Characters by author over `removed` (whole trees) and `touched` (their own text). */
  counts: Counts
}

export type CreditCheck =
  | { problem: string }
  /** `moved`: the writer's new count of removed-and-not-brought-back text. */
  | { problem: null; moved: Map<string, number> }

export function readCreditsBefore(doc: Y.Doc, update: DecodedUpdate): CreditsBefore {
  const store = doc.store
  const isNew = newStructRanges(update)
  const touched = new Set<SharedType>()
  const removed = new Set<SharedType>()
  const newRoots = new Set<string>()
  const existingItem = (id: Y.ID | null): Y.Item | null => {
    if (id === null || isNew(id) || id.clock >= Y.getState(store, id.client)) return null
    const struct = Y.getItem(store, id)
    return struct instanceof Y.Item ? struct : null
  }
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue
    for (const neighbour of [existingItem(struct.origin), existingItem(struct.rightOrigin)]) {
      if (neighbour !== null && neighbour.parent !== null) touched.add(neighbour.parent as SharedType)
    }
    const parent: unknown = struct.parent
    if (typeof parent === 'string') {
      const root = doc.share.get(parent)
      if (root !== undefined) touched.add(root)
      else newRoots.add(parent)
    } else if (parent instanceof Y.ID) {
      const item = existingItem(parent)
      if (item?.content instanceof Y.ContentType) touched.add(item.content.type)
    }
  }
  forEachExistingDeleted(doc, update, (item) => {
    if (item.parent !== null) touched.add(item.parent as SharedType)
    if (item.content instanceof Y.ContentType) removed.add(item.content.type)
  })
  return { touched, removed, newRoots, counts: countCredits(touched, removed) }
}

export function checkCredits(doc: Y.Doc, update: DecodedUpdate, before: CreditsBefore, writer: CreditWriter): CreditCheck {
  const after = countCredits(before.touched, before.removed)
  let newCharacters = 0
  const newTrees = new Set<SharedType>()
  for (const name of before.newRoots) {
    const root = doc.share.get(name)
    if (root !== undefined) newTrees.add(root)
  }
  const isNew = newStructRanges(update)
  const isNewType = (type: SharedType): boolean => (type._item === null ? newTrees.has(type) : isNew(type._item.id))
  let problem: string | null = null
  forEachNewItem(doc, update, (item) => {
    if (item.deleted || problem !== null) return
    const parent = item.parent as SharedType | null
    if (item.parentSub !== null) {
      problem = checkMapEntry(doc, parent, item, writer)
      return
    }
    const isInNewType = parent !== null && isNewType(parent)
    if (parent === null || (!before.touched.has(parent) && !isInNewType)) {
      problem = 'an update placed content where its credit could not be checked'
      return
    }
    if (item.content instanceof Y.ContentString) newCharacters += item.length
    // A new type in an existing one is counted whole; one inside a new type, with it.
    if (item.content instanceof Y.ContentType && !isInNewType) newTrees.add(item.content.type)
  })
  if (problem !== null) return { problem }
  for (const tree of newTrees) countTree(tree, after, new Set())
  return decide(before.counts, after, newCharacters, writer)
}

/** The credit rules over the counts before and after one write. */
function decide(before: Counts, after: Counts, newCharacters: number, writer: CreditWriter): CreditCheck {
  const change = (author: Author): number => (after.byAuthor.get(author) ?? 0) - (before.byAuthor.get(author) ?? 0)
  /** Characters of an old client's unattributed text that this write attributed (or removed). */
  const legacyAllowance = (author: string): number => {
    const client = legacyClientOf(author)
    if (client === null) return 0
    return Math.max(0, (before.unattributedByClient.get(client) ?? 0) - (after.unattributedByClient.get(client) ?? 0))
  }
  const own = writer.participantId
  const gained = Math.max(0, change(null)) + (own === null ? 0 : Math.max(0, change(own)))
  if (gained > newCharacters) return { problem: `an update takes credit for ${gained - newCharacters} characters someone else wrote` }
  const moved = new Map(writer.moved)
  for (const author of new Set([...before.byAuthor.keys(), ...after.byAuthor.keys()])) {
    if (author === null || author === own) continue
    const changed = change(author)
    // An old client's text credited to its legacy id is no new credit; beyond it, the usual rule.
    const delta = changed > 0 ? Math.max(0, changed - legacyAllowance(author)) : changed
    if (delta > (moved.get(author) ?? 0)) return { problem: `an update credits ${delta - (moved.get(author) ?? 0)} characters to someone else` }
    const left = (moved.get(author) ?? 0) - delta
    if (left > 0) moved.set(author, left)
    else moved.delete(author)
  }
  return { problem: null, moved }
}

/**
 * A map entry: the participants map only under one's own id; the old authors
 * map not at all — only pages of the version before wrote it, and those may
 * no longer write (4426); a new entry there would re-credit an old client's
 * text.
 */
function checkMapEntry(doc: Y.Doc, parent: SharedType | null, item: Y.Item, writer: CreditWriter): string | null {
  if (parent === null) return null
  if (parent === doc.share.get(participantsMapName) && item.parentSub !== writer.participantId) {
    return 'an update writes the credit of another participant'
  }
  if (parent === doc.share.get(authorsMapName)) return 'an update names an author in the old authors map'
  return null
}

/** Characters by author: each removed tree whole, then the own text of each touched type not inside one. */
function countCredits(touched: Set<SharedType>, removed: Set<SharedType>): Counts {
  const counts = emptyCounts()
  const visited = new Set<SharedType>()
  for (const tree of removed) countTree(tree, counts, visited)
  for (const type of touched) if (!visited.has(type)) countOwn(type, counts)
  return counts
}

function countTree(type: SharedType, counts: Counts, visited: Set<SharedType>): void {
  if (visited.has(type)) return
  visited.add(type)
  countOwn(type, counts)
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentType) countTree(item.content.type, counts, visited)
  }
}

/** The live characters of a type's own list, by the author attribute in force at each (formats hold until the next of their key). */
function countOwn(type: SharedType, counts: Counts): void {
  let author: Author = null
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue
    const content = item.content
    if (content instanceof Y.ContentFormat) {
      if (content.key === authorMarkName) author = authorOfAttribute(content.value)
    } else if (content instanceof Y.ContentString) {
      counts.byAuthor.set(author, (counts.byAuthor.get(author) ?? 0) + item.length)
      if (author === null) counts.unattributedByClient.set(item.id.client, (counts.unattributedByClient.get(item.id.client) ?? 0) + item.length)
    }
  }
}

/** Whether an id falls in the structs the update adds. */
function newStructRanges(update: DecodedUpdate): (id: Y.ID) => boolean {
  const ranges = new Map<number, { from: number; to: number }>()
  for (const struct of update.structs) {
    const known = ranges.get(struct.id.client)
    const from = Math.min(known?.from ?? struct.id.clock, struct.id.clock)
    const to = Math.max(known?.to ?? 0, struct.id.clock + struct.length)
    ranges.set(struct.id.client, { from, to })
  }
  return (id) => {
    const range = ranges.get(id.client)
    return range !== undefined && id.clock >= range.from && id.clock < range.to
  }
}

/** Each live item of the doc that the update's delete set covers (before it is applied). */
function forEachExistingDeleted(doc: Y.Doc, update: DecodedUpdate, visit: (item: Y.Item) => void): void {
  for (const [client, deletions] of update.ds.clients) {
    const state = Y.getState(doc.store, client)
    for (const { clock, len } of deletions) forEachStruct(doc, client, clock, Math.min(clock + len, state), (struct) => {
      if (struct instanceof Y.Item && !struct.deleted) visit(struct)
    })
  }
}

/** Each item of the doc that holds structs the update added (after it is applied). */
function forEachNewItem(doc: Y.Doc, update: DecodedUpdate, visit: (item: Y.Item) => void): void {
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue
    forEachStruct(doc, struct.id.client, struct.id.clock, struct.id.clock + struct.length, (found) => {
      if (found instanceof Y.Item) visit(found)
    })
  }
}

function forEachStruct(doc: Y.Doc, client: number, from: number, to: number, visit: (struct: Y.Item | Y.GC) => void): void {
  const structs = doc.store.clients.get(client)
  if (structs === undefined || from >= to) return
  for (let index = Y.findIndexSS(structs, from); index < structs.length; index++) {
    const struct = structs[index]
    if (struct === undefined || struct.id.clock >= to) break
    visit(struct)
  }
}
