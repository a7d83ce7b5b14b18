/**
 * A room's storage over a real SQLite file: on a big pad, a compaction that
 * is due folds the updates the room appended into one and leaves the
 * snapshot as it is, until the log holds `maxFolds` folds; a small pad, or a
 * log that changed behind the room, is compacted whole. The content read
 * back is the writer's every time.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../log'
import { createSqliteStore } from '../../store/sqlite-store'
import type { Store } from '../../store/store'
import { docOf, newPad, textOf } from '../../testing/store/store-fixtures'
import { maxFolds, minFoldingSnapshotBytes } from './log-folding'
import { createRoomStorage, type RoomStorage } from './storage'

const opened: Array<{ store: Store; dir: string }> = []
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

const compactAfterUpdates = 10

/** A pad created with `initialText`, its room's storage loaded, and a writer whose every change the room applies and appends. */
async function padWith(
  initialText: string,
): Promise<{
  store: Store
  padId: string
  storage: RoomStorage
  type(count: number): Promise<void>
  typeInto(storage: RoomStorage, count: number): Promise<void>
  text(): string
  /** The writer's text with who wrote each run (Yjs delta). */
  credited(): unknown
}> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-test-'))
  const store = createSqliteStore({ file: path.join(dir, 'pad.sqlite') })
  opened.push({ store, dir })
  const writer = new Y.Doc()
  const pending: Uint8Array[] = []
  writer.on('update', (update: Uint8Array) => pending.push(update))
  writer.getText('t').insert(0, initialText)
  const { pad, hashes } = newPad('Storage')
  await store.createPad(pad, hashes, Y.mergeUpdates(pending.splice(0)))
  const storage = createRoomStorage(pad.id, { compactAfterUpdates, isShared: false }, { store, log: createLogger('silent') })
  await storage.load()
  const typeInto = async (into: RoomStorage, count: number): Promise<void> => {
    for (let index = 0; index < count; index++) {
      // Each character credited to one of three participants, as the pad's editor marks it: folds must keep who wrote what.
      writer.getText('t').insert(index % 7, String(index % 10), { author: `participant:p${index % 3}` })
      for (const update of pending.splice(0)) {
        Y.applyUpdate(into.document().doc(), update)
        await into.append(update, Date.now())
      }
    }
  }
  return {
    store,
    padId: pad.id,
    storage,
    type: (count) => typeInto(storage, count),
    typeInto,
    text: () => writer.getText('t').toString(),
    credited: () => writer.getText('t').toDelta(),
  }
}

describe('a room’s storage, compacting its pad’s log', () => {
  it('folds a big pad’s new updates into one and keeps its snapshot, until the log holds the most folds it may', async () => {
    const pad = await padWith('atelier '.repeat(12_000))
    // The first compaction makes the snapshot (there is none yet to keep).
    await pad.storage.compact()
    const { snapshot } = await pad.store.loadDocument(pad.padId)
    expect(snapshot?.length).toBeGreaterThan(minFoldingSnapshotBytes)

    for (let fold = 1; fold <= maxFolds; fold++) {
      await pad.type(compactAfterUpdates)
      expect(pad.storage.needsCompaction()).toBe(true)
      await pad.storage.compact()
      expect(pad.storage.needsCompaction()).toBe(false)
      const stored = await pad.store.loadDocument(pad.padId)
      expect(stored.snapshot).toEqual(snapshot)
      expect(stored.updates).toHaveLength(fold)
      expect(textOf(stored)).toBe(pad.text())
      expect(docOf(stored).getText('t').toDelta()).toEqual(pad.credited())
    }

    await pad.type(compactAfterUpdates)
    await pad.storage.compact()
    const compacted = await pad.store.loadDocument(pad.padId)
    expect(compacted.updates).toHaveLength(0)
    expect(compacted.snapshot).not.toEqual(snapshot)
    expect(textOf(compacted)).toBe(pad.text())
  })

  it('folds from the pad as loaded: a room loaded again does not rewrite the snapshot first', async () => {
    const pad = await padWith('atelier '.repeat(12_000))
    await pad.storage.compact()
    await pad.type(compactAfterUpdates)
    await pad.storage.compact()
    const { snapshot } = await pad.store.loadDocument(pad.padId)
    // The room unloads; another loads the pad and its writers go on.
    pad.storage.destroy()
    const reloaded = createRoomStorage(pad.padId, { compactAfterUpdates, isShared: false }, { store: pad.store, log: createLogger('silent') })
    await reloaded.load()
    await pad.typeInto(reloaded, compactAfterUpdates)
    await reloaded.compact()
    const stored = await pad.store.loadDocument(pad.padId)
    expect(stored.snapshot).toEqual(snapshot)
    expect(stored.updates).toHaveLength(2)
    expect(textOf(stored)).toBe(pad.text())
  })

  it('compacts a pad that other instances share whole, from the store, even right after a load', async () => {
    const pad = await padWith('atelier '.repeat(12_000))
    await pad.storage.compact()
    pad.storage.destroy()
    const shared = createRoomStorage(pad.padId, { compactAfterUpdates, isShared: true }, { store: pad.store, log: createLogger('silent') })
    await shared.load()
    await pad.typeInto(shared, compactAfterUpdates)
    await shared.compact()
    const stored = await pad.store.loadDocument(pad.padId)
    expect(stored.updates).toHaveLength(0)
    expect(textOf(stored)).toBe(pad.text())
  })

  it('compacts a small pad whole', async () => {
    const pad = await padWith('atelier ')
    await pad.type(compactAfterUpdates)
    await pad.storage.compact()
    const stored = await pad.store.loadDocument(pad.padId)
    expect(stored.updates).toHaveLength(0)
    expect(stored.snapshot).not.toBeNull()
    expect(textOf(stored)).toBe(pad.text())
  })

  it('compacts whole when the log no longer holds what the room appended as it was', async () => {
    const pad = await padWith('atelier '.repeat(12_000))
    await pad.storage.compact()
    await pad.type(compactAfterUpdates / 2)
    // An update stored among the room's own by another way (the doc has it too): the fold's range would hold one more.
    const doc = pad.storage.document().doc()
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    const before = Y.encodeStateVector(other)
    other.getText('t').insert(0, '!')
    const update = Y.encodeStateAsUpdate(other, before)
    Y.applyUpdate(doc, update)
    await pad.store.appendUpdate(pad.padId, update, Date.now())
    await pad.type(compactAfterUpdates / 2)
    await pad.storage.compact()
    const stored = await pad.store.loadDocument(pad.padId)
    expect(stored.updates).toHaveLength(0)
    expect(textOf(stored)).toBe(doc.getText('t').toString())
    expect(textOf(stored)).toContain('!')
  })
})
