/**
 * The sync tracker against real Y.Docs: a "page" doc and a "server" doc that
 * exchange updates the way the relay does, with acks built from the server
 * doc's real state vector.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createSyncTracker, readStateVector } from './sync-tracker'

/** A page and a server, each with its own doc; `provider` stands for the page's WebsocketProvider. */
function createPair() {
  const page = new Y.Doc()
  const server = new Y.Doc()
  const provider = { name: 'provider' }
  const tracker = createSyncTracker()
  page.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === provider) tracker.recordRemoteUpdate(update)
  })
  const isUnsynced = () => tracker.hasUnsyncedChanges(readStateVector(page))
  /** The server stores everything the page has and acks with its state vector for the page's client. */
  const storeAndAck = () => {
    Y.applyUpdate(server, Y.encodeStateAsUpdate(page, Y.encodeStateVector(server)))
    const full = readStateVector(server)
    tracker.recordStored(new Map([[page.clientID, full.get(page.clientID) ?? 0]]))
  }
  /** The server relays what it holds and the page lacks. */
  const relayToPage = () => {
    Y.applyUpdate(page, Y.encodeStateAsUpdate(server, Y.encodeStateVector(page)), provider)
  }
  return { page, server, provider, tracker, isUnsynced, storeAndAck, relayToPage }
}

describe('createSyncTracker', () => {
  it('has nothing unsynced for an empty doc', () => {
    const { isUnsynced } = createPair()
    expect(isUnsynced()).toBe(false)
  })

  it('counts a local edit as unsynced until the server acks it', () => {
    const { page, isUnsynced, storeAndAck } = createPair()
    page.getText('body').insert(0, 'Bonjour')
    expect(isUnsynced()).toBe(true)
    storeAndAck()
    expect(isUnsynced()).toBe(false)
  })

  it('stays unsynced when the ack is older than the latest edit', () => {
    const { page, server, tracker, isUnsynced } = createPair()
    page.getText('body').insert(0, 'un ')
    Y.applyUpdate(server, Y.encodeStateAsUpdate(page))
    const ackForFirstEdit = readStateVector(server)
    page.getText('body').insert(3, 'deux')
    tracker.recordStored(ackForFirstEdit)
    expect(isUnsynced()).toBe(true)
  })

  it('treats every update the provider delivered as on the server, incremental ones too', () => {
    const { page, server, provider, isUnsynced } = createPair()
    const neighbour = new Y.Doc()
    const relayed: Uint8Array[] = []
    neighbour.on('update', (update: Uint8Array) => relayed.push(update))
    neighbour.getText('body').insert(0, 'a')
    neighbour.getText('body').insert(1, 'b')
    for (const update of relayed) {
      Y.applyUpdate(server, update)
      Y.applyUpdate(page, update, provider)
    }
    // The second update starts at clock 1: it must still count as held by the server.
    expect(relayed).toHaveLength(2)
    expect(page.getText('body').toString()).toBe('ab')
    expect(isUnsynced()).toBe(false)
  })

  it('does not take an update from another origin as on the server', () => {
    const { page, isUnsynced } = createPair()
    const neighbour = new Y.Doc()
    neighbour.getText('body').insert(0, 'reçu par un autre chemin')
    Y.applyUpdate(page, Y.encodeStateAsUpdate(neighbour), 'broadcast-channel')
    expect(isUnsynced()).toBe(true)
  })

  it('counts changes from another origin (e.g. IndexedDB) until a full ack covers them', () => {
    const { page, server, tracker, isUnsynced } = createPair()
    const earlierVisit = new Y.Doc()
    earlierVisit.getText('body').insert(0, 'écrit hors ligne')
    Y.applyUpdate(page, Y.encodeStateAsUpdate(earlierVisit), 'indexeddb')
    expect(isUnsynced()).toBe(true)
    // The page's sync step 2 reaches the server, which acks with its full state vector.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(page))
    tracker.recordStored(readStateVector(server))
    expect(isUnsynced()).toBe(false)
  })

  it('never lowers a clock it learned', () => {
    const { page, tracker, isUnsynced, storeAndAck } = createPair()
    page.getText('body').insert(0, 'texte')
    storeAndAck()
    tracker.recordStored(new Map([[page.clientID, 1]]))
    expect(isUnsynced()).toBe(false)
    expect(tracker.serverStateVector().get(page.clientID)).toBe(5)
  })
})
