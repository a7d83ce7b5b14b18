/**
 * Checks a decoded Yjs update against a doc before it is applied, to refuse
 * updates that Yjs would accept but that hurt a shared pad:
 * - structs with a gap (a Skip, or a first clock past what the doc has for
 *   that client), or that depend on structs nobody sent: Yjs would keep them
 *   "pending" for ever and make every late joiner download and wait;
 * - deletions of content the doc does not have yet (a pending delete set);
 * - structs under a client id the connection may not write (the caller says
 *   which ones it may: see client-ids.ts).
 * It mirrors `Item.getMissing` in yjs/src/structs/Item.js. Pure: reads the doc's
 * state vector, changes nothing.
 */
import * as Y from 'yjs'

export interface DecodedUpdate {
  structs: Array<Y.Item | Y.GC | { constructor: unknown; id: Y.ID; length: number }>
  ds: { clients: Map<number, Array<{ clock: number; len: number }>> }
}

/** The first problem found in `update`, as a sentence, or null when it can be applied without leaving anything pending. */
export function findUpdateProblem(doc: Y.Doc, update: DecodedUpdate, mayWrite: (client: number) => boolean): string | null {
  // After this update, each client's structs would reach this clock.
  const reach = new Map<number, number>()
  const known = (client: number): number => reach.get(client) ?? Y.getState(doc.store, client)

  for (const struct of update.structs) {
    const { client, clock } = struct.id
    if (!(struct instanceof Y.Item) && !(struct instanceof Y.GC)) return `update has a gap for client ${client}`
    if (clock > known(client)) return `update starts at clock ${clock} for client ${client}, the pad has ${known(client)}`
    const end = clock + struct.length
    if (end > known(client)) {
      if (!mayWrite(client)) return `client id ${client} belongs to another connection`
      reach.set(client, end)
    }
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
        return `update depends on clock ${dependency.clock} of client ${dependency.client}, which the pad does not have`
      }
    }
  }
  for (const [client, deletions] of update.ds.clients) {
    for (const { clock, len } of deletions) {
      if (clock + len > known(client)) return `update deletes content of client ${client} that the pad does not have`
    }
  }
  return null
}
