/**
 * The PostgreSQL store's queries on a pad's history (`pad_versions`):
 * writing, listing without the state, reading one with its whole state
 * (merged along its chain, stored-versions.ts), the newest as a base for
 * the next, renaming, pinning (published), dropping, and thinning by
 * history/thinning.ts. Dropping and thinning hold a transaction-scoped
 * advisory lock on the pad, so that two instances thinning one pad at once
 * decide one after the other, without locking the pad's row that appends take.
 */
import type pg from 'pg'
import type { CapturedVersion, PadVersion, VersionBase, VersionSummary } from '../history/version'
import { selectVersionsToDrop } from '../history/thinning'
import { toBuffer, type PostgresPool } from './postgres-pool'
import {
  chainQuery,
  thinnableOf,
  versionBaseFromRow,
  versionJson,
  versionSummaryFromRow,
  wholeVersionFromChain,
  type ChainRow,
  type StoredVersionRow,
  type VersionBaseRow,
} from './stored-versions'

export interface PostgresVersionQueries {
  writeVersion(version: CapturedVersion): Promise<void>
  listVersions(padId: string): Promise<VersionSummary[]>
  readVersion(padId: string, versionId: string): Promise<PadVersion | null>
  newestVersionBase(padId: string): Promise<VersionBase | null>
  renameVersion(padId: string, versionId: string, name: string | null): Promise<boolean>
  pinVersion(padId: string, versionId: string): Promise<boolean>
  deleteVersions(padId: string, versionIds: readonly string[]): Promise<number>
  thinVersions(padId: string, nowMs: number): Promise<string[]>
}

type Queryable = pg.Pool | pg.PoolClient

const summaryColumns = 'id, pad_id, created_at_ms, kind, name, byte_size, present, characters, is_pinned, restored_version, restored_by'

async function list(client: Queryable, padId: string): Promise<VersionSummary[]> {
  const { rows } = await client.query<StoredVersionRow>(
    `SELECT ${summaryColumns} FROM pad_versions WHERE pad_id = $1 AND NOT is_hidden ORDER BY created_at_ms DESC, position DESC`,
    [padId],
  )
  return rows.map(versionSummaryFromRow)
}

async function lockPadVersions(client: pg.PoolClient, padId: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('atelier pad versions ' || $1))", [padId])
}

/** Hides the versions (a later one may still build on them), then deletes every hidden one nothing builds on; how many were listed. */
async function dropVersions(client: pg.PoolClient, padId: string, versionIds: readonly string[]): Promise<number> {
  if (versionIds.length === 0) return 0
  const { rowCount } = await client.query('UPDATE pad_versions SET is_hidden = true WHERE pad_id = $1 AND NOT is_hidden AND id = ANY($2::text[])', [
    padId,
    [...versionIds],
  ])
  // Each pass frees the base of what the one before deleted; a chain is at most maxChainLength long.
  for (;;) {
    const deleted = await client.query(
      `DELETE FROM pad_versions WHERE pad_id = $1 AND is_hidden
         AND NOT EXISTS (SELECT 1 FROM pad_versions AS later WHERE later.base_version_id = pad_versions.id)`,
      [padId],
    )
    if ((deleted.rowCount ?? 0) === 0) break
  }
  return rowCount ?? 0
}

export function createPostgresVersionQueries(postgres: PostgresPool): PostgresVersionQueries {
  const { pool, run, transaction } = postgres

  return {
    writeVersion: (version) =>
      run('write version', async () => {
        const json = versionJson(version)
        await pool.query(
          `INSERT INTO pad_versions
             (id, pad_id, created_at_ms, kind, name, state, byte_size, present, characters, is_pinned, restored_version, restored_by,
              base_version_id, chain_length, state_vector)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          [version.id, version.padId, version.createdAtMs, version.kind, version.name, toBuffer(version.storedState), version.byteSize, json.present,
            json.characters, version.isPinned, version.restore?.versionId ?? null, version.restore?.participantId ?? null,
            version.baseVersionId, version.chainLength, toBuffer(version.stateVector)],
        )
      }),
    listVersions: (padId) => run('list versions', () => list(pool, padId)),
    readVersion: (padId, versionId) =>
      run('read version', () =>
        // One snapshot of the table: thinning on another instance cannot drop a link between the two reads.
        transaction(async (client) => {
          await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')
          const { rows } = await client.query<StoredVersionRow>(
            `SELECT ${summaryColumns} FROM pad_versions WHERE pad_id = $1 AND id = $2 AND NOT is_hidden`,
            [padId, versionId],
          )
          const row = rows[0]
          if (row === undefined) return null
          const chain = await client.query<ChainRow>(chainQuery('$1', '$2'), [padId, versionId])
          return wholeVersionFromChain(versionSummaryFromRow(row), chain.rows)
        }),
      ),
    newestVersionBase: (padId) =>
      run('read the newest version', async () => {
        const { rows } = await pool.query<VersionBaseRow>(
          'SELECT id, created_at_ms, state_vector, chain_length FROM pad_versions WHERE pad_id = $1 ORDER BY created_at_ms DESC, position DESC LIMIT 1',
          [padId],
        )
        const row = rows[0]
        return row === undefined ? null : versionBaseFromRow(row)
      }),
    renameVersion: (padId, versionId, name) =>
      run('rename version', async () => {
        const { rowCount } = await pool.query('UPDATE pad_versions SET name = $3 WHERE pad_id = $1 AND id = $2 AND NOT is_hidden', [padId, versionId, name])
        return (rowCount ?? 0) > 0
      }),
    pinVersion: (padId, versionId) =>
      run('pin version', async () => {
        const { rowCount } = await pool.query('UPDATE pad_versions SET is_pinned = true WHERE pad_id = $1 AND id = $2 AND NOT is_hidden', [padId, versionId])
        return (rowCount ?? 0) > 0
      }),
    deleteVersions: (padId, versionIds) =>
      run('delete versions', () =>
        transaction(async (client) => {
          await lockPadVersions(client, padId)
          return dropVersions(client, padId, versionIds)
        }),
      ),
    thinVersions: (padId, nowMs) =>
      run('thin versions', () =>
        transaction(async (client) => {
          await lockPadVersions(client, padId)
          // Oldest first, so that the rule reads equal times in the order they were written.
          const versions = (await list(client, padId)).reverse()
          const dropped = selectVersionsToDrop(versions.map(thinnableOf), nowMs)
          await dropVersions(client, padId, dropped)
          return dropped
        }),
      ),
  }
}
