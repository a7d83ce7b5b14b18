/**
 * The choice of what a new pad starts from, on the home page
 * (`#template-select`): blank, the *collecte d'innovation sociale*, the
 * *recette libre* or the *compte rendu d'atelier* (shared/pad/templates.ts),
 * named in the interface language — which is also the language the pad, and
 * so its template, is created in. Keeps the selected value when the language
 * changes.
 */
import { templateIds, templateNames } from '../../shared/pad/templates'
import type { TemplateId } from '../../shared/pad/templates'
import type { Localization } from '../i18n/i18n'
import { readSelectChoice, renderSelectOptions } from './select-options'

/** Fills `select` with one option per template, keeping its value. */
export function renderTemplateOptions(select: HTMLSelectElement, localization: Localization): void {
  renderSelectOptions(select, templateIds.map((id) => [id, templateNames[localization.language][id]]))
}

/** The select's value as a template id, or null when it holds none. */
export function readTemplate(select: HTMLSelectElement): TemplateId | null {
  return readSelectChoice(select, templateIds)
}
