import { describe, expect, it } from 'vitest'
import { renderRecipeJson } from './json'
import { recipeVersion } from './recipe'
import { buildFixtureRecipe } from '../testing/recipe-fixtures'

describe('JSON export', () => {
  it('is the recipe itself, versioned, pretty-printed, with the initiatives of a collecte as a list', () => {
    const recipe = buildFixtureRecipe('collecte')
    const json = renderRecipeJson(recipe)
    expect(JSON.parse(json)).toEqual(recipe)
    expect(json.startsWith(`{\n  "version": ${recipeVersion},\n  "title": "Collecte de Villeurbanne",`)).toBe(true)
    expect(json.endsWith('}\n')).toBe(true)
    expect(JSON.parse(json).initiatives.map((initiative: { name: string }) => initiative.name)).toEqual(['Repair café des Gratte-Ciel', 'Épicerie solidaire L’Épi'])
  })

  it('stays valid JSON whatever the text holds', () => {
    const recipe = { ...buildFixtureRecipe('blank'), title: 'a\u0000"\\\uD800\u2028</script>' }
    expect(JSON.parse(renderRecipeJson(recipe)).title).toBe('a\u0000"\\\uD800\u2028</script>')
  })
})
