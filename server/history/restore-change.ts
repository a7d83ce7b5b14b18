/**
 * The change a restore makes to a pad (DESIGN.md, "History"): the body of
 * the live doc is made equal to the version's body, by as small a change as
 * it can find, inside the caller's Yjs transaction. Blocks equal in both are
 * left alone; blocks of the same type are patched in place (their attributes
 * set, their children patched, their text cut to what differs); only the
 * rest is deleted or inserted as copies of the version's. The copies keep
 * the version's author marks, so the credits of the restored text stay with
 * the people who wrote it.
 *
 * Keeping what it can matters beyond economy: text a participant typed
 * offline into a paragraph lands in that paragraph when they reconnect, and
 * Yjs hides what is typed into a deleted one. Rebuilding the whole body
 * would hide everything typed offline during a restore; patching it in place
 * hides nothing that was typed into a block the restore kept.
 *
 * The participants and legacy authors maps are merged, never replaced: an
 * entry only the version has is added (its text may come back with it), and
 * no entry is dropped or overwritten. Other shared types are left as they
 * are. It stores, relays and decides nothing (the room does).
 */
import * as Y from 'yjs'
import { authorsMapName, participantsMapName } from '../../shared/pad/attribution'
import { bodyFragmentName } from '../../shared/pad/schema'

/** Above this many cells (children of one parent, live × version), children are matched by their common ends only. */
const maxAlignmentCells = 1_000_000

type Child = Y.XmlElement | Y.XmlText
type Parent = Y.XmlFragment | Y.XmlElement

/** Makes `live`'s body the version's, and adds the version's missing participants; call it inside a transaction of `live`. */
export function applyRestore(live: Y.Doc, version: Y.Doc): void {
  patchChildren(live.getXmlFragment(bodyFragmentName), version.getXmlFragment(bodyFragmentName))
  for (const name of [participantsMapName, authorsMapName]) addMissingEntries(live.getMap<unknown>(name), version.getMap<unknown>(name))
}

/** A canonical form of a node: equal forms, equal content (type, attributes, text and its marks). */
export function signatureOf(node: Child): string {
  if (node instanceof Y.XmlText) return `t${stableJson(node.toDelta())}`
  if (node instanceof Y.XmlElement) {
    return `e${node.nodeName}${stableJson(node.getAttributes())}[${node.toArray().map((child) => signatureOf(child as Child)).join(',')}]`
  }
  return `?${stableJson((node as Y.AbstractType<unknown>).toJSON())}`
}

function patchChildren(liveParent: Parent, versionParent: Parent): void {
  const live = liveParent.toArray() as Child[]
  const wanted = versionParent.toArray() as Child[]
  // Equal blocks anchor the change; between two anchors, what differs.
  const anchors = align(live.map(signatureOf), wanted.map(signatureOf))
  const bounds: Array<readonly [number, number]> = [[-1, -1], ...anchors, [live.length, wanted.length]]
  // Last gap first: the indexes before each gap stay as they were.
  for (let k = bounds.length - 1; k > 0; k--) {
    const [liveBefore, wantedBefore] = bounds[k - 1] as readonly [number, number]
    const [liveAfter, wantedAfter] = bounds[k] as readonly [number, number]
    patchGap(liveParent, live.slice(liveBefore + 1, liveAfter), liveBefore + 1, wanted.slice(wantedBefore + 1, wantedAfter))
  }
}

/** Makes `live` (the parent's children from `offset`) into `wanted`: same-kind nodes patched in place, the others replaced. */
function patchGap(parent: Parent, live: Child[], offset: number, wanted: Child[]): void {
  if (live.length === 0 && wanted.length === 0) return
  const pairs = align(live.map(kindOf), wanted.map(kindOf))
  const bounds: Array<readonly [number, number]> = [[-1, -1], ...pairs, [live.length, wanted.length]]
  for (let k = bounds.length - 1; k > 0; k--) {
    const [liveBefore, wantedBefore] = bounds[k - 1] as readonly [number, number]
    const [livePaired, wantedPaired] = bounds[k] as readonly [number, number]
    if (k < bounds.length - 1) patchNode(live[livePaired] as Child, wanted[wantedPaired] as Child)
    const deleteCount = livePaired - liveBefore - 1
    if (deleteCount > 0) parent.delete(offset + liveBefore + 1, deleteCount)
    const copies = wanted.slice(wantedBefore + 1, wantedPaired).map((node) => node.clone())
    if (copies.length > 0) parent.insert(offset + liveBefore + 1, copies)
  }
}

/** What may be patched into what: text into text, an element into one of the same name; anything else only replaced. */
function kindOf(node: Child): string {
  if (node instanceof Y.XmlText) return '#text'
  if (node instanceof Y.XmlElement) return `<${node.nodeName}>`
  return signatureOf(node)
}

function patchNode(live: Child, wanted: Child): void {
  if (live instanceof Y.XmlText && wanted instanceof Y.XmlText) {
    patchText(live, wanted)
  } else if (live instanceof Y.XmlElement && wanted instanceof Y.XmlElement) {
    const wantedAttributes = wanted.getAttributes() as Record<string, unknown>
    const liveAttributes = live.getAttributes() as Record<string, unknown>
    for (const [name, value] of Object.entries(wantedAttributes)) {
      if (stableJson(liveAttributes[name]) !== stableJson(value)) live.setAttribute(name, value as never)
    }
    for (const name of Object.keys(liveAttributes)) if (!(name in wantedAttributes)) live.removeAttribute(name)
    patchChildren(live, wanted)
  }
}

