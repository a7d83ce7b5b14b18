/**
 * Rooms on their own for unit tests: a real SQLite store in a temporary
 * folder, a pad in it, and in-memory peers whose socket records what the
 * room sends and how it closed them (the prosemirror-collab `DummyServer`
 * idea). `useRoomFixtures()` registers the teardown after each test.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes'
import { decodeMessage, type Message } from '../../shared/protocol/messages'
import type { Role } from '../../shared/protocol/roles'
import { createLogger } from '../log'
import { createMetrics, type Metrics } from '../metrics'
import { generateKey, generatePadId, hashKey } from '../api/pad-keys'
import { createPeer, type Peer } from '../relay/peer'
import { createRoom, type Room, type RoomDeps, type RoomOptions } from '../room/room'
import { createSqliteStore } from '../store/sqlite-store'
import type { PadRecord, Store } from '../store/store'
import { makeTempDir } from './harness'

/** An in-memory peer: its socket records what the room sends and how it was closed. */
export interface MemoryPeer {
  peer: Peer
  received: Message[]
  closedWith: { code: number; reason: string } | null
}

export const testRoomOptions: RoomOptions = {
  compactAfterUpdates: 1000,
  idleMs: 60_000,
  maxAwarenessBytes: 4096,
  maxDocumentBytes: 1024 * 1024,
  presenceIntervalMs: 20,
}

/** A pad's settings as a new pad has them, for tests that make rooms by hand. */
export function padRecordFor(padId: string, nowMs: number): PadRecord {
  return {
    id: padId,
    title: '',
    language: 'fr',
    eventName: '',
    eventDate: '',
    eventPlace: '',
    license: 'CC-BY-SA-4.0',
    dataLicense: 'etalab-2.0',
    locked: false,
    lifetime: 'year',
    viewKey: generateKey(),
    editKeyGeneration: 0,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    firstEditAtMs: null,
    lastEditAtMs: null,
    extraContributors: [],
    restoreRole: 'edit',
    publishedVersion: null,
  }
}

export interface RoomFixtures {
  memoryPeer(role: Role): MemoryPeer
  /** A pad in a fresh SQLite store whose document holds `text` in the Y.Text `t`. */
  padWithText(text: string): Promise<{ store: Store; padId: string; pad: PadRecord }>
  /** A room over `store`, closed after the test; `deps` replaces the silent logger, fresh metrics or the onClose. */
  openRoom(store: Store, pad: PadRecord, deps?: Partial<RoomDeps> & { metrics?: Metrics }): Room
}

export function useRoomFixtures(): RoomFixtures {
  let nextPeerId = 1
  const dirs: string[] = []
  const stores: Store[] = []
  const rooms: Room[] = []
  afterEach(async () => {
    await Promise.all(rooms.splice(0).map((room) => room.close(CloseCode.goingAway, 'test over')))
    await Promise.all(stores.splice(0).map((store) => store.close()))
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })

  return {
    memoryPeer(role) {
      const memory: MemoryPeer = { peer: undefined as unknown as Peer, received: [], closedWith: null }
      memory.peer = createPeer(nextPeerId++, role, {
        send: (frame) => memory.received.push(decodeMessage(frame)),
        close: (code, reason) => {
          memory.closedWith = { code, reason }
        },
        probe: () => {},
      })
      return memory
    },
    async padWithText(text) {
      const dir = makeTempDir()
      dirs.push(dir)
      const store = createSqliteStore({ file: path.join(dir, 'pads.sqlite') })
      stores.push(store)
      const padId = generatePadId()
      const doc = new Y.Doc()
      doc.getText('t').insert(0, text)
      const pad = padRecordFor(padId, Date.now())
      await store.createPad(
        pad,
        { edit: hashKey(generateKey()), view: hashKey(generateKey()), admin: hashKey(generateKey()) },
        Y.encodeStateAsUpdate(doc),
      )
      return { store, padId, pad }
    },
    openRoom(store, pad, deps = {}) {
      const room = createRoom(pad, testRoomOptions, {
        store,
        log: createLogger('silent'),
        metrics: createMetrics(),
        onClose: () => {},
        ...deps,
      })
      rooms.push(room)
      return room
    },
  }
}
