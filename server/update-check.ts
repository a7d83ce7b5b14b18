/**
 * Checks a decoded Yjs update against a doc before it is applied, to refuse
 * updates that Yjs would accept but that hurt a shared pad:
 * - structs with a gap (a Skip, or a first clock past what the doc has for
 *   that client), or that depend on structs nobody sent: Yjs would keep them
 *   "pending" for ever and make every late joiner download and wait;
 * - deletions of content the doc does not have yet (a pending delete set).
 * It also says under which client ids the update adds structs, so that the
 * room can check that the connection may write them. It mirrors
 * `Item.getMissing` in yjs/src/structs/Item.js. Pure: reads the doc's state
 * vector, changes nothing.
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

export function checkUpdate(doc: Y.Doc, update: DecodedUpdate): UpdateCheck {
  const problem = (sentence: string): UpdateCheck => ({ problem: sentence })
  // After this update, each client's structs would reach this clock.
  const reach = new Map<number, number>()
  const known = (client: number): number => reach.get(client) ?? Y.getState(doc.store, client)
  let isAllNew = true

  for (const struct of update.structs) {
    const { client, clock } = struct.id
    if (!(struct instanceof Y.Item) && !(struct instanceof Y.GC)) return problem(`update has a gap for client ${client}`)
    if (clock < Y.getState(doc.store, client)) isAllNew = false
    if (clock > known(client)) {
      return problem(`update starts at clock ${clock} for client ${client}, the pad has ${known(client)}`)
    }
    const end = clock + struct.length
    if (end > known(client)) reach.set(client, end)
  }
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue
    const { client, clock } = struct.id
    for (const dependency of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      if (dependency === null) continue
      const isInDoc = dependency.clock < Y.getState(doc.store, dependency.client)
      // Within one client, structs integrate in clock order: a struct can only build on earlier ones.
      const isInUpdate = dependency.clock < (dependency.client === client ? clock : known(dependency.client))
      if (!isInDoc && !isInUpdate) {
        return problem(`update depends on clock ${dependency.clock} of client ${dependency.client}, which the pad does not have`)
      }
    }
  }
  for (const [client, deletions] of update.ds.clients) {
    for (const { clock, len } of deletions) {
      if (clock + len > known(client)) return problem(`update deletes content of client ${client} that the pad does not have`)
    }
  }
  return { problem: null, writtenClients: [...reach.keys()], isAllNew }
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

/**
 * What `doc` holds of an update whose structs were all new to it (a check
 * said `isAllNew`) once Yjs stopped part way through applying it: the
 * update's structs from where each of its clients started, as far as the doc
 * got, and the doc's deletions.
 */
export function integratedPart(doc: Y.Doc, update: DecodedUpdate): Uint8Array {
  const before = Y.decodeStateVector(Y.encodeStateVector(doc))
  const started = new Set<number>()
  for (const struct of update.structs) {
    if (started.has(struct.id.client)) continue
    started.add(struct.id.client)
    before.set(struct.id.client, struct.id.clock)
  }
  return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(before))
}
