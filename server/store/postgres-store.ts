/**
 * The networked store: PostgreSQL through a `pg` pool, for several server
 * instances sharing one database (`DATABASE_URL`). Same contract as the
 * SQLite store (`store-suite.ts` runs against both); it does not relay
 * anything between instances, which is the job of the Redis relay. The pool,
 * its errors and the migrations are postgres-pool.ts; grouped appends are
 * postgres-appends.ts; here, each of the store's queries.
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
import type pg from 'pg'
import { padLifetimeMs, padLifetimes } from '../../shared/protocol/api'
import type { Logger } from '../log'
import { decodeFacilitationState, encodeFacilitationState, type FacilitationState } from '../facilitation/facilitation-state'
import type { PadKeyHashes, PadRecord, PadSettingsFields, PadWithRole, Store, StoredDocument, StoredFacilitation } from './store'
import { createGroupedAppends } from './postgres-appends'
import { createPostgresVersionQueries } from './postgres-versions'
import { openPostgresPool, toBuffer, type PostgresPool, type PostgresPoolOptions } from './postgres-pool'
import { padFromRow, parseRole, type StoredPadRow } from './stored-values'

export { describeDatabaseUrl } from './postgres-pool'
export type PostgresStoreOptions = PostgresPoolOptions

export interface PostgresStoreDeps {
  log: Logger
}

const padColumns = `id, title, language, event_name, event_date, event_place, license, locked, lifetime, view_key,
  edit_key_generation, created_at_ms, updated_at_ms, first_edit_at_ms, last_edit_at_ms, extra_contributors, data_license,
  restore_role, published_version`

/** Opens the pool and brings the schema up to date; rejects with a StoreError if the database cannot be reached. */
export async function createPostgresStore(options: PostgresStoreOptions, deps: PostgresStoreDeps): Promise<Store> {
  const postgres = await openPostgresPool(options, deps.log)
  const { pool, run, transaction } = postgres
  const versions = createPostgresVersionQueries(postgres)
  return {
    createPad: (pad, keyHashes, initialUpdate) =>
      run('create pad', () => transaction((client) => insertPad(client, pad, keyHashes, initialUpdate))),
    findPadByKeyHash: (keyHash) => run('find pad', () => selectPadByKeyHash(pool, keyHash)),
    isReplacedEditKey: (keyHash) => run('find replaced key', () => selectReplacedKey(pool, keyHash)),
    loadDocument: (padId) => run('load document', () => selectDocument(pool, padId)),
    appendUpdate: createGroupedAppends(postgres),
    compact: (padId, snapshot, throughSeq) =>
      run('compact', () => transaction((client) => replaceWithSnapshot(client, padId, snapshot, throughSeq))),
    foldUpdates: (padId, folded, fromSeq, throughSeq, count) =>
      run('fold updates', () => transaction((client) => replaceWithFolded(client, padId, folded, { fromSeq, throughSeq, count }))),
    updatePad: (padId, fields, atMs) => run('update pad', () => transaction((client) => updatePadSettings(client, padId, fields, atMs))),
    rotateEditKey: (padId, generation, editKeyHash) =>
      run('rotate edit key', () =>
        transaction(async (client) => {
          // The edit key's hash stays as a tombstone when the key goes (once, should it already be one).
          await client.query(
            `INSERT INTO pad_replaced_keys (key_hash, pad_id) SELECT key_hash, pad_id FROM pad_keys WHERE pad_id = $1 AND role = 'edit'
             ON CONFLICT (key_hash) DO NOTHING`,
            [padId],
          )
          await client.query("DELETE FROM pad_keys WHERE pad_id = $1 AND role = 'edit'", [padId])
          await client.query("INSERT INTO pad_keys (key_hash, pad_id, role) VALUES ($1, $2, 'edit')", [toBuffer(editKeyHash), padId])
          await client.query('UPDATE pads SET edit_key_generation = $2 WHERE id = $1', [padId, generation])
        }),
      ),
    ...versions,
    withPadLock: (padId, work) => withAdvisoryLock(postgres, padId, work),
    readFacilitation: (padId) => run('read facilitation', () => selectFacilitation(pool, padId)),
    writeFacilitation: (padId, state, expectedRevision) =>
      run('write facilitation', () => compareAndSetFacilitation(pool, padId, state, expectedRevision)),
    // Keys (replaced ones too), updates, snapshot, versions and facilitation go with the pad (ON DELETE CASCADE).
    deletePad: (padId) =>
      run('delete pad', async () => ((await pool.query('DELETE FROM pads WHERE id = $1', [padId])).rowCount ?? 0) > 0),
    deleteExpiredPads: (nowMs) => run('delete expired pads', () => deleteExpired(pool, nowMs)),
    checkHealth: () => run('health check', async () => void (await pool.query('SELECT 1'))),
    close: () => postgres.close(),
  }
}

