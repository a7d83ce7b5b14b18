/**
 * Reading the values a store keeps back into the types of `PadRecord`, the
 * same way for every store: a value the code no longer knows (a language or
 * license removed since) falls back to the default instead of failing the
 * pad; an unknown role is the one thing that must never be guessed.
 */
import { padLanguages, padLifetimes, type PadLanguage, type PadLifetime } from '../../shared/protocol/api'
import { defaultLicenseId, isLicenseId, type LicenseId } from '../../shared/pad/licenses'
import { roles, type Role } from '../../shared/protocol/roles'
import { StoreError } from './store'

export function parseLanguage(value: string): PadLanguage {
  return padLanguages.find((language) => language === value) ?? 'fr'
}

export function parseLicense(value: string): LicenseId {
  return isLicenseId(value) ? value : defaultLicenseId
}

export function parseLifetime(value: string): PadLifetime {
  return padLifetimes.find((lifetime) => lifetime === value) ?? 'forever'
}

/** The names of a JSON array (given parsed, or as text); anything else is no names. */
export function parseNames(value: unknown): string[] {
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

export function parseRole(value: string): Role {
  const role = roles.find((candidate) => candidate === value)
  if (role === undefined) throw new StoreError(`unknown role ${JSON.stringify(value)} in pad_keys`)
  return role
}
