/**
 * Several instances serving the same pads over PostgreSQL and Redis,
 * each a real `server/main.ts` process as `npm start` runs it, with real
 * `postgres` and `redis-server` processes started for this file.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import pg from 'pg'
import type { CreatePadResponse, PadVersionResponse } from '../../shared/protocol/api'
import { bodyFragmentName } from '../../shared/pad/schema'
import { participantSecretParam } from '../../shared/protocol/participant-id'
import { newParticipant, plainText, typeCredited } from '../testing/credited-text'
import { CloseCode } from '../../shared/protocol/close-codes'
import { decodeMessage, encodeMessage } from '../../shared/protocol/messages'
import { startBalancer, type Balancer } from './balancer'
import { createTestPad, makeTempDir, waitUntil, type ServerProcess, type TestClient } from '../testing/harness'
import { useTestResources } from '../testing/resources'
import { createLogger } from '../log'
import { createPostgresStore } from '../store/postgres-store'
import type { PostgresProcess, RedisProcess } from './local-services'

const services = useTestResources({ scope: 'file' })
const resources = useTestResources()
const { syncedClient, joinedRaw } = resources
let postgres: PostgresProcess
let redis: RedisProcess

beforeAll(async () => {
  ;[postgres, redis] = await Promise.all([services.startPostgres(), services.startRedis()])
}, 60_000)

/** An instance on its own empty data dir; everything it keeps is in PostgreSQL. */
function startInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  return resources.startProcess(makeTempDir(), {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    LOG_LEVEL: 'warn',
    ...env,
  })
}

/** Two instances over one fresh schema and the shared Redis, and a pad created through the first's API. */
interface TwoInstances {
  a: ServerProcess
  b: ServerProcess
  databaseUrl: string
  pad: CreatePadResponse
}

/** Starts {@link TwoInstances} in a fresh schema of `on` (the file's PostgreSQL unless a test needs its own). */
async function startTwoInstancesWithPad(on: PostgresProcess = postgres): Promise<TwoInstances> {
  const databaseUrl = await on.createSchema()
  const [a, b] = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)])
  const pad = await createTestPad(a.url)
  return { a, b, databaseUrl, pad }
}

