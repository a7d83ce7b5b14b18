import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'
import Database from 'better-sqlite3'
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { sqliteMigrations } from './sqlite-migrations'
import { createSqliteStore } from './sqlite-store'
import { describeStore, newPad } from '../testing/store/store-suite'
import type { PadKeyHashes, PadRecord } from './store'
import type { PadVersion } from '../history/version'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-sqlite-'))
  dirs.push(dir)
  return path.join(dir, 'nested', 'pads.sqlite')
}

/** The schema version before edit-key tombstones: files written then hold no `pad_replaced_keys`. */
const versionBeforeTombstones = 4
/** The schema version before pad histories: files written then hold no `pad_versions`. */
const versionBeforeVersions = 5
/** The schema version before restores and published recipes: no `restore_role`, `published_version`, nor version pins. */
const versionBeforeRestores = 6

/** Writes `pad`, its key hashes and `content` into `file` as schema version `version` left them, without opening a store. */
async function writeOldFile(file: string, version: number, pad: PadRecord, hashes: PadKeyHashes, content: Uint8Array, padVersion?: PadVersion): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const old = new Database(file)
  for (const step of sqliteMigrations.slice(0, version)) old.exec(step)
  old.pragma(`user_version = ${version}`)
  old
    .prepare(`INSERT INTO pads (id, title, language, event_name, event_date, event_place, license, data_license, locked, lifetime,
        view_key, edit_key_generation, created_at_ms, updated_at_ms, first_edit_at_ms, last_edit_at_ms, extra_contributors)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(pad.id, pad.title, pad.language, pad.eventName, pad.eventDate, pad.eventPlace, pad.license, pad.dataLicense, pad.locked ? 1 : 0,
      pad.lifetime, pad.viewKey, pad.editKeyGeneration, pad.createdAtMs, pad.updatedAtMs, pad.firstEditAtMs, pad.lastEditAtMs,
      JSON.stringify(pad.extraContributors))
  const insertKey = old.prepare('INSERT INTO pad_keys (key_hash, pad_id, role) VALUES (?, ?, ?)')
  for (const role of ['edit', 'view', 'admin'] as const) insertKey.run(hashes[role], pad.id, role)
  old.prepare('INSERT INTO pad_updates (pad_id, data) VALUES (?, ?)').run(pad.id, content)
  if (padVersion !== undefined) {
    old
      .prepare(`INSERT INTO pad_versions (id, pad_id, created_at_ms, kind, name, state, byte_size, present, characters)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(padVersion.id, padVersion.padId, padVersion.createdAtMs, padVersion.kind, padVersion.name, padVersion.state, padVersion.byteSize,
        JSON.stringify(padVersion.presentParticipantIds), JSON.stringify(padVersion.charactersByParticipant))
  }
  old.close()
}

describeStore('sqlite', async () => {
  const file = tempFile()
  return {
    open: async () => createSqliteStore({ file }),
    reopen: async () => createSqliteStore({ file }),
    writeBeforeTombstones: (pad, hashes, content) => writeOldFile(file, versionBeforeTombstones, pad, hashes, content),
    writeBeforeVersions: (pad, hashes, content) => writeOldFile(file, versionBeforeVersions, pad, hashes, content),
    writeBeforeRestores: (pad, hashes, content, version) => writeOldFile(file, versionBeforeRestores, pad, hashes, content, version),
  }
})

it('adds the tombstones as a step of its own, after the schema files already have', () => {
  expect(sqliteMigrations.length).toBeGreaterThan(versionBeforeTombstones)
  expect(sqliteMigrations[versionBeforeTombstones]).toContain('CREATE TABLE IF NOT EXISTS pad_replaced_keys')
  expect(sqliteMigrations.slice(0, versionBeforeTombstones).join('')).not.toContain('pad_replaced_keys')
})

it('adds pad histories as a step of its own, after the schema files already have', () => {
  expect(sqliteMigrations.length).toBeGreaterThan(versionBeforeVersions)
  expect(sqliteMigrations[versionBeforeVersions]).toContain('CREATE TABLE IF NOT EXISTS pad_versions')
  expect(sqliteMigrations.slice(0, versionBeforeVersions).join('')).not.toContain('pad_versions')
})

