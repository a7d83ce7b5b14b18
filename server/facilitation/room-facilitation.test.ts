import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { parseFacilitationRequest } from '../../shared/facilitation/facilitation-command'
import { decodeMessage, type Message } from '../../shared/protocol/messages'
import { Role } from '../../shared/protocol/roles'
import { createLogger } from '../log'
import { createPeer, type Peer } from '../relay/peer'
import { StoreError } from '../store/store'
import { createFakeClock } from '../testing/fake-clock'
import { createMemoryRoomStore } from '../testing/memory-room-store'
import { applyFacilitationCommand, emptyFacilitationState, type FacilitationState } from './facilitation-state'
import { createRoomFacilitation, type FacilitationStore } from './room-facilitation'

const padId = 'pad-1'
const awaSecretId = 'AwaAwaAwaAwaAwaAwaAwa_'
let nextPeerId = 1

/** A peer whose messages from the room's facilitation land in `received` (the room's `send` is given to it in facilitationOver). */
function recordingPeer(role: Role, participantId: string | null, wantsFacilitation = true): { peer: Peer; received: Message[] } {
  const peer = createPeer(nextPeerId++, role, { send: () => {}, close: () => {}, probe: () => {} }, participantId, wantsFacilitation)
  return { peer, received: [] }
}

/** A room's facilitation over `store`, sending into each recording peer's list; its doc has one card, `1-0` as far as dots go. */
function facilitationOver(store: FacilitationStore, peers: Array<{ peer: Peer; received: Message[] }>, published: number[] = []) {
  const doc = new Y.Doc()
  doc.clientID = 1
  const card = new Y.XmlElement('initiative')
  doc.getXmlFragment('body').insert(0, [card])
  const cardId = '1-0'
  const inbox = new Map(peers.map(({ peer, received }) => [peer, received]))
  const facilitation = createRoomFacilitation(padId, {
    store,
    clock: createFakeClock(),
    log: createLogger('silent'),
    send: (peer, frame) => inbox.get(peer)?.push(decodeMessage(frame)),
    publish: (revision) => published.push(revision),
    doc: () => doc,
    random: () => 0.5,
    newId: () => 'id',
  })
  return { facilitation, cardId }
}

const request = (json: Record<string, unknown>) => parseFacilitationRequest(json)
const replies = (received: Message[]) => received.flatMap((message) => (message.type === 'facilitation-reply' ? [message.reply] : []))
const views = (received: Message[]) => received.flatMap((message) => (message.type === 'facilitation' ? [message.view] : []))

/** What another instance would store: `commands` applied over what the store holds. */
async function writeFromElsewhere(store: FacilitationStore, ...commands: Array<{ json: Record<string, unknown>; participantId: string; role: Role }>): Promise<void> {
  const stored = await store.readFacilitation(padId)
  let state: FacilitationState = stored?.state ?? emptyFacilitationState
  for (const { json, participantId, role } of commands) {
    state = applyFacilitationCommand(state, request(json).command, { participantId, role }, { nowMs: 0, random: () => 0, newId: () => 'elsewhere', cardExists: () => true })
  }
  expect(await store.writeFacilitation(padId, state, stored?.revision ?? 0)).toBe(true)
}

