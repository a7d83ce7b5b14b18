/**
 * The pad API's side of history: who may see a pad's versions (the edit and
 * admin links; a view link sees the pad, never its history) and the listing
 * of them, named as each participant now chooses to be credited, and one
 * version's state as it is kept (for the page's history panel). Exporting a
 * version is pad-export.ts; the routes and their rate limit are
 * pad-routes.ts.
 */
import * as Y from 'yjs'
import { readCredits } from '../../shared/pad/attribution'
import type { PadVersionsResponse } from '../../shared/protocol/api'
import { Role } from '../../shared/protocol/roles'
import { storedState } from '../room/document'
import { describeVersions } from '../history/version-listing'
import { isVersionId } from '../history/version'
import type { PadRecord, Store } from '../store/store'
import { HttpError } from './http-error'
import { findPad } from './pad-api'

/** The pad a key opens, if that key may see its history; a 403 `forbidden` for a view key. */
export async function findPadWithHistory(store: Store, key: string): Promise<PadRecord> {
  const { pad, role } = await findPad(store, key)
  if (role === Role.view) throw new HttpError(403, 'forbidden', 'The history of a pad is for its edit and admin links only.')
  return pad
}

export async function listPadVersions(store: Store, key: string): Promise<PadVersionsResponse> {
  const pad = await findPadWithHistory(store, key)
  const [versions, stored] = await Promise.all([store.listVersions(pad.id), store.loadDocument(pad.id)])
  const state = storedState(stored)
  const doc = new Y.Doc()
  try {
    if (state !== null) Y.applyUpdate(doc, state)
    const credits = readCredits(doc)
    return { versions: describeVersions(versions, (participantId) => credits(`participant:${participantId}`)) }
  } finally {
    doc.destroy()
  }
}

/**
 * The Yjs state of one of the pad's versions (one update, as kept), for a key
 * that may see its history; a 404 `unknown_version` when the pad has none
 * with that id (never taken, another pad's, or thinned).
 */
export async function readPadVersionState(store: Store, key: string, versionId: string): Promise<Uint8Array> {
  const pad = await findPadWithHistory(store, key)
  const version = isVersionId(versionId) ? await store.readVersion(pad.id, versionId) : null
  if (version === null) throw new HttpError(404, 'unknown_version', 'This pad has no version with this id (it may have been thinned).')
  return version.state
}
