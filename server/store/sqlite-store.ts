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
import { timingSafeEqual } from 'node:crypto'
import { padLifetimeMs, padLifetimes } from '../../shared/protocol/api'
import { defaultLicenseId } from '../../shared/pad/licenses'
import {
  StoreError,
  type PadKeyHashes,
  type PadRecord,
  type PadSettingsFields,
  type Store,
  type StoredDocument,
} from './store'
import { padFromRow, parseLifetime, parseRole, type StoredPadRow } from './stored-values'

export interface SqliteStoreOptions {
  /** Path of the database file; its folder is created if missing. */
  file: string
  synchronous?: 'normal' | 'full'
}

/** Each entry takes the schema from its index to the next version; `user_version` says where a file is. */
const migrations = [
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
]

export function createSqliteStore(options: SqliteStoreOptions): Store {
  fs.mkdirSync(path.dirname(options.file), { recursive: true })
  const db = new Database(options.file)
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)

  const insertPad = db.prepare(`INSERT INTO pads
    (id, title, language, event_name, event_date, event_place, license, locked, lifetime, view_key,
     edit_key_generation, created_at_ms, updated_at_ms, first_edit_at_ms, last_edit_at_ms, extra_contributors)
    VALUES (@id, @title, @language, @event_name, @event_date, @event_place, @license, @locked, @lifetime, @view_key,
     @edit_key_generation, @created_at_ms, @updated_at_ms, @first_edit_at_ms, @last_edit_at_ms, @extra_contributors)`)
  const selectPad = db.prepare<[string], StoredPadRow>('SELECT * FROM pads WHERE id = ?')
  const updatePadRow = db.prepare(`UPDATE pads SET title = @title, event_name = @event_name, event_date = @event_date,
    event_place = @event_place, license = @license, locked = @locked, lifetime = @lifetime, updated_at_ms = @updated_at_ms,
    extra_contributors = @extra_contributors
    WHERE id = @id`)
  const deleteEditKey = db.prepare("DELETE FROM pad_keys WHERE pad_id = ? AND role = 'edit'")
  const setGeneration = db.prepare('UPDATE pads SET edit_key_generation = ? WHERE id = ?')
  const deletePadRow = db.prepare('DELETE FROM pads WHERE id = ?')
  const selectExpiryCandidates = db.prepare<[number], { id: string; lifetime: string; updated_at_ms: number }>(
    "SELECT id, lifetime, updated_at_ms FROM pads WHERE lifetime != 'forever' AND updated_at_ms < ?",
  )
  const insertKey = db.prepare('INSERT INTO pad_keys (key_hash, pad_id, role) VALUES (?, ?, ?)')
  const selectByKey = db.prepare<[Uint8Array], StoredPadRow & { role: string; key_hash: Buffer }>(
    'SELECT pads.*, pad_keys.role AS role, pad_keys.key_hash AS key_hash FROM pad_keys JOIN pads ON pads.id = pad_keys.pad_id WHERE pad_keys.key_hash = ?',
  )
  const selectSnapshot = db.prepare<[string], { data: Buffer; through_seq: number }>(
    'SELECT data, through_seq FROM pad_snapshots WHERE pad_id = ?',
  )
  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM pad_updates WHERE pad_id = ? ORDER BY seq',
  )
  const insertUpdate = db.prepare('INSERT INTO pad_updates (pad_id, data) VALUES (?, ?)')
  const touchPad = db.prepare(`UPDATE pads SET updated_at_ms = @at, last_edit_at_ms = @at,
    first_edit_at_ms = COALESCE(first_edit_at_ms, @at) WHERE id = @id`)
  const upsertSnapshot = db.prepare(`INSERT INTO pad_snapshots (pad_id, data, through_seq) VALUES (?, ?, ?)
    ON CONFLICT (pad_id) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq
    WHERE excluded.through_seq > pad_snapshots.through_seq`)
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
    touchPad.run({ at: atMs, id: padId })
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
  const updateTransaction = db.transaction((padId: string, fields: Partial<PadSettingsFields>, atMs: number) => {
    const row = selectPad.get(padId)
    if (row === undefined) return null
    const updated: PadRecord = { ...padFromRow(row), ...fields, updatedAtMs: atMs }
    updatePadRow.run(toRow(updated))
    return updated
  })
  const rotateTransaction = db.transaction((padId: string, generation: number, editKeyHash: Uint8Array) => {
    deleteEditKey.run(padId)
    insertKey.run(editKeyHash, padId, 'edit')
    setGeneration.run(generation, padId)
  })
  const expireTransaction = db.transaction((nowMs: number): string[] => {
    const shortest = Math.min(...padLifetimes.flatMap((lifetime) => padLifetimeMs[lifetime] ?? []))
    const expired = selectExpiryCandidates
      .all(nowMs - shortest)
      .filter((row) => row.updated_at_ms + (padLifetimeMs[parseLifetime(row.lifetime)] ?? Infinity) <= nowMs)
    // Keys, updates and snapshot go with the pad (ON DELETE CASCADE).
    for (const row of expired) deletePadRow.run(row.id)
    return expired.map((row) => row.id)
  })
  const compactTransaction = db.transaction((padId: string, snapshot: Uint8Array, throughSeq: number) => {
    // A snapshot older than the stored one (another instance compacted
    // further meanwhile) would lose the updates between the two: ignored.
    if (upsertSnapshot.run(padId, snapshot, throughSeq).changes === 0) return
    deleteUpdatesThrough.run(padId, throughSeq)
  })

  let isClosed = false

  /**
   * Appends asked for in one synchronous run (rooms drain together at the
   * end of a turn: turn-end.ts) are committed together right after it, in
   * the microtasks that follow, in one transaction: a commit writes the WAL
   * pages once for all of them, without waiting for the next turn. Each
   * still resolves only once committed. Should the group fail, each append is retried alone, so that
   * one pad's problem (deleted meanwhile) fails only that pad's write.
   */
  let pendingAppends: PendingAppend[] = []
  const appendGroupTransaction = db.transaction((group: readonly PendingAppend[]): number[] =>
    group.map((append) => appendTransaction(append.padId, append.update, append.atMs)),
  )
  const commitPendingAppends = (): void => {
    const group = pendingAppends
    pendingAppends = []
    if (group.length === 0) return
    try {
      if (isClosed) throw new Error('the store is closed')
      const seqs = appendGroupTransaction(group)
      group.forEach((append, index) => append.resolve(seqs[index] as number))
    } catch {
      for (const append of group) {
        try {
          if (isClosed) throw new Error('the store is closed')
          append.resolve(appendTransaction(append.padId, append.update, append.atMs))
        } catch (error) {
          append.reject(new StoreError(`append update: ${(error as Error).message}`, { cause: error }))
        }
      }
    }
  }

  // better-sqlite3 is synchronous; each method still returns a promise so that
  // a networked store can implement the same interface. Errors become
  // StoreError so the relay can tell a failed write from a bad message.
  const run = <T>(what: string, work: () => T): Promise<T> => {
    // Whatever comes next sees the appends asked for before it.
    commitPendingAppends()
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
        // The index found the row by its hash; comparing the bytes again in
        // constant time keeps the decision itself free of timing differences.
        if (row === undefined || row.key_hash.length !== keyHash.length || !timingSafeEqual(row.key_hash, keyHash)) {
          return null
        }
        return { pad: padFromRow(row), role: parseRole(row.role) }
      }),
    loadDocument: (padId) => run('load document', () => loadTransaction(padId)),
    appendUpdate: (padId, update, atMs) =>
      new Promise<number>((resolve, reject) => {
        if (pendingAppends.length === 0) queueMicrotask(commitPendingAppends)
        pendingAppends.push({ padId, update, atMs, resolve, reject })
      }),
    compact: (padId, snapshot, throughSeq) =>
      run('compact', () => compactTransaction(padId, snapshot, throughSeq)),
    updatePad: (padId, fields, atMs) => run('update pad', () => updateTransaction(padId, fields, atMs)),
    rotateEditKey: (padId, generation, editKeyHash) =>
      run('rotate edit key', () => rotateTransaction(padId, generation, editKeyHash)),
    deletePad: (padId) => run('delete pad', () => deletePadRow.run(padId).changes > 0),
    deleteExpiredPads: (nowMs) => run('delete expired pads', () => expireTransaction(nowMs)),
    checkHealth: () => run('health check', () => void db.prepare('SELECT 1').get()),
    close: () => {
      commitPendingAppends()
      if (!isClosed) {
        isClosed = true
        db.close()
      }
      return Promise.resolve()
    },
  }
}

interface PendingAppend {
  padId: string
  update: Uint8Array
  atMs: number
  resolve: (seq: number) => void
  reject: (error: StoreError) => void
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true })
  const from = typeof current === 'number' ? current : 0
  for (let version = from; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] ?? '')
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}

function toRow(pad: PadRecord): StoredPadRow {
  return {
    id: pad.id,
    title: pad.title,
    language: pad.language,
    event_name: pad.eventName,
    event_date: pad.eventDate,
    event_place: pad.eventPlace,
    license: pad.license,
    locked: pad.locked ? 1 : 0,
    lifetime: pad.lifetime,
    view_key: pad.viewKey,
    edit_key_generation: pad.editKeyGeneration,
    created_at_ms: pad.createdAtMs,
    updated_at_ms: pad.updatedAtMs,
    first_edit_at_ms: pad.firstEditAtMs,
    last_edit_at_ms: pad.lastEditAtMs,
    extra_contributors: JSON.stringify(pad.extraContributors),
  }
}