describe('a room\'s facilitation', () => {
  it('stores a command before any page sees it, then sends each page its own view and the sender a reply, and tells the other instances', async () => {
    const store = createMemoryRoomStore()
    const admin = recordingPeer(Role.admin, 'FacilFacilFacilFacil__')
    const published: number[] = []
    const { facilitation } = facilitationOver(store, [admin], published)
    await facilitation.load()
    facilitation.welcome(admin.peer)
    await facilitation.handle(admin.peer, request({ id: 3, action: 'vote-open' }))
    expect((await store.readFacilitation(padId))?.revision).toBe(1)
    expect(views(admin.received).map((view) => [view.revision, view.vote === null])).toEqual([[0, true], [1, false]])
    expect(replies(admin.received)).toEqual([{ id: 3, ok: true }])
    expect(published).toEqual([1])
  })

  it('takes what another instance stored first and applies the command over it: no dot past N', async () => {
    const store = createMemoryRoomStore()
    const awa = recordingPeer(Role.edit, awaSecretId)
    const { facilitation, cardId } = facilitationOver(store, [awa])
    await writeFromElsewhere(store, { json: { action: 'vote-open', dotsPerParticipant: 2 }, participantId: 'FacilFacilFacilFacil__', role: Role.admin })
    await facilitation.load()
    // Awa's tab on the other instance places both her dots; this instance has not heard of them.
    const dot = { json: { action: 'dot-add', cardId }, participantId: awaSecretId, role: Role.edit }
    await writeFromElsewhere(store, dot, dot)
    await facilitation.handle(awa.peer, request({ id: 1, action: 'dot-add', cardId }))
    expect(replies(awa.received)).toEqual([{ id: 1, ok: false, error: 'no_dots_left', message: 'You have placed all your dots.' }])
    expect(views(awa.received).at(-1)?.vote).toMatchObject({ dotsCast: 2, myDots: { [cardId]: 2 } })
    expect((await store.readFacilitation(padId))?.state.vote?.ballots).toEqual([{ participantId: awaSecretId, cardIds: [cardId, cardId] }])
  })

  it('reads the store again before refusing over what may be stale: a vote opened elsewhere takes the dot', async () => {
    const store = createMemoryRoomStore()
    const awa = recordingPeer(Role.edit, awaSecretId)
    const { facilitation, cardId } = facilitationOver(store, [awa])
    await facilitation.load()
    await writeFromElsewhere(store, { json: { action: 'vote-open' }, participantId: 'FacilFacilFacilFacil__', role: Role.admin })
    await facilitation.handle(awa.peer, request({ id: 1, action: 'dot-add', cardId }))
    expect(replies(awa.received)).toEqual([{ id: 1, ok: true }])
    expect((await store.readFacilitation(padId))?.revision).toBe(2)
  })

  it('refuses as busy a command that loses every compare-and-set, and leaves a store failure to the room', async () => {
    const awa = recordingPeer(Role.admin, awaSecretId)
    let revision = 0
    const contended: FacilitationStore = {
      readFacilitation: async () => ({ revision: ++revision, state: emptyFacilitationState }),
      writeFacilitation: async () => false,
    }
    const { facilitation } = facilitationOver(contended, [awa])
    await facilitation.handle(awa.peer, request({ id: 1, action: 'vote-open' }))
    expect(replies(awa.received).at(-1)).toMatchObject({ id: 1, ok: false, error: 'busy' })

    const broken: FacilitationStore = {
      readFacilitation: async () => null,
      writeFacilitation: () => Promise.reject(new StoreError('database unreachable')),
    }
    const other = facilitationOver(broken, [awa]).facilitation
    await expect(other.handle(awa.peer, request({ id: 2, action: 'vote-open' }))).rejects.toBeInstanceOf(StoreError)
  })

  it('sends nothing to a page that did not ask, until it gives a command, and nothing to one that left', async () => {
    const store = createMemoryRoomStore()
    const admin = recordingPeer(Role.admin, 'FacilFacilFacilFacil__')
    const stock = recordingPeer(Role.edit, awaSecretId, false)
    const gone = recordingPeer(Role.edit, 'GoneGoneGoneGoneGone__')
    const { facilitation } = facilitationOver(store, [admin, stock, gone])
    await facilitation.load()
    for (const { peer } of [admin, stock, gone]) facilitation.welcome(peer)
    facilitation.forget(gone.peer)
    await facilitation.handle(admin.peer, request({ action: 'round-start', speakers: [] }))
    expect(stock.received).toEqual([])
    expect(views(gone.received)).toHaveLength(1)
    await facilitation.handle(stock.peer, request({ action: 'hand-raise' }))
    expect(views(stock.received).at(-1)?.round?.queue).toEqual([{ participantId: awaSecretId }])
  })

  it('takes a newer state from another instance, and ignores an older one', async () => {
    const store = createMemoryRoomStore()
    const awa = recordingPeer(Role.edit, awaSecretId)
    const { facilitation } = facilitationOver(store, [awa])
    await facilitation.load()
    facilitation.welcome(awa.peer)
    const withVote = applyFacilitationCommand(emptyFacilitationState, request({ action: 'vote-open' }).command, { participantId: null, role: Role.admin }, { nowMs: 0, random: () => 0, newId: () => 'v', cardExists: () => true })
    facilitation.receiveRemote(4, withVote)
    facilitation.receiveRemote(3, emptyFacilitationState)
    expect(views(awa.received).map((view) => [view.revision, view.vote?.id ?? null])).toEqual([[0, null], [4, 'v']])
  })
})
