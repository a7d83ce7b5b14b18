import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, it, vi } from 'vitest'
import { createSqliteCheckpointer } from './sqlite-checkpointer'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

/** A WAL-mode file with one table, as the store opens it. */
function openFile(): { db: Database.Database; file: string; insert: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-checkpointer-'))
  dirs.push(dir)
  const file = path.join(dir, 'pads.sqlite')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('CREATE TABLE rows (data BLOB)')
  db.pragma('wal_checkpoint(TRUNCATE)')
  const statement = db.prepare('INSERT INTO rows (data) VALUES (?)')
  const row = Buffer.alloc(2000, 7)
  return { db, file, insert: () => void statement.run(row) }
}

it('leaves commits in the WAL, even past SQLite’s own 1,000 pages, until enough writes ask for a checkpoint, which a worker makes', async () => {
  const { db, file, insert } = openFile()
  const checkpointer = createSqliteCheckpointer(db, { file, everyWrites: 700 })
  const emptySize = fs.statSync(file).size
  // Past 1,000 WAL pages: SQLite alone would have folded them into the file inside one of these commits.
  for (let index = 0; index < 699; index++) {
    insert()
    checkpointer.noteWrites(1)
  }
  expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(1000 * 4096)
  expect(fs.statSync(file).size).toBe(emptySize)
  insert()
  checkpointer.noteWrites(1)
  await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(emptySize + 1_000_000), { timeout: 5_000 })
  await checkpointer.close()
  expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 700 })
  db.close()
})

it('closes once the worker has closed its connection, so that the main one closes last and leaves no WAL; close is idempotent', async () => {
  const { db, file, insert } = openFile()
  const checkpointer = createSqliteCheckpointer(db, { file })
  for (let index = 0; index < 10; index++) insert()
  await Promise.all([checkpointer.close(), checkpointer.close()])
  db.close()
  expect(fs.existsSync(`${file}-wal`)).toBe(false)
  const reopened = new Database(file, { readonly: true })
  expect(reopened.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 10 })
  reopened.close()
})