/** Lets sockets and timers run between the parts of a burst, so that it is spread over time rather than sent in one turn of the event loop. */
function pauseBurst(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function portOf(instance: ServerProcess): number {
  return Number(new URL(instance.url).port)
}

function closeCodesOf(client: TestClient): number[] {
  const codes: number[] = []
  client.provider.on('connection-close', (event: { code: number } | null) => {
    if (event !== null) codes.push(event.code)
  })
  return codes
}

async function patch(url: string, key: string, body: unknown): Promise<number> {
  const response = await fetch(`${url}/api/pads/${key}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return response.status
}

const markers = (text: string): string[] => text.match(/<\d+>/g) ?? []

describe('several instances over PostgreSQL and Redis', () => {
  it('makes a client on each instance converge on 1,000 edits, all in the store', async () => {
    const { a, b, databaseUrl, pad } = await startTwoInstancesWithPad()
    const [alice, bob] = await Promise.all([syncedClient(a, pad.keys.edit), syncedClient(b, pad.keys.edit)])
    for (let i = 0; i < 500; i++) {
      alice.text.insert(alice.text.length, `a${i} `)
      bob.text.insert(0, `b${i} `)
      if (i % 25 === 0) await pauseBurst(5)
    }
    await waitUntil(
      'both clients converge on every edit',
      () => alice.text.toString() === bob.text.toString() && (alice.text.toString().match(/[ab]\d+ /g) ?? []).length === 1000,
      30_000,
    )
    // A third instance that never saw the traffic loads it all from PostgreSQL.
    const c = await startInstance(databaseUrl)
    const carol = await syncedClient(c, pad.keys.view)
    expect(carol.text.toString()).toBe(alice.text.toString())
  }, 60_000)

  it('loses nothing relayed when an instance is killed mid-burst: its clients reconnect to the other', async () => {
    const { a, b, pad } = await startTwoInstancesWithPad()
    const balancer: Balancer = await startBalancer([portOf(a), portOf(b)])
    try {
      const writer = await syncedClient(balancer.wsUrl, pad.keys.edit)
      expect(balancer.connectionsPerBackend).toEqual([1, 0])
      const observer = await syncedClient(b, pad.keys.view)
      const total = 300
      for (let i = 0; i < total; i++) {
        writer.text.insert(writer.text.length, `<${i}>`)
        if (i === 100) {
          await waitUntil('the observer on the other instance saw the first markers', () => markers(observer.text.toString()).length > 50)
          a.child.kill('SIGKILL')
          await a.exited
        }
        await pauseBurst(2)
      }
      const seenBeforeKill = markers(observer.text.toString())
      await waitUntil('the writer reconnected to the other instance', () => (balancer.connectionsPerBackend[1] ?? 0) >= 1 && writer.provider.synced, 20_000)
      await waitUntil('the observer has every marker', () => markers(observer.text.toString()).length === total, 20_000)
      const reader = await syncedClient(b, pad.keys.view)
      const stored = markers(reader.text.toString())
      for (const marker of seenBeforeKill) expect(stored).toContain(marker)
      expect(stored).toHaveLength(total)
    } finally {
      await balancer.close()
    }
  }, 60_000)

  it('applies a lock made on one instance to the connections of the other', async () => {
    const { a, b, pad } = await startTwoInstancesWithPad()
    const participant = await joinedRaw(b, pad.keys.edit)
    expect(await patch(a.url, pad.keys.admin, { locked: true })).toBe(200)
    await waitUntil('the lock reached the other instance', () =>
      participant.frames.map((frame) => decodeMessage(frame)).some((message) => message.type === 'settings' && message.settings.locked),
    )
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'après le verrou')
    participant.socket.send(encodeMessage({ type: 'update', update: Y.encodeStateAsUpdate(doc) }))
    expect((await participant.closed).code).toBe(CloseCode.locked)
    const reader = await syncedClient(a, pad.keys.view)
    expect(reader.text.toString()).toBe('')
  }, 30_000)

  it('stores a restore asked on one instance once, and relays it once to the clients of the other', async () => {
    const { a, b, databaseUrl, pad } = await startTwoInstancesWithPad()
    const alice = newParticipant()
    const writer = resources.client(b, pad.keys.edit, new Y.Doc(), { [participantSecretParam]: alice.secret })
    const observer = await syncedClient(b, pad.keys.view)
    await waitUntil('the writer synced', () => writer.provider.synced)
    const bodyText = (client: TestClient): string => plainText(Y.encodeStateAsUpdate(client.doc))
    typeCredited(writer, alice, 'Alice', 'Une recette à garder')
    await waitUntil('the observer has it', () => bodyText(observer) === 'Une recette à garder')
    // Instance a has nobody on the pad: the version comes from PostgreSQL.
    const named = await fetch(`${a.url}/api/pads/${pad.keys.admin}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'à garder' }),
    })
    expect(named.status).toBe(201)
    const { version } = (await named.json()) as PadVersionResponse
    const body = writer.doc.getXmlFragment(bodyFragmentName)
    body.delete(0, body.length)
    await waitUntil('the observer sees the pad emptied', () => bodyText(observer) === '')
    const countUpdates = async (): Promise<number> => {
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      try {
        return Number((await client.query<{ count: string }>('SELECT count(*) FROM pad_updates WHERE pad_id = $1', [pad.id])).rows[0]?.count)
      } finally {
        await client.end()
      }
    }
    const storedBefore = await countUpdates()
    const relayed: Uint8Array[] = []
    observer.doc.on('update', (update: Uint8Array) => relayed.push(update))

    const restored = await fetch(`${a.url}/api/pads/${pad.keys.edit}/versions/${version.id}/restore`, { method: 'POST' })
    expect(restored.status).toBe(200)
    await waitUntil('the restore reached the other instance’s clients', () => bodyText(observer) === 'Une recette à garder' && bodyText(writer) === 'Une recette à garder', 10_000)
    expect(relayed).toHaveLength(1)
    expect(await countUpdates()).toBe(storedBefore + 1)
    // What a fresh reader loads from PostgreSQL is the restored pad, once.
    const late = await syncedClient(a, pad.keys.view)
    expect(bodyText(late)).toBe('Une recette à garder')
  }, 30_000)

  it('starts a restore from everything stored, the other instance’s restore included, and applies two at once one after the other', async () => {
    const { a, b, databaseUrl, pad } = await startTwoInstancesWithPad()
    const alice = newParticipant()
    const onA = resources.client(a, pad.keys.edit, new Y.Doc(), { [participantSecretParam]: alice.secret })
    const onB = await syncedClient(b, pad.keys.view)
    await waitUntil('the writer synced', () => onA.provider.synced)
    const phrase = 'Une recette à garder'
    const pageBody = (client: TestClient): string => wholeBody(Y.encodeStateAsUpdate(client.doc))
    typeCredited(onA, alice, 'Alice', phrase)
    await waitUntil('the other instance has it', () => pageBody(onB) === phrase)
    const named = await fetch(`${a.url}/api/pads/${pad.keys.admin}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'à garder' }),
    })
    const { version } = (await named.json()) as PadVersionResponse
    const emptyThePad = async (): Promise<void> => {
      const body = onA.doc.getXmlFragment(bodyFragmentName)
      body.delete(0, body.length)
      await waitUntil('both instances’ pages see the pad emptied', () => pageBody(onB) === '' && pageBody(onA) === '')
    }
    const restore = (instance: typeof a): Promise<Response> => fetch(`${instance.url}/api/pads/${pad.keys.edit}/versions/${version.id}/restore`, { method: 'POST' })
    const storedBody = async (): Promise<string> => {
      const stored = await createPostgresStore({ url: databaseUrl }, { log: createLogger('silent') })
      try {
        const { snapshot, updates } = await stored.loadDocument(pad.id)
        return wholeBody(Y.mergeUpdates(snapshot === null ? updates : [snapshot, ...updates]))
      } finally {
        await stored.close()
      }
    }

    // Both instances hold the pad loaded and emptied. Each is asked to restore
    // it while Redis hangs (its messages wait, the rooms stay): instance b can
    // know of a's restore only from PostgreSQL.
    await emptyThePad()
    redis.pause()
    try {
      expect((await restore(a)).status).toBe(200)
      expect((await restore(b)).status).toBe(200)
      expect(await storedBody()).toBe(phrase)
    } finally {
      redis.resume()
    }
    await waitUntil('both pages have the text back, once', () => pageBody(onA) === phrase && pageBody(onB) === phrase, 20_000)

    // Asked on both at once: the pad's lock in PostgreSQL puts one after the other.
    await emptyThePad()
    expect((await Promise.all([restore(a), restore(b)])).map((answer) => answer.status)).toEqual([200, 200])
    expect(await storedBody()).toBe(phrase)
    await waitUntil('both pages have the text back, once', () => pageBody(onA) === phrase && pageBody(onB) === phrase, 20_000)
  }, 40_000)

  it('closes the other instance\'s connections on rotation (4411) and deletion (4410), and answers the old edit link as replaced', async () => {
    const { a, b, pad } = await startTwoInstancesWithPad()
    const [editor, reader] = await Promise.all([joinedRaw(b, pad.keys.edit), joinedRaw(b, pad.keys.view)])
    const rotated = await fetch(`${a.url}/api/pads/${pad.keys.admin}/rotate`, { method: 'POST' })
    expect(rotated.status).toBe(200)
    expect((await editor.closed).code).toBe(CloseCode.rotated)
    // The old link's tombstone is in PostgreSQL: the other instance knows it too.
    expect((await fetch(`${b.url}/api/pads/${pad.keys.edit}`)).status).toBe(410)
    expect((await resources.raw(b, pad.keys.edit).closed).code).toBe(CloseCode.rotated)
    expect((await fetch(`${a.url}/api/pads/${pad.keys.admin}`, { method: 'DELETE' })).status).toBe(204)
    expect((await reader.closed).code).toBe(CloseCode.deleted)
    expect((await fetch(`${b.url}/api/pads/${pad.keys.edit}`)).status).toBe(404)
  }, 30_000)

  it('gives a pad loaded by an instance in the middle of a burst on another everything, before and after', async () => {
    const { a, b, pad } = await startTwoInstancesWithPad()
    const writer = await syncedClient(a, pad.keys.edit)
    const total = 400
    let lateReader: TestClient | null = null
    for (let i = 0; i < total; i++) {
      writer.text.insert(writer.text.length, `<${i}>`)
      // Instance b has nobody on this pad until now: it loads it mid-burst.
      if (i === 150) lateReader = resources.client(b, pad.keys.view)
      if (i % 10 === 9) await pauseBurst(2)
    }
    await waitUntil('the late reader on the other instance has every marker', () => markers(lateReader?.text.toString() ?? '').length === total, 20_000)
    expect(lateReader?.text.toString()).toBe(writer.text.toString())
  }, 30_000)

  it('serves each instance\'s clients while Redis is down and converges once it is back', async () => {
    const { a, b, pad } = await startTwoInstancesWithPad()
    const [alice, bob] = await Promise.all([syncedClient(a, pad.keys.edit), syncedClient(b, pad.keys.edit)])
    alice.text.insert(0, 'avant ')
    await waitUntil('bob sees alice', () => bob.text.toString().includes('avant'))
    await redis.stop()
    alice.text.insert(alice.text.length, '[alice pendant la coupure]')
    bob.text.insert(0, '[bob pendant la coupure]')
    const aliceOnly = await syncedClient(a, pad.keys.view)
    await waitUntil('instance a serves its own clients', () => aliceOnly.text.toString().includes('[alice pendant la coupure]'))
    await redis.start()
    await waitUntil(
      'both converge after Redis is back',
      () => alice.text.toString() === bob.text.toString() && alice.text.toString().includes('[bob pendant la coupure]'),
      20_000,
    )
    alice.text.insert(alice.text.length, ' après')
    await waitUntil('the channel works again', () => bob.text.toString().endsWith(' après'), 10_000)
  }, 60_000)

  it('stops accepting writes with 1014 while PostgreSQL is down, relays nothing unstored, and takes them once it is back', async () => {
    const ownPostgres = await resources.startPostgres()
    const { a, b, pad } = await startTwoInstancesWithPad(ownPostgres)
    const [alice, bob] = await Promise.all([syncedClient(a, pad.keys.edit), syncedClient(b, pad.keys.view)])
    const aliceCloses = closeCodesOf(alice)
    await ownPostgres.stop()
    alice.text.insert(0, 'pas encore stocké')
    await waitUntil('alice was told the storage is unavailable', () => aliceCloses.includes(CloseCode.storeUnavailable), 15_000)
    expect(bob.text.toString()).toBe('')
    await ownPostgres.start()
    await waitUntil('alice\'s text is stored and relayed once PostgreSQL is back', () => bob.text.toString() === 'pas encore stocké', 30_000)
  }, 60_000)
})

/** The text of every paragraph of the body, one per line. */
function wholeBody(state: Uint8Array): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
    .getXmlFragment(bodyFragmentName)
    .toArray()
    .map((block) => (block instanceof Y.XmlElement ? block.toArray().map((child) => (child instanceof Y.XmlText ? child.toString().replace(/<[^>]*>/g, '') : '')).join('') : ''))
    .join('\n')
}
