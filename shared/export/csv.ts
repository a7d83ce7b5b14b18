/**
 * The initiative cards of a recipe as a CSV file, the open-data part of a
 * *collecte* (DESIGN.md, "Recipe export"): one row per filled card, with a
 * stable id, one column per field, the INSEE code of the commune its
 * territory names, the session's date, the pad it comes from and the dots
 * it got in the pad's last closed vote (empty when none was closed; the rows
 * then follow that vote's order when the facilitator chose "most dots
 * first", else the pad's), so that a
 * territory's open-data portal can reuse and merge the list; the header row
 * in the pad's language. UTF-8 with a byte order mark (so that spreadsheets
 * guess the encoding), CRLF line ends and RFC 4180 quoting; a cell that a
 * spreadsheet would read as a formula is prefixed with an apostrophe. Its
 * license and description are in its companion metadata (csv-metadata.ts,
 * the W3C CSVW convention).
 */
import { initiativeFieldLabels, initiativeFields } from '../pad/initiative'
import type { Initiative, Recipe } from './recipe'
import { initiativesInVoteOrder } from './session-facilitation'
import { cleanText } from './text-safety'

const byteOrderMark = '\uFEFF'
const lineEnd = '\r\n'

/** The CSV file of a recipe's initiative cards (a string; the BOM is its first character). */
export function renderInitiativesCsv(recipe: Recipe): string {
  const initiatives = initiativesInVoteOrder(recipe.initiatives, recipe.session.votes)
  const rows = [csvColumns(recipe).map((column) => column.title), ...initiatives.map((initiative) => csvRow(recipe, initiative))]
  return `${byteOrderMark}${rows.map((row) => row.map(formatCsvCell).join(',')).join(lineEnd)}${lineEnd}`
}

/** The CSV's columns in order: a name for machines, a title in the pad's language. */
export function csvColumns(recipe: Recipe): { name: string; title: string }[] {
  const labels = initiativeFieldLabels[recipe.language]
  const extra = openDataLabels[recipe.language]
  return [
    { name: 'id', title: extra.id },
    ...initiativeFields.map((field) => ({ name: field, title: labels[field] })),
    { name: 'insee', title: extra.insee },
    { name: 'date', title: extra.date },
    { name: 'source', title: extra.source },
    { name: 'votes', title: extra.votes },
  ]
}

function csvRow(recipe: Recipe, initiative: Initiative): string[] {
  const votes = initiative.votes === null ? '' : String(initiative.votes)
  return [initiative.id, ...initiativeFields.map((field) => initiative[field]), initiative.insee, recipe.session.date ?? '', recipe.source, votes]
}

const openDataLabels = {
  fr: { id: 'Identifiant', insee: 'Code INSEE de la commune', date: 'Date de la session', source: 'Source', votes: 'Gommettes (dernier vote)' },
  en: { id: 'Id', insee: 'Commune INSEE code', date: 'Session date', source: 'Source', votes: 'Dots (last vote)' },
} as const

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
