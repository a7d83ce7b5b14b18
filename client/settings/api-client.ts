/**
 * The HTTP API as the pages use it: create a pad, read a pad's settings, and
 * the facilitator's calls (change settings, rotate the edit link, delete the
 * pad). Responses are checked where they enter (`parsePadSettings`,
 * `parseCreatePadResponse`, `parseRotateEditLinkResponse`); a non-2xx answer becomes an `ApiError` carrying the
 * status and the server's `{ error, message }`, and a failure to reach the
 * server at all a `NetworkError`. A 2xx body of the wrong shape is a
 * `TypeError`: the server and the page disagree, retrying will not help.
 */
import type {
  ApiErrorBody,
  CreatePadRequest,
  CreatePadResponse,
  PadLinks,
  PadSettings,
  PadSettingsPatch,
  RotateEditLinkResponse,
} from '../../shared/protocol/api'
import { roles } from '../../shared/protocol/roles'
import type { Role } from '../../shared/protocol/roles'
import { isRecord, parsePadState } from '../../shared/protocol/pad-state'

export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The server could not be reached (offline, DNS, connection refused…); worth trying again. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError'
}

type Fetch = typeof fetch

export async function createPad(request: CreatePadRequest, fetchImpl: Fetch = fetch): Promise<CreatePadResponse> {
  const response = await reach(() =>
    fetchImpl('/api/pads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
    }),
  )
  return parseCreatePadResponse(await readJson(response))
}

export async function fetchPadSettings(key: string, fetchImpl: Fetch = fetch): Promise<PadSettings> {
  const response = await reach(() =>
    fetchImpl(padUrl(key), {
      headers: { accept: 'application/json' },
      cache: 'no-store',
    }),
  )
  return parsePadSettings(await readJson(response))
}

/** `PATCH /api/pads/<admin key>`: the pad's settings after the change, as the facilitator sees them. */
export async function updatePadSettings(
  adminKey: string,
  patch: PadSettingsPatch,
  fetchImpl: Fetch = fetch,
): Promise<PadSettings> {
  const response = await reach(() =>
    fetchImpl(padUrl(adminKey), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(patch),
    }),
  )
  return parsePadSettings(await readJson(response))
}

/** `POST /api/pads/<admin key>/rotate`: the new edit link; the old one stops working. */
export async function rotateEditLink(adminKey: string, fetchImpl: Fetch = fetch): Promise<RotateEditLinkResponse> {
  const response = await reach(() =>
    fetchImpl(`${padUrl(adminKey)}/rotate`, { method: 'POST', headers: { accept: 'application/json' } }),
  )
  return parseRotateEditLinkResponse(await readJson(response))
}

/** `DELETE /api/pads/<admin key>`: the pad and every one of its keys are gone. */
export async function deletePad(adminKey: string, fetchImpl: Fetch = fetch): Promise<void> {
  const response = await reach(() => fetchImpl(padUrl(adminKey), { method: 'DELETE', headers: { accept: 'application/json' } }))
  if (!response.ok) await readJson(response)
}

function padUrl(key: string): string {
  return `/api/pads/${encodeURIComponent(key)}`
}

/** The response of `request`; a `NetworkError` when the server could not be reached. */
export async function reach(request: () => Promise<Response>): Promise<Response> {
  try {
    return await request()
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error))
  }
}

/** The JSON body of a 2xx response; throws an `ApiError` for any other status. */
export async function readJson(response: Response): Promise<unknown> {
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = parseApiErrorBody(body)
    throw new ApiError(response.status, error?.error ?? 'http_error', error?.message ?? response.statusText)
  }
  return body
}

function parseApiErrorBody(body: unknown): ApiErrorBody | null {
  if (!isRecord(body) || typeof body.error !== 'string' || typeof body.message !== 'string') return null
  return { error: body.error, message: body.message }
}

function parseCreatePadResponse(body: unknown): CreatePadResponse {
  if (!isRecord(body) || typeof body.id !== 'string') throw new TypeError('create-pad response has no id')
  return { id: body.id, links: parseLinks(body.links, true), keys: parseLinks(body.keys, true) }
}

export function parsePadSettings(body: unknown): PadSettings {
  if (!isRecord(body)) throw new TypeError('pad settings are not an object')
  const { id, role } = body
  if (typeof id !== 'string' || id === '') throw new TypeError('pad settings have no id')
  if (typeof role !== 'string' || !isRole(role)) throw new TypeError(`pad settings have an unknown role ${String(role)}`)
  const recipe = isRecord(body.links) ? body.links.recipe : undefined
  return { ...parsePadState(body), id, role, links: { ...parseLinks(body.links, false), ...(typeof recipe === 'string' && recipe !== '' ? { recipe } : {}) } }
}

export function parseRotateEditLinkResponse(body: unknown): RotateEditLinkResponse {
  const link = isRecord(body) && isRecord(body.links) ? body.links.edit : undefined
  const key = isRecord(body) && isRecord(body.keys) ? body.keys.edit : undefined
  if (typeof link !== 'string' || link === '' || typeof key !== 'string' || key === '') {
    throw new TypeError('rotate response has no edit link')
  }
  return { links: { edit: link }, keys: { edit: key } }
}

function parseLinks(value: unknown, isComplete: true): PadLinks
function parseLinks(value: unknown, isComplete: false): Partial<PadLinks>
function parseLinks(value: unknown, isComplete: boolean): Partial<PadLinks> {
  const links: Partial<PadLinks> = {}
  for (const kind of ['edit', 'view', 'admin'] as const) {
    const link = isRecord(value) ? value[kind] : undefined
    if (typeof link === 'string' && link !== '') links[kind] = link
    else if (isComplete) throw new TypeError(`response has no ${kind} link`)
  }
  return links
}

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value)
}
