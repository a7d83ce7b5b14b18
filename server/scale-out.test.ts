/**
 * Several instances serving the same pads over PostgreSQL and Redis (issue 7),
 * each a real `server/main.ts` process as `npm start` runs it, with real
 * `postgres` and `redis-server` processes started for this file.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../shared/close-codes'
import { decodeMessage, encodeMessage } from '../shared/protocol'
import { startTestBalancer, type TestBalancer } from './test-balancer'
import { createTestPad, makeTempDir, waitUntil, whenJoined, whenSynced, type ServerProcess, type TestClient } from './test-harness'
import { useTestResources } from './test-resources'
import type { PostgresProcess, RedisProcess } from './test-services'

const services = useTestResources({ scope: 'file' })
const resources = useTestResources()
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
    const databaseUrl = await postgres.createSchema()
    const [a, b] = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)])
    const pad = await createTestPad(a.url)
    const alice = resources.client(a, pad.keys.edit)
    const bob = resources.client(b, pad.keys.edit)
    await Promise.all([whenSynced(alice), whenSynced(bob)])
    for (let i = 0; i < 500; i++) {
      alice.text.insert(alice.text.length, `a${i} `)
      bob.text.insert(0, `b${i} `)
      if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await waitUntil(
      'both clients converge on every edit',
      () => alice.text.toString() === bob.text.toString() && (alice.text.toString().match(/[ab]\d+ /g) ?? []).length === 1000,
      30_000,
    )
    // A third instance that never saw the traffic loads it all from PostgreSQL.
    const c = await startInstance(databaseUrl)
    const carol = resources.client(c, pad.keys.view)
    await whenSynced(carol)
    expect(carol.text.toString()).toBe(alice.text.toString())
  }, 60_000)

  it('loses nothing relayed when an instance is killed mid-burst: its clients reconnect to the other', async () => {
    const databaseUrl = await postgres.createSchema()
    const [a, b] = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)])
    const balancer: TestBalancer = await startTestBalancer([portOf(a), portOf(b)])
    try {
      const pad = await createTestPad(a.url)
      const writer = resources.client(balancer.wsUrl, pad.keys.edit)
      await whenSynced(writer)
      expect(balancer.connectionsPerBackend).toEqual([1, 0])
      const observer = resources.client(b, pad.keys.view)
      await whenSynced(observer)
      const total = 300
      for (let i = 0; i < total; i++) {
        writer.text.insert(writer.text.length, `<${i}>`)
        if (i === 100) {
          await waitUntil('the observer on the other instance saw the first markers', () => markers(observer.text.toString()).length > 50)
          a.child.kill('SIGKILL')
          await a.exited
        }
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
      const seenBeforeKill = markers(observer.text.toString())
      await waitUntil('the writer reconnected to the other instance', () => (balancer.connectionsPerBackend[1] ?? 0) >= 1 && writer.provider.synced, 20_000)
      await waitUntil('the observer has every marker', () => markers(observer.text.toString()).length === total, 20_000)
      const reader = resources.client(b, pad.keys.view)
      await whenSynced(reader)
      const stored = markers(reader.text.toString())
      for (const marker of seenBeforeKill) expect(stored).toContain(marker)
      expect(stored).toHaveLength(total)
    } finally {
      await balancer.close()
    }
  }, 60_000)

  it('applies a lock made on one instance to the connections of the other', async () => {
    const databaseUrl = await postgres.createSchema()
    const [a, b] = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)])
    const pad = await createTestPad(a.url)
    const participant = resources.raw(b, pad.keys.edit)
    await whenJoined(participant)
    expect(await patch(a.url, pad.keys.admin, { locked: true })).toBe(200)
    await waitUntil('the lock reached the other instance', () =>
      participant.frames.map((frame) => decodeMessage(frame)).some((message) => message.type === 'settings' && message.settings.locked),
    )
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'après le verrou')
    participant.socket.send(encodeMessage({ type: 'update', update: Y.encodeStateAsUpdate(doc) }))
    expect((await participant.closed).code).toBe(CloseCode.locked)
    const reader = resources.client(a, pad.keys.view)
    await whenSynced(reader)
    expect(reader.text.toString()).toBe('')
  }, 30_000)

  it('closes the other instance\'s connections on rotation (4411) and deletion (4410)', async () => {
    const databaseUrl = await postgres.createSchema()
    const [a, b] = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)])
    const pad = await createTestPad(a.url)
    const editor = resources.raw(b, pad.keys.edit)
    const reader = resources.raw(b, pad.keys.view)
    await Promise.all([whenJoined(editor), whenJoined(reader)])
    const rotated = await fetch(`${a.url}/api/pads/${pad.keys.admin}/rotate`, { method: 'POST' })
    expect(rotated.status).toBe(200)
    expect((await editor.closed).code).toBe(CloseCode.rotated)
    expect((await fetch(`${a.url}/api/pads/${pad.keys.admin}`, { method: 'DELETE' })).status).toBe(204)
    expect((await reader.closed).code).toBe(CloseCode.deleted)
  }, 30_000)

  it('gives a pad loaded by an instance in the middle of a burst on another everything, before and after', async () => {
    const databaseUrl = await postgres.createSchema()
    const [a, b] = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)])
    const pad = await createTestPad(a.url)
    const writer = resources.client(a, pad.keys.edit)
    await whenSynced(writer)
    const total = 400
    let lateReader: TestClient | null = null
    for (let i = 0; i < total; i++) {
      writer.text.insert(writer.text.length, `<${i}>`)
      // Instance b has nobody on this pad until now: it loads it mid-burst.
      if (i === 150) lateReader = resources.client(b, pad.keys.view)
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 2))
    }
    await waitUntil('the late reader on the other instance has every marker', () => markers(lateReader?.text.toString() ?? '').length === total, 20_000)
    expect(lateReader?.text.toString()).toBe(writer.text.toString())
  }, 30_000)

  it('serves each instance\'s clients while Redis is down and converges once it is back', async () => {
    const databaseUrl = await postgres.createSchema()
    const [a, b] = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)])
    const pad = await createTestPad(a.url)
    const alice = resources.client(a, pad.keys.edit)
    const bob = resources.client(b, pad.keys.edit)
    await Promise.all([whenSynced(alice), whenSynced(bob)])
    alice.text.insert(0, 'avant ')
    await waitUntil('bob sees alice', () => bob.text.toString().includes('avant'))
    await redis.stop()
    alice.text.insert(alice.text.length, '[alice pendant la coupure]')
    bob.text.insert(0, '[bob pendant la coupure]')
    const aliceOnly = resources.client(a, pad.keys.view)
    await whenSynced(aliceOnly)
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
    const databaseUrl = await ownPostgres.createSchema()
    const [a, b] = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)])
    const pad = await createTestPad(a.url)
    const alice = resources.client(a, pad.keys.edit)
    const bob = resources.client(b, pad.keys.view)
    await Promise.all([whenSynced(alice), whenSynced(bob)])
    const aliceCloses = closeCodesOf(alice)
    await ownPostgres.stop()
    alice.text.insert(0, 'pas encore stocké')
    await waitUntil('alice was told the storage is unavailable', () => aliceCloses.includes(CloseCode.storeUnavailable), 15_000)
    expect(bob.text.toString()).toBe('')
    await ownPostgres.start()
    await waitUntil('alice\'s text is stored and relayed once PostgreSQL is back', () => bob.text.toString() === 'pas encore stocké', 30_000)
  }, 60_000)
})
