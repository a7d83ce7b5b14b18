/**
 * The facilitator panel (`#facilitator-panel`, shown to the admin link only):
 * the pad's title, event, license, lifetime and the people credited without
 * having typed (`#settings-extra-contributors`) as a form saved with one
 * `PATCH` (`#settings-save`), the lock toggle (`#lock-toggle`, `aria-pressed`),
 * rotating the edit link (`#rotate-edit-link`, confirmed in `#rotate-dialog`)
 * and deleting the pad (`#delete-pad`, confirmed in `#delete-dialog`). Fields
 * follow the live settings, except those the facilitator is editing. The
 * server checks everything again; this panel only says what went wrong next
 * to where it happened. It does not render the share panel: a new edit link
 * reaches it through the live settings.
 */
import type { PadSettings } from '../../shared/protocol/api'
import { defaultLicenseId, isLicenseId, licenses } from '../../shared/pad/licenses'
import { ApiError, deletePad, NetworkError, rotateEditLink, updatePadSettings } from './api-client'
import { askConfirmation } from './confirm-dialog'
import type { Localization, MessageKey, MessageParams } from '../i18n/i18n'
import { renderLicenseOptions } from './license-select'
import { renderLifetimeOptions } from './lifetime-select'
import type { LiveSettings } from './live-settings'
import type { SettingsField, SettingsFormValues } from './settings-form'
import { buildSettingsPatch, settingsFormValuesOf } from './settings-form'

/** The form's fields: `#settings-title`, `#settings-event-name`, `#settings-event-date`, `#settings-event-place`, `#settings-license`, `#settings-lifetime`, `#settings-extra-contributors`. */
export interface SettingsFieldElements {
  title: HTMLInputElement
  eventName: HTMLInputElement
  eventDate: HTMLInputElement
  eventPlace: HTMLInputElement
  license: HTMLSelectElement
  lifetime: HTMLSelectElement
  extraContributors: HTMLTextAreaElement
}

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

interface PanelMessage {
  key: MessageKey
  params?: MessageParams
  isError: boolean
}

const fieldLabelKeys: Readonly<Record<SettingsField, MessageKey>> = {
  title: 'settings.title',
  eventName: 'settings.eventName',
  eventDate: 'settings.eventDate',
  eventPlace: 'settings.eventPlace',
  license: 'settings.license',
  lifetime: 'settings.lifetime',
  extraContributors: 'settings.extraContributors',
}

const settingsFields: readonly SettingsField[] = [
  'title',
  'eventName',
  'eventDate',
  'eventPlace',
  'license',
  'lifetime',
  'extraContributors',
]

