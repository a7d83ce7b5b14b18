/**
 * The export formats of a recipe (DESIGN.md, `GET /api/pads/<key>/export?
 * format=…`): for each id, its media type, file extension and renderer, and
 * the file name and `Content-Disposition` header a download gets. The server
 * route and the page's export menu both read this table; the renderers live
 * in export-*.ts. It does not read pads nor answer requests.
 */
import type { PadLanguage } from '../protocol/api'
import { renderInitiativesCsv } from './csv'
import { renderCsvMetadata } from './csv-metadata'
import { renderRecipeHtml } from './html'
import { renderRecipeJson } from './json'
import { renderRecipeMarkdown } from './markdown'
import { odtMediaType, renderRecipeOdt } from './odt'
import type { Recipe } from './recipe'
import { cleanText } from './text-safety'

export const exportFormatIds = ['md', 'html', 'json', 'csv', 'csv-metadata', 'odt'] as const
export type ExportFormatId = (typeof exportFormatIds)[number]

export interface ExportFormat {
  /** The `Content-Type` to answer with. */
  mediaType: string
  /** Without the dot. */
  extension: string
  /** A string is sent as UTF-8 (a CSV's byte order mark is its first character). */
  render: (recipe: Recipe) => string | Uint8Array
}

export const exportFormats: Readonly<Record<ExportFormatId, ExportFormat>> = {
  md: { mediaType: 'text/markdown; charset=utf-8', extension: 'md', render: renderRecipeMarkdown },
  html: { mediaType: 'text/html; charset=utf-8', extension: 'html', render: renderRecipeHtml },
  json: { mediaType: 'application/json', extension: 'json', render: renderRecipeJson },
  csv: { mediaType: 'text/csv; charset=utf-8; header=present', extension: 'csv', render: renderInitiativesCsv },
  // The CSV's companion, named after it as CSVW says (`<csv file>-metadata.json`).
  'csv-metadata': {
    mediaType: 'application/csvm+json',
    extension: 'csv-metadata.json',
    render: (recipe) => renderCsvMetadata(recipe, exportFileName(recipe, 'csv')),
  },
  odt: { mediaType: odtMediaType, extension: 'odt', render: renderRecipeOdt },
}

export function isExportFormatId(value: unknown): value is ExportFormatId {
  return typeof value === 'string' && (exportFormatIds as readonly string[]).includes(value)
}

/** Longest file name stem, in characters: room for the suffix and extension under every file system's 255. */
export const maxFileStemLength = 80

const fallbackStems: Readonly<Record<PadLanguage, string>> = { fr: 'recette', en: 'recipe' }

// The CSV holds the initiative cards alone; its name says so.
const formatSuffixes: Readonly<Partial<Record<ExportFormatId, string>>> = { csv: '-initiatives', 'csv-metadata': '-initiatives' }

// Letters that Unicode does not decompose into a base letter and an accent.
const transliterations: Readonly<Record<string, string>> = {
  œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ŧ: 't', ħ: 'h',
}

// Windows refuses these names whatever their extension.
const reservedNames = /^(con|prn|aux|nul|com\d|lpt\d)$/

/**
 * A file name safe everywhere: lowercase ASCII letters, digits and dashes
 * from the title ("Collecte de Villeurbanne" → `collecte-de-villeurbanne.md`),
 * at most `maxFileStemLength` characters before the extension.
 */
export function exportFileName(recipe: Recipe, format: ExportFormatId): string {
  return `${asciiStem(recipe)}${formatSuffixes[format] ?? ''}.${exportFormats[format].extension}`
}

function asciiStem(recipe: Recipe): string {
  const slug = cleanText(recipe.title)
    .toLowerCase()
    .replace(/[œæßøđðłþıŧħ]/g, (letter) => transliterations[letter] ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  const stem = cutAtDash(slug, maxFileStemLength)
  const fallback = fallbackStems[recipe.language]
  if (stem === '') return fallback
  return reservedNames.test(stem) ? `${stem}-${fallback}` : stem
}

function cutAtDash(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug
  const cut = slug.slice(0, maxLength)
  const lastDash = cut.lastIndexOf('-')
  return (lastDash >= maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '')
}

// Characters no file system or browser accepts in a file name.
const unsafeFileNameCharacters = /[\\/:*?"<>|\u0000-\u001F\u007F]/g

/**
 * The `Content-Disposition` header of a download: `attachment`, the ASCII
 * name as `filename=` for old clients, and the title's own characters as
 * RFC 5987 `filename*=UTF-8''…` (RFC 6266, §4.3), which browsers prefer.
 * Holds no quote, CR or LF from the title.
 */
export function exportContentDisposition(recipe: Recipe, format: ExportFormatId): string {
  const asciiName = exportFileName(recipe, format)
  const title = Array.from(cleanText(recipe.title).replace(unsafeFileNameCharacters, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+|\.+$/g, ''))
    .slice(0, maxFileStemLength)
    .join('')
    .trim()
  const unicodeName = title === '' ? asciiName : `${title}${formatSuffixes[format] ?? ''}.${exportFormats[format].extension}`
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeRfc5987(unicodeName)}`
}

// RFC 5987 attr-char allows neither `'` (the field's own delimiter) nor
// `(`, `)` and `*`, which encodeURIComponent leaves as they are.
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
}
