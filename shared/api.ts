/**
 * The HTTP API's request and response bodies (DESIGN.md, "The contract"),
 * shared so that the page and the server cannot drift apart. Validation of
 * untrusted bodies lives with the server routes, not here.
 */
import type { Role } from './roles'

export interface CreatePadRequest {
  title?: string
  language?: PadLanguage
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

/** What any key of a pad may read about it; `links` holds only what that key may share. */
export interface PadSettings {
  id: string
  role: Role
  title: string
  language: PadLanguage
  locked: boolean
  createdAt: string
  updatedAt: string
  expiresAt: string | null
  links: Partial<PadLinks>
}

export interface ApiErrorBody {
  error: string
  message: string
}

/** Longest pad title accepted, in UTF-16 code units. */
export const maxTitleLength = 200
