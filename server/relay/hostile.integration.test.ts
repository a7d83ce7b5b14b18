/**
 * Hostile-but-valid input against a real server (DESIGN.md, "Bad input"): an
 * attacker on a raw socket holding the edit link tries to write or speak
 * under an honest participant's Yjs client id, to leave structs pending in
 * the pad, and to make the server encode a large pad over and over. Each case
 * checks the attacker's close code and that the honest stock clients, and a
 * client joining afterwards, still see exactly the honest text.
 */
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes'
import { decodeMessage, encodeMessage } from '../../shared/protocol/messages'
import {
  closeCode,
  closedWithin,
  connectClient,
  connectRaw,
  createTestPad,
  hasPending,
  loadStoredDoc,
  makeTempDir,
  readMetric,
  startServerProcess,
  startTestServer,
  syncedWithin,
  updatesOf,
  waitUntil,
  whenJoined,
  type RawClient,
  type ServerProcess,
  type TestClient,
  type TestServer,
} from '../testing/harness'
import { useTestResources } from '../testing/resources'
import { emptyStructUpdate } from '../testing/hostile-updates'

const resources = useTestResources()
const { startServer: start } = resources
const client = (wsUrl: string, key: string): TestClient => resources.client(wsUrl, key)

async function attacker(wsUrl: string, key: string): Promise<RawClient> {
  const raw = resources.raw(wsUrl, key)
  await whenJoined(raw)
  return raw
}

/** Two honest stock clients on the edit link, synced, and a record of every close they see. */
async function honestPair(wsUrl: string, key: string): Promise<{ alice: TestClient; bob: TestClient; closes: number[] }> {
  const alice = client(wsUrl, key)
  const bob = client(wsUrl, key)
  const closes: number[] = []
  for (const honest of [alice, bob]) {
    honest.provider.on('connection-close', (event: { code: number } | null) => closes.push(event?.code ?? -1))
  }
  await Promise.all([syncedWithin(alice), syncedWithin(bob)])
  return { alice, bob, closes }
}

/** The honest clients and a client that joins now all hold exactly `expected`. */
async function expectConverged(wsUrl: string, key: string, honest: TestClient[], expected: string): Promise<void> {
  // On a timeout, the assertion below shows what each client reads instead.
  await waitUntil('every honest client reads the expected text', () => honest.every((c) => c.text.toString() === expected)).catch(
    () => undefined,
  )
  expect(honest.map((c) => c.text.toString())).toEqual(honest.map(() => expected))
  const fresh = client(wsUrl, key)
  await syncedWithin(fresh)
  expect(fresh.text.toString()).toBe(expected)
  expect(hasPending(fresh.doc)).toBe(false)
}

/** Alice and then Bob each append to the text, as participants who keep editing after an attack. */
async function keepEditing(alice: TestClient, bob: TestClient, fromAlice: string, fromBob: string): Promise<string> {
  alice.text.insert(alice.text.length, fromAlice)
  const afterAlice = alice.text.toString()
  await waitUntil('bob sees alice\'s edit', () => bob.text.toString() === afterAlice)
  bob.text.insert(bob.text.length, fromBob)
  return bob.text.toString()
}

/** An awareness update (y-protocols/awareness) written by hand, as an attacker would. */
function awarenessUpdate(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}

/** A doc holding everything `victim` has, that then writes under the victim's Yjs client id. */
function squatterOf(victim: TestClient): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(victim.doc))
  // Set after the content is in: Yjs gives a doc a new id when a remote update writes under its own.
  doc.clientID = victim.doc.clientID
  return doc
}

function nameOf(observer: TestClient, clientId: number): string | undefined {
  const state = observer.provider.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined
  return state?.user?.name
}

