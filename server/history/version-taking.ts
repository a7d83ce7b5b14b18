/**
 * Taking a version the server owes on request (DESIGN.md, "History"): one
 * the facilitator names, and the safety copies before a lock, an export or a
 * restore — captured from a doc (the room's live one, or the pad as stored,
 * see `docFromStore`) and written to the store. A checkpoint asked for "only
 * if changed" (before an export) is skipped when the pad equals its newest
 * version, so that repeated exports do not pile up identical versions. When
 * to ask is the caller's (the API, through the relay's rooms); automatic
 * checkpoints are room/checkpoints.ts.
 */
import * as Y from 'yjs'
import type { Store } from '../store/store'
import { storedState } from '../room/storage/document'
import { captureVersion, summaryOfCaptured, type PadVersion, type VersionKind, type VersionRestore, type VersionSummary } from './version'

/** A version asked for: its kind, its name, the restore it comes before. */
export interface VersionRequest {
  kind: VersionKind
  name?: string | null
  restore?: VersionRestore | null
  /** Skip it (resolve null) when the pad has not changed since its newest version. */
  onlyIfChanged?: boolean
}

/** Where a version is taken: the pad, the time, who is connected. */
export interface VersionTaking {
  padId: string
  atMs: number
  presentParticipantIds: Iterable<string>
}

/**
 * Captures `doc` as the version asked for — the change since the pad's
 * newest version — and writes it; null when it was only wanted if the pad
 * changed, and it did not.
 */
export async function takeVersion(
  store: Pick<Store, 'writeVersion' | 'listVersions' | 'readVersion' | 'newestVersionBase'>,
  doc: Y.Doc,
  request: VersionRequest,
  taking: VersionTaking,
): Promise<VersionSummary | null> {
  if (request.onlyIfChanged === true && (await equalsNewestVersion(store, taking.padId, doc))) return null
  const base = await store.newestVersionBase(taking.padId)
  const captured = captureVersion(doc, {
    padId: taking.padId,
    kind: request.kind,
    name: request.name ?? null,
    atMs: taking.atMs,
    presentParticipantIds: taking.presentParticipantIds,
    restore: request.restore ?? null,
  }, base)
  await store.writeVersion(captured)
  return summaryOfCaptured(captured)
}

/** The pad as stored, as a doc (everything anyone saw relayed is there, by the durability rule); the caller destroys it. */
export async function docFromStore(store: Pick<Store, 'loadDocument'>, padId: string): Promise<Y.Doc> {
  const state = storedState(await store.loadDocument(padId))
  const doc = new Y.Doc()
  if (state !== null) Y.applyUpdate(doc, state)
  return doc
}

/** A doc made of a version's state; the caller destroys it. */
export function docOfVersion(version: Pick<PadVersion, 'state'>): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, version.state)
  return doc
}

/** Whether `doc` holds exactly what `state` holds: the same structs and the same deletions, however each was split or merged. */
export function isSameState(doc: Y.Doc, state: Uint8Array): boolean {
  const other = docOfVersion({ state })
  try {
    return Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(other))
  } finally {
    other.destroy()
  }
}

async function equalsNewestVersion(store: Pick<Store, 'listVersions' | 'readVersion'>, padId: string, doc: Y.Doc): Promise<boolean> {
  const [newest] = await store.listVersions(padId)
  if (newest === undefined) return false
  const version = await store.readVersion(padId, newest.id)
  return version !== null && isSameState(doc, version.state)
}
