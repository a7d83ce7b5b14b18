/**
 * Seeded fuzzing of the relay (DESIGN.md, "Bad input"): attacker connections
 * send thousands of random, truncated, bit-flipped and well-framed-but-random
 * messages into a pad where two honest stock clients keep editing. The server
 * must stay up, close only the attackers and only with a protocol close code,
 * leave the honest clients converged and another pad untouched, and store
 * nothing that does not load cleanly after a restart.
 *
 * The seed is printed; `FUZZ_SEED=<n> npx vitest run server/relay/fuzz.integration.test.ts`
 * replays a run. Every message is generated from the seed before the first
 * one is sent, so a replay sends the same messages whatever the timing.
 */
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes'
import { encodeMessage } from '../../shared/protocol/messages'
import { createSeededRandom, type SeededRandom } from '../testing/seeded-random'
import {
  closeCode,
  connectClient,
  connectRaw,
  createTestPad,
  hasPending,
  readMetric,
  startTestServer,
  syncedWithin,
  updatesOf,
  waitUntil,
  type RawClient,
  type TestClient,
  type TestServer,
} from '../testing/harness'

const defaultSeed = 0x7a11e4
/** Fuzz messages generated for a run, about three and a half per attacker connection… */
const messageCount = 10_000
/** …of which as many as fit in this time are sent: a replay sends a prefix of the same sequence. */
const sendingBudgetMs = 6000
/** Fewer sent than this means the machine was too busy for the run to mean much. */
const minimumSent = 1000
/** Attacker connections open at once. */
const lanes = 8
/** Codes an attacker may be closed with: each names something it did wrong. */
const refusalCodes: readonly number[] = [
  CloseCode.protocolError,
  CloseCode.unsupportedData,
  CloseCode.invalidPayload,
  CloseCode.messageTooBig,
  CloseCode.tryAgainLater,
  CloseCode.rateLimited,
]

const servers: TestServer[] = []
const clients: TestClient[] = []
const raws: RawClient[] = []

afterEach(async () => {
  for (const raw of raws.splice(0)) raw.socket.terminate()
  for (const client of clients.splice(0)) client.destroy()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

function client(wsUrl: string, key: string): TestClient {
  const made = connectClient(wsUrl, key)
  clients.push(made)
  return made
}

type Random = SeededRandom

interface Corpus {
  /** Valid frames of every kind the protocol has. */
  frames: Uint8Array[]
  /** Valid Yjs updates, to be damaged inside a valid frame. */
  updates: Uint8Array[]
}

/** Valid frames and updates, from docs and presences of their own. */
function buildCorpus(random: Random): Corpus {
  const doc = new Y.Doc()
  doc.clientID = 1 + random.int(2 ** 31)
  const text = doc.getText('fuzz')
  const map = doc.getMap('fuzz-map')
  const array = doc.getArray<unknown>('fuzz-array')
  const updates = updatesOf(doc, () => {
    for (let i = 0; i < 40; i++) {
      const op = random.int(5)
      if (op === 0 || text.length === 0) text.insert(random.int(text.length + 1), random.text(12))
      else if (op === 1) text.delete(random.int(text.length), 1 + random.int(3))
      else if (op === 2) map.set(random.text(3), random.pick([random.int(1000), random.text(5), [random.text(2)], null]))
      else if (op === 3) array.insert(random.int(array.length + 1), [random.text(4), random.int(99)])
      else text.format(random.int(text.length), 1 + random.int(3), { bold: true })
    }
  })
  const frames = updates.flatMap((update) => [
    encodeMessage({ type: 'update', update }),
    encodeMessage({ type: 'sync-step-2', update }),
  ])
  frames.push(encodeMessage({ type: 'sync-step-2', update: Y.encodeStateAsUpdate(doc) }))
  frames.push(encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) }))
  frames.push(encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) }))
  for (let i = 0; i < 4; i++) {
    const presenceDoc = new Y.Doc()
    presenceDoc.clientID = 1 + random.int(2 ** 31)
    const awareness = new Awareness(presenceDoc)
    awareness.setLocalState({ user: { name: random.text(8), color: '#3a7' }, cursor: { anchor: random.int(50) } })
    frames.push(encodeMessage({ type: 'awareness', update: encodeAwarenessUpdate(awareness, [presenceDoc.clientID]) }))
    awareness.destroy()
  }
  frames.push(encodeMessage({ type: 'query-awareness' }))
  frames.push(encodeMessage({ type: 'stored', writeCount: random.int(10) }))
  // The settings message (type 101) is the server's alone: a client sending one tries to unlock or retitle the pad.
  const settings = encoding.createEncoder()
  encoding.writeVarUint(settings, 101)
  encoding.writeVarString(settings, JSON.stringify({ title: random.text(6), locked: false }))
  frames.push(encoding.toUint8Array(settings))
  return { frames, updates: [...updates, Y.encodeStateAsUpdate(doc)] }
}

