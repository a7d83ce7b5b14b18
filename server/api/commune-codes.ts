/**
 * The INSEE code of the commune an initiative card names as its territory,
 * for the open-data columns of a collecte's CSV: the card's text is matched
 * against Etalab's own table of current communes
 * (`@etalab/decoupage-administratif`, offline, read once on first use). A
 * name shared by several communes (Saint-Denis) is settled only by a
 * department number or postal code in the text (« Saint-Denis (93) »);
 * anything else — a neighbourhood, a region, a typo — gives no code rather
 * than a wrong one.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

interface Commune {
  code: string
  nom: string
  type: string
  departement?: string
  codesPostaux?: string[]
}

/** Communes by normalized name; several when a name is shared. */
export type CommuneTable = ReadonlyMap<string, readonly Commune[]>

let table: CommuneTable | null = null

/** The table of current communes, read from Etalab's data the first time it is needed. */
export function loadCommuneTable(): CommuneTable {
  if (table !== null) return table
  const require = createRequire(import.meta.url)
  const file = require.resolve('@etalab/decoupage-administratif/data/communes.json')
  table = buildCommuneTable(JSON.parse(readFileSync(file, 'utf8')) as Commune[])
  return table
}

export function buildCommuneTable(communes: readonly Commune[]): CommuneTable {
  const byName = new Map<string, Commune[]>()
  for (const commune of communes) {
    if (commune.type !== 'commune-actuelle') continue
    const key = normalizeName(commune.nom)
    byName.set(key, [...(byName.get(key) ?? []), commune])
  }
  return byName
}

/** The INSEE code of the commune `territory` names, or '' when it names none, or several without saying which. */
export function findCommuneCode(territory: string, communes: CommuneTable): string {
  const name = normalizeName(territory.replace(/\(([^)]*)\)/g, ' ').replace(/\b\d{2,5}\b/g, ' '))
  const candidates = communes.get(name) ?? []
  if (candidates.length === 1) return candidates[0]?.code ?? ''
  const numbers = territory.match(/\b(\d{5}|\d{2,3}|2[AB])\b/gi) ?? []
  const matching = candidates.filter((commune) =>
    numbers.some((number) => commune.departement === number.toUpperCase() || (commune.codesPostaux ?? []).includes(number)),
  )
  return matching.length === 1 ? (matching[0]?.code ?? '') : ''
}

/** Lower case, no accents, hyphens and apostrophes as spaces, « St » as « Saint »: « Saint-Étienne » and « st etienne » meet. */
function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-'’.]/g, ' ')
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint')
    .replace(/\s+/g, ' ')
    .trim()
}
