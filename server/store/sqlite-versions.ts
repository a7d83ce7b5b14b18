/**
 * The SQLite store's queries on a pad's history (`pad_versions`), prepared
 * once per file: writing, listing without the state, reading one with it,
 * renaming, pinning (published), deleting, and thinning by history/thinning.ts in one
 * transaction. Synchronous, as better-sqlite3 is; sqlite-store.ts turns
 * them into the store's promises.
 */
import type Database from 'better-sqlite3'
import type { PadVersion, VersionSummary } from '../history/version'
import { selectVersionsToDrop } from '../history/thinning'
import { thinnableOf, versionFromRow, versionJson, versionSummaryFromRow, type StoredVersionRow } from './stored-versions'

export interface SqliteVersionQueries {
  writeVersion(version: PadVersion): void
  listVersions(padId: string): VersionSummary[]
  readVersion(padId: string, versionId: string): PadVersion | null
  renameVersion(padId: string, versionId: string, name: string | null): boolean
  pinVersion(padId: string, versionId: string): boolean
  deleteVersions(padId: string, versionIds: readonly string[]): number
  thinVersions(padId: string, nowMs: number): string[]
}

const summaryColumns = 'id, pad_id, created_at_ms, kind, name, byte_size, present, characters, is_pinned, restored_version, restored_by'

export function prepareSqliteVersionQueries(db: Database.Database): SqliteVersionQueries {
  const insert = db.prepare(`INSERT INTO pad_versions
    (id, pad_id, created_at_ms, kind, name, state, byte_size, present, characters, is_pinned, restored_version, restored_by)
    VALUES (@id, @pad_id, @created_at_ms, @kind, @name, @state, @byte_size, @present, @characters, @is_pinned, @restored_version, @restored_by)`)
  // rowid orders versions taken in the same millisecond by when they were written.
  const list = db.prepare<[string], StoredVersionRow>(
    `SELECT ${summaryColumns} FROM pad_versions WHERE pad_id = ? ORDER BY created_at_ms DESC, rowid DESC`,
  )
  const read = db.prepare<[string, string], StoredVersionRow & { state: Buffer }>(
    `SELECT ${summaryColumns}, state FROM pad_versions WHERE pad_id = ? AND id = ?`,
  )
  const rename = db.prepare('UPDATE pad_versions SET name = ? WHERE pad_id = ? AND id = ?')
  const pin = db.prepare('UPDATE pad_versions SET is_pinned = 1 WHERE pad_id = ? AND id = ?')
  // The ids as one JSON array: any number of them in one statement.
  const deleteMany = db.prepare('DELETE FROM pad_versions WHERE pad_id = ? AND id IN (SELECT value FROM json_each(?))')
  const deleteVersions = (padId: string, versionIds: readonly string[]): number =>
    versionIds.length === 0 ? 0 : deleteMany.run(padId, JSON.stringify(versionIds)).changes

  return {
    writeVersion(version) {
      insert.run({
        id: version.id,
        pad_id: version.padId,
        created_at_ms: version.createdAtMs,
        kind: version.kind,
        name: version.name,
        state: version.state,
        byte_size: version.byteSize,
        ...versionJson(version),
        is_pinned: version.isPinned ? 1 : 0,
        restored_version: version.restore?.versionId ?? null,
        restored_by: version.restore?.participantId ?? null,
      })
    },
    listVersions: (padId) => list.all(padId).map(versionSummaryFromRow),
    readVersion(padId, versionId) {
      const row = read.get(padId, versionId)
      return row === undefined ? null : versionFromRow(row)
    },
    renameVersion: (padId, versionId, name) => rename.run(name, padId, versionId).changes > 0,
    pinVersion: (padId, versionId) => pin.run(padId, versionId).changes > 0,
    deleteVersions,
    thinVersions: db.transaction((padId: string, nowMs: number): string[] => {
      // Oldest first, so that the rule reads equal times in the order they were written.
      const versions = list.all(padId).reverse().map(versionSummaryFromRow)
      const dropped = selectVersionsToDrop(
        versions.map(thinnableOf),
        nowMs,
      )
      deleteVersions(padId, dropped)
      return dropped
    }),
  }
}
