/**
 * Checks a decoded Yjs update against a doc before it is applied, to refuse
 * what Yjs would accept but that hurts a shared pad, and what would make Yjs
 * throw part way and leave the doc half changed:
 * - malformed structure that Yjs's reader does not refuse: a struct of
 *   length 0 (it breaks the binary search of the struct store: the 48-byte
 *   update that once failed a whole room), a client's structs split into several runs (Yjs
 *   keeps only the last run of a client, so the check would see something
 *   else than what is applied), clocks past `Number.MAX_SAFE_INTEGER`
 *   (arithmetic on them loses precision), Skips, and subdocuments (no pad
 *   has them; each makes the server build a Y.Doc);
 * - structs with a gap (a first clock past what the doc has for that client),
 *   or that depend on structs nobody sent, or on each other in a cycle: Yjs
 *   would keep them "pending" for ever and make every late joiner download
 *   and wait;
 * - deletions of content the doc does not have yet (a pending delete set).
 * An update that repeats part of what the doc has (a provider's sync step 2)
 * is cut to what is new before it is checked again and applied: Yjs trusts
 * that a struct straddling its state matches what it holds, and one that
 * does not (a reused client id) breaks its lists (`Item.integrate` with an
 * offset links the rest after a neighbour in another parent).
 * It also says under which client ids the update adds structs, so that the
 * room can check that the connection may write them. It mirrors
 * `readClientsStructRefs`, `integrateStructs` and `Item.getMissing` in
 * yjs/src/utils/encoding.js and yjs/src/structs/Item.js. Pure: reads the
 * doc's state vector, changes nothing.
 */
import * as Y from 'yjs'

export interface DecodedUpdate {
  structs: Array<Y.Item | Y.GC | { constructor: unknown; id: Y.ID; length: number }>
  ds: { clients: Map<number, Array<{ clock: number; len: number }>> }
}

export type UpdateCheck =
  /** The first problem found, as a sentence. */
  | { problem: string }
  /**
   * The update can be applied without leaving anything pending; it adds
   * structs under these client ids. `isAllNew`: none of its structs is in
   * the doc already, so applying it adds exactly what it holds (a typist's
   * update): it can be stored and relayed as it came.
   */
  | { problem: null; writtenClients: number[]; isAllNew: boolean }

type Struct = Y.Item | Y.GC

/** One client's structs in the update: a single run of consecutive clocks. */
interface ClientRun {
  structs: Struct[]
  /** Index of the next struct to integrate, while dependencies are resolved. */
  next: number
}

export function checkUpdate(doc: Y.Doc, update: DecodedUpdate): UpdateCheck {
  const runs = readRuns(update)
  if (typeof runs === 'string') return { problem: runs }
  // After this update, each client's structs would reach this clock.
  const reach = new Map<number, number>()
  const known = (client: number): number => reach.get(client) ?? Y.getState(doc.store, client)
  let isAllNew = true

  for (const [client, run] of runs) {
    const first = run.structs[0] as Struct
    const last = run.structs[run.structs.length - 1] as Struct
    const state = Y.getState(doc.store, client)
    if (first.id.clock < state) isAllNew = false
    if (first.id.clock > state) return { problem: `update starts at clock ${first.id.clock} for client ${client}, the pad has ${state}` }
    const end = last.id.clock + last.length
    if (end > state) reach.set(client, end)
  }
  const unresolved = findUnresolvedDependency(doc, runs)
  if (unresolved !== null) return { problem: unresolved }
  for (const [client, deletions] of update.ds.clients) {
    for (const { clock, len } of deletions) {
      // Yjs keeps a deletion pending when it starts at or past the state, even an empty one.
      if (clock + Math.max(len, 1) > known(client)) return { problem: `update deletes content of client ${client} that the pad does not have` }
    }
  }
  return { problem: null, writtenClients: [...reach.keys()], isAllNew }
}

export type PreparedUpdate =
  | { problem: string }
  /** `update`: what to apply, the bytes received or their new part. The rest as in `UpdateCheck`. */
  | { problem: null; update: Uint8Array; writtenClients: number[]; isAllNew: boolean }

/**
 * Checks an update received from a peer and says what to apply: the update
 * itself when all of it is new, else its new part (see the top of this
 * file), checked again. `decoded` is `update` decoded.
 */
