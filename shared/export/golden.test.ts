import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { renderInitiativesCsv } from './csv'
import { renderRecipeHtml } from './html'
import { renderRecipeJson } from './json'
import { renderRecipeMarkdown } from './markdown'
import { renderOdtContent } from './odt'
import type { Recipe } from './recipe'
import { buildFixtureRecipe } from '../testing/recipe-fixtures'
import { templateIds } from '../pad/templates'

// Golden files: each template's filled fixture pad, exported in every format
// (ODT: its content.xml), compared byte for byte. After a deliberate change,
// `UPDATE_GOLDEN=1 npx vitest run shared` rewrites them; read the diff.
const goldenDirectory = fileURLToPath(new URL('./golden/', import.meta.url))
const isUpdatingGolden = process.env['UPDATE_GOLDEN'] === '1'

const goldenFormats: readonly [extension: string, render: (recipe: Recipe) => string][] = [
  ['md', renderRecipeMarkdown],
  ['html', renderRecipeHtml],
  ['json', renderRecipeJson],
  ['csv', renderInitiativesCsv],
  ['content.xml', renderOdtContent],
]

function expectGolden(name: string, actual: string): void {
  const path = `${goldenDirectory}${name}`
  if (isUpdatingGolden) {
    mkdirSync(goldenDirectory, { recursive: true })
    writeFileSync(path, actual)
    return
  }
  expect(existsSync(path), `shared/export/golden/${name} is missing: UPDATE_GOLDEN=1 npx vitest run shared`).toBe(true)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

describe('golden exports', () => {
  for (const template of templateIds) {
    describe(template, () => {
      const recipe = buildFixtureRecipe(template)
      for (const [extension, render] of goldenFormats) {
        it(`${template}.${extension}`, () => expectGolden(`${template}.${extension}`, render(recipe)))
      }
    })
  }

  it('come from fixtures with named authors, a fixed clock and, for the collecte, two initiatives', () => {
    const collecte = buildFixtureRecipe('collecte')
    expect(collecte.contributors.map((contributor) => contributor.name)).toEqual(['Chloé Dubois', 'Bruno Lefèvre', 'Alice Martin', 'Djamel Haddad'])
    expect(collecte.initiatives).toHaveLength(2)
    expect(collecte.session).toMatchObject({ date: '2025-11-20', durationMinutes: 135, initiativeCount: 2 })
    expect(buildFixtureRecipe('collecte')).toEqual(collecte)
  })
})
