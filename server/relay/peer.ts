/**
 * A peer: one WebSocket connection to one pad, with the role its key grants
 * and what the room tracks about it (the awareness client ids it controls,
 * how many writes it has had stored). The socket is behind a two-method
 * interface so rooms can be tested with in-memory peers.
 */
import type { Role } from '../../shared/protocol/roles'

export interface PeerSocket {
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
  /** Checks that the other end still answers, and drops the connection soon if it does not. */
  probe(): void
}

export interface Peer {
  readonly id: number
  readonly role: Role
  /**
   * The participant this connection speaks for (derived from the secret it
   * presented, shared/protocol/participant-id.ts), or null when it presented
   * none (a view link, a page of an older version, a raw client).
   */
  readonly participantId: string | null
  /** Whether it asked for the pad's facilitation (the relay URL's `facilitation=1`): a stock client is sent none of it. */
  readonly wantsFacilitation: boolean
  /** Whether it understands Atelier Pad's own messages, stored acknowledgements and settings (the relay URL's `atelier=1`, as pages ask). */
  readonly understandsPadMessages: boolean
  readonly socket: PeerSocket
  /**
   * Yjs client ids this connection speaks for (in its writes and presence):
   * no other live connection of the pad may use them, and their presence is
   * removed when it leaves.
   */
  readonly clientIds: Set<number>
  /** Write messages (updates, sync step 2) stored from this connection: the `stored` ack. */
  writeCount: number
  /**
   * `open` until the connection closes or leaves (`closed`: nothing more is
   * sent to it, what it sent before is still handled), or until the server
   * refuses one of its messages (`refused`: what it sent afterwards is
   * ignored too).
   */
  state: PeerState
}

export type PeerState = 'open' | 'closed' | 'refused'

/** A connection's peer; by default one that understands Atelier Pad's own messages, as the pad's pages do. */
export function createPeer(
  id: number,
  role: Role,
  socket: PeerSocket,
  participantId: string | null = null,
  wantsFacilitation = false,
  understandsPadMessages = true,
): Peer {
  return { id, role, participantId, wantsFacilitation, understandsPadMessages, socket, clientIds: new Set(), writeCount: 0, state: 'open' }
}

/** Closes a peer's socket once, whatever calls it first. */
export function closePeer(peer: Peer, code: number, reason: string): void {
  if (peer.state !== 'open') return
  peer.state = 'closed'
  closeSocket(peer, code, reason)
}

/** Refuses what a peer sent: nothing more of it is handled; its socket is closed unless it already was. */
export function refusePeer(peer: Peer, code: number, reason: string): void {
  const wasOpen = peer.state === 'open'
  peer.state = 'refused'
  if (wasOpen) closeSocket(peer, code, reason)
}

/** The peer's socket closed (it left): nothing more is sent to it. */
export function markPeerLeft(peer: Peer): void {
  if (peer.state === 'open') peer.state = 'closed'
}

function closeSocket(peer: Peer, code: number, reason: string): void {
  // Close reasons are limited to 123 bytes by RFC 6455.
  peer.socket.close(code, truncateUtf8(reason, 123))
}

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = new TextEncoder().encode(text)
  if (bytes.length <= maxBytes) return text
  return new TextDecoder().decode(bytes.subarray(0, maxBytes)).replace(/\uFFFD$/, '')
}
