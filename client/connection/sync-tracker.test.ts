/**
 * The sync tracker against real Y.Docs: a page doc and a server doc joined by
 * an in-order channel carrying real y-websocket frames, where the "server"
 * applies each write and acks with its running count, like `server/room/room.ts`.
 * Each time the tracker says "synced", the test checks that the server doc
 * really holds everything the page has, deletions included.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodeMessage, encodeMessage } from '../../shared/protocol/messages'
import { classifyOutgoingFrame, createSyncTracker } from './sync-tracker'

const fromServer = Symbol('server')

interface Socket {
  inFlight: Uint8Array[]
  writeCount: number
}

function createHarness() {
  const page = new Y.Doc()
  const server = new Y.Doc()
  const tracker = createSyncTracker()
  let socket: Socket | null = null

  const send = (frame: Uint8Array): void => {
    if (socket === null) throw new Error('no connection')
    socket.inFlight.push(frame)
    const kind = classifyOutgoingFrame(frame)
    if (kind !== null) tracker.recordWriteSent(kind)
  }
  /** The page's sync step 2: everything the server lacks. */
  const answerSyncStep1 = (): void => {
    send(encodeMessage({ type: 'sync-step-2', update: Y.encodeStateAsUpdate(page, Y.encodeStateVector(server)) }))
  }
  // Like y-websocket's provider: local updates go out while connected, else they are not sent.
  page.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === fromServer) return
    if (socket !== null) send(encodeMessage({ type: 'update', update }))
    else tracker.recordUnsentChange()
  })

  return {
    page,
    server,
    tracker,
    text: page.getText('body'),
    /** Opens a connection and, unless told otherwise, answers the server's sync step 1 at once. */
    connect({ answerSyncStep1: answersAtOnce = true } = {}) {
      socket = { inFlight: [], writeCount: 0 }
      send(encodeMessage({ type: 'awareness', update: new Uint8Array([0]) }))
      if (answersAtOnce) answerSyncStep1()
    },
    answerSyncStep1,
    /** The server handles up to `count` frames in order and acks each write. */
    deliver(count = Number.POSITIVE_INFINITY) {
      if (socket === null) throw new Error('no connection')
      for (let handled = 0; handled < count && socket.inFlight.length > 0; handled++) {
        const message = decodeMessage(socket.inFlight.shift() as Uint8Array)
        if (message.type !== 'update' && message.type !== 'sync-step-2') continue
        Y.applyUpdate(server, message.update)
        socket.writeCount += 1
        tracker.recordStored(socket.writeCount)
      }
    },
    /** The connection drops: frames in flight are lost. */
    disconnect() {
      socket = null
      tracker.recordConnectionClosed()
    },
    serverHoldsEverything() {
      return Y.equalSnapshots(Y.snapshot(page), Y.snapshot(server))
    },
  }
}

