/**
 * Reading the values a store keeps back into the types of `PadRecord`, the
 * same way for every store (one row mapping for SQLite and PostgreSQL): a value the code no longer knows (a language or
 * license removed since) falls back to the default instead of failing the
 * pad; an unknown role is the one thing that must never be guessed.
 */
import { defaultRestoreRole, padLanguages, padLifetimes, restoreRoles, type PadLanguage, type PadLifetime, type RestoreRole } from '../../shared/protocol/api'
import { defaultDataLicenseId, defaultLicenseId, isDataLicenseId, isLicenseId, type LicenseId } from '../../shared/pad/licenses'
import { roles, type Role } from '../../shared/protocol/roles'
import { StoreError, type PadRecord } from './store'

function parseLanguage(value: string): PadLanguage {
  return padLanguages.find((language) => language === value) ?? 'fr'
}

function parseLicense(value: string): LicenseId {
  return isLicenseId(value) ? value : defaultLicenseId
}

export function parseLifetime(value: string): PadLifetime {
  return padLifetimes.find((lifetime) => lifetime === value) ?? 'forever'
}

/** The names of a JSON array (given parsed, or as text); anything else is no names. */
function parseNames(value: unknown): string[] {
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch {
      return []
    }
  }
  return Array.isArray(parsed) ? parsed.filter((name): name is string => typeof name === 'string') : []
}

function parseRestoreRole(value: string): RestoreRole {
  return restoreRoles.find((role) => role === value) ?? defaultRestoreRole
}

export function parseRole(value: string): Role {
  const role = roles.find((candidate) => candidate === value)
  if (role === undefined) throw new StoreError(`unknown role ${JSON.stringify(value)} in pad_keys`)
  return role
}

/**
 * A row of the `pads` table as either driver returns it: SQLite gives
 * booleans as 0/1 and numbers as numbers; PostgreSQL gives booleans, and
 * BIGINT times as strings (pg does not guess whether they fit a number).
 */
export interface StoredPadRow {
  id: string
  title: string
  language: string
  event_name: string
  event_date: string
  event_place: string
  license: string
  data_license: string
  locked: boolean | number
  lifetime: string
  view_key: string
  edit_key_generation: number
  created_at_ms: number | string
  updated_at_ms: number | string
  first_edit_at_ms: number | string | null
  last_edit_at_ms: number | string | null
  extra_contributors: unknown
  restore_role: string
  published_version: string | null
}

export function padFromRow(row: StoredPadRow): PadRecord {
  return {
    id: row.id,
    title: row.title,
    language: parseLanguage(row.language),
    eventName: row.event_name,
    eventDate: row.event_date,
    eventPlace: row.event_place,
    license: parseLicense(row.license),
    dataLicense: isDataLicenseId(row.data_license) ? row.data_license : defaultDataLicenseId,
    locked: row.locked === true || row.locked === 1,
    lifetime: parseLifetime(row.lifetime),
    viewKey: row.view_key,
    editKeyGeneration: row.edit_key_generation,
    createdAtMs: Number(row.created_at_ms),
    updatedAtMs: Number(row.updated_at_ms),
    firstEditAtMs: row.first_edit_at_ms === null ? null : Number(row.first_edit_at_ms),
    lastEditAtMs: row.last_edit_at_ms === null ? null : Number(row.last_edit_at_ms),
    extraContributors: parseNames(row.extra_contributors),
    restoreRole: parseRestoreRole(row.restore_role),
    publishedVersion: row.published_version,
  }
}