describe('hostile clients', () => {
  it('closes with 1007 a write under another participant\'s client id that starts past its clock', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const { alice, bob, closes } = await honestPair(server.wsUrl, pad.keys.edit)
    const aliceId = alice.doc.clientID
    alice.text.insert(0, 'Alice : ')
    await waitUntil('bob sees alice', () => bob.text.toString() === 'Alice : ')

    const mallory = await attacker(server.wsUrl, pad.keys.edit)
    const forged = squatterOf(alice)
    const [, pastTheClock] = updatesOf(forged, () => {
      forged.getText('t').insert(0, 'X')
      forged.getText('t').insert(0, 'MALLORY ')
    })
    // The first forged update (at Alice's current clock) is kept back: the one sent leaves a gap.
    mallory.socket.send(encodeMessage({ type: 'update', update: pastTheClock as Uint8Array }))
    expect(await closeCode(mallory)).toBe(CloseCode.invalidPayload)

    // Alice's next write takes the clock the forged X had: if the forged
    // update were pending in the pad, this would let it in.
    const expected = await keepEditing(alice, bob, 'première idée', ' (Bob)')
    expect(expected).toBe('Alice : première idée (Bob)')
    await expectConverged(server.wsUrl, pad.keys.edit, [alice, bob], expected)
    expect(alice.doc.clientID).toBe(aliceId)
    expect(closes).toEqual([])
  })

  it('closes with 1013 a write under another live participant\'s client id at its clock, by update or sync step 2', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const { alice, bob, closes } = await honestPair(server.wsUrl, pad.keys.edit)
    const aliceId = alice.doc.clientID
    alice.text.insert(0, 'Alice : ')
    await waitUntil('bob sees alice', () => bob.text.toString() === 'Alice : ')

    for (const type of ['update', 'sync-step-2'] as const) {
      const mallory = await attacker(server.wsUrl, pad.keys.edit)
      const forged = squatterOf(alice)
      const [atTheClock] = updatesOf(forged, () => forged.getText('t').insert(0, `MALLORY(${type}) `))
      mallory.socket.send(encodeMessage({ type, update: atTheClock as Uint8Array }))
      const closed = await closedWithin(mallory)
      expect(closed.code).toBe(CloseCode.tryAgainLater)
      expect(closed.reason).toMatch(/in use/)
    }

    // Alice writes at the very clock the forged updates used.
    const expected = await keepEditing(alice, bob, 'suite', ' (Bob)')
    expect(expected).toBe('Alice : suite (Bob)')
    await expectConverged(server.wsUrl, pad.keys.edit, [alice, bob], expected)
    // Had Alice received a write under her own id, Yjs would have given her a new one.
    expect(alice.doc.clientID).toBe(aliceId)
    expect(closes).toEqual([])
  })

  it('closes with 1007 updates that depend on content or deletions the pad never got, and stores nothing pending', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const { alice, bob, closes } = await honestPair(server.wsUrl, pad.keys.edit)
    alice.text.insert(0, 'Alice. ')
    await waitUntil('bob sees alice', () => bob.text.toString() === 'Alice. ')

    // A third doc's content reaches Mallory's doc but never the server.
    const third = new Y.Doc()
    third.getText('t').insert(0, 'jamais envoyé')
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(alice.doc))
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(third))
    const inside = forged.getText('t').toString().indexOf('jamais') + 3
    const [dependent] = updatesOf(forged, () => forged.getText('t').insert(inside, 'ORPHELIN'))
    const [deletion] = updatesOf(forged, () => forged.getText('t').delete(forged.getText('t').toString().indexOf('envoyé'), 3))
    // Sanity: both really are updates Yjs would keep pending.
    for (const update of [dependent, deletion]) {
      const probe = new Y.Doc()
      Y.applyUpdate(probe, Y.encodeStateAsUpdate(alice.doc))
      Y.applyUpdate(probe, update as Uint8Array)
      expect(hasPending(probe)).toBe(true)
    }

    for (const update of [dependent, deletion]) {
      const mallory = await attacker(server.wsUrl, pad.keys.edit)
      mallory.socket.send(encodeMessage({ type: 'update', update: update as Uint8Array }))
      expect(await closeCode(mallory)).toBe(CloseCode.invalidPayload)
    }

    const expected = await keepEditing(alice, bob, 'Encore.', ' Bob.')
    expect(expected).toBe('Alice. Encore. Bob.')
    const lateStartedAt = Date.now()
    await expectConverged(server.wsUrl, pad.keys.edit, [alice, bob], expected)
    expect(Date.now() - lateStartedAt).toBeLessThan(2000)
    expect(closes).toEqual([])

    await server.close()
    const stored = await loadStoredDoc(server.dataDir, pad.id)
    expect(hasPending(stored)).toBe(false)
    expect(stored.getText('t').toString()).toBe(expected)
  })

  it('closes with 1007 the 48-byte update that once failed a whole room, sent as an update and as a sync step 2, and nobody else; the stored pad equals the honest docs', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const { alice, bob, closes } = await honestPair(server.wsUrl, pad.keys.edit)
    alice.text.insert(0, 'Avant. ')
    await waitUntil('bob sees alice', () => bob.text.toString() === 'Avant. ')

    for (const type of ['update', 'sync-step-2'] as const) {
      const mallory = await attacker(server.wsUrl, pad.keys.edit)
      mallory.socket.send(encodeMessage({ type, update: emptyStructUpdate }))
      expect(await closeCode(mallory)).toBe(CloseCode.invalidPayload)
    }

    const expected = await keepEditing(alice, bob, 'Après.', ' Bob.')
    expect(expected).toBe('Avant. Après. Bob.')
    await expectConverged(server.wsUrl, pad.keys.edit, [alice, bob], expected)
    expect(closes).toEqual([])
    expect(server.logs.filter((line) => (line.level as number) >= 50)).toEqual([])

    await server.close()
    const stored = await loadStoredDoc(server.dataDir, pad.id)
    expect(hasPending(stored)).toBe(false)
    expect(stored.getText('t').toString()).toBe(expected)
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(alice.doc))
  })

  it('closes with 1013 presence sent under another participant\'s client id, and keeps that participant\'s own', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const { alice, bob, closes } = await honestPair(server.wsUrl, pad.keys.edit)
    const aliceId = alice.doc.clientID
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#c33' })
    await waitUntil('bob sees alice\'s name', () => nameOf(bob, aliceId) === 'Alice')

    const clockNow = (): number => alice.provider.awareness.meta.get(aliceId)?.clock ?? 0
    const spoofs = [
      { clientId: aliceId, clock: clockNow() + 1, state: { user: { name: 'Mallory', color: '#000' } } },
      // Removing someone's presence is speaking for them too.
      { clientId: aliceId, clock: clockNow() + 1, state: null },
    ]
    for (const spoof of spoofs) {
      const mallory = await attacker(server.wsUrl, pad.keys.edit)
      mallory.socket.send(encodeMessage({ type: 'awareness', update: awarenessUpdate([spoof]) }))
      expect(await closeCode(mallory)).toBe(CloseCode.tryAgainLater)
    }

    // Alice's next change takes the clock Mallory used: it must go through, under her name.
    alice.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 })
    await waitUntil('bob sees alice\'s cursor', () => {
      const state = bob.provider.awareness.getStates().get(aliceId) as { cursor?: unknown } | undefined
      return state?.cursor !== undefined
    })
    expect(nameOf(bob, aliceId)).toBe('Alice')
    const fresh = client(server.wsUrl, pad.keys.view)
    await syncedWithin(fresh)
    await waitUntil('a fresh client sees alice\'s presence', () => fresh.provider.awareness.getStates().has(aliceId))
    expect(nameOf(fresh, aliceId)).toBe('Alice')
    await expectConverged(server.wsUrl, pad.keys.edit, [alice, bob], await keepEditing(alice, bob, 'Alice', ' et Bob'))
    expect(closes).toEqual([])
  })

  it('does not close stock clients that echo the presence of others back to the server', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const names = ['Awa', 'Bastien', 'Chloé']
    const participants = names.map((_, i) => client(server.wsUrl, i === 2 ? pad.keys.view : pad.keys.edit))
    const closes: number[] = []
    for (const participant of participants) {
      participant.provider.on('connection-close', (event: { code: number } | null) => closes.push(event?.code ?? -1))
    }
    await Promise.all(participants.map((c) => syncedWithin(c)))
    participants.forEach((participant, i) => participant.provider.awareness.setLocalStateField('user', { name: names[i] }))

    // Each change reaches the others, whose stock providers send it back
    // (y-websocket re-broadcasts every awareness update it applies).
    const cursorOf = (observer: TestClient, of: TestClient): number | undefined =>
      (observer.provider.awareness.getStates().get(of.doc.clientID) as { cursor?: number } | undefined)?.cursor
    for (let round = 0; round < 15; round++) {
      for (const mover of participants) {
        mover.provider.awareness.setLocalStateField('cursor', round)
        await waitUntil(`round ${round}: everyone sees the move`, () =>
          participants.every((observer) => cursorOf(observer, mover) === round),
        )
      }
    }
    for (const observer of participants) {
      for (const [i, of] of participants.entries()) expect(nameOf(observer, of.doc.clientID)).toBe(names[i])
    }
    // The echoes were really sent and dropped, closing nobody.
    expect(await readMetric(server.url, 'atelier_messages_in_total', { type: 'awareness' })).toBeGreaterThan(3 * 15 * 3)
    expect(await readMetric(server.url, 'atelier_closes_total')).toBe(0)
    expect(server.logs.filter((line) => line.msg === 'closing peer: message refused')).toEqual([])
    expect(closes).toEqual([])
  })

  it('ignores what a connection sent after the message it was closed for', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const { alice, bob } = await honestPair(server.wsUrl, pad.keys.edit)
    alice.text.insert(0, 'Alice')
    await waitUntil('bob sees alice', () => bob.text.toString() === 'Alice')

    const mallory = await attacker(server.wsUrl, pad.keys.edit)
    const forged = new Y.Doc()
    const [afterTheRefusal] = updatesOf(forged, () => forged.getText('t').insert(0, 'APRÈS LA FERMETURE '))
    // Both frames in one TCP write: the server reads them together.
    mallory.socket.send(new Uint8Array([0, 7]))
    mallory.socket.send(encodeMessage({ type: 'update', update: afterTheRefusal as Uint8Array }))
    expect(await closeCode(mallory)).toBe(CloseCode.protocolError)
    expect(mallory.frames.map((frame) => decodeMessage(frame).type)).not.toContain('stored')

    const expected = await keepEditing(alice, bob, ' encore', ' et Bob')
    await expectConverged(server.wsUrl, pad.keys.edit, [alice, bob], expected)
    expect(expected).toBe('Alice encore et Bob')
  })

  it('answers at most SYNC_REQUEST_BURST of 200 sync requests for a 1 MB pad, closes with 4429, and keeps its heap', async () => {
    const syncRequestBurst = 10
    const server = await resources.startProcess(makeTempDir(), {
      SYNC_REQUEST_BURST: String(syncRequestBurst),
      SYNC_REQUESTS_PER_MINUTE: '6',
    })
    const pad = await createTestPad(server.url)
    const writer = client(server.wsUrl, pad.keys.edit)
    await syncedWithin(writer)
    const paragraph = 'Tiers-lieu, atelier collecte, innovation sociale du territoire. '
    const bigText = paragraph.repeat(Math.ceil((1024 * 1024) / paragraph.length))
    writer.text.insert(0, bigText)
    const reader = client(server.wsUrl, pad.keys.view)
    await waitUntil('a reader has the 1 MB text', () => reader.text.length === bigText.length, 10_000)

    const heapBefore = await readMetric(server.url, 'nodejs_heap_size_used_bytes')
    const rssBefore = await readMetric(server.url, 'process_resident_memory_bytes')
    const mallory = await attacker(server.wsUrl, pad.keys.edit)
    const request = encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) })
    for (let i = 0; i < 200; i++) mallory.socket.send(request)
    const closed = await closedWithin(mallory)
    const replies = mallory.frames.filter((frame) => decodeMessage(frame).type === 'sync-step-2')
    const heapAfter = await readMetric(server.url, 'nodejs_heap_size_used_bytes')
    const rssAfter = await readMetric(server.url, 'process_resident_memory_bytes')
    console.log(
      `sync amplification: ${replies.length} replies of ${replies[0]?.length ?? 0} bytes to 200 requests; ` +
        `heap ${mb(heapBefore)} → ${mb(heapAfter)} MB, rss ${mb(rssBefore)} → ${mb(rssAfter)} MB`,
    )
    expect(closed.code).toBe(CloseCode.rateLimited)
    expect(replies.length).toBeLessThanOrEqual(syncRequestBurst + 1)
    expect(heapAfter - heapBefore).toBeLessThan(64 * 1024 * 1024)

    // Compared as booleans: a failure should not print megabytes of text.
    writer.text.insert(0, 'Toujours là. ')
    const expected = `Toujours là. ${bigText}`
    await waitUntil('the reader gets the next edit', () => reader.text.length === expected.length)
    const fresh = client(server.wsUrl, pad.keys.view)
    await syncedWithin(fresh)
    expect([writer, reader, fresh].map((c) => c.text.toString() === expected)).toEqual([true, true, true])
  })
})

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1)
}
