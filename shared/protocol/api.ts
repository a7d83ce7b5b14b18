/**
 * The HTTP API's request and response bodies (DESIGN.md, "The contract"),
 * shared so that the page and the server cannot drift apart. Validation of
 * untrusted bodies lives with the server routes, not here.
 */
import type { DataLicenseId, LicenseId } from '../pad/licenses'
import type { Role } from './roles'
import type { TemplateId } from '../pad/templates'

export interface CreatePadRequest {
  title?: string
  language?: PadLanguage
  lifetime?: PadLifetime
  template?: TemplateId
}

/** How long a pad lives after its last edit (as Framapad does); `forever` lives until deleted. */
export const padLifetimes = ['day', 'week', 'month', 'year', 'forever'] as const
export type PadLifetime = (typeof padLifetimes)[number]
export const defaultPadLifetime: PadLifetime = 'year'

const dayMs = 24 * 3600 * 1000
export const padLifetimeMs: Readonly<Record<PadLifetime, number | null>> = {
  day: dayMs,
  week: 7 * dayMs,
  month: 31 * dayMs,
  year: 366 * dayMs,
  forever: null,
}

/** Where and when the atelier took place; empty strings when not said. `date` is YYYY-MM-DD. */
export interface PadEvent {
  name: string
  date: string
  place: string
}

/** Why a version of a pad was taken: an automatic checkpoint, the facilitator naming one, or the safety copy before a lock, restore, export or publish. */
export const VersionKind = {
  auto: 'auto',
  named: 'named',
  beforeLock: 'before-lock',
  beforeRestore: 'before-restore',
  beforeExport: 'before-export',
  beforePublish: 'before-publish',
} as const

export type VersionKind = (typeof VersionKind)[keyof typeof VersionKind]

/** Which links may restore a version: the edit link and the facilitator's (the default), or the facilitator's alone. */
export const restoreRoles = ['edit', 'admin'] as const
export type RestoreRole = (typeof restoreRoles)[number]
export const defaultRestoreRole: RestoreRole = 'edit'

/** Longest version name accepted, in UTF-16 code units, once trimmed. */
export const maxVersionNameLength = 80

/** What a `before-restore` version records of the restore that followed it. */
export interface PadVersionRestore {
  /** The version that was restored. */
  version: string
  /** Who restored it, named as they choose to be credited; null when unnamed or unknown. */
  by: string | null
}

/** A participant named in a version (by the credit they chose), with their characters in it and the change since the version before. */
export interface PadVersionAuthor {
  name: string
  organisation: string
  characters: number
  change: number
}

/** One version in `GET /api/pads/<key>/versions`, newest first. */
export interface PadVersionListing {
  id: string
  /** ISO 8601. */
  createdAt: string
  kind: VersionKind
  name: string | null
  /** Bytes of the stored state. */
  byteSize: number
  /** Names of the participants present who chose to be named, alphabetical… */
  present: string[]
  /** …and how many others were present. */
  presentUnnamedCount: number
  /** Named participants whose text is in this version, most first. */
  authors: PadVersionAuthor[]
  /** Characters of participants who chose not to be named, or of nobody known. */
  unnamedCharacters: number
  /** Characters in this version minus those in the one before (0 for the oldest). */
  characterChange: number
  /** Whether it is kept whatever the thinning rule says: it was published once. */
  isPinned: boolean
  /** For a `before-restore` version: the restore it was taken for; null otherwise. */
  restore: PadVersionRestore | null
}

export interface PadVersionsResponse {
  versions: PadVersionListing[]
}

/** `POST /api/pads/<admin key>/versions` and `PATCH /api/pads/<admin key>/versions/<id>`: the version's name. */
export interface NameVersionRequest {
  name: string
}

/** The answer to naming a version: the version as the listing shows it. */
export interface PadVersionResponse {
  version: PadVersionListing
}

/** `POST /api/pads/<edit or admin key>/versions/<id>/restore`: who restores (the page's participant secret), optional. */
export interface RestoreVersionRequest {
  participant?: string
}

export interface RestoreVersionResponse {
  /** The version restored. */
  restored: string
  /** The `before-restore` version of the pad just before: restoring it undoes the restore. */
  checkpoint: string
}

/** Languages a pad (its templates and export) can be in; the UI language is each reader's own. */
export const padLanguages = ['fr', 'en'] as const
export type PadLanguage = (typeof padLanguages)[number]

export interface PadLinks {
  edit: string
  view: string
  admin: string
}

export interface CreatePadResponse {
  id: string
  links: PadLinks
  keys: PadLinks
}

/** The pad's settings as every connection sees them; pushed live on each change (protocol `settings`). */
export interface PadState {
  title: string
  language: PadLanguage
  event: PadEvent
  license: LicenseId
  /** The license of the initiatives as open data (CSV, JSON). */
  dataLicense: DataLicenseId
  locked: boolean
  lifetime: PadLifetime
  createdAt: string
  updatedAt: string
  /** When the pad will be deleted if nobody edits it again; null when it lives until deleted. */
  expiresAt: string | null
  /** Names the facilitator added to the credits: people who took part without typing. */
  extraContributors: string[]
  /** Which links may restore a version of the pad. */
  restoreRole: RestoreRole
  /** The version published as the recipe (`/r/<view key>` shows it, exports default to it); null when none is. */
  publishedVersion: string | null
}

/** What any key of a pad may read about it; `links` holds only what that key may share. */
export interface PadSettings extends PadState {
  id: string
  role: Role
  /** What that key may share; `recipe` (`/r/<view key>`) for every key: the published recipe, 404 until one is. */
  links: Partial<PadLinks> & { recipe?: string }
}

/** `PATCH /api/pads/<admin key>`: the settings to change. */
export interface PadSettingsPatch {
  title?: string
  event?: Partial<PadEvent>
  license?: LicenseId
  dataLicense?: DataLicenseId
  locked?: boolean
  lifetime?: PadLifetime
  extraContributors?: string[]
  restoreRole?: RestoreRole
  /** An existing version's id to publish it (it is then never thinned), or null to publish none. */
  publishedVersion?: string | null
}

/** `POST /api/pads/<admin key>/rotate`: the new edit link; the old one stops working. */
export interface RotateEditLinkResponse {
  links: { edit: string }
  keys: { edit: string }
}

export interface ApiErrorBody {
  error: string
  message: string
}

/** The error codes a page tells apart when it asks for a pad by its link. */
export const PadLinkError = {
  /** 404: no pad answers to this key (unknown, or the pad was deleted). */
  unknownPad: 'unknown_pad',
  /** 410: an edit key the facilitator replaced; the pad lives on under a new edit link. */
  linkReplaced: 'link_replaced',
} as const

/** Longest pad title accepted, in UTF-16 code units. */
export const maxTitleLength = 200
/** Longest event name or place accepted, in UTF-16 code units. */
export const maxEventFieldLength = 200
/** How many names the facilitator may add to the credits. */
export const maxExtraContributors = 100