it('adds restores and published recipes as a step of their own, after the schema files already have', () => {
  expect(sqliteMigrations.length).toBeGreaterThan(versionBeforeRestores)
  expect(sqliteMigrations[versionBeforeRestores]).toContain('published_version')
  expect(sqliteMigrations.slice(0, versionBeforeRestores).join('')).not.toMatch(/published_version|restore_role|is_pinned/)
})

it('runs SQLite in WAL mode with synchronous NORMAL by default', async () => {
  const file = tempFile()
  const store = createSqliteStore({ file })
  await store.close()
  const db = new Database(file, { readonly: true })
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
  db.close()
  expect(fs.existsSync(file)).toBe(true)
})

it('commits the appends asked for in one synchronous run together, each resolving once committed, and lets later reads see them', async () => {
  const file = tempFile()
  const store = createSqliteStore({ file })
  const first = newPad('un')
  const second = newPad('deux')
  await store.createPad(first.pad, first.hashes, null)
  await store.createPad(second.pad, second.hashes, null)
  const updateWith = (text: string): Uint8Array => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, text)
    return Y.encodeStateAsUpdate(doc)
  }
  const appends = [
    store.appendUpdate(first.pad.id, updateWith('a'), 1),
    store.appendUpdate(second.pad.id, updateWith('b'), 1),
    store.appendUpdate(first.pad.id, updateWith('c'), 2),
  ]
  // Asked for after the appends, in the same turn: it sees them.
  const loaded = store.loadDocument(first.pad.id)
  const seqs = await Promise.all(appends)
  expect(seqs[0]).toBeLessThan(seqs[2] as number)
  expect((await loaded).updates).toHaveLength(2)
  await store.close()
  // Committed, not merely resolved: another connection to the file has them all.
  const db = new Database(file, { readonly: true })
  expect(db.prepare('SELECT count(*) AS n FROM pad_updates').get()).toEqual({ n: 3 })
  db.close()
})

it('leaves no WAL once closed: the checkpoint worker’s connection closes before the store’s', async () => {
  const file = tempFile()
  const store = createSqliteStore({ file })
  const { pad, hashes } = newPad('wal')
  await store.createPad(pad, hashes, null)
  for (let index = 0; index < 50; index++) await store.appendUpdate(pad.id, new Uint8Array(2000).fill(7), index)
  await store.close()
  expect(fs.existsSync(`${file}-wal`)).toBe(false)
  const db = new Database(file, { readonly: true })
  expect(db.prepare('SELECT count(*) AS n FROM pad_updates').get()).toEqual({ n: 50 })
  db.close()
})

it('opens a file written before the data license, keeping its pads, which get the default one', async () => {
  const file = tempFile()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const old = new Database(file)
  // The schema as the version before wrote it: every step but the data license.
  for (const step of sqliteMigrations.slice(0, 3)) old.exec(step)
  old.pragma('user_version = 3')
  old
    .prepare(`INSERT INTO pads (id, title, language, locked, view_key, edit_key_generation, created_at_ms, updated_at_ms, license, lifetime)
      VALUES ('old-pad', 'Ancien', 'fr', 0, 'view-key-of-the-old-pad', 0, 1, 1, 'CC-BY-4.0', 'year')`)
    .run()
  old.prepare("INSERT INTO pad_keys (key_hash, pad_id, role) VALUES (?, 'old-pad', 'view')").run(Buffer.alloc(32, 7))
  old.close()
  const store = createSqliteStore({ file })
  const found = await store.findPadByKeyHash(new Uint8Array(32).fill(7))
  expect(found?.pad).toMatchObject({ id: 'old-pad', title: 'Ancien', license: 'CC-BY-4.0', dataLicense: 'etalab-2.0' })
  await store.close()
  const reopened = new Database(file)
  expect(reopened.pragma('user_version', { simple: true })).toBe(sqliteMigrations.length)
  reopened.close()
})
