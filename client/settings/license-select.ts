/**
 * The license choices of the facilitator panel: the recipe's
 * (`#settings-license`, one option per license of `shared/pad/licenses.ts`,
 * the libre ones first in the shared order; whether the chosen one is libre
 * is for the panel to say) and the initiatives' as open data
 * (`#settings-data-license`), each named in the interface language.
 */
import { dataLicenseIds, dataLicenses, licenseIds, licenses } from '../../shared/pad/licenses'
import type { Localization } from '../i18n/i18n'
import { renderSelectOptions } from './select-options'

/** Fills `select` with the licenses, keeping its value. */
export function renderLicenseOptions(select: HTMLSelectElement, localization: Localization): void {
  renderSelectOptions(select, licenseIds.map((id) => [id, licenses[id].name[localization.language]]))
}

/** Fills `select` with the data licenses of the initiatives, keeping its value. */
export function renderDataLicenseOptions(select: HTMLSelectElement, localization: Localization): void {
  renderSelectOptions(select, dataLicenseIds.map((id) => [id, dataLicenses[id].name[localization.language]]))
}
