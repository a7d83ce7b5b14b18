/**
 * Hocuspocus (@hocuspocus/server 3.4.4, the newest major whose `engines`
 * accept Node 20) with its Database extension over one SQLite file
 * (better-sqlite3): how the Hocuspocus docs persist documents, and what
 * @hocuspocus/extension-sqlite does, without that package's `sqlite3` native
 * build. Everything else is Hocuspocus's defaults (store debounced 2 s, at
 * most 10 s; document unloaded when its last connection leaves). It listens on
 * 127.0.0.1 (PORT, 0 for any free port) and prints the URL; on SIGTERM it stores every loaded
 * document (server.destroy()) and exits.
 *
 * Env: DATA_DIR, the folder of the SQLite file; PORT.
 */
import path from 'node:path'
import fs from 'node:fs'
import Database from 'better-sqlite3'
import { Server } from '@hocuspocus/server'
import { Database as DatabaseExtension } from '@hocuspocus/extension-database'

const dataDir = process.env.DATA_DIR
if (!dataDir) {
  console.error('DATA_DIR is required')
  process.exit(2)
}
fs.mkdirSync(dataDir, { recursive: true })
const db = new Database(path.join(dataDir, 'hocuspocus.sqlite'))
db.pragma('journal_mode = WAL')
db.exec('CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL)')
const selectDocument = db.prepare('SELECT data FROM documents WHERE name = ?')
const upsertDocument = db.prepare(
  'INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data',
)

const server = new Server({
  quiet: true,
  stopOnSignals: false,
  extensions: [
    new DatabaseExtension({
      fetch: async ({ documentName }) => {
        const row = selectDocument.get(documentName)
        return row === undefined ? null : new Uint8Array(row.data)
      },
      store: async ({ documentName, state }) => {
        upsertDocument.run(documentName, state)
      },
    }),
  ],
})

// Server.listen() passes `address` where node:http expects `host`, and would
// listen on every interface: listen on loopback directly instead (listen()
// only adds the start screen and signal handlers that are not wanted here).
server.httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.httpServer.address()
  process.stderr.write(`listening on http://127.0.0.1:${port}\n`)
})

let stopping = false
process.on('SIGTERM', () => {
  if (stopping) return
  stopping = true
  server.destroy().then(
    () => {
      db.close()
      process.exit(0)
    },
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
})
