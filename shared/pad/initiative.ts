/**
 * The initiative card of a *collecte d'innovation sociale* (DESIGN.md,
 * "Templates"): its fields in display order, their labels in each pad
 * language, and the ProseMirror node specs (`initiative` holding one
 * `initiative_field` per field, each field inline text) so that several
 * people can fill different cards, or different fields, at once.
 */
import type { NodeSpec } from 'prosemirror-model'
import type { PadLanguage } from '../protocol/api'

export const initiativeFields = ['name', 'territory', 'carriers', 'theme', 'need', 'link', 'citedBy'] as const
export type InitiativeField = (typeof initiativeFields)[number]

export const initiativeFieldLabels: Readonly<Record<PadLanguage, Readonly<Record<InitiativeField, string>>>> = {
  fr: {
    name: 'Nom',
    territory: 'Territoire (commune)',
    carriers: 'Porteur·euses',
    theme: 'Thématique',
    need: 'Besoin identifié / ce que cela change',
    link: 'Lien',
    citedBy: 'Cité par',
  },
  en: {
    name: 'Name',
    territory: 'Territory (town)',
    carriers: 'Run by',
    theme: 'Theme',
    need: 'Need addressed / what it changes',
    link: 'Link',
    citedBy: 'Named by',
  },
}

export function isInitiativeField(value: unknown): value is InitiativeField {
  return typeof value === 'string' && (initiativeFields as readonly string[]).includes(value)
}

export const initiativeNodes: Record<'initiative' | 'initiative_field', NodeSpec> = {
  initiative: {
    group: 'block',
    content: 'initiative_field+',
    defining: true,
    isolating: true,
    parseDOM: [{ tag: 'section[data-type="initiative"]' }],
    toDOM: () => ['section', { 'data-type': 'initiative', class: 'initiative' }, 0],
  },
  initiative_field: {
    content: 'text*',
    marks: 'strong em link code author',
    attrs: { field: { default: 'name', validate: (value: unknown) => { if (!isInitiativeField(value)) throw new RangeError(`unknown initiative field ${String(value)}`) } } },
    defining: true,
    isolating: true,
    parseDOM: [
      {
        tag: 'div[data-field]',
        getAttrs: (dom) => {
          const field = (dom as { getAttribute(name: string): string | null }).getAttribute('data-field')
          return isInitiativeField(field) ? { field } : false
        },
      },
    ],
    toDOM: (node) => ['div', { 'data-field': String(node.attrs['field']), class: 'initiative-field' }, 0],
  },
}
