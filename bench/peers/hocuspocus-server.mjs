/**
 * Hocuspocus (@hocuspocus/server 4.7.0, what a team choosing a Yjs server
 * would take today) with its Database extension over one SQLite file
 * (better-sqlite3): how the Hocuspocus docs persist documents, and what
 * @hocuspocus/extension-sqlite does, without that package's `sqlite3` native
 * build. Everything else is Hocuspocus's defaults: broadcasts batched per
 * document (`flushDelay: 0`, merged within one event-loop turn, flushed early
 * past `flushMaxBytes` 1 MiB), each encoded once for all its connections;
 * store debounced 2 s, at most 10 s; document unloaded when its last
 * connection leaves; connections silent for 60 s closed. 4.7.0 declares
 * `engines: node >= 22`; it installs with npm's warning and runs on the
 * runner's Node (20), which the report's labels state. It listens on
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

// Listen on loopback directly: Server.listen() only adds the start screen and
// signal handlers (stopOnSignals) that are not wanted here.
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
