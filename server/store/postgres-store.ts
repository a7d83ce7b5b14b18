/**
 * The networked store: PostgreSQL through a `pg` pool, for several server
 * instances sharing one database (`DATABASE_URL`). Same contract as the
 * SQLite store (`store-suite.ts` runs against both); it does not relay
 * anything between instances, which is the job of the Redis relay.
 *
 * Sequence numbers are per pad: each append bumps `pads.last_seq` under that
 * row's lock in the same statement that inserts the update, so that for one
 * pad seq order is commit order. A reader therefore never sees seq 12 while
 * seq 11 is still uncommitted, and `compact(throughSeq)` after a load cannot
 * drop an update the load had not seen (a global sequence would allow that
 * when two instances append to the same pad at once).
 *
 * Durability: every write is committed before its promise resolves, with the
 * server's `synchronous_commit` (on by default: flushed to the WAL on disk).
 * Every failure — connection refused, server gone, query refused — rejects
 * with a `StoreError` whose message never holds the URL's password.
 */
import { timingSafeEqual } from 'node:crypto'
import pg from 'pg'
import { padLifetimeMs, padLifetimes } from '../../shared/protocol/api'
import type { Logger } from '../log'
import {
  StoreError,
  type PadKeyHashes,
  type PadRecord,
  type Store,
  type StoredDocument,
} from './store'
import { postgresMigrations } from './postgres-migrations'
import { padFromRow, parseRole, type StoredPadRow } from './stored-values'

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`, as libpq takes it. */
  url: string
  /** Connections the pool may open at once (pg's default, 10, when unset). */
  maxConnections?: number
  /** How long to wait for a connection (TCP connect and a free slot in the pool), in milliseconds. */
  connectTimeoutMs?: number
  /** How long one query may run before it is given up, in milliseconds: a server that stops answering must not hang a room. */
  queryTimeoutMs?: number
}

export interface PostgresStoreDeps {
  log: Logger
}

const defaultOptions = { connectTimeoutMs: 5000, queryTimeoutMs: 10_000 }

// Any fixed number, the same in every instance: whoever holds this lock migrates, the others wait and then find nothing to do.
const migrationLockId = 0x617465_6c6965

/** An append waiting to be committed with the others of its group. */
interface PendingAppend {
  padId: string
  update: Uint8Array
  atMs: number
  resolve: (seq: number) => void
  reject: (error: StoreError) => void
}

const padColumns = `id, title, language, event_name, event_date, event_place, license, locked, lifetime, view_key,
  edit_key_generation, created_at_ms, updated_at_ms, first_edit_at_ms, last_edit_at_ms, extra_contributors`

/** Opens the pool and brings the schema up to date; rejects with a StoreError if the database cannot be reached. */
export async function createPostgresStore(options: PostgresStoreOptions, deps: PostgresStoreDeps): Promise<Store> {
  const settings = { ...defaultOptions, ...options }
  const redact = makeRedactor(options.url)
  const pool = new pg.Pool({
    connectionString: options.url,
    max: settings.maxConnections,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    query_timeout: settings.queryTimeoutMs,
    keepAlive: true,
    application_name: 'atelier-pad',
  })
  // A connection that breaks while idle in the pool (server restarted, network
  // cut) is emitted here; without a listener it would crash the process. The
  // pool has already dropped it and the next query opens a fresh one.
  pool.on('error', (error) => {
    deps.log.warn({ err: toStoreError('idle connection', error, redact) }, 'lost a PostgreSQL connection')
  })

  let isClosed = false
  const run = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    if (isClosed) throw new StoreError(`${what}: the store is closed`)
    try {
      return await work()
    } catch (error) {
      throw toStoreError(what, error, redact)
    }
  }
  /** Runs `work` in one transaction on one connection; a connection that failed is discarded, not reused. */
  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      client.release()
      return result
    } catch (error) {
      // Destroying the connection rolls back whatever it had begun.
      client.release(error instanceof Error ? error : true)
      throw error
    }
  }

  /** Appends one update in its own transaction; resolves with its sequence number. */
  const appendOne = async (padId: string, update: Uint8Array, atMs: number): Promise<number> => {
    // One statement, so one round trip and its own transaction: the UPDATE
    // locks the pad's row until the commit, which orders concurrent
    // appends to one pad from any number of instances.
    const { rows } = await pool.query<{ seq: string }>(
      `WITH bumped AS (
         UPDATE pads SET last_seq = last_seq + 1, updated_at_ms = $2, last_edit_at_ms = $2,
           first_edit_at_ms = COALESCE(first_edit_at_ms, $2)
         WHERE id = $1 RETURNING id, last_seq
       )
       INSERT INTO pad_updates (pad_id, seq, data) SELECT id, last_seq, $3 FROM bumped RETURNING seq`,
      [padId, atMs, toBuffer(update)],
    )
    const seq = rows[0]?.seq
    if (seq === undefined) throw new Error(`no pad ${JSON.stringify(padId)}`)
    return Number(seq)
  }

  /**
   * Appends asked for in one turn of the event loop (by every room of the
   * instance; a room has at most one in flight) go to PostgreSQL as one
   * statement, so one round trip and one commit (one WAL flush) for all of
   * them instead of one each. Each still resolves only once committed. If the
   * group fails (a pad deleted meanwhile, a deadlock with another instance's
   * group), each append is tried again alone, so one pad's problem fails only
   * its own write.
   */
  let pendingAppends: PendingAppend[] = []
  const commitPendingAppends = async (): Promise<void> => {
    const group = pendingAppends
    pendingAppends = []
    if (group.length === 0) return
    if (group.length > 1 && new Set(group.map((append) => append.padId)).size === group.length) {
      try {
        if (isClosed) throw new Error('the store is closed')
        // Locked in one order by every instance, so that two groups cannot deadlock.
        const ordered = [...group].sort((a, b) => (a.padId < b.padId ? -1 : a.padId > b.padId ? 1 : 0))
        const { rows } = await pool.query<{ pad_id: string; seq: string }>(
          `WITH input AS (
             SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[]) AS t(pad_id, at_ms, data)
           ), locked AS (
             SELECT pads.id FROM pads JOIN input ON input.pad_id = pads.id ORDER BY pads.id FOR UPDATE OF pads
           ), bumped AS (
             UPDATE pads SET last_seq = pads.last_seq + 1, updated_at_ms = input.at_ms, last_edit_at_ms = input.at_ms,
               first_edit_at_ms = COALESCE(pads.first_edit_at_ms, input.at_ms)
             FROM input WHERE pads.id = input.pad_id AND pads.id IN (SELECT id FROM locked)
             RETURNING pads.id, pads.last_seq
           )
           INSERT INTO pad_updates (pad_id, seq, data)
           SELECT bumped.id, bumped.last_seq, input.data FROM bumped JOIN input ON input.pad_id = bumped.id
           RETURNING pad_id, seq`,
          [ordered.map((append) => append.padId), ordered.map((append) => append.atMs), ordered.map((append) => toBuffer(append.update))],
        )
        const seqs = new Map(rows.map((row) => [row.pad_id, Number(row.seq)]))
        if (seqs.size === group.length) {
          for (const append of group) append.resolve(seqs.get(append.padId) as number)
          return
        }
        // Some pad is gone: the statement committed the others, which are
        // resolved; the rest fail alone below.
        for (const append of group) if (seqs.has(append.padId)) append.resolve(seqs.get(append.padId) as number)
        await appendEachAlone(group.filter((append) => !seqs.has(append.padId)))
        return
      } catch {
        // Nothing of the group was committed: each is tried alone.
      }
    }
    await appendEachAlone(group)
  }
  /** One pad's appends one after the other (in the order asked), different pads at once. */
  const appendEachAlone = async (appends: readonly PendingAppend[]): Promise<void> => {
    const byPad = new Map<string, PendingAppend[]>()
    for (const append of appends) byPad.set(append.padId, [...(byPad.get(append.padId) ?? []), append])
    await Promise.all(
      [...byPad.values()].map(async (padAppends) => {
        for (const append of padAppends) await appendAlone(append)
      }),
    )
  }
  const appendAlone = async (append: PendingAppend): Promise<void> => {
    try {
      append.resolve(await run('append update', () => appendOne(append.padId, append.update, append.atMs)))
    } catch (error) {
      append.reject(error instanceof StoreError ? error : toStoreError('append update', error, redact))
    }
  }

  try {
    await transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockId])
      await migrate(client)
    })
  } catch (error) {
    // The error that matters is the migration's; ending the pool only frees its sockets.
    await pool.end().catch(() => undefined)
    throw toStoreError('migrate the schema', error, redact)
  }

  return {
    createPad: (pad, keyHashes, initialUpdate) =>
      run('create pad', () =>
        transaction(async (client) => {
          await client.query(
            `INSERT INTO pads (${padColumns}, last_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
            [...padValues(pad), initialUpdate === null ? 0 : 1],
          )
          await insertKeys(client, pad.id, keyHashes)
          if (initialUpdate !== null) {
            await client.query('INSERT INTO pad_updates (pad_id, seq, data) VALUES ($1, 1, $2)', [pad.id, toBuffer(initialUpdate)])
          }
        }),
      ),
    findPadByKeyHash: (keyHash) =>
      run('find pad', async () => {
        const { rows } = await pool.query<StoredPadRow & { role: string; key_hash: Buffer }>(
          `SELECT pads.*, pad_keys.role, pad_keys.key_hash
           FROM pad_keys JOIN pads ON pads.id = pad_keys.pad_id WHERE pad_keys.key_hash = $1`,
          [toBuffer(keyHash)],
        )
        const row = rows[0]
        // The index found the row by its hash; comparing the bytes again in
        // constant time keeps the decision itself free of timing differences.
        if (row === undefined || row.key_hash.length !== keyHash.length || !timingSafeEqual(row.key_hash, keyHash)) return null
        return { pad: padFromRow(row), role: parseRole(row.role) }
      }),
    loadDocument: (padId) =>
      run('load document', async () => {
        // One statement sees one snapshot of the database, so a compaction
        // cannot fall between reading the snapshot and reading the tail.
        const { rows } = await pool.query<{ is_update: boolean; seq: string; data: Buffer }>(
          `SELECT false AS is_update, through_seq AS seq, data FROM pad_snapshots WHERE pad_id = $1
           UNION ALL
           SELECT true, seq, data FROM pad_updates WHERE pad_id = $1
           ORDER BY is_update, seq`,
          [padId],
        )
        return toStoredDocument(rows)
      }),
    appendUpdate: (padId, update, atMs) =>
      new Promise<number>((resolve, reject) => {
        if (pendingAppends.length === 0) setImmediate(() => void commitPendingAppends())
        pendingAppends.push({ padId, update, atMs, resolve, reject })
      }),
    compact: (padId, snapshot, throughSeq) =>
      run('compact', () =>
        transaction(async (client) => {
          // Never replace a snapshot by one that reaches no further: another
          // instance may have compacted further, and the updates its snapshot
          // holds are gone. A pad deleted meanwhile has nothing to compact.
          const { rowCount } = await client.query(
            `INSERT INTO pad_snapshots (pad_id, data, through_seq) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM pads WHERE id = $1)
             ON CONFLICT (pad_id) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq
             WHERE pad_snapshots.through_seq < excluded.through_seq`,
            [padId, toBuffer(snapshot), throughSeq],
          )
          if (rowCount === 0) return
          await client.query('DELETE FROM pad_updates WHERE pad_id = $1 AND seq <= $2', [padId, throughSeq])
        }),
      ),
    updatePad: (padId, fields, atMs) =>
      run('update pad', () =>
        transaction(async (client) => {
          const { rows } = await client.query<StoredPadRow>('SELECT * FROM pads WHERE id = $1 FOR UPDATE', [padId])
          const row = rows[0]
          if (row === undefined) return null
          const updated: PadRecord = { ...padFromRow(row), ...fields, updatedAtMs: atMs }
          await client.query(
            `UPDATE pads SET title = $2, event_name = $3, event_date = $4, event_place = $5, license = $6, locked = $7,
               lifetime = $8, updated_at_ms = $9, extra_contributors = $10 WHERE id = $1`,
            [padId, updated.title, updated.eventName, updated.eventDate, updated.eventPlace, updated.license,
              updated.locked, updated.lifetime, updated.updatedAtMs, JSON.stringify(updated.extraContributors)],
          )
          return updated
        }),
      ),
    rotateEditKey: (padId, generation, editKeyHash) =>
      run('rotate edit key', () =>
        transaction(async (client) => {
          await client.query("DELETE FROM pad_keys WHERE pad_id = $1 AND role = 'edit'", [padId])
          await client.query("INSERT INTO pad_keys (key_hash, pad_id, role) VALUES ($1, $2, 'edit')", [toBuffer(editKeyHash), padId])
          await client.query('UPDATE pads SET edit_key_generation = $2 WHERE id = $1', [padId, generation])
        }),
      ),
    // Keys, updates and snapshot go with the pad (ON DELETE CASCADE).
    deletePad: (padId) =>
      run('delete pad', async () => ((await pool.query('DELETE FROM pads WHERE id = $1', [padId])).rowCount ?? 0) > 0),
    deleteExpiredPads: (nowMs) =>
      run('delete expired pads', async () => {
        const expiring = padLifetimes.flatMap((lifetime) => {
          const lifetimeMs = padLifetimeMs[lifetime]
          return lifetimeMs === null ? [] : [{ lifetime, lifetimeMs }]
        })
        // One statement: two instances sweeping at once each delete (and
        // report) a different share of the pads, never the same one twice.
        const { rows } = await pool.query<{ id: string }>(
          `DELETE FROM pads USING unnest($1::text[], $2::bigint[]) AS expiring (lifetime, lifetime_ms)
           WHERE pads.lifetime = expiring.lifetime AND pads.updated_at_ms <= $3 - expiring.lifetime_ms
           RETURNING pads.id`,
          [expiring.map((entry) => entry.lifetime), expiring.map((entry) => entry.lifetimeMs), nowMs],
        )
        return rows.map((row) => row.id)
      }),
    checkHealth: () => run('health check', async () => void (await pool.query('SELECT 1'))),
    close: async () => {
      if (isClosed) return
      isClosed = true
      await pool.end()
    },
  }
}

