/**
 * The room's safety nets, for faults no real input is known to reach any
 * more: a gap in the update checks, through which Yjs throws part
 * way, and a bug while a write is handled in the middle of a batch. The
 * checks are replaced for chosen updates only (`vi.mock` of update-check):
 * everything else, the store, Yjs and the room, is real.
 */
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes'
import { encodeMessage } from '../../shared/protocol/messages'
import { createMetrics } from '../metrics'
import type { Room } from './room'
import { sumMetric, waitUntil } from '../testing/harness'
import { useRoomFixtures } from '../testing/room-fixtures'
import type { PreparedUpdate } from './updates/update-check'
import { emptyStructUpdate } from '../testing/hostile-updates'

/** Updates (base64) that the checks let through unchecked, and those whose checking throws as a bug would. */
const faults = vi.hoisted(() => ({ unchecked: new Set<string>(), failing: new Set<string>() }))

vi.mock('./updates/update-check', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./updates/update-check')>()
  return {
    ...actual,
    prepareUpdate: (...args: Parameters<typeof actual.prepareUpdate>): PreparedUpdate => {
      const [, update, decoded] = args
      const key = Buffer.from(update).toString('base64')
      if (faults.failing.has(key)) throw new TypeError('a bug while handling a write')
      if (!faults.unchecked.has(key)) return actual.prepareUpdate(...args)
      return { problem: null, update, writtenClients: [...new Set(decoded.structs.map((struct) => struct.id.client))], isAllNew: true }
    },
  }
})

const { memoryPeer, padWithText, openRoom } = useRoomFixtures()

function typed(text: string, name = 't'): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc()
  let update: Uint8Array = new Uint8Array()
  doc.on('update', (bytes: Uint8Array) => (update = bytes))
  doc.getText(name).insert(0, text)
  return { doc, update }
}

describe('room safety nets', () => {
  it('rebuilds its doc from the store and the batch when Yjs throws part way through an update the checks let through, closing only its sender', async () => {
    faults.unchecked.add(Buffer.from(emptyStructUpdate).toString('base64'))
    const { store, padId, pad } = await padWithText('')
    const metrics = createMetrics()
    const room = openRoom(store, pad, { metrics })
    const [alice, bob, mallory, reader] = [memoryPeer('edit'), memoryPeer('edit'), memoryPeer('edit'), memoryPeer('view')]
    for (const peer of [alice, bob, mallory, reader]) room.join(peer.peer)
    const before = typed('avant ')
    room.receive(alice.peer, encodeMessage({ type: 'update', update: before.update }))
    await room.settle()
    // In one turn: Alice's write joins the batch, Mallory's breaks the doc, Bob's comes after the rebuild.
    const fromAlice = typed('Alice', 'a')
    const fromBob = typed('Bob', 'b')
    room.receive(alice.peer, encodeMessage({ type: 'update', update: fromAlice.update }))
    room.receive(mallory.peer, encodeMessage({ type: 'update', update: emptyStructUpdate }))
    room.receive(bob.peer, encodeMessage({ type: 'update', update: fromBob.update }))
    await room.settle()

    expect(mallory.closedWith?.code).toBe(CloseCode.invalidPayload)
    expect([alice.closedWith, bob.closedWith, reader.closedWith]).toEqual([null, null, null])
    expect(sumMetric(await metrics.registry.metrics(), 'atelier_document_rebuilds_total')).toBe(1)
    const stored = new Y.Doc()
    for (const update of (await store.loadDocument(padId)).updates) Y.applyUpdate(stored, update)
    expect([stored.getText('t').toString(), stored.getText('a').toString(), stored.getText('b').toString()]).toEqual(['avant ', 'Alice', 'Bob'])
    expect(stored.store.clients.has(2267201992)).toBe(false)
    // What the reader was sent is what is stored, and the rebuilt doc answers a newcomer the same.
    const readerDoc = new Y.Doc()
    for (const message of reader.received) if (message.type === 'update') Y.applyUpdate(readerDoc, message.update)
    expect(Y.encodeStateVector(readerDoc)).toEqual(Y.encodeStateVector(stored))
    const newcomer = memoryPeer('view')
    room.join(newcomer.peer)
    room.receive(newcomer.peer, encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) }))
    await room.settle()
    const newcomerDoc = new Y.Doc()
    for (const message of newcomer.received) if (message.type === 'sync-step-2') Y.applyUpdate(newcomerDoc, message.update)
    expect(Y.encodeStateVector(newcomerDoc)).toEqual(Y.encodeStateVector(stored))
    expect(newcomerDoc.getText('b').toString()).toBe('Bob')
  })

  it('stores what the batch accepted and tells every page to reconnect (1001, not 1011) when handling a write fails in the middle of a batch', async () => {
    const { store, padId, pad } = await padWithText('')
    let closedRoom: Room | null = null
    const room = openRoom(store, pad, { onClose: (closed) => (closedRoom = closed) })
    const [alice, bob, mallory] = [memoryPeer('edit'), memoryPeer('edit'), memoryPeer('edit')]
    for (const peer of [alice, bob, mallory]) room.join(peer.peer)
    await room.settle()
    const fromAlice = typed('Alice', 'a')
    const fromBob = typed('Bob', 'b')
    const bug = typed('déclenche un bug', 'x')
    faults.failing.add(Buffer.from(bug.update).toString('base64'))
    room.receive(alice.peer, encodeMessage({ type: 'update', update: fromAlice.update }))
    room.receive(bob.peer, encodeMessage({ type: 'update', update: fromBob.update }))
    room.receive(mallory.peer, encodeMessage({ type: 'update', update: bug.update }))
    await waitUntil('the room closed', () => closedRoom === room)
    await room.close(CloseCode.goingAway, 'test over')

    expect([alice.closedWith?.code, bob.closedWith?.code, mallory.closedWith?.code]).toEqual([CloseCode.goingAway, CloseCode.goingAway, CloseCode.goingAway])
    const stored = new Y.Doc()
    for (const update of (await store.loadDocument(padId)).updates) Y.applyUpdate(stored, update)
    // Alice and Bob lose nothing: what they hold is what the pad reloads with.
    const held = new Y.Doc()
    Y.applyUpdate(held, Y.encodeStateAsUpdate(fromAlice.doc))
    Y.applyUpdate(held, Y.encodeStateAsUpdate(fromBob.doc))
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(held))
    expect([stored.getText('a').toString(), stored.getText('b').toString(), stored.getText('x').toString()]).toEqual(['Alice', 'Bob', ''])
  })
})
