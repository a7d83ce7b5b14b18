import { describe, expect, it } from 'vitest'
import { padLanguages } from '../protocol/api'
import { initiativeFields } from './initiative'
import { padSchema } from './schema'
import { templateDocument, templateIds, templateNames } from './templates'

describe('templates', () => {
  it('are valid documents of the pad schema in every language', () => {
    for (const language of padLanguages) {
      for (const id of templateIds) {
        const json = templateDocument(id, language)
        if (id === 'blank') {
          expect(json).toBeNull()
          continue
        }
        const doc = padSchema.nodeFromJSON(json)
        expect(() => doc.check()).not.toThrow()
        expect(templateNames[language][id]).not.toBe('')
      }
    }
  })

  it('give the collecte an empty initiative card with every field, and the sections of DESIGN.md', () => {
    const doc = padSchema.nodeFromJSON(templateDocument('collecte', 'fr'))
    const cards: string[][] = []
    const headings: string[] = []
    doc.descendants((node) => {
      if (node.type.name === 'heading') headings.push(node.textContent)
      if (node.type.name === 'initiative') cards.push(node.content.content.map((field) => String(field.attrs['field'])))
      return true
    })
    expect(cards).toEqual([[...initiativeFields]])
    expect(headings).toEqual(["Contexte de l'atelier", 'Tour de table', 'Initiatives collectées', 'Ce qui nous rassemble', 'Prochaines étapes'])
  })

  it('write the recipe in English for English pads', () => {
    const doc = padSchema.nodeFromJSON(templateDocument('recette', 'en'))
    expect(doc.firstChild?.textContent).toBe('In one sentence')
    expect(doc.textContent).toContain('Ingredients')
    expect(doc.textContent).not.toContain('Ingrédients')
  })
})