/** A copy of `bytes` with one to three bits flipped. */
function flipBits(random: Random, bytes: Uint8Array): Uint8Array {
  const flipped = bytes.slice()
  for (let flips = 1 + random.int(3); flips > 0; flips--) {
    const at = random.int(flipped.length)
    flipped[at] = (flipped[at] as number) ^ (1 << random.int(8))
  }
  return flipped
}

/** One hostile message: random bytes, or a valid frame cut, flipped, glued, or carrying a damaged or random payload. */
function fuzzMessage(random: Random, corpus: Corpus): Uint8Array {
  const valid = random.pick(corpus.frames)
  switch (random.int(7)) {
    case 0:
      return random.bytes(random.int(random.pick([16, 256, 4096]) + 1))
    case 1:
      return valid.slice(0, random.int(valid.length))
    case 2:
      return flipBits(random, valid)
    case 3: {
      const payload = random.bytes(random.int(200))
      const type = random.pick(['sync-step-1', 'sync-step-2', 'update', 'awareness'] as const)
      return type === 'sync-step-1' ? encodeMessage({ type, stateVector: payload }) : encodeMessage({ type, update: payload })
    }
    case 4:
      return randomAwareness(random)
    case 5: {
      // A damaged Yjs update in a well-formed frame: this reaches Yjs's decoder.
      const update = random.pick(corpus.updates)
      const damaged = random.next() < 0.7 ? flipBits(random, update) : update.slice(0, random.int(update.length))
      return encodeMessage({ type: random.pick(['update', 'sync-step-2'] as const), update: damaged })
    }
    default: {
      // A valid frame with bytes after it, or two frames glued into one.
      const tail = random.next() < 0.5 ? random.bytes(1 + random.int(8)) : random.pick(corpus.frames)
      const glued = new Uint8Array(valid.length + tail.length)
      glued.set(valid)
      glued.set(tail, valid.length)
      return glued
    }
  }
}

/** An awareness message that is well framed, with entries that may lie about their ids, clocks or JSON. */
function randomAwareness(random: Random): Uint8Array {
  const encoder = encoding.createEncoder()
  const count = random.int(4)
  encoding.writeVarUint(encoder, random.next() < 0.1 ? 2 ** 31 : count)
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, random.pick([0, 1, random.int(2 ** 31), 2 ** 32 + random.int(1000)]))
    encoding.writeVarUint(encoder, random.pick([0, 1, random.int(100), 2 ** 40]))
    encoding.writeVarString(encoder, random.pick(['null', '{}', '{"user":{"name":"x"}}', '{', '[1,2', '"\\ud800"', random.text(10)]))
  }
  return encodeMessage({ type: 'awareness', update: encoding.toUint8Array(encoder) })
}

/** Marks the end of an attacker's batch: an unknown message type, which closes it if nothing before did. */
const terminator = new Uint8Array([7])

