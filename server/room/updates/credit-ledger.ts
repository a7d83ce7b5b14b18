/**
 * What each participant of a room removed of other people's text and has not
 * brought back yet: the credit a later paste may carry over
 * (credit-check.ts). Kept per participant, so that a cut on one
 * connection and its paste after a reconnect, or in another tab, still
 * match; a connection without a participant id has its own. It lives as long
 * as the room: a room reloaded from the store starts with nothing carried
 * over, as does a page (client/people/authors/authorship-plugin.ts).
 */
import type { Peer } from '../../relay/peer'
import type { CreditWriter } from './credit-check'

export interface CreditLedger {
  /** Who `peer` writes as, with what it may carry over. */
  writerOf(peer: Peer): CreditWriter
  /** What `peer`'s participant may carry over after its last accepted write. */
  record(peer: Peer, moved: Map<string, number>): void
}

export function createCreditLedger(): CreditLedger {
  const movedByWriter = new Map<string, Map<string, number>>()
  const keyOf = (peer: Peer): string => peer.participantId ?? `connection ${peer.id}`
  return {
    writerOf(peer) {
      return { participantId: peer.participantId, moved: movedByWriter.get(keyOf(peer)) ?? new Map() }
    },
    record(peer, moved) {
      if (moved.size === 0) movedByWriter.delete(keyOf(peer))
      else movedByWriter.set(keyOf(peer), moved)
    },
  }
}
