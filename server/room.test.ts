import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../shared/close-codes'
import { decodeMessage, encodeMessage, type Message } from '../shared/protocol'
import type { Role } from '../shared/roles'
import { createLogger } from './log'
import { createMetrics } from './metrics'
import { generateKey, generatePadId, hashKey } from './pad-keys'
import { createPeer, type Peer } from './peer'
import { createRoom, type Room } from './room'
import { createSqliteStore } from './sqlite-store'
import type { PadRecord, Store } from './store'
import { makeTempDir, waitUntil } from './test-harness'

/** An in-memory peer: its socket records what the room sends and how it was closed. */
interface MemoryPeer {
  peer: Peer
  received: Message[]
  closedWith: { code: number; reason: string } | null
}

let nextId = 1
function memoryPeer(role: Role): MemoryPeer {
  const memory: MemoryPeer = { peer: undefined as unknown as Peer, received: [], closedWith: null }
  memory.peer = createPeer(nextId++, role, {
    send: (frame) => memory.received.push(decodeMessage(frame)),
    close: (code, reason) => {
      memory.closedWith = { code, reason }
    },
    probe: () => {},
  })
  return memory
}

const roomOptions = { compactAfterUpdates: 1000, idleMs: 60_000, maxAwarenessBytes: 4096, maxDocumentBytes: 1024 * 1024 }

