/**
 * Who is connected to a room: its peers, what is sent to them (one peer, or
 * everyone in one frame), which of them still owe the room's sync step 1,
 * and the room's unloading once it has had none for `idleMs` (from its
 * creation, or since the last one left). It does
 * not decide what to send (messages.ts) nor own the sockets (relay/).
 */
import type { Role } from '../../shared/protocol/roles'
import type { Clock, Timer } from '../clock'
import type { Metrics } from '../metrics'
import { closePeer, type Peer } from '../relay/peer'

export interface RoomPeersOptions {
  /** The room unloads this long after its last peer left. */
  idleMs: number
}

export interface RoomPeersDeps {
  clock: Clock
  metrics: Metrics
  /** Called once the room has had no peer for `idleMs`. */
  onIdle(): void
}

export interface RoomPeers {
  size(): number
  /** A peer joins; the room is no longer idle. */
  add(peer: Peer): void
  /** A peer left; false if it was not (or no longer) here. The last one starts the idle countdown (as the room's creation did). */
  remove(peer: Peer): boolean
  send(peer: Peer, frame: Uint8Array): void
  /** Sends one frame to every open peer but `except` (and, given `only`, those it accepts). */
  broadcast(frame: Uint8Array, except: Peer | null, only?: (peer: Peer) => boolean): void
  /** The open peers of `role`. */
  withRole(role: Role): Peer[]
  /** The participants of the open peers (each once). */
  participantIds(): Set<string>
  /** Records that `peer` is still to get the room's sync step 1. */
  oweStepOne(peer: Peer): void
  /** Whether `peer` was owed the room's step 1 (and now is not); false for a closed peer. */
  takeOwedStepOne(peer: Peer): boolean
  /** Closes every peer with `code` and forgets them; no idle countdown runs any more. */
  closeAll(code: number, reason: string): void
}

export function createRoomPeers(options: RoomPeersOptions, deps: RoomPeersDeps): RoomPeers {
  const { clock, metrics } = deps
  const peers = new Set<Peer>()
  /** Peers that joined and are still to get the room's sync step 1. */
  const owedStepOne = new WeakSet<Peer>()
  let isClosed = false
  // A room starts idle: one loaded for a request (a restore) with nobody
  // connected unloads like one whose last peer left.
  let idleTimer: Timer | null = clock.setTimeout(deps.onIdle, options.idleMs)
  const stopIdleCountdown = (): void => {
    if (idleTimer !== null) clock.clearTimeout(idleTimer)
    idleTimer = null
  }

  return {
    size() {
      return peers.size
    },
    add(peer) {
      stopIdleCountdown()
      peers.add(peer)
    },
    remove(peer) {
      if (!peers.delete(peer)) return false
      if (peers.size === 0 && !isClosed) {
        stopIdleCountdown()
        idleTimer = clock.setTimeout(deps.onIdle, options.idleMs)
      }
      return true
    },
    send(peer, frame) {
      metrics.messagesOut.inc()
      metrics.bytesOut.inc(frame.length)
      peer.socket.send(frame)
    },
    broadcast(frame, except, only) {
      let count = 0
      for (const peer of peers) {
        if (peer === except || peer.state !== 'open' || (only !== undefined && !only(peer))) continue
        peer.socket.send(frame)
        count += 1
      }
      metrics.messagesOut.inc(count)
      metrics.bytesOut.inc(count * frame.length)
    },
    withRole: (role) => [...peers].filter((peer) => peer.role === role && peer.state === 'open'),
    participantIds() {
      const ids = new Set<string>()
      for (const peer of peers) if (peer.state === 'open' && peer.participantId !== null) ids.add(peer.participantId)
      return ids
    },
    oweStepOne: (peer) => void owedStepOne.add(peer),
    takeOwedStepOne: (peer) => owedStepOne.delete(peer) && peer.state === 'open',
    closeAll(code, reason) {
      isClosed = true
      stopIdleCountdown()
      for (const peer of peers) closePeer(peer, code, reason)
      peers.clear()
    },
  }
}