export function prepareUpdate(doc: Y.Doc, update: Uint8Array, decoded: DecodedUpdate): PreparedUpdate {
  const check = checkUpdate(doc, decoded)
  if (check.problem !== null) return check
  if (check.isAllNew) return { ...check, update }
  const states = new Map<number, number>()
  for (const struct of decoded.structs) states.set(struct.id.client, Y.getState(doc.store, struct.id.client))
  let newPart: Uint8Array
  let newPartDecoded: DecodedUpdate
  try {
    newPart = Y.diffUpdate(update, Y.encodeStateVector(states))
    newPartDecoded = Y.decodeUpdate(newPart) as unknown as DecodedUpdate
  } catch {
    return { problem: 'update cannot be cut to what the pad lacks' }
  }
  const newCheck = checkUpdate(doc, newPartDecoded)
  if (newCheck.problem !== null) return newCheck
  return { problem: null, update: newPart, writtenClients: newCheck.writtenClients, isAllNew: false }
}

/** The update's structs by client, or the sentence saying why they are malformed. */
function readRuns(update: DecodedUpdate): Map<number, ClientRun> | string {
  const runs = new Map<number, ClientRun>()
  let current: ClientRun | null = null
  for (const struct of update.structs) {
    const { client, clock } = struct.id
    if (!(struct instanceof Y.Item) && !(struct instanceof Y.GC)) return `update has a gap for client ${client}`
    if (struct.length < 1) return `update has an empty struct at clock ${clock} of client ${client}`
    if (clock + struct.length > Number.MAX_SAFE_INTEGER) return `update has a struct of client ${client} past the largest clock`
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentDoc) return 'update holds a subdocument, which no pad has'
    const previous = current?.structs[current.structs.length - 1]
    if (current !== null && previous !== undefined && previous.id.client === client) {
      // Yjs's reader numbers a run's structs itself: a run is contiguous.
      current.structs.push(struct)
      continue
    }
    if (runs.has(client)) return `update has several runs of structs for client ${client}`
    current = { structs: [struct], next: 0 }
    runs.set(client, current)
  }
  return runs
}

/**
 * Resolves the structs' dependencies in the order Yjs integrates them (a
 * depth-first walk: a struct that needs another client's struct waits while
 * that client's run goes on), and names the first that cannot be met: one
 * that neither the doc nor the update has, a cycle, or a struct placed
 * between two others that are not in the same list (`createPlacement`). Each struct is
 * visited once per dependency, so hostile updates cost linear time.
 */
function findUnresolvedDependency(doc: Y.Doc, runs: Map<number, ClientRun>): string | null {
  const integrated = new Map<number, number>()
  const reached = (client: number): number => integrated.get(client) ?? Y.getState(doc.store, client)
  const unmet = (struct: Struct): Y.ID | null => {
    if (!(struct instanceof Y.Item)) return null
    for (const dependency of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      if (dependency === null) continue
      if (dependency.client === struct.id.client) {
        // Yjs does not wait for its own client: only earlier structs exist when this one integrates.
        if (dependency.clock >= struct.id.clock) return dependency
        continue
      }
      if (dependency.clock >= reached(dependency.client)) return dependency
    }
    return null
  }
  const placement = createPlacement(doc, runs)
  const missing = (dependency: Y.ID): string =>
    `update depends on clock ${dependency.clock} of client ${dependency.client}, which the pad does not have`

  for (const start of runs.keys()) {
    // Each frame is a client whose run is being integrated, and what the frame below waits for from it.
    const stack: Array<{ client: number; awaited: Y.ID | null }> = [{ client: start, awaited: null }]
    const isOnStack = new Set<number>([start])
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as (typeof stack)[number]
      if (frame.awaited !== null && reached(frame.awaited.client) > frame.awaited.clock) {
        stack.pop()
        isOnStack.delete(frame.client)
        continue
      }
      const run = runs.get(frame.client) as ClientRun
      const struct = run.structs[run.next]
      if (struct === undefined) {
        if (frame.awaited !== null) return missing(frame.awaited)
        stack.pop()
        isOnStack.delete(frame.client)
        continue
      }
      const dependency = unmet(struct)
      if (dependency === null) {
        const misplaced = placement.place(struct)
        if (misplaced !== null) return misplaced
        run.next += 1
        integrated.set(frame.client, Math.max(reached(frame.client), struct.id.clock + struct.length))
        continue
      }
      if (dependency.client === struct.id.client || !runs.has(dependency.client)) return missing(dependency)
      if (isOnStack.has(dependency.client)) return `update has structs that depend on each other in a cycle (client ${dependency.client})`
      stack.push({ client: dependency.client, awaited: dependency })
      isOnStack.add(dependency.client)
    }
  }
  return null
}

/** Where a struct sits: its parent type and map key, or `gc` when Yjs turns it into a GC struct. */
type ParentKey = string

