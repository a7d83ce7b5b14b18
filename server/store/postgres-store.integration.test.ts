import fs from 'node:fs'
import { inspect } from 'node:util'
import { Writable } from 'node:stream'
import pg from 'pg'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../log'
import { postgresMigrations } from './postgres-migrations'
import { createPostgresStore, describeDatabaseUrl, type PostgresStoreOptions } from './postgres-store'
import { StoreError, type PadKeyHashes, type PadRecord, type Store } from './store'
import type { PadVersion } from '../history/version'
import { describeStore, docOf, newPad, textOf } from '../testing/store/store-suite'
import { createTestPad, makeTempDir, waitUntil, whenSynced } from '../testing/harness'
import { useTestResources } from '../testing/resources'
import type { PostgresProcess } from '../scale-out/local-services'

// One postgres for the whole file (it takes about a second to start); each test gets its own schema.
const resources = useTestResources({ scope: 'file' })
const perTest = useTestResources()
let postgres: PostgresProcess
beforeAll(async () => {
  postgres = await resources.startPostgres()
})

const logLines: string[] = []
const log = createLogger(
  'warn',
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'))
      done()
    },
  }),
)

/** The schema version before edit-key tombstones: databases migrated then hold no `pad_replaced_keys`. */
const versionBeforeTombstones = 2
/** The schema version before pad histories: databases migrated then hold no `pad_versions`. */
const versionBeforeVersions = 3
/** The schema version before restores and published recipes: no `restore_role`, `published_version`, nor version pins. */
const versionBeforeRestores = 4

