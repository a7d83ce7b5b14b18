/**
 * A room's automatic checkpoints on a fake clock with an in-memory store:
 * when they are taken, what they hold (the pad then, who was present, whose
 * characters), that a failing store neither blocks writes nor loses the
 * checkpoint, and the one owed when the room closes. The same against a real
 * server and SQLite is checkpoints.integration.test.ts.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { participantsMapName } from '../../shared/pad/attribution'
import { bodyFragmentName } from '../../shared/pad/schema'
import { CloseCode } from '../../shared/protocol/close-codes'
import { decodeMessage, encodeMessage, type Message } from '../../shared/protocol/messages'
import { encodeParticipantSecret, participantIdOf } from '../../shared/protocol/participant-id'
import type { Role } from '../../shared/protocol/roles'
import { createLogger } from '../log'
import { createMetrics } from '../metrics'
import { createPeer, type Peer } from '../relay/peer'
import { createFakeClock } from '../testing/fake-clock'
import { createMemoryRoomStore } from '../testing/memory-room-store'
import { padRecordFor, testRoomOptions } from '../testing/room-fixtures'
import { captureVersion, VersionKind } from '../history/version'
import { createRoom } from './room'

const second = 1000
const minute = 60 * second

function roomOnFakeClock() {
  const clock = createFakeClock()
  const store = createMemoryRoomStore()
  const room = createRoom(padRecordFor('pad-history', clock.now()), testRoomOptions, {
    store,
    log: createLogger('silent'),
    metrics: createMetrics(),
    onClose: () => {},
    clock,
  })
  let nextId = 1
  const join = (role: Role): { peer: Peer; participantId: string; received: Message[]; doc: Y.Doc } => {
    const participantId = participantIdOf(encodeParticipantSecret(randomBytes(32)))
    const received: Message[] = []
    const peer = createPeer(nextId++, role, { send: (frame) => received.push(decodeMessage(frame)), close: () => {}, probe: () => {} }, participantId)
    room.join(peer)
    return { peer, participantId, received, doc: new Y.Doc() }
  }
  /** `who` types `text` at the end of the pad's first paragraph, credited to them; resolves once it is stored. */
  const type = async (who: ReturnType<typeof join>, text: string): Promise<void> => {
    const updates: Uint8Array[] = []
    const collect = (update: Uint8Array): void => void updates.push(update)
    who.doc.on('update', collect)
    who.doc.transact(() => {
      const body = who.doc.getXmlFragment(bodyFragmentName)
      if (body.length === 0) {
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText()])
        body.insert(0, [paragraph])
        who.doc.getMap(participantsMapName).set(who.participantId, { name: `Nom ${who.peer.id}`, organisation: '', isNamed: true })
      }
      const paragraphText = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText
      paragraphText.insert(paragraphText.length, text, { author: { id: who.participantId } })
    })
    who.doc.off('update', collect)
    for (const update of updates) room.receive(who.peer, encodeMessage({ type: 'update', update }))
    await clock.advance(0)
    await room.settle()
  }
  return { room, clock, store, join, type }
}

function textOf(state: Uint8Array): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const paragraph = doc.getXmlFragment(bodyFragmentName).get(0)
  return paragraph instanceof Y.XmlElement ? (paragraph.get(0) as Y.XmlText).toDelta().map((part: { insert: string }) => part.insert).join('') : ''
}

