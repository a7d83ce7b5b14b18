/**
 * The embedded store: one SQLite file through better-sqlite3, in WAL mode.
 *
 * Durability: `appendUpdate` commits before it resolves, and the relay awaits
 * it before relaying, so an update that anyone saw is in the WAL file. With
 * `synchronous = NORMAL` a commit is a write() into the WAL without an fsync:
 * it survives a crash of the process (kill -9), which is what a pad server
 * meets; only a power cut or kernel crash can lose the last commits before the
 * next checkpoint. `FULL` adds one fsync per update, a hundredfold slower on
 * ordinary disks; it is offered as `synchronous: 'full'` for hosts that want it.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { Role } from '../shared/roles'
import { roles } from '../shared/roles'
import { StoreError, type PadKeyHashes, type PadRecord, type Store, type StoredDocument } from './store'

export interface SqliteStoreOptions {
  /** Path of the database file; its folder is created if missing. */
  file: string
  synchronous?: 'normal' | 'full'
}

const schemaVersion = 1

const migrations = `
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
`

interface PadRow {
  id: string
  title: string
  language: string
  locked: number
  view_key: string
  edit_key_generation: number
  created_at_ms: number
  updated_at_ms: number
  expires_at_ms: number | null
}

export function createSqliteStore(options: SqliteStoreOptions): Store {
  fs.mkdirSync(path.dirname(options.file), { recursive: true })
  const db = new Database(options.file)
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)

  const insertPad = db.prepare(`INSERT INTO pads
    (id, title, language, locked, view_key, edit_key_generation, created_at_ms, updated_at_ms, expires_at_ms)
    VALUES (@id, @title, @language, @locked, @view_key, @edit_key_generation, @created_at_ms, @updated_at_ms, @expires_at_ms)`)
  const insertKey = db.prepare('INSERT INTO pad_keys (key_hash, pad_id, role) VALUES (?, ?, ?)')
  const selectByKey = db.prepare<[Uint8Array], PadRow & { role: string }>(
    'SELECT pads.*, pad_keys.role AS role FROM pad_keys JOIN pads ON pads.id = pad_keys.pad_id WHERE pad_keys.key_hash = ?',
  )
  const selectSnapshot = db.prepare<[string], { data: Buffer; through_seq: number }>(
    'SELECT data, through_seq FROM pad_snapshots WHERE pad_id = ?',
  )
  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM pad_updates WHERE pad_id = ? ORDER BY seq',
  )
  const insertUpdate = db.prepare('INSERT INTO pad_updates (pad_id, data) VALUES (?, ?)')
  const touchPad = db.prepare('UPDATE pads SET updated_at_ms = ? WHERE id = ?')
  const upsertSnapshot = db.prepare(`INSERT INTO pad_snapshots (pad_id, data, through_seq) VALUES (?, ?, ?)
    ON CONFLICT (pad_id) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq`)
  const deleteUpdatesThrough = db.prepare('DELETE FROM pad_updates WHERE pad_id = ? AND seq <= ?')

  const createPadTransaction = db.transaction((pad: PadRecord, keyHashes: PadKeyHashes, initial: Uint8Array | null) => {
    insertPad.run(toRow(pad))
    insertKey.run(keyHashes.edit, pad.id, 'edit')
    insertKey.run(keyHashes.view, pad.id, 'view')
    insertKey.run(keyHashes.admin, pad.id, 'admin')
    if (initial !== null) insertUpdate.run(pad.id, initial)
  })
  const appendTransaction = db.transaction((padId: string, update: Uint8Array, atMs: number): number => {
    const result = insertUpdate.run(padId, update)
    touchPad.run(atMs, padId)
    return Number(result.lastInsertRowid)
  })
  // One read transaction, so that a compaction cannot fall between the two reads.
  const loadTransaction = db.transaction((padId: string): StoredDocument => {
    const snapshot = selectSnapshot.get(padId)
    const rows = selectUpdates.all(padId)
    return {
      snapshot: snapshot === undefined ? null : new Uint8Array(snapshot.data),
      updates: rows.map((row) => new Uint8Array(row.data)),
      lastSeq: rows.at(-1)?.seq ?? snapshot?.through_seq ?? 0,
    }
  })
  const compactTransaction = db.transaction((padId: string, snapshot: Uint8Array, throughSeq: number) => {
    upsertSnapshot.run(padId, snapshot, throughSeq)
    deleteUpdatesThrough.run(padId, throughSeq)
  })

  let isClosed = false
  // better-sqlite3 is synchronous; each method still returns a promise so that
  // a networked store can implement the same interface. Errors become
  // StoreError so the relay can tell a failed write from a bad message.
  const run = <T>(what: string, work: () => T): Promise<T> => {
    try {
      if (isClosed) throw new Error('the store is closed')
      return Promise.resolve(work())
    } catch (error) {
      return Promise.reject(new StoreError(`${what}: ${(error as Error).message}`, { cause: error }))
    }
  }

  return {
    createPad: (pad, keyHashes, initialUpdate) =>
      run('create pad', () => createPadTransaction(pad, keyHashes, initialUpdate)),
    findPadByKeyHash: (keyHash) =>
      run('find pad', () => {
        const row = selectByKey.get(keyHash)
        if (row === undefined) return null
        return { pad: fromRow(row), role: parseRole(row.role) }
      }),
    loadDocument: (padId) => run('load document', () => loadTransaction(padId)),
    appendUpdate: (padId, update, atMs) => run('append update', () => appendTransaction(padId, update, atMs)),
    compact: (padId, snapshot, throughSeq) =>
      run('compact', () => compactTransaction(padId, snapshot, throughSeq)),
    checkHealth: () => run('health check', () => void db.prepare('SELECT 1').get()),
    close: () => {
      if (!isClosed) {
        isClosed = true
        db.close()
      }
      return Promise.resolve()
    },
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true })
  if (typeof version === 'number' && version >= schemaVersion) return
  db.exec(migrations)
  db.pragma(`user_version = ${schemaVersion}`)
}

function toRow(pad: PadRecord): PadRow {
  return {
    id: pad.id,
    title: pad.title,
    language: pad.language,
    locked: pad.locked ? 1 : 0,
    view_key: pad.viewKey,
    edit_key_generation: pad.editKeyGeneration,
    created_at_ms: pad.createdAtMs,
    updated_at_ms: pad.updatedAtMs,
    expires_at_ms: pad.expiresAtMs,
  }
}

function fromRow(row: PadRow): PadRecord {
  return {
    id: row.id,
    title: row.title,
    language: row.language,
    locked: row.locked === 1,
    viewKey: row.view_key,
    editKeyGeneration: row.edit_key_generation,
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
    expiresAtMs: row.expires_at_ms,
  }
}

function parseRole(value: string): Role {
  const role = roles.find((candidate) => candidate === value)
  if (role === undefined) throw new StoreError(`unknown role ${JSON.stringify(value)} in pad_keys`)
  return role
}