/** Writes `pad`, its key hashes and `content` into the schema at `url` as migration `version` left them, without opening a store. */
async function writeOldSchema(url: string, version: number, pad: PadRecord, hashes: PadKeyHashes, content: Uint8Array, padVersion?: PadVersion): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    // What postgres-pool.ts's migrate() leaves, stopped at that version.
    await client.query('CREATE TABLE atelier_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())')
    for (const [index, step] of postgresMigrations.slice(0, version).entries()) {
      await client.query(step)
      await client.query('INSERT INTO atelier_migrations (version) VALUES ($1)', [index + 1])
    }
    await client.query(
      `INSERT INTO pads (id, title, language, event_name, event_date, event_place, license, data_license, locked, lifetime,
         view_key, edit_key_generation, created_at_ms, updated_at_ms, first_edit_at_ms, last_edit_at_ms, extra_contributors, last_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1)`,
      [pad.id, pad.title, pad.language, pad.eventName, pad.eventDate, pad.eventPlace, pad.license, pad.dataLicense, pad.locked,
        pad.lifetime, pad.viewKey, pad.editKeyGeneration, pad.createdAtMs, pad.updatedAtMs, pad.firstEditAtMs, pad.lastEditAtMs,
        JSON.stringify(pad.extraContributors)],
    )
    for (const role of ['edit', 'view', 'admin'] as const) {
      await client.query('INSERT INTO pad_keys (key_hash, pad_id, role) VALUES ($1, $2, $3)', [Buffer.from(hashes[role]), pad.id, role])
    }
    await client.query('INSERT INTO pad_updates (pad_id, seq, data) VALUES ($1, 1, $2)', [pad.id, Buffer.from(content)])
    if (padVersion !== undefined) {
      await client.query(
        `INSERT INTO pad_versions (id, pad_id, created_at_ms, kind, name, state, byte_size, present, characters)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [padVersion.id, padVersion.padId, padVersion.createdAtMs, padVersion.kind, padVersion.name, Buffer.from(padVersion.state), padVersion.byteSize,
          JSON.stringify(padVersion.presentParticipantIds), JSON.stringify(padVersion.charactersByParticipant)],
      )
    }
  } finally {
    await client.end()
  }
}

describeStore('postgres', async () => {
  const url = await postgres.createSchema()
  return {
    open: () => createPostgresStore({ url }, { log }),
    reopen: () => createPostgresStore({ url }, { log }),
    writeBeforeTombstones: (pad, hashes, content) => writeOldSchema(url, versionBeforeTombstones, pad, hashes, content),
    writeBeforeVersions: (pad, hashes, content) => writeOldSchema(url, versionBeforeVersions, pad, hashes, content),
    writeBeforeRestores: (pad, hashes, content, version) => writeOldSchema(url, versionBeforeRestores, pad, hashes, content, version),
  }
})

describe('postgres store', () => {
  it('adds restores and published recipes as a step of their own, after the schema databases already have', () => {
    expect(postgresMigrations.length).toBeGreaterThan(versionBeforeRestores)
    expect(postgresMigrations[versionBeforeRestores]).toContain('published_version')
    expect(postgresMigrations.slice(0, versionBeforeRestores).join('')).not.toMatch(/published_version|restore_role|is_pinned/)
  })

  it('adds pad histories as a step of its own, after the schema databases already have', () => {
    expect(postgresMigrations.length).toBeGreaterThan(versionBeforeVersions)
    expect(postgresMigrations[versionBeforeVersions]).toContain('CREATE TABLE pad_versions')
    expect(postgresMigrations.slice(0, versionBeforeVersions).join('')).not.toContain('pad_versions')
  })

  it('adds the tombstones as a step of its own, after the schema databases already have', () => {
    expect(postgresMigrations.length).toBeGreaterThan(versionBeforeTombstones)
    expect(postgresMigrations[versionBeforeTombstones]).toContain('CREATE TABLE pad_replaced_keys')
    expect(postgresMigrations.slice(0, versionBeforeTombstones).join('')).not.toContain('pad_replaced_keys')
  })

  const opened: Store[] = []
  const open = async (options: PostgresStoreOptions): Promise<Store> => {
    const store = await createPostgresStore(options, { log })
    opened.push(store)
    return store
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
  })
  /** Two instances on one fresh schema, and an empty pad the first created. */
  const openTwoInstances = async (): Promise<{ first: Store; second: Store; padId: string }> => {
    const url = await postgres.createSchema()
    const [first, second] = await Promise.all([open({ url }), open({ url })])
    const { pad, hashes } = newPad('')
    await first.createPad(pad, hashes, null)
    return { first, second, padId: pad.id }
  }

  it('stores the appends of one turn for many pads together, and fails only the append of a pad deleted meanwhile', async () => {
    const url = await postgres.createSchema()
    const store = await open({ url })
    const pads = Array.from({ length: 5 }, (_, index) => newPad(`pad ${index}`))
    for (const { pad, hashes } of pads) await store.createPad(pad, hashes, null)
    const [gone, ...kept] = pads
    await store.deletePad(gone?.pad.id as string)
    const updateWith = (text: string): Uint8Array => {
      const doc = new Y.Doc()
      doc.getText('t').insert(0, text)
      return Y.encodeStateAsUpdate(doc)
    }
    const appends = pads.map(({ pad }, index) => store.appendUpdate(pad.id, updateWith(`texte ${index}`), 1000 + index))
    const results = await Promise.allSettled(appends)
    expect(results[0]?.status).toBe('rejected')
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(StoreError)
    expect(results.slice(1).map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'])
    for (const [index, { pad }] of kept.entries()) {
      expect(textOf(await store.loadDocument(pad.id))).toBe(`texte ${index + 1}`)
    }
    // A second round in one turn: every pad's sequence moves on.
    const again = await Promise.all(kept.map(({ pad }) => store.appendUpdate(pad.id, updateWith('encore'), 2000)))
    const first = results.slice(1).map((result) => (result as PromiseFulfilledResult<number>).value)
    again.forEach((seq, index) => expect(seq).toBeGreaterThan(first[index] as number))
  })

  it('migrates once when instances start together, and again later, keeping the data', async () => {
    const url = await postgres.createSchema()
    const [first, second] = await Promise.all([open({ url }), open({ url })])
    const { pad, hashes } = newPad('Migré')
    await first.createPad(pad, hashes, textUpdate('intact'))
    expect((await second.findPadByKeyHash(hashes.view))?.pad.title).toBe('Migré')
    await first.close()
    await second.close()

    const third = await open({ url })
    expect(textOf(await third.loadDocument(pad.id))).toBe('intact')
    const versions = await queryRows<{ version: number }>(url, 'SELECT version FROM atelier_migrations ORDER BY version')
    // Each step applied once, in order, however many instances started.
    expect(versions).toEqual(postgresMigrations.map((_, index) => ({ version: index + 1 })))
    expect(versions.length).toBeGreaterThanOrEqual(2)
  })

  it('orders concurrent appends to one pad from two instances, every one loaded back', async () => {
    const { first, second, padId } = await openTwoInstances()
    const updates = writerUpdates(200)
    const seqs = await Promise.all(
      updates.map((update, index) => (index % 2 === 0 ? first : second).appendUpdate(padId, update, Date.now())),
    )
    // Per pad, the sequence is 1, 2, 3… with no gap and no repeat.
    expect([...seqs].sort((a, b) => a - b)).toEqual(updates.map((_, index) => index + 1))
    const bySeq = updates.map((update, index) => ({ update, seq: seqs[index] ?? 0 })).sort((a, b) => a.seq - b.seq)
    for (const store of [first, second]) {
      const stored = await store.loadDocument(padId)
      expect(stored.lastSeq).toBe(updates.length)
      expect(stored.updates).toEqual(bySeq.map((entry) => entry.update))
      expect(textOf(stored)).toBe(expectedText(200))
    }
  })

  it('compacts only the updates its snapshot holds and keeps the later ones', async () => {
    const store = await open({ url: await postgres.createSchema() })
    const { pad, hashes } = newPad('')
    await store.createPad(pad, hashes, null)
    const updates = writerUpdates(10)
    for (const update of updates) await store.appendUpdate(pad.id, update, Date.now())

    const head = new Y.Doc()
    for (const update of updates.slice(0, 6)) Y.applyUpdate(head, update)
    await store.compact(pad.id, Y.encodeStateAsUpdate(head), 6)
    const stored = await store.loadDocument(pad.id)
    expect(stored.updates).toEqual(updates.slice(6))
    expect(stored.lastSeq).toBe(10)
    expect(textOf(stored)).toBe(expectedText(10))

    // Another instance that compacted less, later, must not bring back an older snapshot.
    const older = new Y.Doc()
    for (const update of updates.slice(0, 3)) Y.applyUpdate(older, update)
    await store.compact(pad.id, Y.encodeStateAsUpdate(older), 3)
    expect(textOf(await store.loadDocument(pad.id))).toBe(expectedText(10))
  })

  it('compacts what it loaded while another instance goes on appending, losing nothing', async () => {
    const { first: compactor, second: writer, padId } = await openTwoInstances()
    const updates = writerUpdates(120)
    const appending = (async () => {
      for (const update of updates) await writer.appendUpdate(padId, update, Date.now())
    })()
    for (let round = 0; round < 10; round++) {
      const loaded = await compactor.loadDocument(padId)
      if (loaded.lastSeq === 0) continue
      await compactor.compact(padId, Y.encodeStateAsUpdate(docOf(loaded)), loaded.lastSeq)
    }
    await appending
    expect(textOf(await compactor.loadDocument(padId))).toBe(expectedText(120))
  })

  it('rejects with a StoreError within seconds while postgres is down or hung, and works again after', async () => {
    const own = await resources.startPostgres()
    const store = await open({ url: await own.createSchema(), connectTimeoutMs: 1000, queryTimeoutMs: 1000 })
    const { pad, hashes } = newPad('')
    await store.createPad(pad, hashes, null)
    const update = textUpdate('x')
    await store.appendUpdate(pad.id, update, Date.now())

    for (const outage of ['stop', 'kill', 'pause'] as const) {
      if (outage === 'pause') own.pause()
      else await own[outage]()
      const startedAt = Date.now()
      const error: unknown = await store.appendUpdate(pad.id, update, Date.now()).catch((caught: unknown) => caught)
      expect(error, outage).toBeInstanceOf(StoreError)
      expect((error as StoreError).message).toMatch(/^append update: /)
      expect(Date.now() - startedAt, outage).toBeLessThan(5000)
      await expect(store.checkHealth()).rejects.toThrow(StoreError)

      if (outage === 'pause') own.resume()
      else await own.start()
      await store.appendUpdate(pad.id, update, Date.now())
      await store.checkHealth()
    }
    // The append sent to the frozen server sat in its socket and committed
    // when it thawed: a timeout says nothing of the write, as with any
    // networked database. The two refused by a server that was down did not.
    expect([4, 5]).toContain((await store.loadDocument(pad.id)).lastSeq)
  })

  it('never shows the URL password in errors or logs', async () => {
    const { password } = postgres
    const url = await postgres.createSchema()
    const store = await open({ url })
    const failures: unknown[] = []
    const collect = (promise: Promise<unknown>): Promise<void> => promise.then(() => undefined, (error: unknown) => void failures.push(error))

    const { pad, hashes } = newPad('')
    await store.createPad(pad, hashes, null)
    await collect(store.createPad(pad, hashes, null))
    await collect(store.appendUpdate('no-such-pad', textUpdate('x'), 0))
    await collect(createPostgresStore({ url: url.replace(password, 'wrong') }, { log }))
    // A database named like the password: the server quotes the name back in its error.
    await collect(createPostgresStore({ url: postgres.url.replace(/\/postgres$/, `/${password}`) }, { log }))
    await collect(createPostgresStore({ url: `postgres://postgres:${password}@127.0.0.1:1/postgres`, connectTimeoutMs: 1000 }, { log }))

    expect(failures).toHaveLength(5)
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(StoreError)
      const error = failure as StoreError
      expect(error.message).not.toBe('')
      // Everything a logger or a test report could print of it, causes included.
      expect(inspect(error, { depth: Infinity, showHidden: true })).not.toContain(password)
    }
    expect((failures[3] as StoreError).message).toMatch(/database "\*\*\*" does not exist/)
    expect(logLines.join('')).not.toContain(password)
    expect(describeDatabaseUrl(url)).toBe(`postgres://127.0.0.1:${postgres.port}/postgres`)
  })
})

