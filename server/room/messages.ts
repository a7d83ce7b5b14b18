/**
 * What each message a peer sends does in its room: sync steps answered from
 * what is stored, writes checked and batched (writes.ts), presence claimed and
 * relayed (presence-relay.ts), facilitation commands handed to
 * server/facilitation/, and a bad message closing its sender alone. It
 * also sends what a peer gets on joining. It does not order messages (that is
 * inbox.ts) nor own the room's lifecycle (room.ts).
 *
 * A joining peer gets the pad's settings and presence at once, and the
 * room's own sync step 1 (its state vector: "send me what I lack") right
 * after the room has answered the peer's step 1, which a provider sends as
 * its first message: a newcomer's content then does not wait for a state
 * vector that, in a pad just loaded from the store, means decoding the whole
 * stored state (~30 ms for a 1 MB pad). A peer whose first message is
 * something else gets the room's step 1 before it is handled.
 */
import { CloseCode } from '../../shared/protocol/close-codes'
import { decodeMessage, encodeMessage, ProtocolError, type Message } from '../../shared/protocol/messages'
import { canWrite, Role } from '../../shared/protocol/roles'
import { toPadState } from '../api/pad-api'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import { refusePeer, type Peer } from '../relay/peer'
import type { PadRecord } from '../store/store'
import { readAwarenessEntries } from './updates/awareness-check'
import { ClientIdConflict, type ClientIdOwners } from './client-ids'
import type { RoomPeers } from './peers'
import type { PresenceRelay } from './presence/presence-relay'
import type { RoomStorage } from './storage/storage'
import { addsNothing } from './updates/update-check'
import type { RoomWrites } from './writes'
import type { RoomFacilitation } from '../facilitation/room-facilitation'
import { decodeUpdate, isEmptyUpdate } from './updates/yjs-updates'
import { isEmptyStateVector } from './storage/document'

export interface RoomMessagesOptions {
  maxAwarenessBytes: number
}

export interface RoomMessagesDeps {
  /** The pad's settings as they are now. */
  pad(): PadRecord
  peers: RoomPeers
  storage: RoomStorage
  writes: RoomWrites
  presence: PresenceRelay
  clientIds: ClientIdOwners
  /** The tour de table and dot votes (server/facilitation/). */
  facilitation: RoomFacilitation
  metrics: Metrics
  log: Logger
}

export interface RoomMessages {
  /** Handles one frame; returns a promise only when it had to wait for the store. Throws only what is the room's failure. */
  handle(peer: Peer, frame: Uint8Array): Promise<void> | undefined
  /** Sends a peer that just joined the pad's settings and presence; the room's step 1 follows its first message. */
  welcome(peer: Peer): void
  /** Sends every peer the pad's settings; asks editors for what they wrote while the pad was locked. */
  announceSettings(wasLocked: boolean): void
}

export function createRoomMessages(options: RoomMessagesOptions, deps: RoomMessagesDeps): RoomMessages {
  const { peers, storage, writes, presence, metrics, log } = deps
  const { send } = peers

  function handle(peer: Peer, frame: Uint8Array): Promise<void> | undefined {
    // A peer that merely left still has its last writes stored; one that was
    // refused has nothing more handled.
    if (peer.state === 'refused') return undefined
    try {
      const message = decodeMessage(frame)
      metrics.messagesIn.inc({ type: message.type })
      if (message.type !== 'sync-step-1') sendOwedStepOne(peer)
      const handling = dispatch(peer, message)
      return handling === undefined ? undefined : handling.catch((error: unknown) => reject(log, peer, error))
    } catch (error) {
      reject(log, peer, error)
      return undefined
    }
  }

  function dispatch(peer: Peer, message: Message): Promise<void> | undefined {
    switch (message.type) {
      case 'sync-step-1':
        // The answer must not show writes that are not stored yet.
        return writes.afterStoring(() => {
          answerStepOne(peer, message.stateVector)
          sendOwedStepOne(peer)
        })
      case 'sync-step-2':
      case 'update':
        return receiveWrite(peer, message, deps)
      case 'awareness':
        applyAwareness(peer, message.update, options.maxAwarenessBytes, deps)
        return undefined
      case 'query-awareness':
        sendAllPresence(peer)
        return undefined
      case 'stored':
      case 'settings':
      case 'facilitation':
      case 'facilitation-reply':
        throw new ProtocolError(`the ${message.type} message is sent by the server only`)
      case 'facilitate':
        return deps.facilitation.handle(peer, message.request)
      default:
        return assertNever(message)
    }
  }

  /** The last whole-doc step 2 sent, reused (and framed once: peer-sockets.ts) while the doc's encoding is. */
  let wholeStepTwo: { state: Uint8Array; message: Uint8Array } | null = null

  /** Sends a peer what it lacks; a newcomer, the doc's whole encoding, the same bytes for every newcomer until the doc changes. */
  function answerStepOne(peer: Peer, stateVector: Uint8Array): void {
    if (!isEmptyStateVector(stateVector)) {
      send(peer, encodeMessage({ type: 'sync-step-2', update: encodeMissing(storage, stateVector) }))
      return
    }
    const state = storage.document().whole()
    if (wholeStepTwo?.state !== state) wholeStepTwo = { state, message: encodeMessage({ type: 'sync-step-2', update: state }) }
    send(peer, wholeStepTwo.message)
  }

  /** Sends the room's sync step 1 to a peer that joined and has not had it yet. */
  function sendOwedStepOne(peer: Peer): void {
    if (!peers.takeOwedStepOne(peer)) return
    send(peer, encodeMessage({ type: 'sync-step-1', stateVector: storage.document().stateVector() }))
  }

  function sendAllPresence(peer: Peer): void {
    const update = presence.table.encodeAll()
    if (update !== null) send(peer, encodeMessage({ type: 'awareness', update }))
  }

  return {
    handle,
    welcome(peer) {
      if (peer.understandsPadMessages) send(peer, encodeMessage({ type: 'settings', settings: toPadState(deps.pad()) }))
      deps.facilitation.welcome(peer)
      sendAllPresence(peer)
      peers.oweStepOne(peer)
    },
    announceSettings(wasLocked) {
      peers.broadcast(encodeMessage({ type: 'settings', settings: toPadState(deps.pad()) }), null, (peer) => peer.understandsPadMessages)
      if (wasLocked && !deps.pad().locked) {
        // Edits made while locked stayed in the pages; asking each editor
        // for what the pad lacks brings them in now (their sync step 2).
        const request = encodeMessage({ type: 'sync-step-1', stateVector: storage.document().stateVector() })
        for (const peer of peers.withRole(Role.edit)) send(peer, request)
      }
    },
  }
}

