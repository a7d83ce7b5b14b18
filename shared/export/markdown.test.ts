import { describe, expect, it } from 'vitest'
import { parseMarkdownBody, renderMarkdownBody, renderRecipeMarkdown } from './markdown'
import type { RecipeNode } from './recipe'
import { buildFixtureRecipe, buildRecipeWithBody, pm } from '../testing/recipe-fixtures'
import { padSchema } from '../pad/schema'
import { parseSafeHref } from './text-safety'

const link = (href: string, title: string | null = null) => ({ type: 'link', attrs: { href, title } })

/** Everything the pad's Markdown must say and read back: structure, numbering, marks, links, awkward text. */
const roundTripBody: RecipeNode = pm.doc(
  pm.heading(1, 'Titre de niveau 1'),
  pm.paragraph('Du texte ', pm.strong('gras'), ', ', pm.em('italique'), ', ', pm.text('les deux', { type: 'strong' }, { type: 'em' }), ' et ', pm.code('du `code`'), '.'),
  pm.paragraph('Un ', pm.link('lien', 'https://example.org/page?a=1&b=2'), ', un ', pm.text('lien titré', link('https://example.org/(parenthèses)', 'Un "titre"')), ', un ', pm.text('lien gras', link('mailto:contact@example.org'), { type: 'strong' }), '.'),
  pm.paragraph('Avant', pm.hardBreak(), 'après la coupure'),
  pm.heading(2, 'Listes'),
  pm.bulletList(
    pm.item(pm.paragraph('un')),
    pm.item(
      pm.paragraph('deux'),
      pm.bulletList(pm.item(pm.paragraph('deux.un'), pm.bulletList(pm.item(pm.paragraph('deux.un.un'))))),
      pm.orderedList(3, pm.item(pm.paragraph('trois')), pm.item(pm.paragraph('quatre'))),
    ),
    pm.item(pm.paragraph('premier paragraphe'), pm.paragraph('second paragraphe du même élément')),
  ),
  pm.bulletList(pm.item(pm.paragraph('une liste juste après une autre'))),
  pm.orderedList(1, pm.item(pm.paragraph('a')), pm.item(pm.paragraph('b'), pm.orderedList(1, pm.item(pm.paragraph('b.1')), pm.item(pm.paragraph('b.2'))))),
  pm.orderedList(7, pm.item(pm.paragraph('une numérotée juste après, à partir de 7'))),
  pm.orderedList(10, ...Array.from({ length: 3 }, (_, index) => pm.item(pm.paragraph(`élément ${10 + index}`)))),
  pm.heading(3, 'Texte qui ressemble à du Markdown #'),
  pm.heading(3, '#hashtag en tête ##'),
  pm.paragraph('* pas une liste'),
  pm.paragraph('# pas un titre'),
  pm.paragraph('1. pas une liste numérotée'),
  pm.paragraph('+ ni ceci'),
  pm.paragraph('> pas une citation'),
  pm.paragraph('<b>pas du HTML</b> &amp; pas une entité, [pas](un lien), _pas_ *d’emphase*, a\\b, ~barré~, ![pas une image](x)'),
  pm.paragraph('---'),
  pm.paragraph('https://example.org/ écrit en texte'),
  pm.blockquote(pm.paragraph('Une citation'), pm.bulletList(pm.item(pm.paragraph('avec une liste')))),
  pm.codeBlock('const a = 1\n```\n  indenté'),
  pm.horizontalRule(),
  pm.paragraph('fin'),
)

/** The body as the export means it: link targets in the URL parser's canonical form. */
function withCanonicalLinks(node: RecipeNode): RecipeNode {
  return {
    ...node,
    ...(node.marks === undefined ? {} : { marks: node.marks.map((mark) => (mark.type === 'link' ? { ...mark, attrs: { ...mark.attrs, href: parseSafeHref(mark.attrs?.['href']) } } : mark)) }),
    ...(node.content === undefined ? {} : { content: node.content.map(withCanonicalLinks) }),
  }
}

