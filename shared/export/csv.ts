/**
 * The initiative cards of a recipe as a CSV file, the open-data part of a
 * *collecte* (DESIGN.md, "Recipe export"): one row per filled card, one
 * column per field, the header row in the pad's language. UTF-8 with a byte
 * order mark (so that spreadsheets guess the encoding), CRLF line ends and
 * RFC 4180 quoting; a cell that a spreadsheet would read as a formula is
 * prefixed with an apostrophe. It holds nothing but the cards: no license,
 * no attribution (publish it beside the recipe that carries them).
 */
import { initiativeFieldLabels, initiativeFields } from '../pad/initiative'
import type { Recipe } from './recipe'
import { cleanText } from './text-safety'

const byteOrderMark = '\uFEFF'
const lineEnd = '\r\n'

/** The CSV file of a recipe's initiative cards (a string; the BOM is its first character). */
export function renderInitiativesCsv(recipe: Recipe): string {
  const labels = initiativeFieldLabels[recipe.language]
  const rows = [initiativeFields.map((field) => labels[field]), ...recipe.initiatives.map((initiative) => initiativeFields.map((field) => initiative[field]))]
  return `${byteOrderMark}${rows.map((row) => row.map(formatCsvCell).join(',')).join(lineEnd)}${lineEnd}`
}

// OWASP, "CSV Injection": spreadsheets run a cell that starts with one of
// these as a formula (=HYPERLINK, =WEBSERVICE, DDE…); a leading apostrophe
// makes them show it as text. OWASP names CR, which cleaning turns into LF.
const formulaStart = /^[=+\-@\t\r\n]/

/** One cell: cleaned, defused if it would be a formula, quoted when RFC 4180 asks for it. */
export function formatCsvCell(value: string): string {
  const clean = cleanText(value)
  const defused = formulaStart.test(clean) ? `'${clean}` : clean
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused
}
