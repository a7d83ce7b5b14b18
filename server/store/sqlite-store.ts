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
 * Folding the WAL into the file (a checkpoint, with its fsyncs) is left to a
 * worker thread (sqlite-checkpointer.ts), not to the commit that fills the WAL.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { StoreError, type PendingAppend, type Store } from './store'
import { migrateSqlite } from './sqlite-migrations'
import { prepareSqliteQueries } from './sqlite-queries'
import { prepareSqliteVersionQueries } from './sqlite-versions'
import { createSqliteCheckpointer } from './sqlite-checkpointer'

export interface SqliteStoreOptions {
  /** Path of the database file; its folder is created if missing. */
  file: string
  synchronous?: 'normal' | 'full'
}

export function createSqliteStore(options: SqliteStoreOptions): Store {
  fs.mkdirSync(path.dirname(options.file), { recursive: true })
  const db = new Database(options.file)
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrateSqlite(db)
  const queries = prepareSqliteQueries(db)
  const versions = prepareSqliteVersionQueries(db)
  // WAL checkpoints run in a worker thread, not inside a commit on the event loop.
  const checkpointer = createSqliteCheckpointer(db, { file: options.file })
  let isClosed = false
  let closing: Promise<void> | null = null

  /**
   * Appends asked for in one synchronous run (rooms drain together at the
   * end of a turn: turn-end.ts) are committed together right after it, in
   * the microtasks that follow, in one transaction: a commit writes the WAL
   * pages once for all of them, without waiting for the next turn. Each
   * still resolves only once committed. Should the group fail, each append
   * is retried alone, so that one pad's problem (deleted meanwhile) fails
   * only that pad's write.
   */
  let pendingAppends: PendingAppend[] = []
  const commitPendingAppends = (): void => {
    const group = pendingAppends
    pendingAppends = []
    if (group.length === 0) return
    try {
      if (isClosed) throw new Error('the store is closed')
      const seqs = queries.appendGroup(group)
      checkpointer.noteWrites(1)
      group.forEach((append, index) => append.resolve(seqs[index] as number))
    } catch {
      for (const append of group) {
        try {
          if (isClosed) throw new Error('the store is closed')
          append.resolve(queries.append(append.padId, append.update, append.atMs))
          checkpointer.noteWrites(1)
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
      const result = work()
      // Reads count too: a checkpoint with nothing to fold is cheap, and compactions and versions are writes.
      checkpointer.noteWrites(1)
      return Promise.resolve(result)
    } catch (error) {
      return Promise.reject(new StoreError(`${what}: ${(error as Error).message}`, { cause: error }))
    }
  }

  return {
    createPad: (pad, keyHashes, initialUpdate) => run('create pad', () => queries.createPad(pad, keyHashes, initialUpdate)),
    findPadByKeyHash: (keyHash) => run('find pad', () => queries.findPadByKeyHash(keyHash)),
    isReplacedEditKey: (keyHash) => run('find replaced key', () => queries.isReplacedEditKey(keyHash)),
    loadDocument: (padId) => run('load document', () => queries.loadDocument(padId)),
    appendUpdate: (padId, update, atMs) =>
      new Promise<number>((resolve, reject) => {
        if (pendingAppends.length === 0) queueMicrotask(commitPendingAppends)
        pendingAppends.push({ padId, update, atMs, resolve, reject })
      }),
    compact: (padId, snapshot, throughSeq) => run('compact', () => queries.compact(padId, snapshot, throughSeq)),
    foldUpdates: (padId, folded, fromSeq, throughSeq, count) => run('fold updates', () => queries.foldUpdates(padId, folded, fromSeq, throughSeq, count)),
    updatePad: (padId, fields, atMs) => run('update pad', () => queries.updatePad(padId, fields, atMs)),
    rotateEditKey: (padId, generation, editKeyHash) => run('rotate edit key', () => queries.rotateEditKey(padId, generation, editKeyHash)),
    writeVersion: (version) => run('write version', () => versions.writeVersion(version)),
    listVersions: (padId) => run('list versions', () => versions.listVersions(padId)),
    readVersion: (padId, versionId) => run('read version', () => versions.readVersion(padId, versionId)),
    newestVersionBase: (padId) => run('read the newest version', () => versions.newestVersionBase(padId)),
    // One process opens the file, and a pad's room runs one restore at a time.
    withPadLock: (_padId, work) => work(),
    renameVersion: (padId, versionId, name) => run('rename version', () => versions.renameVersion(padId, versionId, name)),
    pinVersion: (padId, versionId) => run('pin version', () => versions.pinVersion(padId, versionId)),
    deleteVersions: (padId, versionIds) => run('delete versions', () => versions.deleteVersions(padId, versionIds)),
    thinVersions: (padId, nowMs) => run('thin versions', () => versions.thinVersions(padId, nowMs)),
    readFacilitation: (padId) => run('read facilitation', () => queries.readFacilitation(padId)),
    writeFacilitation: (padId, state, expectedRevision) =>
      run('write facilitation', () => queries.writeFacilitation(padId, state, expectedRevision)),
    deletePad: (padId) => run('delete pad', () => queries.deletePad(padId)),
    deleteExpiredPads: (nowMs) => run('delete expired pads', () => queries.deleteExpiredPads(nowMs)),
    checkHealth: () => run('health check', () => queries.checkHealth()),
    close: () => {
      commitPendingAppends()
      closing ??= (async () => {
        isClosed = true
        // The worker's connection closes first: the main one, closing last, folds the WAL into the file.
        await checkpointer.close()
        db.close()
      })()
      return closing
    },
  }
}

