import { prosemirrorJSONToYDoc } from 'y-prosemirror'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { PadState } from '../protocol/api'
import { recordParticipant } from '../pad/attribution'
import { recordLegacyAuthor } from '../testing/legacy-authors'
import { formatAuthors } from './labels'
import { buildRecipe, recipeBody } from './recipe'
import { padSchema } from '../pad/schema'
import { templateDocument, templateHints } from '../pad/templates'

const state: PadState = {
  title: '  ',
  language: 'fr',
  event: { name: '', date: '', place: '' },
  license: 'CC-BY-SA-4.0',
  dataLicense: 'etalab-2.0',
  locked: false,
  lifetime: 'year',
  createdAt: '2026-11-21T09:00:00.000Z',
  updatedAt: '2026-11-21T11:00:00.000Z',
  expiresAt: null,
  extraContributors: [],
  restoreRole: 'edit',
  publishedVersion: null,
}

describe('buildRecipe', () => {
  it('leaves out the template prompts nobody replaced, from the body and the summary', () => {
    const doc = prosemirrorJSONToYDoc(padSchema, templateDocument('collecte', 'fr'), 'body')
    const recipe = buildRecipe({ state, sourceLink: 'https://pad.example.org/p/x', doc, extraContributors: [], firstEditAt: null, lastEditAt: null })
    const text = recipeBody(recipe).textContent
    for (const hint of templateHints) expect(text).not.toContain(hint)
    expect(text).toContain('Tour de table')
    expect(recipe.summary).toBe('')
    expect(recipe.title).toBe('Pad sans titre')
    expect(recipe.session.sections).toEqual(["Contexte de l'atelier", 'Tour de table', 'Initiatives collectées', 'Ce qui nous rassemble', 'Prochaines étapes'])
    expect(recipe.initiatives).toEqual([])
  })

  it('takes the summary under « En une phrase », and the session from the edit times', () => {
    const json = templateDocument('recette', 'fr')
    const content = [...(json?.content ?? [])]
    content.splice(1, 1, { type: 'paragraph', content: [{ type: 'text', text: 'Réparer ensemble plutôt que jeter.' }] })
    const doc = prosemirrorJSONToYDoc(padSchema, { type: 'doc', content }, 'body')
    recordLegacyAuthor(doc, 'Awa')
    const recipe = buildRecipe({
      state: { ...state, title: 'Repair café', event: { name: 'Rencontre', date: '', place: 'Lyon' } },
      sourceLink: 'https://pad.example.org/p/x',
      doc,
      extraContributors: ['Zoé'],
      firstEditAt: '2026-11-21T09:15:00.000Z',
      lastEditAt: '2026-11-21T10:45:00.000Z',
    })
    expect(recipe.summary).toBe('Réparer ensemble plutôt que jeter.')
    expect(recipe.session).toMatchObject({ date: '2026-11-21', durationMinutes: 90, peoplePresent: ['Awa', 'Zoé'] })
    expect(recipe.contributors.map((contributor) => contributor.name)).toEqual(['Awa', 'Zoé'])
    expect(recipe.license).toMatchObject({ id: 'CC-BY-SA-4.0', isLibre: true })
  })
  it('credits by author mark as each participant chose, and keeps the marks out of the body', () => {
    const alice = 'A'.repeat(22)
    const bruno = 'B'.repeat(22)
    const claire = 'C'.repeat(22)
    const by = (id: string) => [{ type: 'author', attrs: { id } }]
    const doc = prosemirrorJSONToYDoc(
      padSchema,
      {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Alice écrit ', marks: by(alice) },
              { type: 'text', text: 'en gras', marks: [{ type: 'strong' }, ...by(bruno)] },
              { type: 'text', text: ' discret', marks: by(claire) },
            ],
          },
        ],
      },
      'body',
    )
    recordParticipant(doc, alice, { name: 'Alice', organisation: 'Tiers-lieu du Moulin', isNamed: true })
    recordParticipant(doc, bruno, { name: 'Bruno', organisation: '', isNamed: true })
    recordParticipant(doc, claire, { name: 'Claire', organisation: '', isNamed: false })
    const recipe = buildRecipe({ state, sourceLink: 'https://pad.example.org/p/x', doc, extraContributors: [], firstEditAt: null, lastEditAt: null })
    expect(recipe.contributors).toEqual([
      { name: 'Alice', organisation: 'Tiers-lieu du Moulin', characters: 12 },
      { name: 'Bruno', organisation: '', characters: 7 },
    ])
    expect(recipe.unnamedContributors).toBe(1)
    expect(formatAuthors(recipe)).toBe('Alice (Tiers-lieu du Moulin), Bruno et une autre personne')
    expect(JSON.stringify(recipe.body)).not.toContain('author')
    expect(JSON.stringify(recipe.body)).toContain('strong')
    expect(JSON.stringify(recipe)).not.toContain('Claire')
    expect(recipe.session.peoplePresent).toEqual(['Alice', 'Bruno'])
  })
  it('leaves a prompt out even when someone typed beside it: its text goes, theirs stays, also in the summary', () => {
    const json = templateDocument('recette', 'fr')
    const content = [...(json?.content ?? [])]
    const prompt = content[1]?.content?.[0]
    expect(prompt?.marks).toEqual([{ type: 'prompt' }])
    content.splice(1, 1, { type: 'paragraph', content: [{ type: 'text', text: 'Réparer ensemble. ' }, prompt!] })
    const doc = prosemirrorJSONToYDoc(padSchema, { type: 'doc', content }, 'body')
    const recipe = buildRecipe({ state, sourceLink: 'https://pad.example.org/p/x', doc, extraContributors: [], firstEditAt: null, lastEditAt: null })
    expect(recipe.summary).toBe('Réparer ensemble.')
    const text = recipeBody(recipe).textContent
    for (const hint of templateHints) expect(text).not.toContain(hint)
    expect(text).toContain('Réparer ensemble.')
    expect(JSON.stringify(recipe.body)).not.toContain('"prompt"')
  })
  it('keeps the text of runs formatted with a mark this schema does not know, or a value it refuses', () => {
    const doc = new Y.Doc()
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    paragraph.insert(0, [text])
    doc.getXmlFragment('body').insert(0, [paragraph])
    text.insert(0, 'Avant ')
    text.insert(6, 'surligné', { highlight: { color: 'yellow' } })
    text.insert(14, ' lien cassé', { link: {} })
    text.insert(25, ' fin', { strong: {} })
    const recipe = buildRecipe({ state, sourceLink: 'https://pad.example.org/p/x', doc, extraContributors: [], firstEditAt: null, lastEditAt: null })
    expect(recipeBody(recipe).textContent).toBe('Avant surligné lien cassé fin')
    expect(JSON.stringify(recipe.body)).toContain('"strong"')
  })
  it('gives a linked « Lien » field its target, and only a safe one', () => {
    const field = (name: string, content: object[]) => ({ type: 'initiative_field', attrs: { field: name }, content })
    const linked = (text: string, href: string) => [{ type: 'text', text, marks: [{ type: 'link', attrs: { href, title: null } }] }]
    const card = (link: object[]) => ({ type: 'initiative', content: [field('name', [{ type: 'text', text: 'Repair Café' }]), field('link', link)] })
    const doc = prosemirrorJSONToYDoc(
      padSchema,
      { type: 'doc', content: [card(linked('notre site', 'https://repair.example.org/')), card(linked('piège', 'javascript:alert(1)')), card([{ type: 'text', text: 'repair.example.org' }])] },
      'body',
    )
    const recipe = buildRecipe({ state, sourceLink: 'https://pad.example.org/p/x', doc, extraContributors: [], firstEditAt: null, lastEditAt: null })
    expect(recipe.initiatives.map((initiative) => initiative.link)).toEqual(['https://repair.example.org/', 'piège', 'repair.example.org'])
  })
})