describe('createSyncTracker', () => {
  it('has nothing unsynced at first', () => {
    const { tracker, connect, deliver } = createHarness()
    expect(tracker.hasUnsyncedChanges).toBe(false)
    connect()
    deliver()
    expect(tracker.hasUnsyncedChanges).toBe(false)
  })

  it('counts a change as unsynced until the server acks it', () => {
    const harness = createHarness()
    harness.connect()
    harness.deliver()
    harness.text.insert(0, 'Bonjour')
    expect(harness.tracker.hasUnsyncedChanges).toBe(true)
    expect(harness.serverHoldsEverything()).toBe(false)
    harness.deliver()
    expect(harness.tracker.hasUnsyncedChanges).toBe(false)
    expect(harness.serverHoldsEverything()).toBe(true)
  })

  it('waits for the ack of the latest write, not just any ack', () => {
    const harness = createHarness()
    harness.connect()
    harness.deliver()
    harness.text.insert(0, 'un ')
    harness.text.insert(3, 'deux')
    harness.deliver(1)
    expect(harness.tracker.hasUnsyncedChanges).toBe(true)
    harness.deliver(1)
    expect(harness.tracker.hasUnsyncedChanges).toBe(false)
    expect(harness.serverHoldsEverything()).toBe(true)
  })

  it('counts a deletion, which does not move the state vector', () => {
    const harness = createHarness()
    harness.connect()
    harness.text.insert(0, 'texte à effacer')
    harness.deliver()
    expect(harness.tracker.hasUnsyncedChanges).toBe(false)
    const stateVectorBefore = Y.encodeStateVector(harness.page)
    harness.text.delete(0, 6)
    expect(Y.encodeStateVector(harness.page)).toEqual(stateVectorBefore)
    expect(harness.tracker.hasUnsyncedChanges).toBe(true)
    harness.deliver()
    expect(harness.tracker.hasUnsyncedChanges).toBe(false)
    expect(harness.server.getText('body').toString()).toBe('à effacer')
  })

  it('keeps offline changes unsynced until a sync step 2 carrying them is acked', () => {
    const harness = createHarness()
    harness.text.insert(0, 'écrit hors ligne')
    expect(harness.tracker.hasUnsyncedChanges).toBe(true)
    harness.connect()
    expect(harness.tracker.hasUnsyncedChanges).toBe(true)
    harness.deliver()
    expect(harness.tracker.hasUnsyncedChanges).toBe(false)
    expect(harness.serverHoldsEverything()).toBe(true)
  })

  it('does not let an acked update clear older offline changes before the step 2', () => {
    const harness = createHarness()
    harness.connect()
    harness.deliver()
    harness.disconnect()
    harness.text.insert(0, 'hors ligne ')
    harness.connect({ answerSyncStep1: false })
    harness.text.insert(harness.text.length, 'en ligne')
    harness.deliver()
    // The update is acked but does not carry the offline text.
    expect(harness.serverHoldsEverything()).toBe(false)
    expect(harness.tracker.hasUnsyncedChanges).toBe(true)
    harness.answerSyncStep1()
    expect(harness.tracker.hasUnsyncedChanges).toBe(true)
    harness.deliver()
    expect(harness.tracker.hasUnsyncedChanges).toBe(false)
    expect(harness.serverHoldsEverything()).toBe(true)
  })

  it('waits for writes sent after the sync step 2 too', () => {
    const harness = createHarness()
    harness.text.insert(0, 'hors ligne ')
    harness.connect()
    harness.text.insert(harness.text.length, 'en ligne')
    harness.deliver(2) // awareness and step 2
    expect(harness.tracker.hasUnsyncedChanges).toBe(true)
    harness.deliver()
    expect(harness.tracker.hasUnsyncedChanges).toBe(false)
    expect(harness.serverHoldsEverything()).toBe(true)
  })

  it('resends through the next sync step 2 what a dropped connection never acked', () => {
    const harness = createHarness()
    harness.connect()
    harness.deliver()
    harness.text.insert(0, 'perdu en route')
    harness.disconnect()
    expect(harness.tracker.hasUnsyncedChanges).toBe(true)
    harness.connect()
    expect(harness.tracker.hasUnsyncedChanges).toBe(true)
    harness.deliver()
    expect(harness.tracker.hasUnsyncedChanges).toBe(false)
    expect(harness.serverHoldsEverything()).toBe(true)
  })

  it('forgets nothing when a connection closes after everything was acked', () => {
    const harness = createHarness()
    harness.connect()
    harness.text.insert(0, 'sauvé')
    harness.deliver()
    harness.disconnect()
    expect(harness.tracker.hasUnsyncedChanges).toBe(false)
  })
})

describe('classifyOutgoingFrame', () => {
  it('counts updates and sync step 2 as writes, nothing else', () => {
    const update = Y.encodeStateAsUpdate(new Y.Doc())
    expect(classifyOutgoingFrame(encodeMessage({ type: 'update', update }))).toBe('update')
    expect(classifyOutgoingFrame(encodeMessage({ type: 'sync-step-2', update }))).toBe('sync-step-2')
    expect(classifyOutgoingFrame(encodeMessage({ type: 'sync-step-1', stateVector: new Uint8Array([0]) }))).toBeNull()
    expect(classifyOutgoingFrame(encodeMessage({ type: 'awareness', update: new Uint8Array([0]) }))).toBeNull()
    expect(classifyOutgoingFrame(new Uint8Array([]))).toBeNull()
  })
})
