/**
 * The relay's limits against a real server, each set small through the
 * environment (config.ts): message size, message and byte rates, connections
 * per address and per pad, loaded pads, pad size, presence size, and
 * backpressure on a connection that stops reading. Each case checks the
 * refused connection's close code, that nothing it sent past the limit got
 * into the pad, and that honest clients carry on. The memory case runs the
 * server as a child process so that its heap is its own.
 */
import { describe, expect, it } from 'vitest'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes'
import { decodeMessage, encodeMessage } from '../../shared/protocol/messages'
import {
  closeCode,
  closedWithin,
  connectClient,
  connectRaw,
  createTestPad,
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

const resources = useTestResources()
const start = (env: Record<string, string>): Promise<TestServer> => resources.startServer(env)
const client = (wsUrl: string, key: string): TestClient => resources.client(wsUrl, key)
const raw = (wsUrl: string, key: string): RawClient => resources.raw(wsUrl, key)

async function joinedRaw(wsUrl: string, key: string): Promise<RawClient> {
  const made = raw(wsUrl, key)
  await whenJoined(made)
  return made
}

/** A stock client whose every connection close is recorded. */
function watchedClient(wsUrl: string, key: string, closes: number[]): TestClient {
  const made = client(wsUrl, key)
  made.provider.on('connection-close', (event: { code: number } | null) => closes.push(event?.code ?? -1))
  return made
}

/**
 * An update frame from a doc of its own inserting `text` into the Y.Text
 * `flood`, kept apart from the honest clients' `t` so that their text stays
 * exactly what they wrote whatever of the flood the server lets in.
 */
function insertFrame(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('flood').insert(0, text)
  return encodeMessage({ type: 'update', update: Y.encodeStateAsUpdate(doc) })
}

async function freshClient(wsUrl: string, key: string): Promise<TestClient> {
  const fresh = client(wsUrl, key)
  await syncedWithin(fresh)
  return fresh
}

async function freshText(wsUrl: string, key: string): Promise<string> {
  return (await freshClient(wsUrl, key)).text.toString()
}

describe('limits', () => {
  it('closes with 1009 a frame larger than MAX_MESSAGE_BYTES, and keeps nothing of it', async () => {
    const server = await start({ MAX_MESSAGE_BYTES: '4096' })
    const pad = await createTestPad(server.url)
    const closes: number[] = []
    const alice = watchedClient(server.wsUrl, pad.keys.edit, closes)
    await syncedWithin(alice)
    alice.text.insert(0, 'Alice')

    const mallory = await joinedRaw(server.wsUrl, pad.keys.edit)
    mallory.socket.send(insertFrame('X'.repeat(8000)))
    expect(await closeCode(mallory)).toBe(CloseCode.messageTooBig)

    alice.text.insert(5, ' écrit encore')
    expect(await freshTextAfter(server.wsUrl, pad.keys.view, 'Alice écrit encore')).toBe('Alice écrit encore')
    expect((await freshClient(server.wsUrl, pad.keys.view)).doc.getText('flood').length).toBe(0)
    expect(closes).toEqual([])
  })

  it('counts and logs a close for an oversized frame like every other refusal', async () => {
    const server = await start({ MAX_MESSAGE_BYTES: '4096' })
    const pad = await createTestPad(server.url)
    const mallory = await joinedRaw(server.wsUrl, pad.keys.edit)
    mallory.socket.send(new Uint8Array(8000))
    expect(await closeCode(mallory)).toBe(CloseCode.messageTooBig)
    // DESIGN.md: a refused message closes its connection "with a WebSocket close code and a log line".
    expect(await readMetric(server.url, 'atelier_closes_total', { code: String(CloseCode.messageTooBig) })).toBe(1)
    const logged = server.logs.filter((line) => (line.level as number) >= 30 && line.code === CloseCode.messageTooBig)
    expect(logged.length).toBeGreaterThanOrEqual(1)
  })

  it('closes with 4429 a connection that sends more than MESSAGE_BURST messages at once, and applies no more than that', async () => {
    const messageBurst = 50
    const server = await start({ MESSAGE_BURST: String(messageBurst), MESSAGES_PER_SECOND: '10' })
    const pad = await createTestPad(server.url)
    const closes: number[] = []
    const alice = watchedClient(server.wsUrl, pad.keys.edit, closes)
    const bob = watchedClient(server.wsUrl, pad.keys.edit, closes)
    await Promise.all([syncedWithin(alice), syncedWithin(bob)])
    alice.text.insert(0, 'Alice')
    await waitUntil('bob sees alice', () => bob.text.toString() === 'Alice')

    const mallory = await joinedRaw(server.wsUrl, pad.keys.edit)
    const flooder = new Y.Doc()
    const updates = updatesOf(flooder, () => {
      for (let i = 0; i < 200; i++) flooder.getText('flood').insert(0, '#')
    })
    for (const update of updates) mallory.socket.send(encodeMessage({ type: 'update', update }))
    expect(await closeCode(mallory)).toBe(CloseCode.rateLimited)

    alice.text.insert(alice.text.length, '!')
    await waitUntil('bob sees alice\'s next edit', () => bob.text.toString() === 'Alice!')
    const fresh = await freshClient(server.wsUrl, pad.keys.view)
    expect(fresh.text.toString()).toBe('Alice!')
    // The bucket refills at 10 per second: one more may have passed.
    expect(fresh.doc.getText('flood').length).toBeLessThanOrEqual(messageBurst + 1)
    expect(closes).toEqual([])
  })

  it('closes with 4429 a connection that sends more than BYTE_BURST bytes at once', async () => {
    const server = await start({ BYTE_BURST: '65536', BYTES_PER_SECOND: '1024', MAX_MESSAGE_BYTES: '16384' })
    const pad = await createTestPad(server.url)
    const closes: number[] = []
    const alice = watchedClient(server.wsUrl, pad.keys.edit, closes)
    await syncedWithin(alice)
    alice.text.insert(0, 'Alice')

    const mallory = await joinedRaw(server.wsUrl, pad.keys.edit)
    // Ten frames of 12 KB, each under the message size: the sixth passes the 64 KiB burst.
    for (let i = 0; i < 10; i++) mallory.socket.send(insertFrame(String(i).repeat(12_000)))
    expect(await closeCode(mallory)).toBe(CloseCode.rateLimited)

    alice.text.insert(0, '> ')
    expect(await freshTextAfter(server.wsUrl, pad.keys.view, '> ')).toBe('> Alice')
    const fresh = await freshClient(server.wsUrl, pad.keys.view)
    // Nothing past the burst got in: at most five of the ten frames.
    expect(fresh.doc.getText('flood').length).toBeLessThanOrEqual(5 * 12_000)
    expect(closes).toEqual([])
  })

  it('closes with 4429 the fourth connection from one address when MAX_CONNECTIONS_PER_ADDRESS is 3, and frees the slot when one leaves', async () => {
    const server = await start({ MAX_CONNECTIONS_PER_ADDRESS: '3' })
    const pad = await createTestPad(server.url)
    const closes: number[] = []
    const [alice, bob, chloe] = [0, 1, 2].map(() => watchedClient(server.wsUrl, pad.keys.edit, closes)) as [TestClient, TestClient, TestClient]
    await Promise.all([alice, bob, chloe].map((c) => syncedWithin(c)))

    const fourth = raw(server.wsUrl, pad.keys.view)
    expect(await closeCode(fourth)).toBe(CloseCode.rateLimited)
    alice.text.insert(0, 'les trois continuent')
    await waitUntil('bob and chloé get alice\'s edit', () => [bob, chloe].every((c) => c.text.toString() === 'les trois continuent'))
    expect(closes).toEqual([])

    chloe.destroy()
    await waitUntilMetric(server.url, 'atelier_connections', 2)
    const dylan = client(server.wsUrl, pad.keys.view)
    await syncedWithin(dylan)
    expect(dylan.text.toString()).toBe('les trois continuent')
  })

  it('closes with 4429 a connection past MAX_CONNECTIONS_PER_PAD, and serves other pads', async () => {
    const server = await start({ MAX_CONNECTIONS_PER_PAD: '2' })
    const pad = await createTestPad(server.url)
    const other = await createTestPad(server.url)
    const closes: number[] = []
    const alice = watchedClient(server.wsUrl, pad.keys.edit, closes)
    const bob = watchedClient(server.wsUrl, pad.keys.view, closes)
    await Promise.all([syncedWithin(alice), syncedWithin(bob)])

    const third = raw(server.wsUrl, pad.keys.view)
    expect(await closeCode(third)).toBe(CloseCode.rateLimited)
    const elsewhere = client(server.wsUrl, other.keys.edit)
    await syncedWithin(elsewhere)
    alice.text.insert(0, 'deux suffisent')
    await waitUntil('bob gets alice\'s edit', () => bob.text.toString() === 'deux suffisent')
    expect(closes).toEqual([])
  })

  it('closes with 1013 a connection to another pad when MAX_LOADED_PADS are loaded, and accepts it once one unloads', async () => {
    const server = await start({ MAX_LOADED_PADS: '1', ROOM_IDLE_MS: '0' })
    const first = await createTestPad(server.url)
    const second = await createTestPad(server.url)
    const alice = client(server.wsUrl, first.keys.edit)
    await syncedWithin(alice)
    alice.text.insert(0, 'premier pad')

    const refused = raw(server.wsUrl, second.keys.edit)
    expect(await closeCode(refused)).toBe(CloseCode.tryAgainLater)
    expect(server.server.relay.roomCount).toBe(1)

    alice.destroy()
    await waitUntil('the first pad unloads', () => server.server.relay.roomCount === 0)
    const bob = client(server.wsUrl, second.keys.edit)
    await syncedWithin(bob)
    bob.text.insert(0, 'second pad')
    expect(await freshTextAfter(server.wsUrl, second.keys.view, 'second pad')).toBe('second pad')
  })

  it('closes with 1009 a write that would grow the pad past MAX_DOCUMENT_BYTES, and stores nothing of it', async () => {
    const server = await start({ MAX_DOCUMENT_BYTES: '16384' })
    const pad = await createTestPad(server.url)
    const closes: number[] = []
    const alice = watchedClient(server.wsUrl, pad.keys.edit, closes)
    const bob = watchedClient(server.wsUrl, pad.keys.edit, closes)
    await Promise.all([syncedWithin(alice), syncedWithin(bob)])
    alice.text.insert(0, 'Alice')
    await waitUntil('bob sees alice', () => bob.text.toString() === 'Alice')

    const mallory = await joinedRaw(server.wsUrl, pad.keys.edit)
    mallory.socket.send(insertFrame('X'.repeat(20_000)))
    const closed = await closedWithin(mallory)
    expect(closed.code).toBe(CloseCode.messageTooBig)
    expect(closed.reason).toMatch(/full/)

    // Small writes still fit.
    alice.text.insert(5, ' et Bob')
    await waitUntil('bob sees it', () => bob.text.toString() === 'Alice et Bob')
    const fresh = await freshClient(server.wsUrl, pad.keys.view)
    expect(fresh.text.toString()).toBe('Alice et Bob')
    expect(fresh.doc.getText('flood').length).toBe(0)
    expect(closes).toEqual([])
    await server.close()
    const stored = await loadStoredDoc(server.dataDir, pad.id)
    expect(stored.getText('t').toString()).toBe('Alice et Bob')
    expect(stored.getText('flood').length).toBe(0)
  })

  it('closes with 1009 presence larger than MAX_AWARENESS_BYTES, from an edit or a view link', async () => {
    const server = await start({ MAX_AWARENESS_BYTES: '1024' })
    const pad = await createTestPad(server.url)
    const alice = client(server.wsUrl, pad.keys.edit)
    const bob = client(server.wsUrl, pad.keys.view)
    await Promise.all([syncedWithin(alice), syncedWithin(bob)])

    for (const key of [pad.keys.edit, pad.keys.view]) {
      const mallory = await joinedRaw(server.wsUrl, key)
      const { clientId, frame } = presenceFrame({ user: { name: 'M'.repeat(2000) } })
      mallory.socket.send(frame)
      expect(await closeCode(mallory)).toBe(CloseCode.messageTooBig)
      expect(bob.provider.awareness.getStates().has(clientId)).toBe(false)
    }
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    await waitUntil('bob sees alice\'s presence', () => {
      const state = bob.provider.awareness.getStates().get(alice.doc.clientID) as { user?: { name?: string } } | undefined
      return state?.user?.name === 'Alice'
    })
    expect([...bob.provider.awareness.getStates().values()].some((state) => JSON.stringify(state).includes('MMMM'))).toBe(false)
  })

  it('drops a connection that stops reading once MAX_BUFFERED_BYTES wait for it, while a reader gets every update', async () => {
    const maxBufferedBytes = 256 * 1024
    const server = await start({ MAX_BUFFERED_BYTES: String(maxBufferedBytes), MAX_MESSAGE_BYTES: String(maxBufferedBytes) })
    const pad = await createTestPad(server.url)
    const closes: number[] = []
    const writer = watchedClient(server.wsUrl, pad.keys.edit, closes)
    const reader = watchedClient(server.wsUrl, pad.keys.view, closes)
    await Promise.all([syncedWithin(writer), syncedWithin(reader)])
    const stalled = await joinedRaw(server.wsUrl, pad.keys.view)
    stalled.socket.pause()

    const dropped = (): boolean => server.logs.some((line) => line.msg === 'dropping a connection that does not read')
    const chunk = (i: number): string => `[${i}]`.padEnd(200_000, '.')
    // The kernel's socket buffers absorb the first megabytes: write until the drop, then a few more.
    let written = 0
    let afterDrop = 0
    while (afterDrop < 3) {
      if (written >= 60) throw new Error(`no drop after ${written} updates of 200 KB`)
      writer.text.insert(writer.text.length, chunk(written))
      written += 1
      const length = writer.text.length
      await waitUntil(`the reader has update ${written}`, () => reader.text.length === length)
      if (dropped()) afterDrop += 1
    }
    expect(reader.text.toString()).toBe(writer.text.toString())
    expect(await readMetric(server.url, 'atelier_closes_total', { code: 'backpressure' })).toBe(1)
    stalled.socket.resume()
    const closed = await closedWithin(stalled)
    expect(closed.code).toBe(1006)
    const received = stalled.frames.map((frame) => decodeMessage(frame)).filter((message) => message.type === 'update').length
    console.log(`backpressure: dropped the non-reader after ${written - afterDrop} updates of 200 KB; it had read ${received}`)
    expect(received).toBeLessThan(written)
    expect(closes).toEqual([])
  })

  it('keeps its heap through 30 oversized frames and a flood (child process)', async () => {
    const server = await resources.startProcess(makeTempDir(), { MAX_MESSAGE_BYTES: String(1024 * 1024) })
    const pad = await createTestPad(server.url)
    const alice = client(server.wsUrl, pad.keys.edit)
    await syncedWithin(alice)
    alice.text.insert(0, 'Alice')
    const heapBefore = await readMetric(server.url, 'nodejs_heap_size_used_bytes')
    const rssBefore = await readMetric(server.url, 'process_resident_memory_bytes')

    const oversized = new Uint8Array(4 * 1024 * 1024)
    const attackers = await Promise.all(Array.from({ length: 30 }, () => joinedRaw(server.wsUrl, pad.keys.edit)))
    for (const attacker of attackers) attacker.socket.send(oversized)
    const codes = await Promise.all(attackers.map((attacker) => closeCode(attacker, 10_000)))
    expect(new Set(codes)).toEqual(new Set([CloseCode.messageTooBig]))

    const flooder = await joinedRaw(server.wsUrl, pad.keys.edit)
    const frame = insertFrame('F'.repeat(8 * 1024))
    for (let i = 0; i < 5000; i++) flooder.socket.send(frame)
    expect(await closeCode(flooder, 10_000)).toBe(CloseCode.rateLimited)

    const heapAfter = await readMetric(server.url, 'nodejs_heap_size_used_bytes')
    const rssAfter = await readMetric(server.url, 'process_resident_memory_bytes')
    console.log(`memory: heap ${mb(heapBefore)} → ${mb(heapAfter)} MB, rss ${mb(rssBefore)} → ${mb(rssAfter)} MB`)
    expect(heapAfter - heapBefore).toBeLessThan(64 * 1024 * 1024)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    alice.text.insert(5, ' encore')
    expect(await freshTextAfter(server.wsUrl, pad.keys.view, 'Alice encore')).toBe('Alice encore')
  })
})

/** The text a client joining now reads once it contains `expected` (a write just made may still be on its way). */
async function freshTextAfter(wsUrl: string, key: string, expected: string): Promise<string> {
  const fresh = client(wsUrl, key)
  await waitUntil(`a fresh client reads ${JSON.stringify(expected)}`, () => fresh.text.toString().includes(expected))
  return fresh.text.toString()
}

async function waitUntilMetric(url: string, name: string, value: number): Promise<void> {
  const deadline = Date.now() + 5000
  while ((await readMetric(url, name)) !== value) {
    if (Date.now() > deadline) throw new Error(`${name} did not reach ${value}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A presence update from a new participant, encoded by y-protocols itself. */
function presenceFrame(state: unknown): { clientId: number; frame: Uint8Array } {
  const doc = new Y.Doc()
  const awareness = new Awareness(doc)
  awareness.setLocalState(state as Record<string, unknown>)
  const update = encodeAwarenessUpdate(awareness, [doc.clientID])
  awareness.destroy()
  return { clientId: doc.clientID, frame: encodeMessage({ type: 'awareness', update }) }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1)
}