describe('fuzz', () => {
  it('survives thousands of hostile frames: attackers closed, honest clients converged, other pad untouched, store clean', async () => {
    const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) >>> 0 : defaultSeed
    console.log(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed} npx vitest run server/relay/fuzz.integration.test.ts)`)
    const random = createSeededRandom(seed)
    const corpus = buildCorpus(random)
    const batches: Uint8Array[][] = []
    for (let generated = 0; generated < messageCount; ) {
      const batch = Array.from({ length: 1 + random.int(6) }, () => fuzzMessage(random, corpus))
      batches.push(batch)
      generated += batch.length
    }

    const startedAt = Date.now()
    const first = await startTestServer({ LOG_LEVEL: 'info' })
    servers.push(first)
    const pad = await createTestPad(first.url, 'Pad attaqué')
    const other = await createTestPad(first.url, 'Pad voisin')
    const neighbour = client(first.wsUrl, other.keys.edit)
    await syncedWithin(neighbour)
    neighbour.text.insert(0, 'le pad voisin ne bouge pas')

    const honestCloses: number[] = []
    const alice = client(first.wsUrl, pad.keys.edit)
    const bob = client(first.wsUrl, pad.keys.edit)
    for (const honest of [alice, bob, neighbour]) {
      honest.provider.on('connection-close', (event: { code: number } | null) => honestCloses.push(event?.code ?? -1))
    }
    await Promise.all([syncedWithin(alice), syncedWithin(bob)])
    const markers: string[] = []
    const edit = (round: number): void => {
      // At the ends only, so that no marker is ever split by another.
      const [a, b] = [`<A${round}>`, `<B${round}>`]
      alice.text.insert(alice.text.length, a)
      bob.text.insert(0, b)
      markers.push(a, b)
    }

    const codes = new Map<number, number>()
    let nextBatch = 0
    let attackers = 0
    let sent = 0
    const sendingEndsAt = Date.now() + sendingBudgetMs
    const runLane = async (): Promise<void> => {
      while (nextBatch < batches.length && Date.now() < sendingEndsAt) {
        const batch = batches[nextBatch] as Uint8Array[]
        nextBatch += 1
        if (nextBatch % 40 === 0) edit(nextBatch / 40)
        const attacker = connectRaw(first.wsUrl, attackers % 5 === 4 ? pad.keys.view : pad.keys.edit)
        attacker.socket.on('error', () => {})
        raws.push(attacker)
        attackers += 1
        await attacker.opened
        for (const message of batch) attacker.socket.send(message)
        sent += batch.length
        attacker.socket.send(terminator)
        const code = await closeCode(attacker)
        codes.set(code, (codes.get(code) ?? 0) + 1)
        raws.splice(raws.indexOf(attacker), 1)
      }
    }
    await Promise.all(Array.from({ length: lanes }, runLane))
    const fuzzMs = Date.now() - startedAt
    const handled = await readMetric(first.url, 'atelier_messages_in_total')
    console.log(
      `fuzz: ${sent} messages (of ${messageCount} generated) from ${attackers} attacker connections in ${fuzzMs} ms; ` +
        `${handled} messages decoded by the server (honest ones included); ` +
        `close codes ${JSON.stringify(Object.fromEntries(codes))}; ` +
        `${await readMetric(first.url, 'atelier_document_rebuilds_total')} updates refused by Yjs after the checks`,
    )
    expect(sent).toBeGreaterThanOrEqual(minimumSent)
    for (const code of codes.keys()) expect(refusalCodes).toContain(code)

    expect((await fetch(`${first.url}/healthz`)).status).toBe(200)
    edit(0)
    await waitUntil('the honest clients converge', () => alice.text.toString() === bob.text.toString() && markers.every((m) => alice.text.toString().includes(m)))
    const honestText = alice.text.toString()
    const fresh = client(first.wsUrl, pad.keys.view)
    await syncedWithin(fresh)
    expect(fresh.text.toString()).toBe(honestText)
    expect(hasPending(fresh.doc)).toBe(false)

    const neighbourReader = client(first.wsUrl, other.keys.view)
    await syncedWithin(neighbourReader)
    expect(neighbourReader.text.toString()).toBe('le pad voisin ne bouge pas')
    neighbour.text.insert(0, 'Toujours modifiable : ')
    await waitUntil('the neighbour pad is still editable', () => neighbourReader.text.toString() === 'Toujours modifiable : le pad voisin ne bouge pas')
    expect(honestCloses).toEqual([])
    expect(first.logs.filter((line) => (line.level as number) >= 50)).toEqual([])

    for (const made of clients.splice(0)) made.destroy()
    await first.close()
    const second = await startTestServer({ LOG_LEVEL: 'info' }, first.dataDir)
    servers.push(second)
    const reloaded = client(second.wsUrl, pad.keys.view)
    const reloadedNeighbour = client(second.wsUrl, other.keys.view)
    await Promise.all([syncedWithin(reloaded), syncedWithin(reloadedNeighbour)])
    expect(reloaded.text.toString()).toBe(honestText)
    expect(hasPending(reloaded.doc)).toBe(false)
    expect(reloadedNeighbour.text.toString()).toBe('Toujours modifiable : le pad voisin ne bouge pas')
    expect(second.logs.filter((line) => (line.level as number) >= 40)).toEqual([])
  }, 30_000)
})
