import { describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes'
import { encodeMessage, type Message } from '../../shared/protocol/messages'
import type { Room } from './room'
import type { Store } from '../store/store'
import { waitUntil } from '../testing/harness'
import { useRoomFixtures } from '../testing/room-fixtures'
import { emptyStructUpdate } from '../testing/hostile-updates'

const { memoryPeer, padWithText, openRoom } = useRoomFixtures()

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
    // Her content first; the room's own step 1 (a decode of the whole stored pad while it is not built) after it.
    expect(alice.received.map((message) => message.type)).toEqual(['settings', 'sync-step-2', 'sync-step-1'])
    expect(textOfSyncStep2(alice.received)).toBe('déjà là')
  })

  it("sends its sync step 1 before handling a joiner's first message when that is not a step 1", async () => {
    const { store, pad } = await padWithText('texte')
    const room = openRoom(store, pad)
    const bob = memoryPeer('edit')
    room.join(bob.peer)
    const presence = new Awareness(new Y.Doc())
    presence.setLocalState({ user: { name: 'Bob' } })
    room.receive(bob.peer, encodeMessage({ type: 'awareness', update: encodeAwarenessUpdate(presence, [presence.clientID]) }))
    room.receive(bob.peer, encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) }))
    await room.settle()
    // (His presence comes back too, when the room relays presence.)
    expect(bob.received.map((message) => message.type).filter((type) => type !== 'awareness')).toEqual(['settings', 'sync-step-1', 'sync-step-2'])
    const stepOne = bob.received.find((message) => message.type === 'sync-step-1')
    expect(stepOne?.type === 'sync-step-1' && Y.decodeStateVector(stepOne.stateVector).size).toBe(1)
    presence.destroy()
  })

  it('answers newcomers with the whole pad in one step 2, encoded once for those who join between two writes', async () => {
    const { store, pad } = await padWithText(`début${'.'.repeat(2000)}`)
    const room = openRoom(store, pad)
    const writer = memoryPeer('edit')
    room.join(writer.peer)
    const emptyStateVector = Y.encodeStateVector(new Y.Doc())
    const newcomer = async (): Promise<Message[]> => {
      const reader = memoryPeer('view')
      room.join(reader.peer)
      room.receive(reader.peer, encodeMessage({ type: 'sync-step-1', stateVector: emptyStateVector }))
      await room.settle()
      return reader.received.filter((message) => message.type === 'sync-step-2' || message.type === 'update')
    }
    const writerDoc = new Y.Doc()
    const stored = await store.loadDocument(pad.id)
    for (const part of [stored.snapshot, ...stored.updates]) if (part !== null) Y.applyUpdate(writerDoc, part)
    const write = async (text: string): Promise<void> => {
      const before = Y.encodeStateVector(writerDoc)
      writerDoc.getText('t').insert(writerDoc.getText('t').length, text)
      room.receive(writer.peer, encodeMessage({ type: 'update', update: Y.encodeStateAsUpdate(writerDoc, before) }))
      await room.settle()
    }
    await write(' et')
    const first = await newcomer()
    const alsoFirst = await newcomer()
    await write(' suite')
    const second = await newcomer()
    for (const answer of [first, alsoFirst, second]) expect(answer.map((message) => message.type)).toEqual(['sync-step-2'])
    // The same bytes for the two who joined between the same writes.
    expect(alsoFirst[0]).toEqual(first[0])
    expect(textOfSyncStep2(first)).toBe(writerDoc.getText('t').toString().replace(' suite', ''))
    expect(textOfSyncStep2(second)).toBe(writerDoc.getText('t').toString())
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
    const room = openRoom(failingStore, pad, { onClose: (closed) => (closedRoom = closed) })
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

  it('stores a repeated write once and counts both writes in its acknowledgement', async () => {
    const { store, padId, pad } = await padWithText('')
    const room = openRoom(store, pad)
    const writer = memoryPeer('edit')
    room.join(writer.peer)
    const update = updateInserting('une fois')
    room.receive(writer.peer, encodeMessage({ type: 'update', update }))
    await room.settle()
    room.receive(writer.peer, encodeMessage({ type: 'sync-step-2', update }))
    await room.settle()
    expect((await store.loadDocument(padId)).updates).toHaveLength(2)
    expect(writer.received.filter((message) => message.type === 'stored')).toEqual([
      { type: 'stored', writeCount: 1 },
      { type: 'stored', writeCount: 2 },
    ])
  })

  it('stores the writes of one turn in one append, relays them in one frame and acknowledges each writer once', async () => {
    const { store, padId, pad } = await padWithText('')
    const appends: number[] = []
    const countingStore: Store = {
      ...store,
      appendUpdate: (id, update, at) => {
        appends.push(update.length)
        return store.appendUpdate(id, update, at)
      },
    }
    const room = openRoom(countingStore, pad)
    const [alice, bob, reader] = [memoryPeer('edit'), memoryPeer('edit'), memoryPeer('view')]
    for (const peer of [alice, bob, reader]) room.join(peer.peer)
    await room.settle()
    const aliceDoc = new Y.Doc()
    const bobDoc = new Y.Doc()
    const updatesOf = (doc: Y.Doc): Uint8Array[] => {
      const updates: Uint8Array[] = []
      doc.on('update', (update: Uint8Array) => updates.push(update))
      return updates
    }
    const fromAlice = updatesOf(aliceDoc)
    const fromBob = updatesOf(bobDoc)
    for (const word of ['un ', 'deux ', 'trois ']) aliceDoc.getText('t').insert(aliceDoc.getText('t').length, word)
    bobDoc.getText('u').insert(0, 'quatre')
    for (const update of fromAlice) room.receive(alice.peer, encodeMessage({ type: 'update', update }))
    for (const update of fromBob) room.receive(bob.peer, encodeMessage({ type: 'update', update }))
    await room.settle()
    expect(appends).toHaveLength(1)
    const relayed = reader.received.filter((message) => message.type === 'update')
    expect(relayed).toHaveLength(1)
    const readerDoc = new Y.Doc()
    for (const message of relayed) if (message.type === 'update') Y.applyUpdate(readerDoc, message.update)
    expect(readerDoc.getText('t').toString()).toBe('un deux trois ')
    expect(readerDoc.getText('u').toString()).toBe('quatre')
    expect(alice.received.filter((message) => message.type === 'stored')).toEqual([{ type: 'stored', writeCount: 3 }])
    expect(bob.received.filter((message) => message.type === 'stored')).toEqual([{ type: 'stored', writeCount: 1 }])
    const reloaded = new Y.Doc()
    const stored = await store.loadDocument(padId)
    for (const update of stored.updates) Y.applyUpdate(reloaded, update)
    expect(reloaded.getText('t').toString()).toBe('un deux trois ')
  })

  it('answers a sync request that follows a write only once the write is stored', async () => {
    const { store, pad } = await padWithText('')
    let openGate = (): void => {}
    const gate = new Promise<void>((resolve) => (openGate = resolve))
    const answeredBeforeStore: boolean[] = []
    const reader = memoryPeer('view')
    let isAppending = false
    const gatedStore: Store = {
      ...store,
      appendUpdate: async (id, update, at) => {
        isAppending = true
        await gate
        answeredBeforeStore.push(reader.received.some((message) => message.type === 'sync-step-2'))
        return store.appendUpdate(id, update, at)
      },
    }
    const room = openRoom(gatedStore, pad)
    const writer = memoryPeer('edit')
    room.join(writer.peer)
    room.join(reader.peer)
    await room.settle()
    room.receive(writer.peer, encodeMessage({ type: 'update', update: updateInserting('pas encore') }))
    room.receive(reader.peer, encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) }))
    // The write is at the store, which holds it: the request behind it must wait.
    await waitUntil('the write reached the store', () => isAppending)
    await new Promise((resolve) => setImmediate(resolve))
    expect(reader.received.some((message) => message.type === 'sync-step-2')).toBe(false)
    openGate()
    await room.settle()
    expect(answeredBeforeStore).toEqual([false])
    expect(textOfSyncStep2(reader.received.filter((message) => message.type === 'sync-step-2'))).toBe('pas encore')
  })

  it('relays the presence changes of one turn together, to everyone', async () => {
    const { store, pad } = await padWithText('')
    const room = openRoom(store, pad)
    const [alice, bob, reader] = [memoryPeer('edit'), memoryPeer('edit'), memoryPeer('view')]
    for (const peer of [alice, bob, reader]) room.join(peer.peer)
    await room.settle()
    const presenceOf = (name: string): { doc: Y.Doc; update: Uint8Array } => {
      const doc = new Y.Doc()
      const awareness = new Awareness(doc)
      awareness.setLocalStateField('user', { name })
      const update = encodeAwarenessUpdate(awareness, [doc.clientID])
      awareness.destroy()
      return { doc, update }
    }
    const alicePresence = presenceOf('Alice')
    const bobPresence = presenceOf('Bob')
    room.receive(alice.peer, encodeMessage({ type: 'awareness', update: alicePresence.update }))
    room.receive(bob.peer, encodeMessage({ type: 'awareness', update: bobPresence.update }))
    await room.settle()
    for (const peer of [alice, bob, reader]) {
      const frames = peer.received.filter((message) => message.type === 'awareness')
      expect(frames).toHaveLength(1)
      const seen = new Awareness(new Y.Doc())
      for (const frame of frames) if (frame.type === 'awareness') applyAwarenessUpdate(seen, frame.update, null)
      expect(seen.getStates().get(alicePresence.doc.clientID)).toEqual({ user: { name: 'Alice' } })
      expect(seen.getStates().get(bobPresence.doc.clientID)).toEqual({ user: { name: 'Bob' } })
      seen.destroy()
    }
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

  it('closes with 1007 only the sender of the 48-byte update that once failed a whole room, in the middle of a batch, and stores the batch as the others wrote it', async () => {
    const { store, padId, pad } = await padWithText('')
    const room = openRoom(store, pad)
    const [alice, bob, mallory] = [memoryPeer('edit'), memoryPeer('edit'), memoryPeer('edit')]
    for (const peer of [alice, bob, mallory]) room.join(peer.peer)
    await room.settle()
    const aliceDoc = new Y.Doc()
    const bobDoc = new Y.Doc()
    const [fromAlice] = updatesIn(aliceDoc, () => aliceDoc.getText('t').insert(0, 'Alice '))
    const [fromBob] = updatesIn(bobDoc, () => bobDoc.getText('u').insert(0, 'Bob'))
    // One turn: all three join the same batch.
    room.receive(alice.peer, encodeMessage({ type: 'update', update: fromAlice as Uint8Array }))
    room.receive(mallory.peer, encodeMessage({ type: 'update', update: emptyStructUpdate }))
    room.receive(bob.peer, encodeMessage({ type: 'update', update: fromBob as Uint8Array }))
    await room.settle()
    expect(mallory.closedWith?.code).toBe(CloseCode.invalidPayload)
    expect([alice.closedWith, bob.closedWith]).toEqual([null, null])
    expect(alice.received.filter((message) => message.type === 'stored')).toEqual([{ type: 'stored', writeCount: 1 }])
    expect(bob.received.filter((message) => message.type === 'stored')).toEqual([{ type: 'stored', writeCount: 1 }])
    const stored = new Y.Doc()
    for (const update of (await store.loadDocument(padId)).updates) Y.applyUpdate(stored, update)
    const honest = new Y.Doc()
    Y.applyUpdate(honest, Y.encodeStateAsUpdate(aliceDoc))
    Y.applyUpdate(honest, Y.encodeStateAsUpdate(bobDoc))
    expect([stored.getText('t').toString(), stored.getText('u').toString()]).toEqual(['Alice ', 'Bob'])
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(honest))
    // The room goes on: a reader joining now gets exactly that.
    const reader = memoryPeer('view')
    room.join(reader.peer)
    room.receive(reader.peer, encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) }))
    await room.settle()
    const readerDoc = new Y.Doc()
    for (const message of reader.received) if (message.type === 'sync-step-2') Y.applyUpdate(readerDoc, message.update)
    expect([readerDoc.getText('t').toString(), readerDoc.getText('u').toString()]).toEqual(['Alice ', 'Bob'])
  })
})

function updatesIn(doc: Y.Doc, edit: () => void): Uint8Array[] {
  const updates: Uint8Array[] = []
  const collect = (update: Uint8Array): void => void updates.push(update)
  doc.on('update', collect)
  edit()
  doc.off('update', collect)
  return updates
}
