/**
 * The choice of who may restore a version of the pad (`RestoreRole`: the
 * edit link and the facilitator, the default, or the facilitator alone), as
 * the options of the facilitator panel's `#settings-restore-role`. Keeps the
 * selected value when the language changes.
 */
import { restoreRoles, type RestoreRole } from '../../shared/protocol/api'
import type { Localization, MessageKey } from '../i18n/i18n'
import { renderSelectOptions } from './select-options'

const restoreRoleLabelKeys: Readonly<Record<RestoreRole, MessageKey>> = {
  edit: 'settings.restoreRole.edit',
  admin: 'settings.restoreRole.admin',
}

/** Fills `select` with one option per restore role, in the interface language, keeping its value. */
export function renderRestoreRoleOptions(select: HTMLSelectElement, localization: Localization): void {
  renderSelectOptions(select, restoreRoles.map((role) => [role, localization.t(restoreRoleLabelKeys[role])]))
}
