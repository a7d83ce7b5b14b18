/**
 * The pads a facilitator can start from (DESIGN.md, "Templates"): blank, the
 * *collecte d'innovation sociale*, the *recette libre* and the *compte rendu
 * d'atelier*, in French and English, as ProseMirror documents of
 * shared/pad/schema.ts. The server writes the chosen one into a new pad; from
 * then on it is ordinary, fully editable content.
 */
import type { PadLanguage } from '../protocol/api'
import { initiativeFields } from './initiative'
import { promptMarkName } from './prompt-mark'
import type { RecipeNode } from '../export/recipe'

export const templateIds = ['blank', 'collecte', 'recette', 'compte-rendu'] as const
export type TemplateId = (typeof templateIds)[number]
export const defaultTemplateId: TemplateId = 'blank'

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (templateIds as readonly string[]).includes(value)
}

export const templateNames: Readonly<Record<PadLanguage, Readonly<Record<TemplateId, string>>>> = {
  fr: {
    blank: 'Pad vierge',
    collecte: "Collecte d'innovation sociale",
    recette: 'Recette libre',
    'compte-rendu': "Compte rendu d'atelier",
  },
  en: {
    blank: 'Blank pad',
    collecte: 'Social innovation round-up',
    recette: 'Free recipe',
    'compte-rendu': 'Workshop report',
  },
}

const text = (value: string): RecipeNode => ({ type: 'text', text: value })
const heading = (level: number, value: string): RecipeNode => ({ type: 'heading', attrs: { level }, content: [text(value)] })
/** A prompt: shown to guide writing, never exported (prompt-mark.ts). */
const hint = (value: string): RecipeNode => ({ type: 'paragraph', content: [{ ...text(value), marks: [{ type: promptMarkName }] }] })
const paragraph = (): RecipeNode => ({ type: 'paragraph' })
const list = (type: 'bullet_list' | 'ordered_list', count = 1): RecipeNode => ({
  type,
  ...(type === 'ordered_list' ? { attrs: { order: 1 } } : {}),
  content: Array.from({ length: count }, () => ({ type: 'list_item', content: [paragraph()] })),
})

/** An empty initiative card: every field, in order. */
export function emptyInitiative(): RecipeNode {
  return { type: 'initiative', content: initiativeFields.map((field) => ({ type: 'initiative_field', attrs: { field } })) }
}

type Section = [title: string, ...body: RecipeNode[]]

function documentOf(sections: Section[]): RecipeNode {
  return { type: 'doc', content: sections.flatMap(([title, ...body]) => [heading(2, title), ...body]) }
}

const templates: Readonly<Record<PadLanguage, Readonly<Record<Exclude<TemplateId, 'blank'>, Section[]>>>> = {
  fr: {
    collecte: [
      ["Contexte de l'atelier", hint('Où, quand, qui anime, pourquoi cette collecte.')],
      ['Tour de table', hint('Qui est là, et ce que chacun·e attend de la rencontre.'), list('bullet_list')],
      ['Initiatives collectées', hint('Une fiche par initiative citée\u00A0: le bouton «\u202FInitiative\u202F» en ajoute une.'), emptyInitiative()],
      ['Ce qui nous rassemble', hint('Les points communs, les envies partagées.')],
      ['Prochaines étapes', list('bullet_list')],
    ],
    recette: [
      ['En une phrase', hint('Ce que permet cette recette, en une phrase.')],
      ['Ce que cela produit', paragraph()],
      ['Pour qui, combien', paragraph()],
      ['Durée', paragraph()],
      ['Ingrédients', hint('Les personnes, les rôles, les ressources, les partenaires.'), list('bullet_list')],
      ['Ustensiles', hint('Les outils, le lieu, le matériel.'), list('bullet_list')],
      ['Étapes', list('ordered_list', 3)],
      ['Trucs et astuces, points de difficulté', paragraph()],
      ['Variantes', paragraph()],
      ['Crédits et source', hint('Qui a conçu la recette, d’où elle vient. La licence est ajoutée à l’export.')],
    ],
    'compte-rendu': [
      ['Date et lieu', paragraph()],
      ['Participant·es', list('bullet_list')],
      ['Attentes', paragraph()],
      ['Échanges', paragraph()],
      ['Problèmes identifiés', list('bullet_list')],
      ['Prochaines étapes', list('bullet_list')],
    ],
  },
  en: {
    collecte: [
      ['Context of the workshop', hint('Where, when, who facilitates, why this round-up.')],
      ['Round table', hint('Who is here, and what each person expects.'), list('bullet_list')],
      ['Initiatives collected', hint('One card per initiative named: the “Initiative” button adds one.'), emptyInitiative()],
      ['What brings us together', hint('Common ground, shared wishes.')],
      ['Next steps', list('bullet_list')],
    ],
    recette: [
      ['In one sentence', hint('What this recipe makes possible, in one sentence.')],
      ['What it produces', paragraph()],
      ['For whom, how many', paragraph()],
      ['Duration', paragraph()],
      ['Ingredients', hint('People, roles, resources, partners.'), list('bullet_list')],
      ['Utensils', hint('Tools, place, equipment.'), list('bullet_list')],
      ['Steps', list('ordered_list', 3)],
      ['Tips and pitfalls', paragraph()],
      ['Variants', paragraph()],
      ['Credits and source', hint('Who designed the recipe, where it comes from. The license is added on export.')],
    ],
    'compte-rendu': [
      ['Date and place', paragraph()],
      ['Participants', list('bullet_list')],
      ['Expectations', paragraph()],
      ['Discussion', paragraph()],
      ['Issues identified', list('bullet_list')],
      ['Next steps', list('bullet_list')],
    ],
  },
}

/** The starting document of a template, as ProseMirror JSON; null for a blank pad. */
export function templateDocument(id: TemplateId, language: PadLanguage): RecipeNode | null {
  return id === 'blank' ? null : documentOf(templates[language][id])
}

/**
 * Every prompt sentence the templates hold (« Qui est là… »): pads made
 * before the prompt mark hold them as italic paragraphs, and a paragraph that
 * is exactly one of them is a prompt nobody replaced, left out of exports.
 * Each is also held with plain spaces where it now has no-break ones, as
 * pads made before French typography was applied hold it.
 */
export const templateHints: ReadonlySet<string> = new Set(
  Object.values(templates).flatMap((byTemplate) =>
    Object.values(byTemplate).flatMap((sections) =>
      sections.flatMap(([, ...body]) =>
        body.flatMap((node) => {
          if (node.type !== 'paragraph' || node.content?.[0]?.marks?.[0]?.type !== promptMarkName) return []
          const hint = node.content[0].text ?? ''
          return [hint, hint.replace(/[\u00A0\u202F]/g, ' ')]
        }),
      ),
    ),
  ),
)
