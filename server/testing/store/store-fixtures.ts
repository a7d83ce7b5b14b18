/**
 * What the store suites (store-suite.ts, version-store-suite.ts,
 * facilitation-store-suite.ts) run on: a fixture that opens a real store,
 * fresh or as an older schema left it, the stores a describe block opened
 * (closed after each test), and the records and docs the tests write.
 */
import { afterEach } from 'vitest'
import * as Y from 'yjs'
import { generateKey, generatePadId, hashKey } from '../../api/pad-keys'
import { captureVersion, summaryOfCaptured, type CapturedVersion, type PadVersion, type VersionBase, type VersionKind } from '../../history/version'
import type { PadKeyHashes, PadRecord, Store } from '../../store/store'

export interface StoreFixture {
  open(): Promise<Store>
  reopen(): Promise<Store>
  /**
   * Writes `pad`, its key hashes and `content` (its one update) into this
   * fixture's fresh database as the version before edit-key tombstones left
   * it — that schema, those rows — without opening a store; `reopen` then
   * opens (and migrates) it.
   */
  writeBeforeTombstones(pad: PadRecord, hashes: PadKeyHashes, content: Uint8Array): Promise<void>
  /** The same, as the version before pad histories (versions) left it. */
  writeBeforeVersions(pad: PadRecord, hashes: PadKeyHashes, content: Uint8Array): Promise<void>
  /**
   * The same, as the version before restores and published recipes left it,
   * with `version` (its state, summary and name) in its history.
   */
  writeBeforeRestores(pad: PadRecord, hashes: PadKeyHashes, content: Uint8Array, version: PadVersion): Promise<void>
}

/** The stores of one describe block; every store opened or reopened is closed after each test. */
export interface StoreOpener {
  /** A fresh fixture's empty store. */
  open(): Promise<Store>
  /** A fresh fixture with nothing opened yet, to write an older schema into before `reopen`. */
  newFixture(): Promise<StoreFixture>
  /** The last fixture's data opened again (after its store closed, or after writing an older schema). */
  reopen(): Promise<Store>
}

export function useStores(makeFixture: () => Promise<StoreFixture>): StoreOpener {
  const opened: Store[] = []
  let last: StoreFixture | null = null
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
  })
  const kept = (store: Store): Store => {
    opened.push(store)
    return store
  }
  const newFixture = async (): Promise<StoreFixture> => (last = await makeFixture())
  return {
    open: async () => kept(await (await newFixture()).open()),
    newFixture,
    reopen: async () => {
      if (last === null) throw new TypeError('reopen needs a fixture: open() or newFixture() first')
      return kept(await last.reopen())
    },
  }
}

/** A pad record with fresh keys, as the API would create it. */
export function newPad(title: string): { pad: PadRecord; keys: Record<'edit' | 'view' | 'admin', string>; hashes: PadKeyHashes } {
  const keys = { edit: generateKey(), view: generateKey(), admin: generateKey() }
  const now = Date.now()
  return {
    pad: {
      id: generatePadId(),
      title,
      language: 'fr',
      locked: false,
      viewKey: keys.view,
      editKeyGeneration: 0,
      createdAtMs: now,
      updatedAtMs: now,
      eventName: '',
      eventDate: '',
      eventPlace: '',
      license: 'CC-BY-SA-4.0',
      dataLicense: 'etalab-2.0',
      lifetime: 'year',
      firstEditAtMs: null,
      lastEditAtMs: null,
      extraContributors: [],
      restoreRole: 'edit',
      publishedVersion: null,
    },
    keys,
    hashes: { edit: hashKey(keys.edit), view: hashKey(keys.view), admin: hashKey(keys.admin) },
  }
}

/** Appends `text` to the Y.Text `t` of `writer`, then captures the version it makes (whole unless `base` is given). */
export function versionOf(padId: string, writer: Y.Doc, text: string, atMs: number, kind: VersionKind, present: string[] = [], base: VersionBase | null = null): CapturedVersion {
  const t = writer.getText('t')
  t.insert(t.length, text)
  return captureVersion(writer, { padId, kind, atMs, presentParticipantIds: present }, base)
}

/** A whole captured version as the store reads it back. */
export function asRead(version: CapturedVersion): PadVersion {
  if (version.baseVersionId !== null) throw new TypeError('only a whole version reads back as it was captured')
  return { ...summaryOfCaptured(version), state: version.storedState }
}

/** The doc a stored snapshot and its updates make. */
export function docOf(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc()
  if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

/** The text `t` of a stored document (the suite writes there). */
export function textOf(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string {
  return docOf(stored).getText('t').toString()
}

/** A new pad in `store`, and a writer whose changes `appendWritten` appends to it; resolves with their sequence numbers. */
export async function padWithWriter(store: Store): Promise<{ padId: string; writer: Y.Doc; appendWritten(): Promise<number[]> }> {
  const { pad, hashes } = newPad('')
  await store.createPad(pad, hashes, null)
  const writer = new Y.Doc()
  const pending: Uint8Array[] = []
  writer.on('update', (update: Uint8Array) => pending.push(update))
  return {
    padId: pad.id,
    writer,
    async appendWritten() {
      const seqs: number[] = []
      for (const update of pending.splice(0)) seqs.push(await store.appendUpdate(pad.id, update, Date.now()))
      return seqs
    },
  }
}
