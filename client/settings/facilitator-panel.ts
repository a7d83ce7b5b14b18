/**
 * The facilitator panel (`#facilitator-panel`, shown to the admin link only):
 * the pad's title, event, license, lifetime, who may restore a version
 * (`#settings-restore-role`) and the people credited without
 * having typed (`#settings-extra-contributors`) as a form saved with one
 * `PATCH` (`#settings-save`), the lock toggle (`#lock-toggle`, `aria-pressed`),
 * rotating the edit link (`#rotate-edit-link`, confirmed in `#rotate-dialog`)
 * and deleting the pad (`#delete-pad`, confirmed in `#delete-dialog`). Fields
 * follow the live settings, except those the facilitator is editing. The
 * server checks everything again; this panel only says what went wrong next
 * to where it happened. This file renders the panel and wires it; what its
 * controls do is in `facilitator-actions.ts`, the fields in `settings-fields.ts`.
 * It does not render the share panel: a new edit link reaches it through the
 * live settings.
 */
import type { PadSettings } from '../../shared/protocol/api'
import { defaultLicenseId, isLicenseId, licenses } from '../../shared/pad/licenses'
import type { FacilitatorPanelState, PanelMessage } from './facilitator-actions'
import { createFacilitatorActions, isPanelBusy } from './facilitator-actions'
import type { Localization } from '../i18n/i18n'
import { renderDataLicenseOptions, renderLicenseOptions } from './license-select'
import { renderLifetimeOptions } from './lifetime-select'
import { renderRestoreRoleOptions } from './restore-role-select'
import type { LiveSettings } from './live-settings'
import type { SettingsFieldElements } from './settings-fields'
import { createSettingsFields, settingsFields } from './settings-fields'

export interface FacilitatorPanelElements {
  /** `#facilitator-panel` */
  panel: HTMLElement
  /** `#settings-form` */
  form: HTMLFormElement
  fields: SettingsFieldElements
  /** `#license-warning`: shown while a license that is not libre is chosen. */
  licenseWarning: HTMLElement
  /** `#settings-save` */
  save: HTMLButtonElement
  /** `#settings-feedback` */
  settingsFeedback: HTMLElement
  /** `#lock-toggle` */
  lockToggle: HTMLButtonElement
  /** `#lock-help` */
  lockHelp: HTMLElement
  /** `#rotate-edit-link` */
  rotate: HTMLButtonElement
  /** `#rotate-dialog` */
  rotateDialog: HTMLDialogElement
  /** `#delete-pad` */
  delete: HTMLButtonElement
  /** `#delete-dialog` */
  deleteDialog: HTMLDialogElement
  /** `#facilitator-feedback`: what the lock, rotate and delete actions did. */
  actionFeedback: HTMLElement
}

export interface FacilitatorPanelOptions {
  elements: FacilitatorPanelElements
  /** The admin key of this page. */
  adminKey: string
  settings: LiveSettings
  localization: Localization
  /** The pad is gone (this panel deleted it). */
  onDeleted(): void
}

/** Wires the panel; returns the function that stops following settings and language. */
export function mountFacilitatorPanel(options: FacilitatorPanelOptions): () => void {
  const { elements, settings, localization } = options
  const fields = createSettingsFields(elements.fields)
  const state: FacilitatorPanelState = {
    busyAction: null,
    isDeleted: false,
    settingsMessage: null,
    actionMessage: null,
    problems: [],
  }
  const render = (): void => renderPanel(elements, state, settings.current, localization)
  const renderOptions = (): void => {
    renderLicenseOptions(elements.fields.license, localization)
    renderDataLicenseOptions(elements.fields.dataLicense, localization)
    renderLifetimeOptions(elements.fields.lifetime, localization)
    renderRestoreRoleOptions(elements.fields.restoreRole, localization)
  }
  const { onSubmit, onLockClick, onRotateClick, onDeleteClick } = createFacilitatorActions({
    adminKey: options.adminKey,
    settings,
    localization,
    fields,
    rotateDialog: elements.rotateDialog,
    deleteDialog: elements.deleteDialog,
    state,
    render,
    onDeleted: () => options.onDeleted(),
  })
  const onLicenseChange = (): void => render()

  elements.form.addEventListener('submit', onSubmit)
  elements.lockToggle.addEventListener('click', onLockClick)
  elements.rotate.addEventListener('click', onRotateClick)
  elements.delete.addEventListener('click', onDeleteClick)
  elements.fields.license.addEventListener('change', onLicenseChange)

  renderOptions()
  fields.fill(settings.current)
  render()
  elements.panel.hidden = false

  const stopSettings = settings.onChange((current) => {
    fields.fill(current)
    render()
  })
  const stopLocalization = localization.onChange(() => {
    renderOptions()
    render()
  })
  return () => {
    stopSettings()
    stopLocalization()
    elements.form.removeEventListener('submit', onSubmit)
    elements.lockToggle.removeEventListener('click', onLockClick)
    elements.rotate.removeEventListener('click', onRotateClick)
    elements.delete.removeEventListener('click', onDeleteClick)
    elements.fields.license.removeEventListener('change', onLicenseChange)
  }
}

function renderPanel(
  elements: FacilitatorPanelElements,
  state: FacilitatorPanelState,
  current: PadSettings,
  localization: Localization,
): void {
  const { fields } = elements
  const chosenLicense = isLicenseId(fields.license.value) ? fields.license.value : defaultLicenseId
  elements.licenseWarning.hidden = licenses[chosenLicense].isLibre

  // Busy buttons are `aria-disabled`, not `disabled`: a disabled button drops
  // the keyboard focus of whoever just pressed it. Clicks are ignored meanwhile.
  const isBusy = String(isPanelBusy(state))
  for (const button of [elements.save, elements.lockToggle, elements.rotate, elements.delete]) {
    button.setAttribute('aria-disabled', isBusy)
  }
  elements.save.textContent = localization.t(state.busyAction === 'save' ? 'settings.saving' : 'settings.save')
  elements.save.setAttribute('aria-busy', String(state.busyAction === 'save'))
  for (const field of settingsFields) {
    const problem = state.problems.find((candidate) => candidate.field === field)
    fields[field].setAttribute('aria-invalid', String(problem !== undefined))
  }
  const problemsText = state.problems.map((problem) => problem.text()).join(' ')
  renderMessage(elements.settingsFeedback, state.settingsMessage, problemsText, localization)

  elements.lockToggle.setAttribute('aria-pressed', String(current.locked))
  // A toggle keeps its name; `aria-pressed` and the sentence under it say the state.
  elements.lockToggle.textContent = localization.t('lock.toggle')
  elements.lockHelp.textContent = localization.t(current.locked ? 'lock.help.locked' : 'lock.help.unlocked')
  renderMessage(elements.actionFeedback, state.actionMessage, '', localization)
}

function renderMessage(element: HTMLElement, message: PanelMessage | null, extra: string, localization: Localization): void {
  const text = [message === null ? '' : localization.t(message.key, message.params), extra].filter((part) => part !== '').join(' ')
  // Always in the page (empty when silent) so screen readers hear each new message.
  element.textContent = text
  element.dataset.kind = message?.isError === true || extra !== '' ? 'error' : 'success'
}