async function insertPad(client: pg.PoolClient, pad: PadRecord, keyHashes: PadKeyHashes, initialUpdate: Uint8Array | null): Promise<void> {
  await client.query(
    `INSERT INTO pads (${padColumns}, last_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
    [...padValues(pad), initialUpdate === null ? 0 : 1],
  )
  await client.query(
    "INSERT INTO pad_keys (key_hash, pad_id, role) VALUES ($1, $4, 'edit'), ($2, $4, 'view'), ($3, $4, 'admin')",
    [toBuffer(keyHashes.edit), toBuffer(keyHashes.view), toBuffer(keyHashes.admin), pad.id],
  )
  if (initialUpdate !== null) {
    await client.query('INSERT INTO pad_updates (pad_id, seq, data) VALUES ($1, 1, $2)', [pad.id, toBuffer(initialUpdate)])
  }
}

async function selectPadByKeyHash(pool: pg.Pool, keyHash: Uint8Array): Promise<PadWithRole | null> {
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
}

async function selectReplacedKey(pool: pg.Pool, keyHash: Uint8Array): Promise<boolean> {
  const { rows } = await pool.query<{ key_hash: Buffer }>('SELECT key_hash FROM pad_replaced_keys WHERE key_hash = $1', [toBuffer(keyHash)])
  const row = rows[0]
  // As for live keys: the index finds the row, a constant-time comparison decides.
  return row !== undefined && row.key_hash.length === keyHash.length && timingSafeEqual(row.key_hash, keyHash)
}

async function selectDocument(pool: pg.Pool, padId: string): Promise<StoredDocument> {
  // One statement sees one snapshot of the database, so a compaction
  // cannot fall between reading the snapshot and reading the tail.
  const { rows } = await pool.query<{ is_update: boolean; seq: string; data: Buffer }>(
    `SELECT false AS is_update, through_seq AS seq, data FROM pad_snapshots WHERE pad_id = $1
     UNION ALL
     SELECT true, seq, data FROM pad_updates WHERE pad_id = $1
     ORDER BY is_update, seq`,
    [padId],
  )
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

async function replaceWithSnapshot(client: pg.PoolClient, padId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
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
}

async function replaceWithFolded(
  client: pg.PoolClient,
  padId: string,
  folded: Uint8Array,
  range: { fromSeq: number; throughSeq: number; count: number },
): Promise<boolean> {
  // The range's rows stay locked until the end of the transaction: no compaction takes them in between.
  const { rowCount } = await client.query('SELECT 1 FROM pad_updates WHERE pad_id = $1 AND seq BETWEEN $2 AND $3 FOR UPDATE', [
    padId,
    range.fromSeq,
    range.throughSeq,
  ])
  if (rowCount !== range.count) return false
  await client.query('DELETE FROM pad_updates WHERE pad_id = $1 AND seq BETWEEN $2 AND $3', [padId, range.fromSeq, range.throughSeq])
  await client.query('INSERT INTO pad_updates (pad_id, seq, data) VALUES ($1, $2, $3)', [padId, range.throughSeq, toBuffer(folded)])
  return true
}

async function updatePadSettings(client: pg.PoolClient, padId: string, fields: Partial<PadSettingsFields>, atMs: number): Promise<PadRecord | null> {
  const { rows } = await client.query<StoredPadRow>('SELECT * FROM pads WHERE id = $1 FOR UPDATE', [padId])
  const row = rows[0]
  if (row === undefined) return null
  const updated: PadRecord = { ...padFromRow(row), ...fields, updatedAtMs: atMs }
  await client.query(
    `UPDATE pads SET title = $2, event_name = $3, event_date = $4, event_place = $5, license = $6, locked = $7,
       lifetime = $8, updated_at_ms = $9, extra_contributors = $10, data_license = $11, restore_role = $12, published_version = $13
     WHERE id = $1`,
    [padId, updated.title, updated.eventName, updated.eventDate, updated.eventPlace, updated.license,
      updated.locked, updated.lifetime, updated.updatedAtMs, JSON.stringify(updated.extraContributors), updated.dataLicense,
      updated.restoreRole, updated.publishedVersion],
  )
  return updated
}

async function selectFacilitation(pool: pg.Pool, padId: string): Promise<StoredFacilitation | null> {
  const { rows } = await pool.query<{ revision: number; state: string }>('SELECT revision, state FROM pad_facilitation WHERE pad_id = $1', [padId])
  const row = rows[0]
  return row === undefined ? null : { revision: row.revision, state: decodeFacilitationState(row.state) }
}

/** One statement each way, so that of two instances writing over the same revision exactly one wins. */
async function compareAndSetFacilitation(pool: pg.Pool, padId: string, state: FacilitationState, expectedRevision: number): Promise<boolean> {
  const json = encodeFacilitationState(state)
  const { rowCount } = expectedRevision === 0
    ? await pool.query(
      `INSERT INTO pad_facilitation (pad_id, revision, state) SELECT $1, 1, $2 WHERE EXISTS (SELECT 1 FROM pads WHERE id = $1)
       ON CONFLICT (pad_id) DO NOTHING`,
      [padId, json],
    )
    : await pool.query('UPDATE pad_facilitation SET revision = revision + 1, state = $2 WHERE pad_id = $1 AND revision = $3', [padId, json, expectedRevision])
  return (rowCount ?? 0) > 0
}

async function deleteExpired(pool: pg.Pool, nowMs: number): Promise<string[]> {
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
}

/** The values of `padColumns`, in its order. */
function padValues(pad: PadRecord): unknown[] {
  return [
    pad.id, pad.title, pad.language, pad.eventName, pad.eventDate, pad.eventPlace, pad.license, pad.locked,
    pad.lifetime, pad.viewKey, pad.editKeyGeneration, pad.createdAtMs, pad.updatedAtMs, pad.firstEditAtMs,
    pad.lastEditAtMs, JSON.stringify(pad.extraContributors), pad.dataLicense, pad.restoreRole, pad.publishedVersion,
  ]
}

/**
 * Runs `work` holding a session advisory lock on the pad, on a connection of
 * its own kept for that long (the work's queries take other connections).
 * Should the connection die, PostgreSQL frees the lock with it.
 */
async function withAdvisoryLock<T>(postgres: PostgresPool, padId: string, work: () => Promise<T>): Promise<T> {
  const client = await postgres.run('take the pad lock', () => postgres.pool.connect())
  try {
    await postgres.run('take the pad lock', () => client.query("SELECT pg_advisory_lock(hashtext('atelier pad lock ' || $1))", [padId]))
  } catch (error) {
    client.release(true)
    throw error
  }
  let isBroken = false
  try {
    return await work()
  } finally {
    try {
      await client.query("SELECT pg_advisory_unlock(hashtext('atelier pad lock ' || $1))", [padId])
    } catch {
      // Dropping the connection frees the lock.
      isBroken = true
    }
    client.release(isBroken)
  }
}
