/**
 * One write against a room's doc: checked (update-check.ts), its clients
 * claimed, applied by Yjs, then its credits checked (credit-check.ts). Says
 * whether it is in the doc whole, or why it is refused after it was applied
 * (Yjs refused part of it, or its credits are not its writer's) with the
 * state vector the peers were sent, so that the room can take it back out
 * (writes.ts rebuilds the doc). A refusal before anything is applied throws
 * its ProtocolError. It neither stores, relays nor batches anything.
 */
import * as Y from 'yjs'
import { CloseCode } from '../../../shared/protocol/close-codes'
import { ProtocolError } from '../../../shared/protocol/messages'
import type { Peer } from '../../relay/peer'
import { checkCredits, readCreditsBefore, type CreditsBefore } from './credit-check'
import type { CreditLedger } from './credit-ledger'
import { prepareUpdate, type DecodedUpdate, type PreparedUpdate } from './update-check'
import { decodeUpdate, hasPending, stateVectorWithout } from './yjs-updates'

export type WriteApplication =
  | { kind: 'applied' }
  /** `yjsFailure` when Yjs threw or left part pending; null when the credits were refused. */
  | { kind: 'refused'; refusal: ProtocolError; seen: Map<number, number> | null; yjsFailure: { error: unknown; leftPending: boolean } | null }

export interface WriteApplicationDeps {
  /** Claims the client ids the write adds structs under for its connection (throws when another holds one). */
  claim(clients: number[]): void
  ledger: CreditLedger
  /** Gets what the write adds to the pad, to store and relay. */
  keep(added: Uint8Array): void
}

export function applyWrite(doc: Y.Doc, update: Uint8Array, decoded: DecodedUpdate, peer: Peer, deps: WriteApplicationDeps): WriteApplication {
  const check = prepareUpdate(doc, update, decoded)
  if (check.problem !== null) throw new ProtocolError(check.problem, CloseCode.invalidPayload)
  deps.claim(check.writtenClients)
  const applying = check.update === update ? decoded : decodeUpdate(check.update)
  const statesBefore = new Map(check.writtenClients.map((client) => [client, Y.getState(doc.store, client)]))
  const creditsBefore = readCreditsBefore(doc, applying)
  const applied = applyChecked(doc, update, check, peer, deps.keep)
  const seen = (): Map<number, number> | null => stateVectorWithout(doc, statesBefore)
  if (!applied.isWhole) {
    const yjsFailure = { error: applied.error, leftPending: applied.leftPending }
    return { kind: 'refused', refusal: new ProtocolError('update refused by Yjs', CloseCode.invalidPayload), seen: seen(), yjsFailure }
  }
  const creditProblem = acceptCredits(doc, applying, creditsBefore, peer, deps.ledger)
  if (creditProblem === null) return { kind: 'applied' }
  return { kind: 'refused', refusal: new ProtocolError(creditProblem, CloseCode.creditRefused), seen: seen(), yjsFailure: null }
}

/** Checks a whole write's credits (updates/credit-check.ts); records what its participant may carry over when they pass, else says why not. */
function acceptCredits(doc: Y.Doc, applying: DecodedUpdate, before: CreditsBefore, peer: Peer, ledger: CreditLedger): string | null {
  const credits = checkCredits(doc, applying, before, ledger.writerOf(peer))
  if (credits.problem !== null) return credits.problem
  ledger.record(peer, credits.moved)
  return null
}

/** An update the checks accepted, with what to apply. */
type CheckedUpdate = Extract<PreparedUpdate, { problem: null }>

/** What applying a checked write did: all of it is in the doc, or Yjs threw or kept part of it pending. */
type Application =
  | { isWhole: true }
  | { isWhole: false; error: unknown; leftPending: boolean }

/**
 * Applies a write that passed the checks; `keep` gets what it adds to the
 * pad (to store and relay).
 */
function applyChecked(doc: Y.Doc, update: Uint8Array, check: CheckedUpdate, origin: Peer, keep: (added: Uint8Array) => void): Application {
  // An update of new structs only is what it adds: kept as it came, after
  // applying. Others (a sync step 2 that repeats what the pad has) are kept
  // as what Yjs integrated, which it encodes only for an 'update' listener.
  const collect = (effective: Uint8Array, from: unknown): void => {
    if (from === origin) keep(effective)
  }
  if (!check.isAllNew) doc.on('update', collect)
  let error: unknown = null
  try {
    Y.applyUpdate(doc, check.update, origin)
  } catch (thrown) {
    error = thrown
  } finally {
    if (!check.isAllNew) doc.off('update', collect)
  }
  const leftPending = hasPending(doc)
  if (error === null && !leftPending) {
    if (check.isAllNew) keep(update)
    return { isWhole: true }
  }
  return { isWhole: false, error, leftPending }
}