/** Wires the panel; returns the function that stops following settings and language. */
export function mountFacilitatorPanel(options: FacilitatorPanelOptions): () => void {
  const { elements, adminKey, settings, localization } = options
  const { fields } = elements
  let shownValues: SettingsFormValues | null = null
  let settingsMessage: PanelMessage | null = null
  let actionMessage: PanelMessage | null = null
  let problems: { field: SettingsField; text: () => string }[] = []
  let busyAction: 'save' | 'lock' | 'rotate' | 'delete' | null = null
  let isDeleted = false

  /** Fields take the new settings unless the facilitator changed them since they were last filled. */
  const fillFields = (current: PadSettings): void => {
    const values = settingsFormValuesOf(current)
    for (const field of settingsFields) {
      const element = fields[field]
      if (shownValues === null || element.value === shownValues[field]) element.value = values[field]
    }
    shownValues = values
  }

  const readValues = (): SettingsFormValues => ({
    title: fields.title.value,
    eventName: fields.eventName.value,
    eventDate: fields.eventDate.value,
    eventPlace: fields.eventPlace.value,
    license: fields.license.value,
    lifetime: fields.lifetime.value,
    extraContributors: fields.extraContributors.value,
  })

  const renderOptions = (): void => {
    renderLicenseOptions(fields.license, localization)
    renderLifetimeOptions(fields.lifetime, localization)
  }

  const render = (): void => {
    const current = settings.current
    const chosenLicense = isLicenseId(fields.license.value) ? fields.license.value : defaultLicenseId
    elements.licenseWarning.hidden = licenses[chosenLicense].isLibre

    // Busy buttons are `aria-disabled`, not `disabled`: a disabled button drops
    // the keyboard focus of whoever just pressed it. Clicks are ignored meanwhile.
    const isBusy = String(busyAction !== null || isDeleted)
    for (const button of [elements.save, elements.lockToggle, elements.rotate, elements.delete]) {
      button.setAttribute('aria-disabled', isBusy)
    }
    elements.save.textContent = localization.t(busyAction === 'save' ? 'settings.saving' : 'settings.save')
    elements.save.setAttribute('aria-busy', String(busyAction === 'save'))
    for (const field of settingsFields) {
      const problem = problems.find((candidate) => candidate.field === field)
      fields[field].setAttribute('aria-invalid', String(problem !== undefined))
    }
    renderMessage(elements.settingsFeedback, settingsMessage, problems.map((problem) => problem.text()).join(' '))

    elements.lockToggle.setAttribute('aria-pressed', String(current.locked))
    // A toggle keeps its name; `aria-pressed` and the sentence under it say the state.
    elements.lockToggle.textContent = localization.t('lock.toggle')
    elements.lockHelp.textContent = localization.t(current.locked ? 'lock.help.locked' : 'lock.help.unlocked')
    renderMessage(elements.actionFeedback, actionMessage, '')
  }

  const renderMessage = (element: HTMLElement, message: PanelMessage | null, extra: string): void => {
    const text = [message === null ? '' : localization.t(message.key, message.params), extra].filter((part) => part !== '').join(' ')
    // Always in the page (empty when silent) so screen readers hear each new message.
    element.textContent = text
    element.dataset.kind = message?.isError === true || extra !== '' ? 'error' : 'success'
  }

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault()
    if (busyAction !== null || isDeleted) return
    const outcome = buildSettingsPatch(readValues(), settings.current)
    problems = []
    settingsMessage = null
    if (outcome.kind === 'invalid') {
      problems = outcome.problems.map((problem) => ({
        field: problem.field,
        text: () =>
          localization.t('settings.problem', {
            field: localization.t(fieldLabelKeys[problem.field]),
            problem: localization.t(problem.key, problem.params),
          }),
      }))
      render()
      const first = outcome.problems[0]
      if (first !== undefined) fields[first.field].focus()
      return
    }
    if (outcome.kind === 'unchanged') {
      settingsMessage = { key: 'settings.unchanged', isError: false }
      render()
      return
    }
    busyAction = 'save'
    render()
    const submitted = readValues()
    void updatePadSettings(adminKey, outcome.patch).then(
      (updated) => {
        busyAction = null
        settings.applyState(updated)
        // The fields show what was saved as the server keeps it (trimmed, names
        // one per line) and are no longer "being edited" — except a field
        // changed again while the answer was on its way.
        const saved = settingsFormValuesOf(settings.current)
        for (const field of settingsFields) {
          if (fields[field].value === submitted[field]) fields[field].value = saved[field]
        }
        shownValues = saved
        settingsMessage = { key: 'settings.saved', isError: false }
        render()
      },
      (error: unknown) => {
        busyAction = null
        settingsMessage = { key: 'settings.failed', params: { reason: describeApiError(error, localization) }, isError: true }
        render()
      },
    )
  }

  const onLockClick = (): void => {
    if (busyAction !== null || isDeleted) return
    busyAction = 'lock'
    actionMessage = null
    render()
    void updatePadSettings(adminKey, { locked: !settings.current.locked }).then(
      (updated) => {
        busyAction = null
        settings.applyState(updated)
        actionMessage = { key: updated.locked ? 'lock.done.locked' : 'lock.done.unlocked', isError: false }
        render()
      },
      (error: unknown) => {
        busyAction = null
        actionMessage = { key: 'lock.failed', params: { reason: describeApiError(error, localization) }, isError: true }
        render()
      },
    )
  }

  const onRotateClick = (): void => {
    if (busyAction !== null || isDeleted) return
    void askConfirmation(elements.rotateDialog).then((isConfirmed) => {
      if (!isConfirmed || busyAction !== null) return
      busyAction = 'rotate'
      actionMessage = null
      render()
      return rotateEditLink(adminKey).then(
        (rotated) => {
          busyAction = null
          settings.applyLinks({ edit: rotated.links.edit })
          actionMessage = { key: 'rotate.done', isError: false }
          render()
        },
        (error: unknown) => {
          busyAction = null
          actionMessage = { key: 'rotate.failed', params: { reason: describeApiError(error, localization) }, isError: true }
          render()
        },
      )
    })
  }

  const onDeleteClick = (): void => {
    if (busyAction !== null || isDeleted) return
    void askConfirmation(elements.deleteDialog).then((isConfirmed) => {
      if (!isConfirmed || busyAction !== null) return
      busyAction = 'delete'
      actionMessage = null
      render()
      return deletePad(adminKey).then(
        () => {
          busyAction = null
          isDeleted = true
          render()
          options.onDeleted()
        },
        (error: unknown) => {
          busyAction = null
          actionMessage = { key: 'delete.failed', params: { reason: describeApiError(error, localization) }, isError: true }
          render()
        },
      )
    })
  }

  const onLicenseChange = (): void => render()

  elements.form.addEventListener('submit', onSubmit)
  elements.lockToggle.addEventListener('click', onLockClick)
  elements.rotate.addEventListener('click', onRotateClick)
  elements.delete.addEventListener('click', onDeleteClick)
  fields.license.addEventListener('change', onLicenseChange)

  renderOptions()
  fillFields(settings.current)
  render()
  elements.panel.hidden = false

  const stopSettings = settings.onChange((current) => {
    fillFields(current)
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
    fields.license.removeEventListener('change', onLicenseChange)
  }
}

/** A sentence for a failed API call, in the interface language where the cause is known. */
function describeApiError(error: unknown, localization: Localization): string {
  if (error instanceof NetworkError) return localization.t('facilitator.error.network')
  if (error instanceof ApiError) {
    if (error.status === 403) return localization.t('facilitator.error.forbidden')
    if (error.status === 404) return localization.t('facilitator.error.gone')
    if (error.status === 429) return localization.t('facilitator.error.rateLimited')
    if (error.status >= 500) return localization.t('facilitator.error.server')
    return error.message
  }
  return error instanceof Error ? error.message : String(error)
}