const dirs: string[] = []
const stores: Store[] = []
const rooms: Room[] = []
afterEach(async () => {
  await Promise.all(rooms.splice(0).map((room) => room.close(CloseCode.goingAway, 'test over')))
  await Promise.all(stores.splice(0).map((store) => store.close()))
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

async function padWithText(text: string): Promise<{ store: Store; padId: string; pad: PadRecord }> {
  const dir = makeTempDir()
  dirs.push(dir)
  const store = createSqliteStore({ file: path.join(dir, 'pads.sqlite') })
  stores.push(store)
  const padId = generatePadId()
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  const now = Date.now()
  const pad: PadRecord = {
    id: padId,
    title: '',
    language: 'fr',
    eventName: '',
    eventDate: '',
    eventPlace: '',
    license: 'CC-BY-SA-4.0',
    locked: false,
    lifetime: 'year',
    viewKey: generateKey(),
    editKeyGeneration: 0,
    createdAtMs: now,
    updatedAtMs: now,
    firstEditAtMs: null,
    lastEditAtMs: null,
    extraContributors: [],
  }
  await store.createPad(
    pad,
    { edit: hashKey(generateKey()), view: hashKey(generateKey()), admin: hashKey(generateKey()) },
    Y.encodeStateAsUpdate(doc),
  )
  return { store, padId, pad }
}

function openRoom(store: Store, pad: PadRecord): Room {
  const room = createRoom(pad, roomOptions, {
    store,
    log: createLogger('silent'),
    metrics: createMetrics(),
    onClose: () => {},
  })
  rooms.push(room)
  return room
}

function textOfSyncStep2(messages: Message[]): string {
  const doc = new Y.Doc()
  for (const message of messages) if (message.type === 'sync-step-2' || message.type === 'update') Y.applyUpdate(doc, message.update)
  return doc.getText('t').toString()
}

function updateInserting(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

describe('room', () => {
  it('answers nobody before the stored pad is loaded', async () => {
    const { store, padId, pad } = await padWithText('déjà là')
    let openGate = (): void => {}
    const gate = new Promise<void>((resolve) => (openGate = resolve))
    const slowStore: Store = { ...store, loadDocument: async (id) => gate.then(() => store.loadDocument(id)) }
    const room = openRoom(slowStore, pad)
    const alice = memoryPeer('edit')
    room.join(alice.peer)
    room.receive(alice.peer, encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) }))
    await new Promise((resolve) => setImmediate(resolve))
    expect(alice.received).toEqual([])
    openGate()
    await room.settle()
    expect(alice.received.map((message) => message.type)).toEqual(['sync-step-1', 'settings', 'sync-step-2'])
    expect(textOfSyncStep2(alice.received)).toBe('déjà là')
  })

  it('stores a write before acknowledging and relaying it', async () => {
    const { store, padId, pad } = await padWithText('')
    const appended: Uint8Array[] = []
    const observed = memoryPeer('view')
    const spyStore: Store = {
      ...store,
      appendUpdate: async (id, update, at) => {
        // Nobody may have seen the update when the store is asked to keep it.
        expect(observed.received.some((message) => message.type === 'update')).toBe(false)
        appended.push(update)
        return store.appendUpdate(id, update, at)
      },
    }
    const room = openRoom(spyStore, pad)
    const writer = memoryPeer('edit')
    room.join(writer.peer)
    room.join(observed.peer)
    room.receive(writer.peer, encodeMessage({ type: 'update', update: updateInserting('bonjour') }))
    await room.settle()
    expect(appended).toHaveLength(1)
    expect(textOfSyncStep2(observed.received)).toBe('bonjour')
    expect(writer.received.filter((message) => message.type === 'stored')).toEqual([{ type: 'stored', writeCount: 1 }])
    expect(writer.received.some((message) => message.type === 'update')).toBe(false)
    const stored = await store.loadDocument(padId)
    expect(stored.updates.length).toBe(2)
  })

  it('relays nothing and closes everyone with 1011 when the store fails to append', async () => {
    const { store, padId, pad } = await padWithText('')
    const failingStore: Store = { ...store, appendUpdate: () => Promise.reject(new Error('disk full')) }
    let closedRoom: Room | null = null
    const room = createRoom(pad, roomOptions, {
      store: failingStore,
      log: createLogger('silent'),
    metrics: createMetrics(),
      onClose: (closed) => (closedRoom = closed),
    })
    rooms.push(room)
    const writer = memoryPeer('edit')
    const observer = memoryPeer('edit')
    room.join(writer.peer)
    room.join(observer.peer)
    room.receive(writer.peer, encodeMessage({ type: 'update', update: updateInserting('perdu?') }))
    await waitUntil('room closed', () => closedRoom === room)
    expect(observer.received.some((message) => message.type === 'update')).toBe(false)
    expect(writer.received.some((message) => message.type === 'stored')).toBe(false)
    expect(writer.closedWith?.code).toBe(CloseCode.internalError)
    expect(observer.closedWith?.code).toBe(CloseCode.internalError)
  })

  it('stores a repeated write once but acknowledges each', async () => {
    const { store, padId, pad } = await padWithText('')
    const room = openRoom(store, pad)
    const writer = memoryPeer('edit')
    room.join(writer.peer)
    const update = updateInserting('une fois')
    room.receive(writer.peer, encodeMessage({ type: 'update', update }))
    room.receive(writer.peer, encodeMessage({ type: 'sync-step-2', update }))
    await room.settle()
    expect((await store.loadDocument(padId)).updates).toHaveLength(2)
    expect(writer.received.filter((message) => message.type === 'stored').map((m) => m.type === 'stored' && m.writeCount)).toEqual([1, 2])
  })

  it('removes a leaving peer\'s presence for the others', async () => {
    const { store, padId, pad } = await padWithText('')
    const room = openRoom(store, pad)
    const alice = memoryPeer('edit')
    const bob = memoryPeer('view')
    room.join(alice.peer)
    room.join(bob.peer)
    const aliceDoc = new Y.Doc()
    const awareness = new Awareness(aliceDoc)
    awareness.setLocalStateField('user', { name: 'Alice' })
    room.receive(alice.peer, encodeMessage({ type: 'awareness', update: encodeAwarenessUpdate(awareness, [aliceDoc.clientID]) }))
    await room.settle()
    const bobSees = new Awareness(new Y.Doc())
    const replay = (): void => {
      for (const message of bob.received.splice(0)) if (message.type === 'awareness') applyAwarenessUpdate(bobSees, message.update, null)
    }
    replay()
    expect(bobSees.getStates().get(aliceDoc.clientID)).toEqual({ user: { name: 'Alice' } })
    room.leave(alice.peer)
    await room.settle()
    replay()
    expect(bobSees.getStates().has(aliceDoc.clientID)).toBe(false)
    awareness.destroy()
    bobSees.destroy()
  })
})