/** One unit of text (a UTF-16 code unit or an embed) with its formatting. */
interface TextUnit {
  insert: string | object
  attributes: Record<string, unknown> | undefined
  key: string
}

interface DeltaInsert {
  insert: string | object
  attributes?: Record<string, unknown>
}

/** Cuts `live`'s text to what differs from `wanted`'s (common start and end kept, marks included) and writes the rest. */
function patchText(live: Y.XmlText, wanted: Y.XmlText): void {
  const from = textUnits(live.toDelta() as DeltaInsert[])
  const to = textUnits(wanted.toDelta() as DeltaInsert[])
  let start = 0
  while (start < from.length && start < to.length && from[start]?.key === to[start]?.key) start++
  let end = 0
  while (end < from.length - start && end < to.length - start && from[from.length - 1 - end]?.key === to[to.length - 1 - end]?.key) end++
  // Never cut a surrogate pair in two.
  if (start > 0 && isHighSurrogate(from[start - 1])) start--
  if (end > 0 && isLowSurrogate(from[from.length - end])) end--
  const deleted = from.length - start - end
  const inserted = joinUnits(to.slice(start, to.length - end))
  if (deleted === 0 && inserted.length === 0) return
  live.applyDelta([...(start > 0 ? [{ retain: start }] : []), ...(deleted > 0 ? [{ delete: deleted }] : []), ...inserted])
}

function textUnits(delta: DeltaInsert[]): TextUnit[] {
  const units: TextUnit[] = []
  for (const op of delta) {
    const attributesKey = stableJson(op.attributes ?? {})
    if (typeof op.insert === 'string') {
      for (const character of op.insert.split('')) units.push({ insert: character, attributes: op.attributes, key: `${attributesKey}${character}` })
    } else {
      units.push({ insert: op.insert, attributes: op.attributes, key: `${attributesKey}${stableJson(op.insert)}` })
    }
  }
  return units
}

/** Consecutive units of one formatting as one insert. */
function joinUnits(units: TextUnit[]): DeltaInsert[] {
  const ops: DeltaInsert[] = []
  for (const unit of units) {
    const last = ops.at(-1)
    if (last !== undefined && typeof last.insert === 'string' && typeof unit.insert === 'string' && stableJson(last.attributes ?? {}) === stableJson(unit.attributes ?? {})) {
      last.insert += unit.insert
    } else {
      ops.push(unit.attributes === undefined ? { insert: unit.insert } : { insert: unit.insert, attributes: unit.attributes })
    }
  }
  return ops
}

function isHighSurrogate(unit: TextUnit | undefined): boolean {
  return typeof unit?.insert === 'string' && /^[\uD800-\uDBFF]$/.test(unit.insert)
}

function isLowSurrogate(unit: TextUnit | undefined): boolean {
  return typeof unit?.insert === 'string' && /^[\uDC00-\uDFFF]$/.test(unit.insert)
}

/**
 * Pairs of indexes of equal keys, increasing in both lists: their longest
 * common subsequence (the common ends first; past `maxAlignmentCells`, the
 * common ends alone).
 */
export function align(a: readonly string[], b: readonly string[]): Array<readonly [number, number]> {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++
  const pairs: Array<readonly [number, number]> = []
  for (let i = 0; i < start; i++) pairs.push([i, i])
  const rows = a.length - start - end
  const columns = b.length - start - end
  if (rows > 0 && columns > 0 && rows * columns <= maxAlignmentCells) {
    // lengths[i][j]: the longest common subsequence of a's middle from i and b's middle from j.
    const width = columns + 1
    const lengths = new Uint32Array((rows + 1) * width)
    for (let i = rows - 1; i >= 0; i--) {
      for (let j = columns - 1; j >= 0; j--) {
        lengths[i * width + j] =
          a[start + i] === b[start + j]
            ? (lengths[(i + 1) * width + j + 1] as number) + 1
            : Math.max(lengths[(i + 1) * width + j] as number, lengths[i * width + j + 1] as number)
      }
    }
    let i = 0
    let j = 0
    while (i < rows && j < columns) {
      if (a[start + i] === b[start + j]) {
        pairs.push([start + i, start + j])
        i++
        j++
      } else if ((lengths[(i + 1) * width + j] as number) >= (lengths[i * width + j + 1] as number)) {
        i++
      } else {
        j++
      }
    }
  }
  for (let k = end; k > 0; k--) pairs.push([a.length - k, b.length - k])
  return pairs
}

function addMissingEntries(live: Y.Map<unknown>, version: Y.Map<unknown>): void {
  for (const [key, value] of version.entries()) {
    if (live.has(key)) continue
    live.set(key, value instanceof Y.AbstractType ? value.clone() : value)
  }
}

/** JSON with object keys sorted, so that equal values give equal text. */
function stableJson(value: unknown): string {
  if (value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, entry]) => entry !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableJson(entry)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