describe('room checkpoints, on a fake clock', () => {
  it('takes none while nobody writes, then one two quiet minutes after writing, with the pad, who was present and whose characters', async () => {
    const { room, clock, store, join, type } = roomOnFakeClock()
    const alice = join('edit')
    const reader = join('view')
    await room.settle()
    await clock.advance(30 * minute)
    expect(store.versions).toEqual([])

    await type(alice, 'Une épicerie')
    // Bob comes, writes and leaves before the checkpoint: he was present all the same.
    const bob = join('edit')
    Y.applyUpdate(bob.doc, Y.encodeStateAsUpdate(alice.doc))
    await type(bob, ' solidaire')
    room.leave(bob.peer)
    const lastWriteMs = clock.now()
    await clock.advance(2 * minute - 1)
    expect(store.versions).toEqual([])
    await clock.advance(1)
    await room.settle()
    expect(store.versions).toHaveLength(1)
    const [version] = store.versions
    expect(version).toMatchObject({ kind: 'auto', name: null, padId: 'pad-history', createdAtMs: lastWriteMs + 2 * minute })
    expect(textOf(version?.storedState ?? new Uint8Array())).toBe('Une épicerie solidaire')
    expect(version?.byteSize).toBe(version?.storedState.length)
    expect(version).toMatchObject({ baseVersionId: null, chainLength: 0 })
    expect(version?.presentParticipantIds).toEqual([alice.participantId, bob.participantId, reader.participantId].sort())
    expect(version?.charactersByParticipant).toEqual({ [alice.participantId]: 'Une épicerie'.length, [bob.participantId]: ' solidaire'.length })

    // Nobody writes any more: no other checkpoint, and no timer left running.
    await clock.advance(60 * minute)
    expect(store.versions).toHaveLength(1)
    await room.close(CloseCode.goingAway, 'test over')
    expect(store.versions).toHaveLength(1)
    expect(clock.pendingTimers).toBe(0)
  })

  it('takes one after each five minutes of writing while writing goes on', async () => {
    const { room, clock, store, join, type } = roomOnFakeClock()
    const alice = join('edit')
    await room.settle()
    const startMs = clock.now()
    for (let i = 0; i < 66; i++) {
      await type(alice, String(i % 10))
      await clock.advance(10 * second)
    }
    // Written every 10 s from 0 to 10 min 50 s: at 5 min (before the write of that instant), then five minutes after the first write that followed.
    expect(store.versions.map((version) => version.createdAtMs - startMs)).toEqual([5 * minute, 10 * minute])
    expect(textOf(store.versions[0]?.storedState ?? new Uint8Array())).toHaveLength(30)
    // The second holds only what changed since the first, and reads back whole.
    const [firstVersion, secondVersion] = store.versions
    expect(secondVersion).toMatchObject({ baseVersionId: firstVersion?.id, chainLength: 1 })
    expect(secondVersion?.storedState.length).toBeLessThan(firstVersion?.storedState.length ?? 0)
    const read = await store.readVersion('pad-history', secondVersion?.id ?? '')
    expect(textOf(read?.state ?? new Uint8Array())).toBe(textOf(Y.encodeStateAsUpdate(alice.doc)).slice(0, 60))
    await room.close(CloseCode.goingAway, 'test over')
  })

  it('takes none for what a version taken elsewhere already holds, and builds the next on that version', async () => {
    const { room, clock, store, join, type } = roomOnFakeClock()
    const alice = join('edit')
    await room.settle()
    await type(alice, 'Une recette')
    // Another instance, whose doc got this write, takes a version of the pad two seconds later.
    await clock.advance(2 * second)
    const elsewhere = captureVersion(alice.doc, { padId: 'pad-history', kind: VersionKind.auto, atMs: clock.now(), presentParticipantIds: [] })
    await store.writeVersion(elsewhere)
    await clock.advance(10 * minute)
    await room.settle()
    expect(store.versions.map((version) => version.id)).toEqual([elsewhere.id])
    // What is written after it is owed, and stored as the change since it.
    await type(alice, ' libre')
    await clock.advance(2 * minute)
    await room.settle()
    expect(store.versions).toHaveLength(2)
    expect(store.versions[1]).toMatchObject({ baseVersionId: elsewhere.id, chainLength: 1 })
    expect(textOf((await store.readVersion('pad-history', store.versions[1]?.id ?? ''))?.state ?? new Uint8Array())).toBe('Une recette libre')
    await room.close(CloseCode.goingAway, 'test over')
  })

  it('keeps storing and relaying writes while the store refuses checkpoints, and takes the checkpoint once it works again', async () => {
    const { room, clock, store, join, type } = roomOnFakeClock()
    const alice = join('edit')
    const bob = join('edit')
    await room.settle()
    store.versionWriteError = new Error('disk full')
    await type(alice, 'avant la panne')
    await clock.advance(2 * minute)
    await room.settle()
    expect(store.versions).toEqual([])
    // Writes still go through while checkpoints fail.
    const appendsBefore = store.appends.length
    await type(alice, ', pendant')
    expect(store.appends.length).toBe(appendsBefore + 1)
    expect(bob.received.filter((message) => message.type === 'update')).toHaveLength(2)
    await clock.advance(2 * minute)
    await room.settle()
    expect(store.versions).toEqual([])
    // The store is back; nobody writes any more, and the checkpoint owed is taken when the next would be due.
    store.versionWriteError = null
    await clock.advance(2 * minute - 1)
    expect(store.versions).toEqual([])
    await clock.advance(1)
    await room.settle()
    expect(store.versions).toHaveLength(1)
    expect(textOf(store.versions[0]?.storedState ?? new Uint8Array())).toBe('avant la panne, pendant')
    await room.close(CloseCode.goingAway, 'test over')
  })

  it('takes the checkpoint still owed when the room closes, and none for a deleted pad', async () => {
    const closing = roomOnFakeClock()
    const alice = closing.join('edit')
    await closing.room.settle()
    await closing.type(alice, 'dernier mot')
    await closing.room.close(CloseCode.goingAway, 'unloaded')
    expect(closing.store.versions).toHaveLength(1)
    expect(textOf(closing.store.versions[0]?.storedState ?? new Uint8Array())).toBe('dernier mot')

    const deleted = roomOnFakeClock()
    const bob = deleted.join('edit')
    await deleted.room.settle()
    await deleted.type(bob, 'effacé')
    await deleted.room.deletePad()
    expect(deleted.store.versions).toEqual([])
  })
})
