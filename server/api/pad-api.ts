/**
 * The pad API's logic, apart from HTTP plumbing: validating untrusted bodies,
 * creating a pad with its three keys, describing a pad to the holder of one
 * of its keys (with only the links that key may share), and the facilitator's
 * changes (settings — a lock after a `before-lock` checkpoint, a published
 * version only if the pad has it — edit-link rotation, deletion). The relay
 * is told of each change so that every connection sees it at once.
 */
import {
  defaultPadLifetime,
  defaultRestoreRole,
  maxEventFieldLength,
  maxExtraContributors,
  maxTitleLength,
  padLanguages,
  padLifetimeMs,
  padLifetimes,
  PadLinkError,
  restoreRoles,
  VersionKind,
  type CreatePadRequest,
  type CreatePadResponse,
  type PadSettings,
  type PadSettingsPatch,
  type PadState,
  type RotateEditLinkResponse,
} from '../../shared/protocol/api'
import { cleanAuthorName, maxAuthorNameLength } from '../../shared/pad/attribution'
import { dataLicenseIds, defaultDataLicenseId, defaultLicenseId, isDataLicenseId, isLicenseId } from '../../shared/pad/licenses'
import { defaultTemplateId, isTemplateId, templateDocument, templateIds } from '../../shared/pad/templates'
import { templateUpdate } from './template-content'
import { isPadKey, padPath, recipePath } from '../../shared/protocol/pad-link'
import { isVersionId } from '../history/version'
import type { LivePads } from './live-pads'
import { Role } from '../../shared/protocol/roles'
import { HttpError } from './http-error'
import { deriveEditKey, generateKey, generatePadId, hashKey } from './pad-keys'
import type { PadRecord, PadSettingsFields, Store } from '../store/store'

/** What the API tells the relay, so that open connections follow every change. */
export interface PadChangeListener {
  padChanged(pad: PadRecord): void
  /** The edit key moved to `pad.editKeyGeneration`; connections on the old one must go. */
  padEditKeyRotated(pad: PadRecord): void
  padDeleted(padId: string): void
}

/** Checks an untrusted creation body; unknown fields are ignored so that newer clients still work. */
/** Checks an untrusted creation request; no body at all asks for the defaults, but a JSON `null` is not an object. */
export function parseCreatePadRequest(body: unknown): Required<CreatePadRequest> {
  const fields = readObject(body === undefined ? {} : body)
  const { title = '', language = 'fr', lifetime = defaultPadLifetime, template = defaultTemplateId } = fields
  const padLanguage = padLanguages.find((candidate) => candidate === language)
  if (padLanguage === undefined) {
    throw new HttpError(400, 'invalid_language', `language must be one of ${padLanguages.join(', ')}.`)
  }
  if (!isTemplateId(template)) {
    throw new HttpError(400, 'invalid_template', `template must be one of ${templateIds.join(', ')}.`)
  }
  return {
    title: readText(title, 'title', maxTitleLength),
    language: padLanguage,
    lifetime: readLifetime(lifetime),
    template,
  }
}