/** A write from a peer: dropped from a view link, refused or left unacknowledged on a locked pad, else checked and batched. */
function receiveWrite(
  peer: Peer,
  message: Extract<Message, { type: 'sync-step-2' | 'update' }>,
  deps: Pick<RoomMessagesDeps, 'pad' | 'storage' | 'writes' | 'log'>,
): Promise<void> | undefined {
  const { storage, writes, log } = deps
  if (!canWrite(peer.role)) {
    // A view link's provider always answers sync step 1 with a step 2;
    // it is dropped, never applied or relayed.
    log.debug({ peer: peer.id }, 'dropped a write from a view connection')
    return undefined
  }
  if (deps.pad().locked && peer.role === Role.edit) {
    // An update means the page wrote after the lock reached it.
    if (message.type === 'update') throw new ProtocolError('the pad is locked', CloseCode.locked)
    // A step 2 is the provider's answer to our step 1 on every join.
    // With nothing new in it, it is acknowledged (the pad has it all);
    // with changes, it is left unacknowledged, so the page keeps saying
    // they are not saved, and asked for again on unlock.
    const decoded = decodeUpdate(message.update)
    return writes.afterStoring(() => {
      if (isEmptyUpdate(decoded) || addsNothing(storage.document().doc(), decoded)) writes.acknowledge(peer, 1)
    })
  }
  return writes.write(peer, message.update)
}

/** Closes the peer that sent a bad message; any other error is the room's failure. */
function reject(log: Logger, peer: Peer, error: unknown): void {
  if (!(error instanceof ProtocolError)) throw error
  if (error instanceof ClientIdConflict) {
    // An honest reconnect whose old socket lingers: the probe drops that
    // socket if it is dead, and the retry succeeds. A live holder keeps it.
    error.holder?.socket.probe()
  }
  log.warn({ peer: peer.id, code: error.closeCode, reason: error.message }, 'closing peer: message refused')
  refusePeer(peer, error.closeCode, error.message)
}

function encodeMissing(storage: RoomStorage, stateVector: Uint8Array): Uint8Array {
  try {
    return storage.document().missing(stateVector)
  } catch {
    throw new ProtocolError('malformed state vector in sync step 1', CloseCode.invalidPayload)
  }
}

/** Relays a peer's presence changes; a newer clock for a client id is a claim to speak for it. */
function applyAwareness(peer: Peer, update: Uint8Array, maxAwarenessBytes: number, deps: Pick<RoomMessagesDeps, 'presence' | 'clientIds'>): void {
  const { presence, clientIds } = deps
  if (update.length > maxAwarenessBytes) {
    throw new ProtocolError(`presence larger than ${maxAwarenessBytes} bytes`, CloseCode.messageTooBig)
  }
  // The stock provider sends back every presence change it receives, with
  // the clock it got: such echoes are dropped. A newer clock is a claim to
  // speak for that client id, allowed only to its connection.
  const fresh = readAwarenessEntries(update).filter((entry) => {
    const known = presence.table.clockOf(entry.clientId)
    return known === undefined || entry.clock > known
  })
  if (fresh.length === 0) return
  clientIds.claim(peer, fresh.map((entry) => entry.clientId))
  presence.apply(fresh, true)
}

function assertNever(value: never): never {
  throw new TypeError(`unexpected message ${JSON.stringify(value)}`)
}