/** Which database a URL names, for logs: `postgres://db:5432/pads`, without user, password or parameters. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`
  } catch {
    return '(unparsable URL)'
  }
}

async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS atelier_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`)
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM atelier_migrations')
  for (let version = rows[0]?.version ?? 0; version < postgresMigrations.length; version++) {
    await client.query(postgresMigrations[version] ?? '')
    await client.query('INSERT INTO atelier_migrations (version) VALUES ($1)', [version + 1])
  }
}

async function insertKeys(client: pg.PoolClient, padId: string, keyHashes: PadKeyHashes): Promise<void> {
  await client.query(
    "INSERT INTO pad_keys (key_hash, pad_id, role) VALUES ($1, $4, 'edit'), ($2, $4, 'view'), ($3, $4, 'admin')",
    [toBuffer(keyHashes.edit), toBuffer(keyHashes.view), toBuffer(keyHashes.admin), padId],
  )
}

function toStoredDocument(rows: { is_update: boolean; seq: string; data: Buffer }[]): StoredDocument {
  let snapshot: Uint8Array | null = null
  const updates: Uint8Array[] = []
  let lastSeq = 0
  for (const row of rows) {
    if (row.is_update) updates.push(new Uint8Array(row.data))
    else snapshot = new Uint8Array(row.data)
    lastSeq = Math.max(lastSeq, Number(row.seq))
  }
  return { snapshot, updates, lastSeq }
}

/** The values of `padColumns`, in its order. */
function padValues(pad: PadRecord): unknown[] {
  return [
    pad.id, pad.title, pad.language, pad.eventName, pad.eventDate, pad.eventPlace, pad.license, pad.locked,
    pad.lifetime, pad.viewKey, pad.editKeyGeneration, pad.createdAtMs, pad.updatedAtMs, pad.firstEditAtMs,
    pad.lastEditAtMs, JSON.stringify(pad.extraContributors),
  ]
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** Masks the URL's password wherever it appears, raw or percent-encoded. */
function makeRedactor(url: string): (text: string) => string {
  const secrets: string[] = []
  try {
    const parsed = new URL(url)
    // libpq takes the password in the user info or as a parameter.
    for (const password of [parsed.searchParams.get('password') ?? '', parsed.password]) {
      if (password !== '') secrets.push(password)
      if (password !== '') secrets.push(decodeURIComponent(password))
    }
  } catch {
    // An unparsable URL (pg's own parser reports it), or a password whose
    // percent-encoding is broken: what was found so far is masked.
  }
  return (text) => secrets.reduce((masked, secret) => masked.split(secret).join('***'), text)
}

function toStoreError(what: string, error: unknown, redact: (text: string) => string): StoreError {
  const message = error instanceof Error ? error.message : String(error)
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
  // PostgreSQL's SQLSTATE (57P01: the server shut down) says more than its sentence; Node's codes are in theirs already.
  const suffix = code === '' || message.includes(code) ? '' : ` (${code})`
  // pg's messages carry no credentials, but the server can quote a name back
  // that happens to be the password, so the message is masked anyway. The pg
  // error itself is not kept as the cause: pg hangs its client, password
  // included, on errors (`error.client`), and a logger would print it.
  return new StoreError(redact(`${what}: ${message}${suffix}`))
}