/** Checks an untrusted settings patch and turns it into store fields (a version to publish is checked against the store later). */
function parseSettingsPatch(body: unknown): Partial<PadSettingsFields> {
  const patch = readObject(body) as Record<keyof PadSettingsPatch, unknown>
  const fields: Partial<PadSettingsFields> = {}
  if (patch.title !== undefined) fields.title = readText(patch.title, 'title', maxTitleLength)
  if (patch.event !== undefined) {
    const event = readObject(patch.event)
    if (event.name !== undefined) fields.eventName = readText(event.name, 'event.name', maxEventFieldLength)
    if (event.place !== undefined) fields.eventPlace = readText(event.place, 'event.place', maxEventFieldLength)
    if (event.date !== undefined) fields.eventDate = readDate(event.date)
  }
  if (patch.license !== undefined) {
    if (!isLicenseId(patch.license)) throw new HttpError(400, 'invalid_license', 'license must be one of the offered SPDX ids.')
    fields.license = patch.license
  }
  if (patch.dataLicense !== undefined) {
    if (!isDataLicenseId(patch.dataLicense)) {
      throw new HttpError(400, 'invalid_data_license', `dataLicense must be one of ${dataLicenseIds.join(', ')}.`)
    }
    fields.dataLicense = patch.dataLicense
  }
  if (patch.locked !== undefined) {
    if (typeof patch.locked !== 'boolean') throw new HttpError(400, 'invalid_locked', 'locked must be true or false.')
    fields.locked = patch.locked
  }
  if (patch.lifetime !== undefined) fields.lifetime = readLifetime(patch.lifetime)
  if (patch.extraContributors !== undefined) fields.extraContributors = readNames(patch.extraContributors)
  if (patch.restoreRole !== undefined) {
    const restoreRole = restoreRoles.find((role) => role === patch.restoreRole)
    if (restoreRole === undefined) throw new HttpError(400, 'invalid_restore_role', `restoreRole must be one of ${restoreRoles.join(', ')}.`)
    fields.restoreRole = restoreRole
  }
  if (patch.publishedVersion !== undefined) {
    if (patch.publishedVersion !== null && typeof patch.publishedVersion !== 'string') {
      throw new HttpError(400, 'invalid_published_version', 'publishedVersion must be the id of a version of the pad, or null.')
    }
    fields.publishedVersion = patch.publishedVersion
  }
  if (Object.keys(fields).length === 0 && Object.keys(patch).length > 0) {
    throw new HttpError(400, 'invalid_body', 'Nothing to change: send title, event, license, dataLicense, locked, lifetime, extraContributors, restoreRole or publishedVersion.')
  }
  return fields
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
    eventName: '',
    eventDate: '',
    eventPlace: '',
    license: defaultLicenseId,
    dataLicense: defaultDataLicenseId,
    locked: false,
    lifetime: request.lifetime,
    viewKey,
    editKeyGeneration: 0,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    firstEditAtMs: null,
    lastEditAtMs: null,
    extraContributors: [],
    restoreRole: defaultRestoreRole,
    publishedVersion: null,
  }
  // The template is written by the server, so that a pad exported without
  // ever being opened still has it (DESIGN.md, "The contract").
  const template = templateDocument(request.template, request.language)
  const initialUpdate = template === null ? null : templateUpdate(template)
  await store.createPad(pad, { edit: hashKey(editKey), view: hashKey(viewKey), admin: hashKey(adminKey) }, initialUpdate)
  const keys = { edit: editKey, view: viewKey, admin: adminKey }
  return {
    id: pad.id,
    keys,
    links: { edit: padLink(origin, editKey), view: padLink(origin, viewKey), admin: padLink(origin, adminKey) },
  }
}

/**
 * The pad and role a key opens; otherwise an HttpError: 410 for an edit key
 * the facilitator replaced (the pad lives on, under a new edit link), 404 for
 * a malformed or unknown key, or a deleted pad's.
 */
export async function findPad(store: Store, key: string): Promise<{ pad: PadRecord; role: Role }> {
  if (!isPadKey(key)) throw unknownPad()
  const keyHash = hashKey(key)
  const found = await store.findPadByKeyHash(keyHash)
  if (found !== null) return found
  if (await store.isReplacedEditKey(keyHash)) {
    throw new HttpError(410, PadLinkError.linkReplaced, 'The facilitator replaced this edit link; ask them for the new one.')
  }
  throw unknownPad()
}

function unknownPad(): HttpError {
  return new HttpError(404, PadLinkError.unknownPad, 'No pad answers to this link.')
}

export async function findPadAsAdmin(store: Store, key: string): Promise<PadRecord> {
  const { pad, role } = await findPad(store, key)
  if (role !== Role.admin) throw new HttpError(403, 'forbidden', 'Only the facilitator (admin) link may do this.')
  return pad
}

export async function readPadSettings(store: Store, key: string, origin: string): Promise<PadSettings> {
  const { pad, role } = await findPad(store, key)
  return describePad(pad, role, key, origin)
}

export async function updatePadSettings(
  store: Store,
  listener: PadChangeListener,
  livePads: LivePads,
  key: string,
  body: unknown,
  origin: string,
  nowMs: number,
): Promise<PadSettings> {
  const pad = await findPadAsAdmin(store, key)
  const fields = parseSettingsPatch(body)
  const published = fields.publishedVersion
  if (published !== undefined && published !== null && published !== pad.publishedVersion) {
    // Only an existing version is published, and from then on never thinned.
    if (!isVersionId(published) || !(await store.pinVersion(pad.id, published))) {
      throw new HttpError(404, 'unknown_version', 'This pad has no version with this id to publish (it may have been thinned).')
    }
  }
  if (fields.locked === true && !pad.locked) {
    // The pad as it was just before the facilitator locked it (DESIGN.md, "History").
    await livePads.takeVersion(pad, { kind: VersionKind.beforeLock })
  }
  const updated = await store.updatePad(pad.id, fields, nowMs)
  if (updated === null) throw unknownPad()
  listener.padChanged(updated)
  return describePad(updated, Role.admin, key, origin)
}

