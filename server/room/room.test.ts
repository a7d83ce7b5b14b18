/**
 * The room with fake time and an in-memory store: what it does over time
 * (unloading, the relay interval of a big room), deterministically. Its
 * behaviour against a real SQLite store is in room.integration.test.ts.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes'
import { decodeMessage, encodeMessage, type Message } from '../../shared/protocol/messages'
import type { Role } from '../../shared/protocol/roles'
import { createLogger } from '../log'
import { createMetrics } from '../metrics'
import { createFakeClock, type FakeClock } from '../testing/fake-clock'
import { emptyStructUpdate } from '../testing/hostile-updates'
import { createMemoryRoomStore, type MemoryRoomStore } from '../testing/memory-room-store'
import { padRecordFor } from '../testing/room-fixtures'
import { createPeer, type Peer } from '../relay/peer'
import { createRoom, type Room, type RoomOptions } from './room'
import { relayIntervalMs } from './writes'

const options: RoomOptions = { compactAfterUpdates: 1000, idleMs: 60_000, maxAwarenessBytes: 4096, maxDocumentBytes: 1 << 20, presenceIntervalMs: 50 }

const pad = padRecordFor('pad-unit', 0)

interface TestPeer {
  peer: Peer
  received: Message[]
  closedWith: number | null
}

function roomOnFakeClock(): { room: Room; clock: FakeClock; store: MemoryRoomStore; peer(role: Role): TestPeer; closed: () => boolean } {
  const clock = createFakeClock()
  const store = createMemoryRoomStore()
  let isClosed = false
  const room = createRoom(pad, options, { store, log: createLogger('silent'), metrics: createMetrics(), onClose: () => (isClosed = true), clock })
  let nextId = 1
  return {
    room,
    clock,
    store,
    closed: () => isClosed,
    peer(role) {
      const made: TestPeer = { peer: undefined as unknown as Peer, received: [], closedWith: null }
      made.peer = createPeer(nextId++, role, {
        send: (frame) => made.received.push(decodeMessage(frame)),
        close: (code) => (made.closedWith = code),
        probe: () => {},
      })
      room.join(made.peer)
      return made
    },
  }
}

function typing(text: string): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (const character of text) doc.getText('t').insert(doc.getText('t').length, character)
  return updates
}

describe('room, on a fake clock', () => {
  it('unloads itself idleMs after its last peer left, and a join in between keeps it', async () => {
    const { room, clock, peer, closed } = roomOnFakeClock()
    const alice = peer('edit')
    await room.settle()
    room.leave(alice.peer)
    await clock.advance(options.idleMs - 1)
    expect(closed()).toBe(false)
    const bob = peer('edit')
    await clock.advance(options.idleMs * 2)
    expect(closed()).toBe(false)
    room.leave(bob.peer)
    await clock.advance(options.idleMs)
    expect(closed()).toBe(true)
    await room.close(CloseCode.goingAway, 'test over')
    expect(clock.pendingTimers).toBe(0)
  })

  it('in a workshop of 40, stores and relays each write at once', async () => {
    const { room, clock, store, peer } = roomOnFakeClock()
    const writer = peer('edit')
    const readers = Array.from({ length: 39 }, () => peer('view'))
    await room.settle()
    expect(relayIntervalMs(40)).toBe(0)
    const [first, second] = typing('ab') as [Uint8Array, Uint8Array]
    room.receive(writer.peer, encodeMessage({ type: 'update', update: first }))
    await clock.advance(0)
    room.receive(writer.peer, encodeMessage({ type: 'update', update: second }))
    await clock.advance(0)
    expect(store.appends).toHaveLength(2)
    expect((readers[0] as TestPeer).received.filter((message) => message.type === 'update')).toHaveLength(2)
    await room.close(CloseCode.goingAway, 'test over')
  })

  it('in a big room, stores and relays together the writes of one relay interval', async () => {
    const { room, clock, store, peer } = roomOnFakeClock()
    const writer = peer('edit')
    const readers = Array.from({ length: 149 }, () => peer('view'))
    await room.settle()
    const intervalMs = relayIntervalMs(150)
    expect(intervalMs).toBe(6)
    const [first, second, third] = typing('abc') as [Uint8Array, Uint8Array, Uint8Array]
    room.receive(writer.peer, encodeMessage({ type: 'update', update: first }))
    await clock.advance(0)
    expect(store.appends).toHaveLength(1)
    // The next writes come within the interval: they wait for it, together.
    room.receive(writer.peer, encodeMessage({ type: 'update', update: second }))
    await clock.advance(1)
    room.receive(writer.peer, encodeMessage({ type: 'update', update: third }))
    await clock.advance(intervalMs - 2)
    expect(store.appends).toHaveLength(1)
    await clock.advance(1)
    await room.settle()
    expect(store.appends).toHaveLength(2)
    expect(store.appends[1]?.atMs).toBe((store.appends[0]?.atMs ?? 0) + intervalMs)
    const reader = readers[0] as TestPeer
    expect(reader.received.filter((message) => message.type === 'update')).toHaveLength(2)
    const readerDoc = new Y.Doc()
    for (const message of reader.received) if (message.type === 'update') Y.applyUpdate(readerDoc, message.update)
    expect(readerDoc.getText('t').toString()).toBe('abc')
    expect(writer.received.filter((message) => message.type === 'stored')).toEqual([
      { type: 'stored', writeCount: 1 },
      { type: 'stored', writeCount: 3 },
    ])
    await room.close(CloseCode.goingAway, 'test over')
  })

  it('closes with 1007 only the sender of the 48-byte update that once failed a whole room, and stores the others\' writes of the same batch', async () => {
    const { room, clock, store, peer } = roomOnFakeClock()
    const [alice, mallory, reader] = [peer('edit'), peer('edit'), peer('view')]
    await room.settle()
    const [typed] = typing('a') as [Uint8Array]
    room.receive(alice.peer, encodeMessage({ type: 'update', update: typed }))
    room.receive(mallory.peer, encodeMessage({ type: 'update', update: emptyStructUpdate }))
    await clock.advance(0)
    await room.settle()
    expect(mallory.closedWith).toBe(CloseCode.invalidPayload)
    expect([alice.closedWith, reader.closedWith]).toEqual([null, null])
    expect(store.appends).toHaveLength(1)
    const stored = new Y.Doc()
    for (const append of store.appends) Y.applyUpdate(stored, append.update)
    expect(stored.getText('t').toString()).toBe('a')
    expect(stored.store.clients.size).toBe(1)
    await room.close(CloseCode.goingAway, 'test over')
  })
})
