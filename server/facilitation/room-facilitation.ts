/**
 * A room's facilitation: the pad's tour de table and dot votes while the
 * pad is loaded. A command from a peer is checked against its link's role
 * (beyond it: the connection closes with 4403), applied to the state
 * (facilitation-state.ts) and written to the store by compare-and-set
 * before anyone sees it; then every subscribed peer gets its own view (its
 * participant's dots only), the sender a reply, and the other instances the
 * new state over the bus. When another instance wrote first, the state is
 * read back and the command applied again over it, so that each dot is
 * counted once across instances. A refused command (not possible now) gets
 * a reply and leaves the connection open.
 *
 * Peers subscribe with the relay URL's `facilitation=1` (or by sending a
 * command): a stock y-websocket client never gets these messages. It does
 * not order messages (the room's inbox does) nor parse them (shared/).
 */
import { randomBytes, randomInt } from 'node:crypto'
import type { FacilitationRequest } from '../../shared/facilitation/facilitation-command'
import type { FacilitationReply } from '../../shared/facilitation/facilitation-view'
import { CloseCode } from '../../shared/protocol/close-codes'
import { encodeMessage, ProtocolError } from '../../shared/protocol/messages'
import { padInitiativeCardIds } from '../../shared/pad/initiative-ids'
import type * as Y from 'yjs'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import type { Peer } from '../relay/peer'
import type { Store, StoredFacilitation } from '../store/store'
import {
  applyFacilitationCommand,
  emptyFacilitationState,
  mayGive,
  viewFacilitation,
  type Actor,
  type CommandContext,
  type FacilitationState,
} from './facilitation-state'
import { FacilitationRefusal } from './refusal'
import type { RandomSource } from './round'

/** The part of the store facilitation uses. */
export type FacilitationStore = Pick<Store, 'readFacilitation' | 'writeFacilitation'>

export interface RoomFacilitationDeps {
  store: FacilitationStore
  clock: Clock
  log: Logger
  /** Sends one frame to one peer. */
  send(peer: Peer, frame: Uint8Array): void
  /** Tells the other instances serving the pad (null when this one is alone). */
  publish: ((revision: number, state: FacilitationState) => void) | null
  /** The pad's doc, for the cards a dot may go on. */
  doc(): Y.Doc
  /** A number in [0, 1) for shuffles; a cryptographic source by default. */
  random?: RandomSource
  /** A fresh id for a round or a vote; 72 random bits by default. */
  newId?: () => string
}

export interface RoomFacilitation {
  /** Reads the pad's facilitation from the store (the room's load). */
  load(): Promise<void>
  /** A peer joined: it gets the view if it asked for facilitation. */
  welcome(peer: Peer): void
  /** A peer left: it gets nothing more. */
  forget(peer: Peer): void
  /** A peer's command; throws a ProtocolError when its link may not give it. */
  handle(peer: Peer, request: FacilitationRequest): Promise<void>
  /** What another instance stored: taken if newer than what this one has. */
  receiveRemote(revision: number, state: FacilitationState): void
  /** Reads the store again (the link to the other instances was lost and is back). */
  reload(): Promise<void>
}

/** Compare-and-set rounds a command gets before it is refused as `busy` (each loses only to another instance's write). */
const maxWriteAttempts = 5

export function createRoomFacilitation(padId: string, deps: RoomFacilitationDeps): RoomFacilitation {
  const { store, clock, log, send } = deps
  const random = deps.random ?? ((): number => randomInt(2 ** 32) / 2 ** 32)
  const newId = deps.newId ?? ((): string => randomBytes(9).toString('base64url'))
  const subscribers = new Set<Peer>()
  let current: StoredFacilitation = { revision: 0, state: emptyFacilitationState }

  function sendView(peer: Peer): void {
    if (peer.state !== 'open') return
    const view = viewFacilitation(current.state, current.revision, peer.participantId, clock.now())
    send(peer, encodeMessage({ type: 'facilitation', view }))
  }

  function adopt(stored: StoredFacilitation | null): void {
    if (stored === null || stored.revision <= current.revision) return
    current = stored
    for (const peer of subscribers) sendView(peer)
  }

  /** Applies `command` over the newest stored state; resolves once stored and shown, or throws a refusal. */
  async function applyAndStore(request: FacilitationRequest, actor: Actor): Promise<void> {
    let hasReread = false
    for (let attempt = 0; attempt < maxWriteAttempts; attempt++) {
      let next: FacilitationState
      try {
        next = applyFacilitationCommand(current.state, request.command, actor, commandContext())
      } catch (error) {
        // Refused over what this instance knows: another may have changed it (opened a vote) and its message not be here yet.
        if (!(error instanceof FacilitationRefusal) || hasReread) throw error
        hasReread = true
        const revision = current.revision
        adopt(await store.readFacilitation(padId))
        if (current.revision === revision) throw error
        continue
      }
      if (next === current.state) return
      if (await store.writeFacilitation(padId, next, current.revision)) {
        adopt({ revision: current.revision + 1, state: next })
        deps.publish?.(current.revision, current.state)
        return
      }
      // Another instance wrote first: take what it wrote (its peers see it too) and apply the command over it.
      adopt(await store.readFacilitation(padId))
    }
    throw new FacilitationRefusal('busy')
  }

  function commandContext(): CommandContext {
    let cardIds: Set<string> | null = null
    return {
      nowMs: clock.now(),
      random,
      newId,
      cardExists: (cardId) => {
        cardIds ??= new Set(padInitiativeCardIds(deps.doc()))
        return cardIds.has(cardId)
      },
    }
  }

  function reply(peer: Peer, message: FacilitationReply): void {
    if (peer.state === 'open') send(peer, encodeMessage({ type: 'facilitation-reply', reply: message }))
  }

  return {
    async load() {
      adopt(await store.readFacilitation(padId))
    },
    welcome(peer) {
      if (!peer.wantsFacilitation) return
      subscribers.add(peer)
      sendView(peer)
    },
    forget(peer) {
      subscribers.delete(peer)
    },
    async handle(peer, request) {
      const { command } = request
      if (!mayGive(command, peer.role)) {
        throw new ProtocolError(`a ${peer.role} link may not give the ${command.action} command`, CloseCode.forbidden)
      }
      if (!subscribers.has(peer)) {
        subscribers.add(peer)
        sendView(peer)
      }
      try {
        await applyAndStore(request, { participantId: peer.participantId, role: peer.role })
        reply(peer, { id: request.id, ok: true })
      } catch (error) {
        if (!(error instanceof FacilitationRefusal)) throw error
        log.debug({ peer: peer.id, action: command.action, refusal: error.code }, 'facilitation command refused')
        reply(peer, { id: request.id, ok: false, error: error.code, message: error.message })
      }
    },
    receiveRemote(revision, state) {
      adopt({ revision, state })
    },
    async reload() {
      adopt(await store.readFacilitation(padId))
    },
  }
}
