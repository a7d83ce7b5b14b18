/**
 * Moves the SQLite file's WAL checkpoints off the event loop. SQLite's
 * automatic checkpoint runs inside the commit that passes 1,000 WAL pages —
 * every ~500 small appends — and copies those pages into the database with
 * two fsyncs: measured at 3–6 ms on the benchmark machine, during which no
 * message of any pad is relayed (the workshop's latency max and p99 carry
 * it). Here a worker thread with a connection of its own runs a PASSIVE
 * checkpoint every `everyWrites` writes, which never blocks the main
 * connection's commits (WAL mode: a checkpointer and a writer run together).
 *
 * Durability does not depend on it: a commit is in the WAL before the relay
 * (sqlite-store.ts); a checkpoint only folds the WAL into the database file.
 * Should the worker fail, the main connection checkpoints itself again.
 * It does not open the store or run its queries (sqlite-store.ts does).
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type BetterSqlite3 from 'better-sqlite3'

export interface SqliteCheckpointer {
  /** Counts writes committed by the main connection; every `everyWrites`, a checkpoint is asked of the worker. */
  noteWrites(count: number): void
  /** Stops the worker once its checkpoint in progress ends and its connection is closed. Idempotent. */
  close(): Promise<void>
}

export interface SqliteCheckpointerOptions {
  /** The database file (already in WAL mode). */
  file: string
  /** Writes between two checkpoints: 200 small appends write about 400 WAL pages, under SQLite's own 1,000. */
  everyWrites?: number
}

/** SQLite's own `wal_autocheckpoint`, restored on the main connection if the worker fails. */
const sqliteAutoCheckpointPages = 1000
/** Past this many WAL pages (16 MB) with the worker never catching up, the main connection checkpoints itself. */
const maxWalPages = 4 * sqliteAutoCheckpointPages

// CommonJS run by the worker (eval): it opens the file and checkpoints on request.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
parentPort.on('message', (request) => {
  if (request === 'checkpoint') {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)')
    parentPort.postMessage({ walPages: result.log, checkpointedPages: result.checkpointed })
  } else if (request === 'close') {
    db.close()
    parentPort.close()
  }
})
`

/** Takes over `db`'s checkpoints (its automatic checkpoint is turned off while the worker runs). */
export function createSqliteCheckpointer(db: BetterSqlite3.Database, options: SqliteCheckpointerOptions): SqliteCheckpointer {
  const everyWrites = options.everyWrites ?? 200
  db.pragma('wal_autocheckpoint = 0')
  let writesSinceCheckpoint = 0
  let isCheckpointing = false
  let isClosed = false
  let hasFailed = false
  /** Started at the first checkpoint asked for, not with the store: a server just started (a restart, a cold load) has work of its own on the same core, and one that only reads never needs it. */
  let worker: Worker | null = null
  let exited: Promise<void> = Promise.resolve()

  const fallBack = (): void => {
    if (hasFailed) return
    hasFailed = true
    // The WAL must not grow without bound: SQLite checkpoints as it did before.
    if (db.open) db.pragma(`wal_autocheckpoint = ${sqliteAutoCheckpointPages}`)
  }

  function startWorker(): Worker {
    const started = new Worker(workerSource, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: options.file },
      // It holds a connection and nothing else: a small heap keeps its memory small.
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
    })
    // The server's lifetime is not the worker's to decide.
    started.unref()
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()))
    started.on('message', (result: { walPages: number; checkpointedPages: number }) => {
      isCheckpointing = false
      if (isClosed || hasFailed || result.walPages === result.checkpointedPages) return
      // SQLite starts the WAL over only once a checkpoint has caught up with
      // it; writes made during this one left it behind, so another follows
      // (each shorter than the one before), unless the WAL has grown so long
      // that writes never pause: then the main connection checkpoints once
      // itself, between two commits, as SQLite would have.
      if (result.walPages > maxWalPages) {
        db.pragma('wal_checkpoint(PASSIVE)')
        return
      }
      isCheckpointing = true
      started.postMessage('checkpoint')
    })
    started.on('error', fallBack)
    started.on('exit', () => {
      if (!isClosed) fallBack()
    })
    return started
  }

  return {
    noteWrites(count) {
      if (hasFailed || isClosed) return
      writesSinceCheckpoint += count
      if (writesSinceCheckpoint < everyWrites || isCheckpointing) return
      writesSinceCheckpoint = 0
      isCheckpointing = true
      worker ??= startWorker()
      worker.postMessage('checkpoint')
    },
    async close() {
      if (isClosed) return exited
      isClosed = true
      if (worker === null) return exited
      // Until it has closed its connection, the worker keeps the process alive.
      worker.ref()
      if (!hasFailed) worker.postMessage('close')
      return exited
    },
  }
}
