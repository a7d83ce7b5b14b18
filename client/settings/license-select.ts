/**
 * The license choice of the facilitator panel (`#settings-license`): one
 * option per license of `shared/pad/licenses.ts`, named in the interface language,
 * the libre ones first in the shared order. Whether the chosen license is
 * libre is for the panel to say (CC BY-NC-SA is offered with a warning).
 */
import { licenseIds, licenses } from '../../shared/pad/licenses'
import type { Localization } from '../i18n/i18n'

/** Fills `select` with the licenses, keeping its value. */
export function renderLicenseOptions(select: HTMLSelectElement, localization: Localization): void {
  const selected = select.value
  select.replaceChildren(
    ...licenseIds.map((id) => {
      const option = document.createElement('option')
      option.value = id
      option.textContent = licenses[id].name[localization.language]
      return option
    }),
  )
  if (selected !== '') select.value = selected
}