export async function rotateEditLink(
  store: Store,
  listener: PadChangeListener,
  key: string,
  origin: string,
): Promise<RotateEditLinkResponse> {
  const pad = await findPadAsAdmin(store, key)
  const generation = pad.editKeyGeneration + 1
  const editKey = deriveEditKey(key, generation)
  await store.rotateEditKey(pad.id, generation, hashKey(editKey))
  listener.padEditKeyRotated({ ...pad, editKeyGeneration: generation })
  return { links: { edit: padLink(origin, editKey) }, keys: { edit: editKey } }
}

export async function deletePad(store: Store, listener: PadChangeListener, key: string): Promise<string> {
  const pad = await findPadAsAdmin(store, key)
  await store.deletePad(pad.id)
  listener.padDeleted(pad.id)
  return pad.id
}

/** The settings every connection of the pad sees (no keys, no links). */
export function toPadState(pad: PadRecord): PadState {
  const lifetimeMs = padLifetimeMs[pad.lifetime]
  return {
    title: pad.title,
    language: pad.language,
    event: { name: pad.eventName, date: pad.eventDate, place: pad.eventPlace },
    license: pad.license,
    dataLicense: pad.dataLicense,
    locked: pad.locked,
    lifetime: pad.lifetime,
    createdAt: new Date(pad.createdAtMs).toISOString(),
    updatedAt: new Date(pad.updatedAtMs).toISOString(),
    expiresAt: lifetimeMs === null ? null : new Date(pad.updatedAtMs + lifetimeMs).toISOString(),
    extraContributors: [...pad.extraContributors],
    restoreRole: pad.restoreRole,
    publishedVersion: pad.publishedVersion,
  }
}

function describePad(pad: PadRecord, role: Role, key: string, origin: string): PadSettings {
  const view = padLink(origin, pad.viewKey)
  const recipe = origin + recipePath(pad.viewKey)
  const links: PadSettings['links'] =
    role === Role.admin
      ? { edit: padLink(origin, deriveEditKey(key, pad.editKeyGeneration)), view, admin: padLink(origin, key), recipe }
      : role === Role.edit
        ? { edit: padLink(origin, key), view, recipe }
        : { view, recipe }
  return { id: pad.id, role, links, ...toPadState(pad) }
}

function padLink(origin: string, key: string): string {
  return origin + padPath(key)
}

function readObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'invalid_body', 'The body must be a JSON object.')
  }
  return value as Record<string, unknown>
}

function readText(value: unknown, field: string, maxLength: number): string {
  const code = `invalid_${field.replace('.', '_')}`
  if (typeof value !== 'string') throw new HttpError(400, code, `${field} must be a string.`)
  const trimmed = value.trim()
  if (trimmed.length > maxLength) throw new HttpError(400, code, `${field} must be at most ${maxLength} characters.`)
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new HttpError(400, code, `${field} must not contain control characters.`)
  return trimmed
}

function readDate(value: unknown): string {
  if (value === '') return ''
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new HttpError(400, 'invalid_event_date', 'event.date must be a date as YYYY-MM-DD, or empty.')
  }
  return value
}

function readNames(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > maxExtraContributors || !value.every((name) => typeof name === 'string')) {
    throw new HttpError(400, 'invalid_extra_contributors', `extraContributors must be a list of at most ${maxExtraContributors} names.`)
  }
  const names = (value as string[]).map(cleanAuthorName).filter((name) => name !== '')
  if ((value as string[]).some((name) => name.trim().length > maxAuthorNameLength)) {
    throw new HttpError(400, 'invalid_extra_contributors', `each name must be at most ${maxAuthorNameLength} characters.`)
  }
  return [...new Set(names)]
}

function readLifetime(value: unknown): (typeof padLifetimes)[number] {
  const lifetime = padLifetimes.find((candidate) => candidate === value)
  if (lifetime === undefined) throw new HttpError(400, 'invalid_lifetime', `lifetime must be one of ${padLifetimes.join(', ')}.`)
  return lifetime
}
