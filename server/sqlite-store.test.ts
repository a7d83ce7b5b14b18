import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'
import Database from 'better-sqlite3'
import { expect, it } from 'vitest'
import { createSqliteStore } from './sqlite-store'
import { describeStore } from './store-suite'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-sqlite-'))
  dirs.push(dir)
  return path.join(dir, 'nested', 'pads.sqlite')
}

describeStore('sqlite', async () => {
  const file = tempFile()
  return {
    open: async () => createSqliteStore({ file }),
    reopen: async () => createSqliteStore({ file }),
  }
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