describe('Markdown export', () => {
  it('reads back to the same headings, paragraphs, lists, numbering, marks and links', () => {
    const markdown = renderMarkdownBody(roundTripBody, 'fr')
    expect(parseMarkdownBody(markdown).toJSON()).toEqual(padSchema.nodeFromJSON(withCanonicalLinks(roundTripBody)).toJSON())
  })

  it('reads back the whole file past its front matter, with the body inside', () => {
    const recipe = buildRecipeWithBody(roundTripBody)
    const markdown = renderRecipeMarkdown(recipe)
    const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '')
    const parsed = parseMarkdownBody(body).toJSON() as RecipeNode
    const expected = padSchema.nodeFromJSON(withCanonicalLinks(roundTripBody)).toJSON() as RecipeNode
    const start = (parsed.content ?? []).findIndex((node) => JSON.stringify(node) === JSON.stringify(expected.content?.[0]))
    expect(start).toBeGreaterThan(0)
    expect(parsed.content?.slice(start, start + (expected.content?.length ?? 0))).toEqual(expected.content)
  })

  it('writes YAML front matter whose every value is a double-quoted JSON string', () => {
    const recipe = buildFixtureRecipe('collecte')
    const markdown = renderRecipeMarkdown({ ...recipe, title: 'Titre: "guillemets"\n# et \\ barre\u2028fin' })
    const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1] ?? ''
    const values: Record<string, unknown> = {}
    for (const line of frontMatter.split('\n')) {
      const match = /^( *)(?:- |([a-z]+): ?)(.*)$/.exec(line)
      expect(match, line).not.toBeNull()
      const value = match?.[3] ?? ''
      if (value === '' || value === '[]') continue
      expect(value).toMatch(/^"([^"\\\u2028\u2029]|\\["\\/bfnrtu])*"$/)
      values[match?.[2] ?? `item ${Object.keys(values).length}`] = JSON.parse(value)
    }
    expect(values).toMatchObject({
      title: 'Titre: "guillemets"\n# et \\ barre\u2028fin',
      language: 'fr',
      id: 'CC-BY-SA-4.0',
      url: 'https://creativecommons.org/licenses/by-sa/4.0/deed.fr',
      source: recipe.source,
      created: recipe.createdAt,
    })
    expect(frontMatter).toContain('contributors:\n  - "Chloé Dubois"\n  - "Bruno Lefèvre"\n  - "Alice Martin"\n  - "Djamel Haddad"')
  })

  it('writes an initiative card as a level-3 heading and a list of its other filled fields', () => {
    const markdown = renderRecipeMarkdown(buildFixtureRecipe('collecte'))
    expect(markdown).toContain(
      '### Épicerie solidaire L’Épi\n\n- **Territoire (commune)**\u00A0: Villeurbanne (Buers)\n- **Thématique**\u00A0: Alimentation\n- **Besoin identifié / ce que cela change**\u00A0: Une alimentation de qualité pour les familles à *petit budget* : « on choisit ses produits »\n- **Lien**\u00A0: epi.example.org\n',
    )
    expect(markdown).not.toContain('Porteur·euses**\u00A0: \n')
  })

  it('ends with the license and attribution: title, authors, source and license with its URL', () => {
    const markdown = renderRecipeMarkdown(buildFixtureRecipe('compte-rendu'))
    const block = markdown.slice(markdown.indexOf('## License and attribution'))
    expect(block).toContain('[Workshop report — Tiers-lieux network](https://pad.example.org/p/Rm9yLXRoZS1yZWNpcGVz) by Ivan Petrov and Hana Kim is licensed under [Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International](https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr).')
    expect(block).toContain('- **Source**: [https://pad.example.org/p/Rm9yLXRoZS1yZWNpcGVz](https://pad.example.org/p/Rm9yLXRoZS1yZWNpcGVz)')
    expect(block).toContain('(CC-BY-NC-SA-4.0)')
    expect(block).toContain('**Warning: this license forbids commercial use; it is not a free (libre) license.')
  })

  it('says "public domain" for CC0 rather than "licensed under"', () => {
    const markdown = renderRecipeMarkdown(buildFixtureRecipe('blank'))
    expect(markdown).toContain('est placé dans le domaine public\u00A0: [CC0 1.0 Universel (domaine public)]')
  })

  it('renders a pad nobody touched', () => {
    const recipe = { ...buildFixtureRecipe('blank'), body: { type: 'doc' }, contributors: [], summary: '' }
    const markdown = renderRecipeMarkdown(recipe)
    expect(markdown).toContain('contributors: []')
    expect(markdown).toContain('par les participant·es de l’atelier')
  })
})
