/**
 * Every query of the SQLite store, prepared once per file: the statements,
 * and the transactions that group them (a pad with its keys, an append with
 * its pad's dates, a load that no compaction can split). Synchronous, as
 * better-sqlite3 is; sqlite-store.ts turns them into the store's promises and
 * groups appends.
 */
import type Database from 'better-sqlite3'
import { timingSafeEqual } from 'node:crypto'
import { padLifetimeMs, padLifetimes } from '../../shared/protocol/api'
import { decodeFacilitationState, encodeFacilitationState, type FacilitationState } from '../facilitation/facilitation-state'
import type { PadKeyHashes, PadRecord, PadSettingsFields, PadWithRole, StoredDocument, StoredFacilitation } from './store'
import { padFromRow, parseLifetime, parseRole, type StoredPadRow } from './stored-values'

export interface SqliteQueries {
  createPad(pad: PadRecord, keyHashes: PadKeyHashes, initial: Uint8Array | null): void
  findPadByKeyHash(keyHash: Uint8Array): PadWithRole | null
  isReplacedEditKey(keyHash: Uint8Array): boolean
  loadDocument(padId: string): StoredDocument
  /** Appends one update and dates the pad's edit; returns its sequence number. */
  append(padId: string, update: Uint8Array, atMs: number): number
  /** Appends each update in one transaction; their sequence numbers in the same order. */
  appendGroup(group: ReadonlyArray<{ padId: string; update: Uint8Array; atMs: number }>): number[]
  compact(padId: string, snapshot: Uint8Array, throughSeq: number): void
  foldUpdates(padId: string, folded: Uint8Array, fromSeq: number, throughSeq: number, count: number): boolean
  updatePad(padId: string, fields: Partial<PadSettingsFields>, atMs: number): PadRecord | null
  rotateEditKey(padId: string, generation: number, editKeyHash: Uint8Array): void
  readFacilitation(padId: string): StoredFacilitation | null
  writeFacilitation(padId: string, state: FacilitationState, expectedRevision: number): boolean
  deletePad(padId: string): boolean
  deleteExpiredPads(nowMs: number): string[]
  checkHealth(): void
}

export function prepareSqliteQueries(db: Database.Database): SqliteQueries {
  const statements = prepareStatements(db)
  const { insertPad, selectPad, updatePadRow, buryEditKey, deleteEditKey, setGeneration, deletePadRow, selectExpiryCandidates, insertKey, selectSnapshot, selectUpdates, insertUpdate, touchPad, upsertSnapshot, deleteUpdatesThrough, countUpdatesBetween, deleteUpdatesBetween, insertUpdateAt } = statements
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
    buryEditKey.run(padId)
    deleteEditKey.run(padId)
    insertKey.run(editKeyHash, padId, 'edit')
    setGeneration.run(generation, padId)
  })
  const expireTransaction = db.transaction((nowMs: number): string[] => {
    const shortest = Math.min(...padLifetimes.flatMap((lifetime) => padLifetimeMs[lifetime] ?? []))
    const expired = selectExpiryCandidates
      .all(nowMs - shortest)
      .filter((row) => row.updated_at_ms + (padLifetimeMs[parseLifetime(row.lifetime)] ?? Infinity) <= nowMs)
    // Keys (replaced ones too), updates, snapshot and versions go with the pad (ON DELETE CASCADE).
    for (const row of expired) deletePadRow.run(row.id)
    return expired.map((row) => row.id)
  })
  const compactTransaction = db.transaction((padId: string, snapshot: Uint8Array, throughSeq: number) => {
    // A snapshot older than the stored one (another instance compacted
    // further meanwhile) would lose the updates between the two: ignored.
    if (upsertSnapshot.run(padId, snapshot, throughSeq).changes === 0) return
    deleteUpdatesThrough.run(padId, throughSeq)
  })
  const foldTransaction = db.transaction((padId: string, folded: Uint8Array, fromSeq: number, throughSeq: number, count: number): boolean => {
    if (countUpdatesBetween.get(padId, fromSeq, throughSeq)?.count !== count) return false
    deleteUpdatesBetween.run(padId, fromSeq, throughSeq)
    // The number of the last update it holds: it stays in the log's order, and a later compaction through it drops it.
    insertUpdateAt.run(throughSeq, padId, folded)
    return true
  })

  return {
    createPad: createPadTransaction,
    findPadByKeyHash: (keyHash) => {
      const row = statements.selectByKey.get(keyHash)
      // The index found the row by its hash; comparing the bytes again in
      // constant time keeps the decision itself free of timing differences.
      if (row === undefined || row.key_hash.length !== keyHash.length || !timingSafeEqual(row.key_hash, keyHash)) return null
      return { pad: padFromRow(row), role: parseRole(row.role) }
    },
    isReplacedEditKey: (keyHash) => {
      const row = statements.selectReplacedKey.get(keyHash)
      return row !== undefined && row.key_hash.length === keyHash.length && timingSafeEqual(row.key_hash, keyHash)
    },
    loadDocument: loadTransaction,
    append: appendTransaction,
    appendGroup: db.transaction((group: ReadonlyArray<{ padId: string; update: Uint8Array; atMs: number }>): number[] =>
      group.map((append) => appendTransaction(append.padId, append.update, append.atMs)),
    ),
    compact: compactTransaction,
    foldUpdates: foldTransaction,
    updatePad: updateTransaction,
    rotateEditKey: rotateTransaction,
    readFacilitation: (padId) => {
      const row = statements.selectFacilitation.get(padId)
      return row === undefined ? null : { revision: row.revision, state: decodeFacilitationState(row.state) }
    },
    writeFacilitation: (padId, state, expectedRevision) => {
      const json = encodeFacilitationState(state)
      const written = expectedRevision === 0
        ? statements.insertFacilitation.run(padId, json, padId)
        : statements.updateFacilitation.run(json, padId, expectedRevision)
      return written.changes > 0
    },
    deletePad: (padId) => deletePadRow.run(padId).changes > 0,
    deleteExpiredPads: expireTransaction,
    checkHealth: () => void db.prepare('SELECT 1').get(),
  }
}

