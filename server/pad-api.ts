/**
 * The pad API's logic, apart from HTTP plumbing: validating a creation
 * request, creating a pad with its three keys, and describing a pad to the
 * holder of one of its keys (with only the links that key may share).
 */
import { maxTitleLength, padLanguages, type CreatePadRequest, type CreatePadResponse, type PadLanguage, type PadSettings } from '../shared/api'
import { isPadKey, padPath } from '../shared/pad-link'
import { Role } from '../shared/roles'
import { HttpError } from './http-error'
import { deriveEditKey, generateKey, generatePadId, hashKey } from './pad-keys'
import type { PadRecord, Store } from './store'

/** Checks an untrusted creation body; unknown fields are ignored so that newer clients still work. */
export function parseCreatePadRequest(body: unknown): Required<CreatePadRequest> {
  if (body === undefined || body === null) return { title: '', language: 'fr' }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_body', 'The body must be a JSON object.')
  }
  const { title = '', language = 'fr' } = body as Record<string, unknown>
  if (typeof title !== 'string') throw new HttpError(400, 'invalid_title', 'title must be a string.')
  const trimmed = title.trim()
  if (trimmed.length > maxTitleLength) {
    throw new HttpError(400, 'invalid_title', `title must be at most ${maxTitleLength} characters.`)
  }
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new HttpError(400, 'invalid_title', 'title must not contain control characters.')
  }
  const padLanguage = padLanguages.find((candidate) => candidate === language)
  if (padLanguage === undefined) {
    throw new HttpError(400, 'invalid_language', `language must be one of ${padLanguages.join(', ')}.`)
  }
  return { title: trimmed, language: padLanguage }
}

export async function createPad(
  store: Store,
  request: Required<CreatePadRequest>,
  origin: string,
  nowMs: number,
): Promise<CreatePadResponse> {
  const adminKey = generateKey()
  const viewKey = generateKey()
  const editKey = deriveEditKey(adminKey, 0)
  const pad: PadRecord = {
    id: generatePadId(),
    title: request.title,
    language: request.language,
    locked: false,
    viewKey,
    editKeyGeneration: 0,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    expiresAtMs: null,
  }
  await store.createPad(pad, { edit: hashKey(editKey), view: hashKey(viewKey), admin: hashKey(adminKey) }, null)
  const keys = { edit: editKey, view: viewKey, admin: adminKey }
  return {
    id: pad.id,
    keys,
    links: { edit: padLink(origin, editKey), view: padLink(origin, viewKey), admin: padLink(origin, adminKey) },
  }
}

/** The settings a key opens, or an HttpError 404 for a malformed or unknown key. */
export async function readPadSettings(store: Store, key: string, origin: string): Promise<PadSettings> {
  const found = isPadKey(key) ? await store.findPadByKeyHash(hashKey(key)) : null
  if (found === null) throw new HttpError(404, 'unknown_pad', 'No pad answers to this link.')
  const { pad, role } = found
  const view = padLink(origin, pad.viewKey)
  const links: PadSettings['links'] =
    role === Role.admin
      ? { edit: padLink(origin, deriveEditKey(key, pad.editKeyGeneration)), view, admin: padLink(origin, key) }
      : role === Role.edit
        ? { edit: padLink(origin, key), view }
        : { view }
  return {
    id: pad.id,
    role,
    title: pad.title,
    language: asPadLanguage(pad.language),
    locked: pad.locked,
    createdAt: new Date(pad.createdAtMs).toISOString(),
    updatedAt: new Date(pad.updatedAtMs).toISOString(),
    expiresAt: pad.expiresAtMs === null ? null : new Date(pad.expiresAtMs).toISOString(),
    links,
  }
}

function padLink(origin: string, key: string): string {
  return origin + padPath(key)
}

function asPadLanguage(value: string): PadLanguage {
  return padLanguages.find((candidate) => candidate === value) ?? 'fr'
}
