/**
 * The SQLite store's queries on a pad's history (`pad_versions`), prepared
 * once per file: writing, listing without the state, reading one with its
 * whole state (merged along its chain, stored-versions.ts), the newest as a
 * base for the next, renaming, pinning (published), dropping, and thinning
 * by history/thinning.ts in one transaction. Synchronous, as better-sqlite3
 * is; sqlite-store.ts turns them into the store's promises.
 */
import type Database from 'better-sqlite3'
import type { CapturedVersion, PadVersion, VersionBase, VersionSummary } from '../history/version'
import { selectVersionsToDrop } from '../history/thinning'
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

export interface SqliteVersionQueries {
  writeVersion(version: CapturedVersion): void
  listVersions(padId: string): VersionSummary[]
  readVersion(padId: string, versionId: string): PadVersion | null
  newestVersionBase(padId: string): VersionBase | null
  renameVersion(padId: string, versionId: string, name: string | null): boolean
  pinVersion(padId: string, versionId: string): boolean
  deleteVersions(padId: string, versionIds: readonly string[]): number
  thinVersions(padId: string, nowMs: number): string[]
}

const summaryColumns = 'id, pad_id, created_at_ms, kind, name, byte_size, present, characters, is_pinned, restored_version, restored_by'

export function prepareSqliteVersionQueries(db: Database.Database): SqliteVersionQueries {
  const insert = db.prepare(`INSERT INTO pad_versions
    (id, pad_id, created_at_ms, kind, name, state, byte_size, present, characters, is_pinned, restored_version, restored_by,
      base_version_id, chain_length, state_vector)
    VALUES (@id, @pad_id, @created_at_ms, @kind, @name, @state, @byte_size, @present, @characters, @is_pinned, @restored_version, @restored_by,
      @base_version_id, @chain_length, @state_vector)`)
  // rowid orders versions taken in the same millisecond by when they were written.
  const list = db.prepare<[string], StoredVersionRow>(
    `SELECT ${summaryColumns} FROM pad_versions WHERE pad_id = ? AND is_hidden = 0 ORDER BY created_at_ms DESC, rowid DESC`,
  )
  const readSummary = db.prepare<[string, string], StoredVersionRow>(
    `SELECT ${summaryColumns} FROM pad_versions WHERE pad_id = ? AND id = ? AND is_hidden = 0`,
  )
  const readChain = db.prepare<[string, string], ChainRow>(chainQuery('?', '?'))
  const newest = db.prepare<[string], VersionBaseRow>(
    'SELECT id, created_at_ms, state_vector, chain_length FROM pad_versions WHERE pad_id = ? ORDER BY created_at_ms DESC, rowid DESC LIMIT 1',
  )
  const rename = db.prepare('UPDATE pad_versions SET name = ? WHERE pad_id = ? AND id = ? AND is_hidden = 0')
  const pin = db.prepare('UPDATE pad_versions SET is_pinned = 1 WHERE pad_id = ? AND id = ? AND is_hidden = 0')
  // The ids as one JSON array: any number of them in one statement.
  const hide = db.prepare('UPDATE pad_versions SET is_hidden = 1 WHERE pad_id = ? AND is_hidden = 0 AND id IN (SELECT value FROM json_each(?))')
  const deleteUnneeded = db.prepare(`DELETE FROM pad_versions WHERE pad_id = ? AND is_hidden = 1
    AND NOT EXISTS (SELECT 1 FROM pad_versions AS later WHERE later.base_version_id = pad_versions.id)`)
  /** Hides the versions (a later one may still build on them), then deletes every hidden one nothing builds on; how many were listed. */
  const dropVersions = db.transaction((padId: string, versionIds: readonly string[]): number => {
    if (versionIds.length === 0) return 0
    const hidden = hide.run(padId, JSON.stringify(versionIds)).changes
    // Each pass frees the base of what the one before deleted; a chain is at most maxChainLength long.
    while (deleteUnneeded.run(padId).changes > 0);
    return hidden
  })

  return {
    writeVersion(version) {
      insert.run({
        id: version.id,
        pad_id: version.padId,
        created_at_ms: version.createdAtMs,
        kind: version.kind,
        name: version.name,
        state: version.storedState,
        byte_size: version.byteSize,
        ...versionJson(version),
        is_pinned: version.isPinned ? 1 : 0,
        restored_version: version.restore?.versionId ?? null,
        restored_by: version.restore?.participantId ?? null,
        base_version_id: version.baseVersionId,
        chain_length: version.chainLength,
        state_vector: version.stateVector,
      })
    },
    listVersions: (padId) => list.all(padId).map(versionSummaryFromRow),
    readVersion: db.transaction((padId: string, versionId: string): PadVersion | null => {
      const row = readSummary.get(padId, versionId)
      return row === undefined ? null : wholeVersionFromChain(versionSummaryFromRow(row), readChain.all(padId, versionId))
    }),
    newestVersionBase(padId) {
      const row = newest.get(padId)
      return row === undefined ? null : versionBaseFromRow(row)
    },
    renameVersion: (padId, versionId, name) => rename.run(name, padId, versionId).changes > 0,
    pinVersion: (padId, versionId) => pin.run(padId, versionId).changes > 0,
    deleteVersions: dropVersions,
    thinVersions: db.transaction((padId: string, nowMs: number): string[] => {
      // Oldest first, so that the rule reads equal times in the order they were written.
      const versions = list.all(padId).reverse().map(versionSummaryFromRow)
      const dropped = selectVersionsToDrop(versions.map(thinnableOf), nowMs)
      dropVersions(padId, dropped)
      return dropped
    }),
  }
}
