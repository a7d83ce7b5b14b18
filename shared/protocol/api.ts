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
}

export interface PadVersionsResponse {
  versions: PadVersionListing[]
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
}

/** What any key of a pad may read about it; `links` holds only what that key may share. */
export interface PadSettings extends PadState {
  id: string
  role: Role
  links: Partial<PadLinks>
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
