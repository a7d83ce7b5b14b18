/**
 * The PostgreSQL schema, as the list of steps that build it: each entry
 * takes a database from its index to the next version, and
 * `atelier_migrations` records where a database is. Steps are only ever
 * appended (an instance of an older version may share the database).
 */
export const postgresMigrations: readonly string[] = [
  `
CREATE TABLE pads (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  language TEXT NOT NULL,
  event_name TEXT NOT NULL DEFAULT '',
  event_date TEXT NOT NULL DEFAULT '',
  event_place TEXT NOT NULL DEFAULT '',
  license TEXT NOT NULL,
  locked BOOLEAN NOT NULL DEFAULT false,
  lifetime TEXT NOT NULL,
  view_key TEXT NOT NULL,
  edit_key_generation INTEGER NOT NULL DEFAULT 0,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  first_edit_at_ms BIGINT,
  last_edit_at_ms BIGINT,
  extra_contributors JSONB NOT NULL DEFAULT '[]',
  last_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX pads_by_update ON pads (updated_at_ms);
CREATE TABLE pad_keys (
  key_hash BYTEA PRIMARY KEY,
  pad_id TEXT NOT NULL REFERENCES pads (id) ON DELETE CASCADE,
  role TEXT NOT NULL
);
CREATE INDEX pad_keys_by_pad ON pad_keys (pad_id);
CREATE TABLE pad_updates (
  pad_id TEXT NOT NULL REFERENCES pads (id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (pad_id, seq)
);
CREATE TABLE pad_snapshots (
  pad_id TEXT PRIMARY KEY REFERENCES pads (id) ON DELETE CASCADE,
  data BYTEA NOT NULL,
  through_seq BIGINT NOT NULL
);
`,
  `ALTER TABLE pads ADD COLUMN data_license TEXT NOT NULL DEFAULT 'etalab-2.0'`,
  // Tombstones of replaced edit keys: their hashes only, gone with the pad.
  `
CREATE TABLE pad_replaced_keys (
  key_hash BYTEA PRIMARY KEY,
  pad_id TEXT NOT NULL REFERENCES pads (id) ON DELETE CASCADE
);
CREATE INDEX pad_replaced_keys_by_pad ON pad_replaced_keys (pad_id);
`,
  // The pad's history: each version is its whole state then, gone with the pad.
  // `position` orders versions taken in the same millisecond by when they were written.
  `
CREATE TABLE pad_versions (
  id TEXT PRIMARY KEY,
  pad_id TEXT NOT NULL REFERENCES pads (id) ON DELETE CASCADE,
  position BIGINT GENERATED ALWAYS AS IDENTITY,
  created_at_ms BIGINT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT,
  state BYTEA NOT NULL,
  byte_size INTEGER NOT NULL,
  present JSONB NOT NULL DEFAULT '[]',
  characters JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX pad_versions_by_pad ON pad_versions (pad_id, created_at_ms);
`,
  // Restores and the published recipe: who may restore, which version is
  // published (and kept whatever thinning says), what each restore brought back and who asked.
  `
ALTER TABLE pads ADD COLUMN restore_role TEXT NOT NULL DEFAULT 'edit';
ALTER TABLE pads ADD COLUMN published_version TEXT;
ALTER TABLE pad_versions ADD COLUMN is_pinned BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE pad_versions ADD COLUMN restored_version TEXT;
ALTER TABLE pad_versions ADD COLUMN restored_by TEXT;
`,
  // Versions as changes: a version's state may be only the change since its
  // base (an earlier version), the chain ending at a whole one. A version
  // thinning drops while a later one still builds on it is hidden, and goes
  // once nothing does. Versions written before are whole (no base, no state vector).
  `
ALTER TABLE pad_versions ADD COLUMN base_version_id TEXT REFERENCES pad_versions (id);
ALTER TABLE pad_versions ADD COLUMN chain_length INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pad_versions ADD COLUMN state_vector BYTEA;
ALTER TABLE pad_versions ADD COLUMN is_hidden BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX pad_versions_by_base ON pad_versions (base_version_id);
`,
  // Facilitation (tour de table, dot votes): one JSON value per pad, written
  // by compare-and-set on its revision, gone with the pad.
  `
CREATE TABLE pad_facilitation (
  pad_id TEXT PRIMARY KEY REFERENCES pads (id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  state TEXT NOT NULL
);
`,
]