/**
 * Where each struct of an update goes, computed as Yjs integrates them, to
 * refuse an item whose left and right neighbours (origin, rightOrigin) are
 * in different lists. Yjs puts such an item in its left neighbour's list;
 * if the right neighbour's parent is deleted later, that neighbour becomes a
 * GC struct, and every peer that then loads the pad turns the item into a GC
 * too while the peers that had it keep it alive: the pad diverges (found by
 * the update fuzzer: a bit flip that pointed a new card's rightOrigin into
 * another card's attributes). No editor makes such an item, nor a map entry
 * with a right neighbour (found the same way: such an entry is ordered
 * differently by peers that received it before or after another write of the
 * key, so the key's value diverged).
 */
function createPlacement(doc: Y.Doc, runs: Map<number, ClientRun>) {
  const placed = new Map<Struct, ParentKey>()
  let rootNames: Map<unknown, string> | null = null
  const keyOfType = (type: unknown): ParentKey => {
    const item = (type as { _item: Y.Item | null })._item
    if (item !== null) return `type ${item.id.client}:${item.id.clock}`
    rootNames ??= new Map([...doc.share].map(([name, root]) => [root as unknown, name]))
    return `root ${rootNames.get(type) ?? '?'}`
  }
  /** The struct of the update that holds `id`, when the doc does not. */
  const inUpdate = (id: Y.ID): Struct | undefined => {
    const structs = runs.get(id.client)?.structs ?? []
    let low = 0
    let high = structs.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const struct = structs[middle] as Struct
      if (id.clock < struct.id.clock) high = middle - 1
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1
      else return struct
    }
    return undefined
  }
  /** Where the struct holding `id` sits. */
  const placeOf = (id: Y.ID): ParentKey => {
    if (id.clock < Y.getState(doc.store, id.client)) {
      const struct = Y.getItem(doc.store, id) as Struct
      if (!(struct instanceof Y.Item)) return 'gc'
      return `${keyOfType(struct.parent)}|${struct.parentSub ?? ''}`
    }
    const struct = inUpdate(id)
    return struct === undefined ? 'gc' : (placed.get(struct) ?? 'gc')
  }
  /** The type item that `id` names as a parent, as a key, or `gc` when it holds no type. */
  const typeAt = (id: Y.ID): ParentKey => {
    const struct = id.clock < Y.getState(doc.store, id.client) ? (Y.getItem(doc.store, id) as Struct) : inUpdate(id)
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType) || placed.get(struct) === 'gc') return 'gc'
    return `type ${struct.id.client}:${struct.id.clock}`
  }

  return {
    /** Records where `struct` goes; returns the problem when its neighbours disagree. */
    place(struct: Struct): string | null {
      if (!(struct instanceof Y.Item)) {
        placed.set(struct, 'gc')
        return null
      }
      let key: ParentKey
      if (struct.origin !== null || struct.rightOrigin !== null) {
        const left = struct.origin === null ? null : placeOf(struct.origin)
        const right = struct.rightOrigin === null ? null : placeOf(struct.rightOrigin)
        if (left === 'gc' || right === 'gc') key = 'gc'
        else if (left !== null && right !== null && left !== right) {
          return `update inserts at clock ${struct.id.clock} of client ${struct.id.client} between content of two different lists`
        } else key = (left ?? right) as ParentKey
        if (right !== null && key !== 'gc' && !key.endsWith('|')) {
          // A map entry is always written after the key's last value, with no
          // right neighbour (Y.Map.set, XML attributes). One with a right
          // neighbour lands elsewhere depending on what arrived before it, and
          // the key's live value then differs between peers and the store.
          return `update writes a map entry at clock ${struct.id.clock} of client ${struct.id.client} before another`
        }
      } else if (struct.parent instanceof Y.ID) {
        const parent = typeAt(struct.parent)
        key = parent === 'gc' ? 'gc' : `${parent}|${struct.parentSub ?? ''}`
      } else {
        key = `root ${String(struct.parent)}|${struct.parentSub ?? ''}`
      }
      placed.set(struct, key)
      return null
    },
  }
}

/**
 * Whether applying `update` would change nothing: every struct is already in
 * the doc and every deletion already done. A provider's sync step 2 carries
 * its whole delete set each time, so this is what a participant with nothing
 * new sends on join.
 */
export function addsNothing(doc: Y.Doc, update: DecodedUpdate): boolean {
  for (const struct of update.structs) {
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false
  }
  if (update.ds.clients.size === 0) return true
  const deleted = Y.createDeleteSetFromStructStore(doc.store) as unknown as DecodedUpdate['ds']
  for (const [client, ranges] of update.ds.clients) {
    const done = deleted.clients.get(client) ?? []
    for (const { clock, len } of ranges) {
      if (len === 0) continue
      // The doc's delete set is sorted and merged: one entry covers a contiguous deletion.
      if (!done.some((entry) => entry.clock <= clock && clock + len <= entry.clock + entry.len)) return false
    }
  }
  return true
}