describe('npm start with DATABASE_URL', () => {
  it('keeps every relayed update in PostgreSQL through a SIGKILL, and never logs the password', async () => {
    const databaseUrl = await postgres.createSchema()
    const env = { DATABASE_URL: databaseUrl }
    const first = await perTest.startProcess(makeTempDir(), env)
    const pad = await createTestPad(first.url, 'Sur PostgreSQL')
    const writer = perTest.client(first, pad.keys.edit)
    const observer = perTest.client(first, pad.keys.view)
    await Promise.all([whenSynced(writer), whenSynced(observer)])
    for (let i = 0; i < 50; i++) writer.text.insert(writer.text.length, `<${i}>`)
    // Relayed to the observer means stored first (DESIGN.md, Durability).
    await waitUntil('the observer has every update', () => observer.text.toString().includes('<49>'))
    first.child.kill('SIGKILL')
    await first.exited

    // Another instance, with an empty data folder: the pad can only come from PostgreSQL.
    const dataDir = makeTempDir()
    const second = await perTest.startProcess(dataDir, env)
    const reader = perTest.client(second, pad.keys.view)
    await whenSynced(reader)
    expect(reader.text.toString()).toBe(observer.text.toString())
    expect(fs.readdirSync(dataDir)).toEqual([])
    for (const output of [first.output(), second.output()]) {
      expect(output).toMatch(/"store":"postgres","database":"postgres:\/\/127\.0\.0\.1:\d+\/postgres"/)
      expect(output).not.toContain(postgres.password)
    }
  })

  it('answers 503 on /healthz while PostgreSQL is down, stays up, and serves pads again once it is back', async () => {
    const own = await resources.startPostgres()
    const server = await perTest.startProcess(makeTempDir(), { DATABASE_URL: await own.createSchema() })
    const pad = await createTestPad(server.url, 'Panne')
    const health = async (): Promise<number> => (await fetch(`${server.url}/healthz`)).status
    expect(await health()).toBe(200)

    await own.stop()
    expect(await health()).toBe(503)
    expect((await fetch(`${server.url}/api/pads/${pad.keys.view}`)).status).toBeGreaterThanOrEqual(500)
    await own.start()
    expect(await health()).toBe(200)
    const reader = perTest.client(server, pad.keys.view)
    await whenSynced(reader)
    expect(server.output()).toMatch(/lost a PostgreSQL connection/)
    expect(server.output()).not.toContain(own.password)
  })
})

async function queryRows<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<R>(text)).rows
  } finally {
    await client.end()
  }
}

/** `count` updates of one writer, each inserting one digit at the end. */
function writerUpdates(count: number): Uint8Array[] {
  const writer = new Y.Doc()
  const updates: Uint8Array[] = []
  writer.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 0; i < count; i++) writer.getText('t').insert(i, String(i % 10))
  return updates
}

function expectedText(count: number): string {
  return Array.from({ length: count }, (_, i) => String(i % 10)).join('')
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}
