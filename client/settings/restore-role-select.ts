/**
 * The choice of who may restore a version of the pad (`RestoreRole`: the
 * edit link and the facilitator, the default, or the facilitator alone), as
 * the options of the facilitator panel's `#settings-restore-role`. Keeps the
 * selected value when the language changes.
 */
import { restoreRoles, type RestoreRole } from '../../shared/protocol/api'
import type { Localization, MessageKey } from '../i18n/i18n'

const restoreRoleLabelKeys: Readonly<Record<RestoreRole, MessageKey>> = {
  edit: 'settings.restoreRole.edit',
  admin: 'settings.restoreRole.admin',
}

/** Fills `select` with one option per restore role, in the interface language, keeping its value. */
export function renderRestoreRoleOptions(select: HTMLSelectElement, localization: Localization): void {
  const selected = select.value
  select.replaceChildren(
    ...restoreRoles.map((role) => {
      const option = document.createElement('option')
      option.value = role
      option.textContent = localization.t(restoreRoleLabelKeys[role])
      return option
    }),
  )
  if (selected !== '') select.value = selected
}
