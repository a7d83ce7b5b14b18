/**
 * The SQLite schema, as the list of steps that build it: each entry takes a
 * file from its index to the next version, and SQLite's `user_version` says
 * where a file is. Steps are only ever appended (a file written by an older
 * version must open in a newer one).
 */
import type Database from 'better-sqlite3'
import { defaultDataLicenseId, defaultLicenseId } from '../../shared/pad/licenses'
import { defaultRestoreRole } from '../../shared/protocol/api'

export const sqliteMigrations: readonly string[] = [
  `
CREATE TABLE IF NOT EXISTS pads (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  language TEXT NOT NULL,
  locked INTEGER NOT NULL DEFAULT 0,
  view_key TEXT NOT NULL,
  edit_key_generation INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER
);
CREATE TABLE IF NOT EXISTS pad_keys (
  key_hash BLOB PRIMARY KEY,
  pad_id TEXT NOT NULL REFERENCES pads(id) ON DELETE CASCADE,
  role TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pad_keys_by_pad ON pad_keys(pad_id);
CREATE TABLE IF NOT EXISTS pad_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  pad_id TEXT NOT NULL REFERENCES pads(id) ON DELETE CASCADE,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS pad_updates_by_pad ON pad_updates(pad_id, seq);
CREATE TABLE IF NOT EXISTS pad_snapshots (
  pad_id TEXT PRIMARY KEY REFERENCES pads(id) ON DELETE CASCADE,
  data BLOB NOT NULL,
  through_seq INTEGER NOT NULL
);
`,
  `
ALTER TABLE pads ADD COLUMN event_name TEXT NOT NULL DEFAULT '';
ALTER TABLE pads ADD COLUMN event_date TEXT NOT NULL DEFAULT '';
ALTER TABLE pads ADD COLUMN event_place TEXT NOT NULL DEFAULT '';
ALTER TABLE pads ADD COLUMN license TEXT NOT NULL DEFAULT '${defaultLicenseId}';
ALTER TABLE pads ADD COLUMN lifetime TEXT NOT NULL DEFAULT 'year';
ALTER TABLE pads DROP COLUMN expires_at_ms;
CREATE INDEX IF NOT EXISTS pads_by_update ON pads(updated_at_ms);
`,
  `
ALTER TABLE pads ADD COLUMN first_edit_at_ms INTEGER;
ALTER TABLE pads ADD COLUMN last_edit_at_ms INTEGER;
ALTER TABLE pads ADD COLUMN extra_contributors TEXT NOT NULL DEFAULT '[]';
`,
  `
ALTER TABLE pads ADD COLUMN data_license TEXT NOT NULL DEFAULT '${defaultDataLicenseId}';
`,
  // Tombstones of replaced edit keys: their hashes only, gone with the pad.
  `
CREATE TABLE IF NOT EXISTS pad_replaced_keys (
  key_hash BLOB PRIMARY KEY,
  pad_id TEXT NOT NULL REFERENCES pads(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pad_replaced_keys_by_pad ON pad_replaced_keys(pad_id);
`,
  // The pad's history: each version is its whole state then, gone with the pad.
  `
CREATE TABLE IF NOT EXISTS pad_versions (
  id TEXT PRIMARY KEY,
  pad_id TEXT NOT NULL REFERENCES pads(id) ON DELETE CASCADE,
  created_at_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  name TEXT,
  state BLOB NOT NULL,
  byte_size INTEGER NOT NULL,
  present TEXT NOT NULL DEFAULT '[]',
  characters TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS pad_versions_by_pad ON pad_versions(pad_id, created_at_ms);
`,
  // Restores and the published recipe: who may restore, which version is
  // published (and kept whatever thinning says), what each restore brought back and who asked.
  `
ALTER TABLE pads ADD COLUMN restore_role TEXT NOT NULL DEFAULT '${defaultRestoreRole}';
ALTER TABLE pads ADD COLUMN published_version TEXT;
ALTER TABLE pad_versions ADD COLUMN is_pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pad_versions ADD COLUMN restored_version TEXT;
ALTER TABLE pad_versions ADD COLUMN restored_by TEXT;
`,
  // Versions as changes: a version's state may be only the change since its
  // base (an earlier version), the chain ending at a whole one. A version
  // thinning drops while a later one still builds on it is hidden, and goes
  // once nothing does. Versions written before are whole (no base, no state vector).
  `
ALTER TABLE pad_versions ADD COLUMN base_version_id TEXT REFERENCES pad_versions(id);
ALTER TABLE pad_versions ADD COLUMN chain_length INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pad_versions ADD COLUMN state_vector BLOB;
ALTER TABLE pad_versions ADD COLUMN is_hidden INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS pad_versions_by_base ON pad_versions(base_version_id);
`,
  // Facilitation (tour de table, dot votes): one JSON value per pad, written
  // by compare-and-set on its revision, gone with the pad.
  `
CREATE TABLE IF NOT EXISTS pad_facilitation (
  pad_id TEXT PRIMARY KEY REFERENCES pads(id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  state TEXT NOT NULL
);
`,
]

/** Brings the file's schema up to date, one transaction per step. */
export function migrateSqlite(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true })
  const from = typeof current === 'number' ? current : 0
  for (let version = from; version < sqliteMigrations.length; version++) {
    db.transaction(() => {
      db.exec(sqliteMigrations[version] ?? '')
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
