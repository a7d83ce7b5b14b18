/**
 * Automatic checkpoints against a real server, SQLite file and stock
 * y-websocket clients, with the server's time on a fake clock: nothing is
 * kept while nobody writes; after writing, a version appears two quiet
 * minutes later with the pad's content, who was present and whose
 * characters; a room that unloads takes the one it still owed.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bodyFragmentName } from '../../shared/pad/schema'
import { participantSecretParam } from '../../shared/protocol/participant-id'
import type { VersionSummary, PadVersion } from '../history/version'
import { createSqliteStore } from '../store/sqlite-store'
import { createFakeClock } from '../testing/fake-clock'
import { createTestPad, readMetric, waitUntil, type TestClient } from '../testing/harness'
import { useTestResources } from '../testing/resources'
import { newParticipant, plainText, typeCredited, type Participant } from '../testing/credited-text'

const resources = useTestResources()
const minute = 60_000

/**
 * A stock client that shows no presence: the fake clock runs the room's
 * presence timers too, and these tests are about the document.
 */
function quietClient(server: { wsUrl: string }, key: string, who: Participant): TestClient {
  const client = resources.client(server.wsUrl, key, new Y.Doc(), { [participantSecretParam]: who.secret })
  client.provider.awareness.setLocalState(null)
  return client
}

/** The versions the server's SQLite file holds for a pad, read through a second connection while the server runs. */
async function storedVersions(dataDir: string, padId: string): Promise<{ list: VersionSummary[]; newest: PadVersion | null }> {
  const store = createSqliteStore({ file: path.join(dataDir, 'atelier-pad.sqlite') })
  try {
    const list = await store.listVersions(padId)
    return { list, newest: list[0] === undefined ? null : await store.readVersion(padId, list[0].id) }
  } finally {
    await store.close()
  }
}

async function waitForVersions(dataDir: string, padId: string, count: number): Promise<{ list: VersionSummary[]; newest: PadVersion | null }> {
  let found: { list: VersionSummary[]; newest: PadVersion | null } = { list: [], newest: null }
  let reading = false
  await waitUntil(`${count} version(s) stored`, () => {
    if (!reading) {
      reading = true
      void storedVersions(dataDir, padId).then((result) => {
        found = result
        reading = false
      })
    }
    return found.list.length >= count
  })
  return found
}

describe('automatic checkpoints on a real server', () => {
  it('keeps nothing while nobody writes, then the pad, who was present and whose characters two quiet minutes after writing', async () => {
    const clock = createFakeClock(Date.now())
    const server = await resources.startServer({}, undefined, { clock })
    const pad = await createTestPad(server.url, 'Historique')
    const alice = newParticipant()
    const reader = newParticipant()
    const writer = quietClient(server, pad.keys.edit, alice)
    const viewer = quietClient(server, pad.keys.view, reader)
    await waitUntil('both synced', () => writer.provider.synced && viewer.provider.synced)

    await clock.advance(30 * minute)
    expect((await storedVersions(server.dataDir, pad.id)).list).toEqual([])

    typeCredited(writer, alice, 'Alice', 'Une épicerie solidaire')
    // Relayed means stored (DESIGN.md, "Durability").
    await waitUntil('the reader has the text', () => viewer.doc.getXmlFragment(bodyFragmentName).length === 1 && plainText(Y.encodeStateAsUpdate(viewer.doc)) === 'Une épicerie solidaire')
    const writtenAtMs = clock.now()
    await clock.advance(2 * minute - 1)
    expect((await storedVersions(server.dataDir, pad.id)).list).toEqual([])
    await clock.advance(1)

    const { list, newest } = await waitForVersions(server.dataDir, pad.id, 1)
    expect(list).toHaveLength(1)
    expect(newest).toMatchObject({ kind: 'auto', name: null, createdAtMs: writtenAtMs + 2 * minute })
    expect(plainText(newest?.state ?? new Uint8Array())).toBe('Une épicerie solidaire')
    expect(newest?.presentParticipantIds).toEqual([alice.id, reader.id].sort())
    expect(newest?.charactersByParticipant).toEqual({ [alice.id]: 'Une épicerie solidaire'.length })

    // Nobody writes any more: an hour later, still one.
    await clock.advance(60 * minute)
    expect((await storedVersions(server.dataDir, pad.id)).list).toHaveLength(1)
  })

  it('takes them at the configured pace, and none with CHECKPOINT_ACTIVITY_MS=0', async () => {
    for (const [env, expected] of [
      [{ CHECKPOINT_ACTIVITY_MS: '60000', CHECKPOINT_QUIET_MS: '30000' }, 1],
      [{ CHECKPOINT_ACTIVITY_MS: '0' }, 0],
    ] as const) {
      const clock = createFakeClock(Date.now())
      const server = await resources.startServer({ ...env }, undefined, { clock })
      const pad = await createTestPad(server.url, 'Réglé')
      const carla = newParticipant()
      const writer = quietClient(server, pad.keys.edit, carla)
      const viewer = quietClient(server, pad.keys.view, newParticipant())
      await waitUntil('both synced', () => writer.provider.synced && viewer.provider.synced)
      typeCredited(writer, carla, 'Carla', 'un jardin')
      await waitUntil('the reader has the text', () => plainText(Y.encodeStateAsUpdate(viewer.doc)) === 'un jardin')
      // 30 quiet seconds: due with the configured pace, long before the default 2 minutes.
      await clock.advance(30_000)
      if (expected === 1) expect((await waitForVersions(server.dataDir, pad.id, 1)).list).toHaveLength(1)
      await clock.advance(60 * minute)
      expect((await storedVersions(server.dataDir, pad.id)).list, JSON.stringify(env)).toHaveLength(expected)
    }
  })

  it('takes the checkpoint it still owed when the room unloads after its writers left', async () => {
    const clock = createFakeClock(Date.now())
    const server = await resources.startServer({ ROOM_IDLE_MS: '1000' }, undefined, { clock })
    const pad = await createTestPad(server.url, 'Vite parti')
    const bob = newParticipant()
    const writer = quietClient(server, pad.keys.edit, bob)
    const viewer = quietClient(server, pad.keys.view, newParticipant())
    await waitUntil('both synced', () => writer.provider.synced && viewer.provider.synced)
    typeCredited(writer, bob, 'Bob', 'au revoir')
    // Relayed means stored.
    await waitUntil('the reader has the text', () => plainText(Y.encodeStateAsUpdate(viewer.doc)) === 'au revoir')
    writer.provider.disconnect()
    viewer.provider.disconnect()
    // The server has seen both leave once it counts no connection: the room's idle countdown runs on the fake clock.
    let connections = -1
    await waitUntil('the server saw both leave', () => {
      void readMetric(server.url, 'atelier_connections').then((count) => (connections = count))
      return connections === 0
    })
    expect(server.server.relay.roomCount).toBe(1)
    await clock.advance(1000)
    await waitUntil('the room unloaded', () => server.server.relay.roomCount === 0)
    const { newest } = await waitForVersions(server.dataDir, pad.id, 1)
    expect(plainText(newest?.state ?? new Uint8Array())).toBe('au revoir')
    expect(newest?.presentParticipantIds).toContain(bob.id)
    expect(newest?.charactersByParticipant).toEqual({ [bob.id]: 'au revoir'.length })
  })
})
