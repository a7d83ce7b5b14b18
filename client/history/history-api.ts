/**
 * The history API as the pad page uses it: the list of a pad's versions
 * (`GET /api/pads/<key>/versions`, checked where it enters by
 * `parsePadVersions`), one version's Yjs state
 * (`GET /api/pads/<key>/versions/<id>/content`), restoring a version
 * (`POST …/versions/<id>/restore`) and naming the pad as it is now
 * (`POST …/versions`, admin key). Failures are the API
 * client's: an `ApiError` with the server's code (403 for a view key, 404
 * `unknown_version`, 429), a `NetworkError` when the server cannot be reached,
 * a `TypeError` for a 2xx body of the wrong shape.
 */
import {
  VersionKind,
  type NameVersionRequest,
  type PadVersionAuthor,
  type PadVersionListing,
  type PadVersionRestore,
  type PadVersionsResponse,
  type RestoreVersionRequest,
  type RestoreVersionResponse,
} from '../../shared/protocol/api'
import { isRecord } from '../../shared/protocol/pad-state'
import { ApiError, reach, readJson } from '../settings/api-client'

type Fetch = typeof fetch

function versionsUrl(key: string): string {
  return `/api/pads/${encodeURIComponent(key)}/versions`
}

export async function fetchPadVersions(key: string, fetchImpl: Fetch = fetch): Promise<PadVersionListing[]> {
  const response = await reach(() => fetchImpl(versionsUrl(key), { headers: { accept: 'application/json' }, cache: 'no-store' }))
  return parsePadVersions(await readJson(response)).versions
}

/** The state of version `id`, one Yjs update. */
export async function fetchVersionState(key: string, id: string, fetchImpl: Fetch = fetch): Promise<Uint8Array> {
  const response = await reach(() => fetchImpl(`${versionsUrl(key)}/${encodeURIComponent(id)}/content`, { cache: 'no-store' }))
  if (!response.ok) {
    await readJson(response)
    throw new ApiError(response.status, 'http_error', response.statusText)
  }
  return new Uint8Array(await response.arrayBuffer())
}

/**
 * Restores version `id` as one new change; `participantSecret` records who
 * asked (the page's participant, see people/participant-secret.ts).
 */
export async function restoreVersion(key: string, id: string, participantSecret: string, fetchImpl: Fetch = fetch): Promise<RestoreVersionResponse> {
  const body: RestoreVersionRequest = { participant: participantSecret }
  const response = await reach(() =>
    fetchImpl(`${versionsUrl(key)}/${encodeURIComponent(id)}/restore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  )
  const answer = await readJson(response)
  if (!isRecord(answer) || typeof answer.restored !== 'string' || typeof answer.checkpoint !== 'string') {
    throw new TypeError('restore response is not { restored, checkpoint }')
  }
  return { restored: answer.restored, checkpoint: answer.checkpoint }
}

/** Takes a `named` version of the pad as it is now (admin key); the version as the listing shows it. */
export async function nameCurrentVersion(adminKey: string, name: string, fetchImpl: Fetch = fetch): Promise<PadVersionListing> {
  const body: NameVersionRequest = { name }
  const response = await reach(() =>
    fetchImpl(versionsUrl(adminKey), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  )
  const answer = await readJson(response)
  if (!isRecord(answer)) throw new TypeError('naming response is not an object')
  return parseVersion(answer.version, 0)
}

const versionKinds: readonly string[] = Object.values(VersionKind)

/** A versions listing from the network, checked; a `TypeError` naming what is wrong. */
export function parsePadVersions(body: unknown): PadVersionsResponse {
  if (!isRecord(body) || !Array.isArray(body.versions)) throw new TypeError('versions response has no versions')
  return { versions: body.versions.map(parseVersion) }
}

function parseVersion(value: unknown, index: number): PadVersionListing {
  const where = `version ${index}`
  if (!isRecord(value)) throw new TypeError(`${where} is not an object`)
  const { id, createdAt, kind, name, present, authors } = value
  if (typeof id !== 'string' || id === '') throw new TypeError(`${where} has no id`)
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) throw new TypeError(`${where} has no valid createdAt`)
  if (typeof kind !== 'string' || !versionKinds.includes(kind)) throw new TypeError(`${where} has an unknown kind ${String(kind)}`)
  if (name !== null && typeof name !== 'string') throw new TypeError(`${where} has a name that is not a string`)
  if (!Array.isArray(present) || !present.every((each) => typeof each === 'string')) throw new TypeError(`${where} has no list of people present`)
  if (!Array.isArray(authors)) throw new TypeError(`${where} has no authors`)
  return {
    id,
    createdAt,
    kind: kind as VersionKind,
    name,
    byteSize: count(value.byteSize, `${where} byteSize`),
    present: present as string[],
    presentUnnamedCount: count(value.presentUnnamedCount, `${where} presentUnnamedCount`),
    authors: authors.map((author, authorIndex) => parseAuthor(author, `${where} author ${authorIndex}`)),
    unnamedCharacters: count(value.unnamedCharacters, `${where} unnamedCharacters`),
    characterChange: integer(value.characterChange, `${where} characterChange`),
    isPinned: value.isPinned === true,
    restore: parseRestore(value.restore, `${where} restore`),
  }
}

function parseRestore(value: unknown, where: string): PadVersionRestore | null {
  if (value === null || value === undefined) return null
  if (!isRecord(value) || typeof value.version !== 'string' || (value.by !== null && typeof value.by !== 'string')) {
    throw new TypeError(`${where} is not { version, by }`)
  }
  return { version: value.version, by: value.by }
}

function parseAuthor(value: unknown, where: string): PadVersionAuthor {
  if (!isRecord(value) || typeof value.name !== 'string' || typeof value.organisation !== 'string') {
    throw new TypeError(`${where} has no name or organisation`)
  }
  return {
    name: value.name,
    organisation: value.organisation,
    characters: count(value.characters, `${where} characters`),
    change: integer(value.change, `${where} change`),
  }
}

function integer(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError(`${where} is not an integer`)
  return value
}

function count(value: unknown, where: string): number {
  const number = integer(value, where)
  if (number < 0) throw new TypeError(`${where} is negative`)
  return number
}