function prepareStatements(db: Database.Database) {
  const insertPad = db.prepare(`INSERT INTO pads
    (id, title, language, event_name, event_date, event_place, license, data_license, locked, lifetime, view_key,
     edit_key_generation, created_at_ms, updated_at_ms, first_edit_at_ms, last_edit_at_ms, extra_contributors, restore_role, published_version)
    VALUES (@id, @title, @language, @event_name, @event_date, @event_place, @license, @data_license, @locked, @lifetime, @view_key,
     @edit_key_generation, @created_at_ms, @updated_at_ms, @first_edit_at_ms, @last_edit_at_ms, @extra_contributors, @restore_role, @published_version)`)
  const selectPad = db.prepare<[string], StoredPadRow>('SELECT * FROM pads WHERE id = ?')
  const updatePadRow = db.prepare(`UPDATE pads SET title = @title, event_name = @event_name, event_date = @event_date,
    event_place = @event_place, license = @license, data_license = @data_license, locked = @locked, lifetime = @lifetime, updated_at_ms = @updated_at_ms,
    extra_contributors = @extra_contributors, restore_role = @restore_role, published_version = @published_version
    WHERE id = @id`)
  // The edit key's hash stays as a tombstone when the key goes (once, should it already be one).
  const buryEditKey = db.prepare(
    "INSERT OR IGNORE INTO pad_replaced_keys (key_hash, pad_id) SELECT key_hash, pad_id FROM pad_keys WHERE pad_id = ? AND role = 'edit'",
  )
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
  const selectReplacedKey = db.prepare<[Uint8Array], { key_hash: Buffer }>('SELECT key_hash FROM pad_replaced_keys WHERE key_hash = ?')
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
  const countUpdatesBetween = db.prepare<[string, number, number], { count: number }>(
    'SELECT count(*) AS count FROM pad_updates WHERE pad_id = ? AND seq BETWEEN ? AND ?',
  )
  const deleteUpdatesBetween = db.prepare('DELETE FROM pad_updates WHERE pad_id = ? AND seq BETWEEN ? AND ?')
  const insertUpdateAt = db.prepare('INSERT INTO pad_updates (seq, pad_id, data) VALUES (?, ?, ?)')
  const selectFacilitation = db.prepare<[string], { revision: number; state: string }>('SELECT revision, state FROM pad_facilitation WHERE pad_id = ?')
  // Compare-and-set: the first write only while none is stored (and the pad exists), later ones only over the revision read.
  const insertFacilitation = db.prepare(`INSERT INTO pad_facilitation (pad_id, revision, state)
    SELECT ?, 1, ? WHERE EXISTS (SELECT 1 FROM pads WHERE id = ?) ON CONFLICT (pad_id) DO NOTHING`)
  const updateFacilitation = db.prepare('UPDATE pad_facilitation SET revision = revision + 1, state = ? WHERE pad_id = ? AND revision = ?')

  return { selectFacilitation, insertFacilitation, updateFacilitation, insertPad, selectPad, updatePadRow, buryEditKey, deleteEditKey, setGeneration, deletePadRow, selectExpiryCandidates, insertKey, selectByKey, selectReplacedKey, selectSnapshot, selectUpdates, insertUpdate, touchPad, upsertSnapshot, deleteUpdatesThrough, countUpdatesBetween, deleteUpdatesBetween, insertUpdateAt }
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
    data_license: pad.dataLicense,
    locked: pad.locked ? 1 : 0,
    lifetime: pad.lifetime,
    view_key: pad.viewKey,
    edit_key_generation: pad.editKeyGeneration,
    created_at_ms: pad.createdAtMs,
    updated_at_ms: pad.updatedAtMs,
    first_edit_at_ms: pad.firstEditAtMs,
    last_edit_at_ms: pad.lastEditAtMs,
    extra_contributors: JSON.stringify(pad.extraContributors),
    restore_role: pad.restoreRole,
    published_version: pad.publishedVersion,
  }
}

