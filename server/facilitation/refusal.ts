/**
 * The refusal of a facilitation command that is well-formed and allowed to
 * its link, but not possible now (no round in progress, no dots left, a card
 * deleted meanwhile…): the sender gets a `facilitation-reply` with its code
 * and keeps its connection, since an honest page can meet these in a race.
 * Malformed commands and commands beyond a link's role are protocol errors
 * instead (the connection closes).
 */
import { facilitationRefusals, type FacilitationRefusalCode } from '../../shared/facilitation/facilitation-view'

export class FacilitationRefusal extends Error {
  override readonly name = 'FacilitationRefusal'
  constructor(readonly code: FacilitationRefusalCode) {
    super(facilitationRefusals[code])
  }
}

/** Throws the refusal `code` unless `condition` holds. */
export function refuseUnless(condition: boolean, code: FacilitationRefusalCode): asserts condition {
  if (!condition) throw new FacilitationRefusal(code)
}
