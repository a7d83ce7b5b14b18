/**
 * The PostgreSQL store's queries on a pad's history (`pad_versions`):
 * writing, listing without the state, reading one with it, renaming,
 * pinning (published), deleting, and thinning by history/thinning.ts. Thinning holds a
 * transaction-scoped advisory lock on the pad, so that two instances
 * thinning one pad at once decide one after the other, without locking the
 * pad's row that appends take.
 */
import type pg from 'pg'
import type { PadVersion, VersionSummary } from '../history/version'
import { selectVersionsToDrop } from '../history/thinning'
import { toBuffer, type PostgresPool } from './postgres-pool'
import { thinnableOf, versionFromRow, versionJson, versionSummaryFromRow, type StoredVersionRow } from './stored-versions'

export interface PostgresVersionQueries {
  writeVersion(version: PadVersion): Promise<void>
  listVersions(padId: string): Promise<VersionSummary[]>
  readVersion(padId: string, versionId: string): Promise<PadVersion | null>
  renameVersion(padId: string, versionId: string, name: string | null): Promise<boolean>
  pinVersion(padId: string, versionId: string): Promise<boolean>
  deleteVersions(padId: string, versionIds: readonly string[]): Promise<number>
  thinVersions(padId: string, nowMs: number): Promise<string[]>
}

const summaryColumns = 'id, pad_id, created_at_ms, kind, name, byte_size, present, characters, is_pinned, restored_version, restored_by'

export function createPostgresVersionQueries(postgres: PostgresPool): PostgresVersionQueries {
  const { pool, run, transaction } = postgres
  const list = async (client: pg.Pool | pg.PoolClient, padId: string): Promise<VersionSummary[]> => {
    const { rows } = await client.query<StoredVersionRow>(
      `SELECT ${summaryColumns} FROM pad_versions WHERE pad_id = $1 ORDER BY created_at_ms DESC, position DESC`,
      [padId],
    )
    return rows.map(versionSummaryFromRow)
  }
  const deleteVersions = async (client: pg.Pool | pg.PoolClient, padId: string, versionIds: readonly string[]): Promise<number> => {
    if (versionIds.length === 0) return 0
    const { rowCount } = await client.query('DELETE FROM pad_versions WHERE pad_id = $1 AND id = ANY($2::text[])', [padId, [...versionIds]])
    return rowCount ?? 0
  }

  return {
    writeVersion: (version) =>
      run('write version', async () => {
        const json = versionJson(version)
        await pool.query(
          `INSERT INTO pad_versions
             (id, pad_id, created_at_ms, kind, name, state, byte_size, present, characters, is_pinned, restored_version, restored_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [version.id, version.padId, version.createdAtMs, version.kind, version.name, toBuffer(version.state), version.byteSize, json.present, json.characters,
            version.isPinned, version.restore?.versionId ?? null, version.restore?.participantId ?? null],
        )
      }),
    listVersions: (padId) => run('list versions', () => list(pool, padId)),
    readVersion: (padId, versionId) =>
      run('read version', async () => {
        const { rows } = await pool.query<StoredVersionRow & { state: Buffer }>(
          `SELECT ${summaryColumns}, state FROM pad_versions WHERE pad_id = $1 AND id = $2`,
          [padId, versionId],
        )
        const row = rows[0]
        return row === undefined ? null : versionFromRow(row)
      }),
    renameVersion: (padId, versionId, name) =>
      run('rename version', async () => {
        const { rowCount } = await pool.query('UPDATE pad_versions SET name = $3 WHERE pad_id = $1 AND id = $2', [padId, versionId, name])
        return (rowCount ?? 0) > 0
      }),
    pinVersion: (padId, versionId) =>
      run('pin version', async () => {
        const { rowCount } = await pool.query('UPDATE pad_versions SET is_pinned = true WHERE pad_id = $1 AND id = $2', [padId, versionId])
        return (rowCount ?? 0) > 0
      }),
    deleteVersions: (padId, versionIds) => run('delete versions', () => deleteVersions(pool, padId, versionIds)),
    thinVersions: (padId, nowMs) =>
      run('thin versions', () =>
        transaction(async (client) => {
          await client.query("SELECT pg_advisory_xact_lock(hashtext('atelier pad versions ' || $1))", [padId])
          // Oldest first, so that the rule reads equal times in the order they were written.
          const versions = (await list(client, padId)).reverse()
          const dropped = selectVersionsToDrop(
            versions.map(thinnableOf),
            nowMs,
          )
          await deleteVersions(client, padId, dropped)
          return dropped
        }),
      ),
  }
}
