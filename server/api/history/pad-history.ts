/**
 * The pad API's side of history: who may see a pad's versions (the edit and
 * admin links; a view link sees the pad, never its history) and the listing
 * of them, named as each participant now chooses to be credited, and one
 * version's state as it is kept (for the page's history panel); naming a
 * version (the admin link); restoring one (the edit and admin links, or the
 * admin link alone when the facilitator says so; never a view link, nor an
 * edit link while the pad is locked), recording who asked. Exporting a
 * version is pad-export.ts; the routes and their rate limits are
 * pad-routes.ts; the versions and restores themselves, the relay's rooms
 * (live-pads.ts).
 */
import * as Y from 'yjs'
import { readCredits } from '../../../shared/pad/attribution'
import {
  maxVersionNameLength,
  VersionKind,
  type PadVersionResponse,
  type PadVersionsResponse,
  type RestoreVersionResponse,
} from '../../../shared/protocol/api'
import { isParticipantSecret, participantIdOf } from '../../../shared/protocol/participant-id'
import { isRecord } from '../../../shared/protocol/pad-state'
import { isVersionId } from '../../history/version'
import { PadFullError } from '../../room/history'
import { RoomUnavailableError } from '../../room/requests'
import type { LivePads } from '../live-pads'
import { Role } from '../../../shared/protocol/roles'
import { storedState } from '../../room/storage/document'
import { describeVersions } from '../../history/version-listing'
import { StoreError, type PadRecord, type Store } from '../../store/store'
import { HttpError } from '../http-error'
import { findPad, findPadAsAdmin } from '../pad-api'

/** The pad a key opens, if that key may see its history; a 403 `forbidden` for a view key. */
export async function findPadWithHistory(store: Store, key: string): Promise<PadRecord> {
  const { pad, role } = await findPad(store, key)
  if (role === Role.view) throw new HttpError(403, 'forbidden', 'The history of a pad is for its edit and admin links only.')
  return pad
}

export async function listPadVersions(store: Store, key: string): Promise<PadVersionsResponse> {
  return describePadVersions(store, await findPadWithHistory(store, key))
}

async function describePadVersions(store: Store, pad: PadRecord): Promise<PadVersionsResponse> {
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

/** One version as the listing shows it; 404 `unknown_version` when the pad has none with that id (thinned meanwhile). */
async function describePadVersion(store: Store, pad: PadRecord, versionId: string): Promise<PadVersionResponse> {
  const version = (await describePadVersions(store, pad)).versions.find((listed) => listed.id === versionId)
  if (version === undefined) throw unknownVersion()
  return { version }
}

/** Takes a `named` version of the pad as it is now (admin link). */
export async function nameCurrentVersion(store: Store, livePads: LivePads, key: string, body: unknown): Promise<PadVersionResponse> {
  const pad = await findPadAsAdmin(store, key)
  const name = parseVersionName(body)
  const version = await livePads.takeVersion(pad, { kind: VersionKind.named, name })
  if (version === null) throw new TypeError('a named version is always taken')
  return describePadVersion(store, pad, version.id)
}

/** Names (or renames) an existing version of the pad (admin link): a named version is never thinned. */
export async function renamePadVersion(store: Store, key: string, versionId: string, body: unknown): Promise<PadVersionResponse> {
  const pad = await findPadAsAdmin(store, key)
  const name = parseVersionName(body)
  if (!isVersionId(versionId) || !(await store.renameVersion(pad.id, versionId, name))) throw unknownVersion()
  return describePadVersion(store, pad, versionId)
}

/** Restores a version of the pad as one new change, after a `before-restore` checkpoint that undoes it. */
export async function restorePadVersion(
  store: Store,
  livePads: LivePads,
  key: string,
  versionId: string,
  body: unknown,
): Promise<RestoreVersionResponse> {
  const { pad, role } = await findPad(store, key)
  if (role === Role.view) throw new HttpError(403, 'forbidden', 'A view link cannot restore a version.')
  if (role === Role.edit && pad.restoreRole === Role.admin) {
    throw new HttpError(403, 'forbidden', 'The facilitator allowed restores from the admin link only.')
  }
  if (role === Role.edit && pad.locked) throw new HttpError(409, 'locked', 'The pad is locked: only the facilitator can restore a version.')
  const restoredBy = parseRestorer(body)
  const version = isVersionId(versionId) ? await store.readVersion(pad.id, versionId) : null
  if (version === null) throw unknownVersion()
  try {
    const outcome = await livePads.restoreVersion(pad, version, restoredBy)
    return { restored: version.id, checkpoint: outcome.checkpoint.id }
  } catch (error) {
    if (error instanceof PadFullError) throw new HttpError(413, 'pad_full', 'The pad would be too large with this version restored; nothing was changed.')
    if (error instanceof RoomUnavailableError) throw new HttpError(503, 'pad_unavailable', 'The pad is being reloaded on the server; try again in a moment.')
    if (error instanceof StoreError) throw new HttpError(503, 'store_unavailable', 'The pad could not be stored; nothing was restored. Try again in a moment.')
    throw error
  }
}

/** The name of an untrusted naming body: a string, trimmed, 1 to `maxVersionNameLength` characters, no control characters. */
function parseVersionName(body: unknown): string {
  const name = isRecord(body) ? body.name : undefined
  if (typeof name !== 'string') throw new HttpError(400, 'invalid_name', 'Send { "name": "<the version’s name>" }.')
  const trimmed = name.trim()
  if (trimmed === '' || trimmed.length > maxVersionNameLength) {
    throw new HttpError(400, 'invalid_name', `name must be 1 to ${maxVersionNameLength} characters once trimmed.`)
  }
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new HttpError(400, 'invalid_name', 'name must not contain control characters.')
  return trimmed
}

/** Who restores, from the participant secret the page may send; null without one. */
function parseRestorer(body: unknown): string | null {
  if (body === undefined) return null
  if (!isRecord(body)) throw new HttpError(400, 'invalid_body', 'The body must be a JSON object, or nothing.')
  const { participant } = body
  if (participant === undefined) return null
  if (typeof participant !== 'string' || !isParticipantSecret(participant)) {
    throw new HttpError(400, 'invalid_participant', 'participant must be the page’s participant secret (43 base64url characters).')
  }
  return participantIdOf(participant)
}

function unknownVersion(): HttpError {
  return new HttpError(404, 'unknown_version', 'This pad has no version with this id (it may have been thinned).')
}

/**
 * The Yjs state of one of the pad's versions (one update, as kept), for a key
 * that may see its history; a 404 `unknown_version` when the pad has none
 * with that id (never taken, another pad's, or thinned).
 */
export async function readPadVersionState(store: Store, key: string, versionId: string): Promise<Uint8Array> {
  const pad = await findPadWithHistory(store, key)
  const version = isVersionId(versionId) ? await store.readVersion(pad.id, versionId) : null
  if (version === null) throw unknownVersion()
  return version.state
}
