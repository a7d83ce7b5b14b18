/**
 * Reads a pad's settings (`PadState`: title, event, license, lock, lifetime,
 * dates, credited names, who may restore, the published version) from an untrusted value — the body of `GET /api/pads/<key>` or the
 * JSON of a relay `settings` message. A value that is not an object is a
 * `TypeError` (the server and the page disagree); fields that are missing or
 * of the wrong type fall back to their defaults, so that an older or newer
 * server still gives a usable page. It does not read the role or the links
 * (see `client/settings/api-client.ts`).
 */
import { defaultDataLicenseId, defaultLicenseId, isDataLicenseId, isLicenseId } from '../pad/licenses'
import { defaultPadLifetime, defaultRestoreRole, padLanguages, padLifetimes, restoreRoles } from './api'
import type { PadEvent, PadLanguage, PadState } from './api'

const defaultPadLanguage: PadLanguage = 'fr'

const datePattern = /^\d{4}-\d{2}-\d{2}$/

export function parsePadState(value: unknown): PadState {
  if (!isRecord(value)) throw new TypeError('pad settings are not an object')
  const { title, language, event, license, dataLicense, locked, lifetime, createdAt, updatedAt, expiresAt, extraContributors, restoreRole, publishedVersion } = value
  return {
    title: readString(title),
    language: padLanguages.find((candidate) => candidate === language) ?? defaultPadLanguage,
    event: parsePadEvent(event),
    license: isLicenseId(license) ? license : defaultLicenseId,
    dataLicense: isDataLicenseId(dataLicense) ? dataLicense : defaultDataLicenseId,
    locked: locked === true,
    lifetime: padLifetimes.find((candidate) => candidate === lifetime) ?? defaultPadLifetime,
    createdAt: readString(createdAt),
    updatedAt: readString(updatedAt),
    expiresAt: typeof expiresAt === 'string' && expiresAt !== '' ? expiresAt : null,
    extraContributors: Array.isArray(extraContributors)
      ? extraContributors.filter((name): name is string => typeof name === 'string')
      : [],
    restoreRole: restoreRoles.find((candidate) => candidate === restoreRole) ?? defaultRestoreRole,
    publishedVersion: typeof publishedVersion === 'string' && publishedVersion !== '' ? publishedVersion : null,
  }
}

function parsePadEvent(value: unknown): PadEvent {
  if (!isRecord(value)) return { name: '', date: '', place: '' }
  const date = readString(value.date)
  return { name: readString(value.name), date: datePattern.test(date) ? date : '', place: readString(value.place) }
}

function readString(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
