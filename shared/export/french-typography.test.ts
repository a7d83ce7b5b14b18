/**
 * The French words the application adds to exports and pads (export labels,
 * initiative field labels, template names and prompts, license names) are
 * set with French typography (shared/testing/french-typography.ts), as the
 * interface is (client/i18n/locales.test.ts). The pad's own text is the
 * participants' and is left as they typed it.
 */
import { describe, expect, it } from 'vitest'
import { exportLabels } from './labels'
import { buildFixtureRecipe } from '../testing/recipe-fixtures'
import { csvColumns } from './csv'
import type { RecipeNode } from './recipe'
import { initiativeFieldLabels } from '../pad/initiative'
import { dataLicenses, licenses } from '../pad/licenses'
import { templateDocument, templateHints, templateIds, templateNames } from '../pad/templates'
import { englishTypographyFaults, frenchTypographyFaults } from '../testing/french-typography'

function textsOf(node: RecipeNode): string[] {
  return [...(node.text === undefined ? [] : [node.text]), ...(node.content ?? []).flatMap(textsOf)]
}

/** Every string of the labels, counted forms at 1 and 3, sentences with their slots as words. */
function labelTexts(language: 'fr' | 'en'): [where: string, text: string][] {
  return Object.entries(exportLabels[language]).flatMap(([name, value]): [string, string][] => {
    if (typeof value === 'string') return [[name, value]]
    if (typeof value === 'function') return [1, 3].map((count) => [`${name}(${count})`, (value as (count: number) => string)(count)])
    const parts = value as readonly (string | { slot: string })[]
    if (name === 'months') return parts.map((month, index) => [`months[${index}]`, String(month)])
    return [[name, parts.map((part) => (typeof part === 'string' ? part : `Slot`)).join('')]]
  })
}

function sharedTexts(language: 'fr' | 'en'): [where: string, text: string][] {
  const recipe = { ...buildFixtureRecipe('blank'), language }
  return [
    ...labelTexts(language).map(([name, text]): [string, string] => [`exportLabels.${language}.${name}`, text]),
    ...Object.entries(initiativeFieldLabels[language]).map(([field, text]): [string, string] => [`initiativeFieldLabels.${language}.${field}`, text]),
    ...Object.entries(templateNames[language]).map(([id, text]): [string, string] => [`templateNames.${language}.${id}`, text]),
    ...templateIds.flatMap((id) => {
      const document = templateDocument(id, language)
      return document === null ? [] : textsOf(document).map((text): [string, string] => [`template ${language} ${id}`, text])
    }),
    ...Object.values(licenses).map((license): [string, string] => [`licenses.${license.id}`, license.name[language]]),
    ...Object.values(dataLicenses).map((license): [string, string] => [`dataLicenses.${license.id}`, license.name[language]]),
    ...csvColumns(recipe).map((column): [string, string] => [`csv column ${column.name}`, column.title]),
  ]
}

describe('French typography of the application’s own words in exports and pads', () => {
  it('puts U+00A0 before « : » and U+202F before ; ? ! and inside « »', () => {
    const faults = sharedTexts('fr').flatMap(([where, text]) => frenchTypographyFaults(text).map((fault) => `${where}: ${fault}`))
    expect(faults).toEqual([])
  })

  it('leaves no space before : ; ? ! in English', () => {
    const faults = sharedTexts('en').flatMap(([where, text]) => englishTypographyFaults(text).map((fault) => `${where}: ${fault}`))
    expect(faults).toEqual([])
  })

  it('still knows a template prompt written with plain spaces, as older pads hold it', () => {
    expect(templateHints).toContain('Une fiche par initiative citée\u00A0: le bouton «\u202FInitiative\u202F» en ajoute une.')
    expect(templateHints).toContain('Une fiche par initiative citée : le bouton « Initiative » en ajoute une.')
  })
})
