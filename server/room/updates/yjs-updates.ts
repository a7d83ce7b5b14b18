/**
 * The Yjs update helpers a room needs, written once: decoding an untrusted
 * update (a bad one is a ProtocolError with 1007), merging, applying what
 * this server already trusts (stored, or from another instance), and the
 * state vector of a doc that an update failed to change cleanly.
 */
import * as Y from 'yjs'
import { CloseCode } from '../../../shared/protocol/close-codes'
import { ProtocolError } from '../../../shared/protocol/messages'
import type { DecodedUpdate } from './update-check'

export function decodeUpdate(update: Uint8Array): DecodedUpdate {
  try {
    return Y.decodeUpdate(update) as unknown as DecodedUpdate
  } catch {
    throw new ProtocolError('malformed update', CloseCode.invalidPayload)
  }
}

/** An update with no structs and no deletions: applying it changes nothing. */
export function isEmptyUpdate(update: DecodedUpdate): boolean {
  return update.structs.length === 0 && update.ds.clients.size === 0
}

/** One update holding all of `updates` (which must not be empty). */
export function mergeAll(updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 0) throw new RangeError('mergeAll needs at least one update')
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates([...updates])
}

const trustedOrigin = Symbol('trusted update')

/**
 * Applies an update that needs no checking (stored by this server, or
 * relayed by another instance that checked it); returns what it added, if
 * anything, and whether part of it waits for something this doc lacks (that
 * part is dropped: the store has what it needs).
 */
export function applyTrusted(doc: Y.Doc, update: Uint8Array): { effective: Uint8Array | null; leftPending: boolean } {
  const effective: Uint8Array[] = []
  const collect = (applied: Uint8Array, origin: unknown): void => {
    if (origin === trustedOrigin) effective.push(applied)
  }
  doc.on('update', collect)
  try {
    Y.applyUpdate(doc, update, trustedOrigin)
  } finally {
    doc.off('update', collect)
  }
  const leftPending = hasPending(doc)
  clearPending(doc)
  return { effective: effective.length === 0 ? null : mergeAll(effective), leftPending }
}

/** Whether Yjs keeps structs or deletions that wait for content the doc does not have. */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

function clearPending(doc: Y.Doc): void {
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
}

/**
 * The doc's state vector, with the clients of an update that failed part way
 * set back to where they were before it; null if even that cannot be read.
 */
export function stateVectorWithout(doc: Y.Doc, statesBefore: Map<number, number>): Map<number, number> | null {
  try {
    const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc))
    for (const [client, clock] of statesBefore) {
      if (clock === 0) stateVector.delete(client)
      else stateVector.set(client, clock)
    }
    return stateVector
  } catch {
    return null
  }
}
