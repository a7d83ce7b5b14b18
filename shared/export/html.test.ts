import { describe, expect, it } from 'vitest'
import { recipeStylesheet, renderRecipeHtml } from './html'
import { buildFixtureRecipe, buildRecipeWithBody, pm } from '../testing/recipe-fixtures'

describe('HTML export', () => {
  const collecte = renderRecipeHtml(buildFixtureRecipe('collecte'))

  it('is one standalone page in the pad language, with its stylesheet and nothing to load or run', () => {
    expect(collecte.startsWith('<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n')).toBe(true)
    expect(collecte).toContain(`<style>\n${recipeStylesheet}</style>`)
    expect(collecte).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';`)
    expect(collecte).not.toMatch(/<script|<img|<iframe|<object|<embed|<link rel="stylesheet"|@import|url\(/i)
    expect(renderRecipeHtml(buildFixtureRecipe('compte-rendu'))).toMatch(/^<!doctype html>\n<html lang="en">/)
  })

  it('prints clean A4 pages with the links’ addresses written out', () => {
    expect(recipeStylesheet).toContain('@page { size: A4;')
    expect(recipeStylesheet).toMatch(/@media print \{[\s\S]*a\[href\]:not\(\.url\)::after \{ content: " \(" attr\(href\) "\)"/)
    expect(recipeStylesheet).toMatch(/@media print \{[\s\S]*\.initiative[^{]*\{ break-inside: avoid; \}/)
  })

  it('opens with the title, summary and event', () => {
    expect(collecte).toContain(
      '<header class="recipe-header">\n<h1>Collecte de Villeurbanne</h1>\n<p class="summary">Une rencontre du Pôle ESS au tiers-lieu La Myne pour recenser les innovations sociales du territoire.</p>\n<p class="event">Rencontre ESS du Rhône · 20 novembre 2025 · Villeurbanne, Maison du citoyen</p>\n</header>',
    )
    expect(collecte).toContain('<title>Collecte de Villeurbanne</title>')
  })

  it('shows initiative cards as cards with a definition list of their filled fields', () => {
    expect(collecte).toContain(
      '<section class="initiative">\n<h3>Épicerie solidaire L’Épi</h3>\n<dl>\n<dt>Territoire (commune)</dt><dd>Villeurbanne (Buers)</dd>\n<dt>Thématique</dt><dd>Alimentation</dd>\n',
    )
    expect(collecte.match(/<section class="initiative">/g)).toHaveLength(2)
  })

  it('keeps nesting and numbering of lists', () => {
    const html = renderRecipeHtml(
      buildRecipeWithBody(pm.doc(pm.orderedList(3, pm.item(pm.paragraph('trois'), pm.bulletList(pm.item(pm.paragraph('puce')))), pm.item(pm.paragraph('quatre'))))),
    )
    expect(html).toContain('<ol start="3">\n<li>\n<p>trois</p>\n<ul>\n<li>puce</li>\n</ul>\n</li>\n<li>quatre</li>\n</ol>')
  })

  it('sums up the session', () => {
    expect(collecte).toContain('<dt>Durée</dt><dd>2 h 15 min</dd>')
    expect(collecte).toContain('<dt>Personnes présentes (4)</dt><dd>Alice Martin, Bruno Lefèvre, Chloé Dubois et Djamel Haddad</dd>')
    expect(collecte).toContain('<dt>Initiatives collectées</dt><dd>2</dd>')
  })

  it('marks the license and attribution up for machines (rel="license", Creative Commons RDFa)', () => {
    expect(collecte).toContain('xmlns:cc="http://creativecommons.org/ns#" xmlns:dct="http://purl.org/dc/terms/"')
    expect(collecte).toContain('<a property="dct:title" rel="cc:attributionURL noopener noreferrer" href="https://pad.example.org/p/Rm9yLXRoZS1yZWNpcGVz">Collecte de Villeurbanne</a>')
    expect(collecte).toContain('<span property="cc:attributionName">Chloé Dubois, Bruno Lefèvre, Alice Martin et Djamel Haddad</span>')
    expect(collecte).toContain('<a rel="license noopener noreferrer" href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr">')
    expect(collecte).toContain('<link rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr">')
    expect(collecte).not.toContain('class="license-warning"')
  })

  it('warns visibly that a non-commercial license is not a free license', () => {
    const html = renderRecipeHtml(buildFixtureRecipe('compte-rendu'))
    expect(html).toContain('<p class="license-warning" role="note">Warning: this license forbids commercial use; it is not a free (libre) license.')
  })

  it('puts rel="noopener noreferrer" on every link', () => {
    const links = collecte.match(/<a [^>]*>/g) ?? []
    expect(links.length).toBeGreaterThan(5)
    for (const link of links) expect(link).toMatch(/rel="[^"]*noopener noreferrer"/)
  })

  it('renders a pad nobody touched', () => {
    const html = renderRecipeHtml({ ...buildFixtureRecipe('blank'), body: { type: 'doc' }, contributors: [], summary: '' })
    expect(html).toContain('<main class="recipe-body">\n</main>')
    expect(html).toContain('<span property="cc:attributionName">les participant·es de l’atelier</span>')
  })
})
