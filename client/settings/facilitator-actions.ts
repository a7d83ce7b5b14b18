/**
 * What the facilitator panel's controls do: save the settings form (one
 * `PATCH` with what changed), toggle the lock, rotate the edit link and
 * delete the pad, the last two once confirmed in their dialog. Each marks the
 * panel busy while its call is under way (clicks meanwhile are ignored) and
 * leaves a message saying how it went in the panel's state, then asks the
 * panel to render. It renders nothing itself and does not listen to the DOM:
 * `facilitator-panel.ts` wires these handlers to the form and the buttons.
 */
import { ApiError, deletePad, NetworkError, rotateEditLink, updatePadSettings } from './api-client'
import { askConfirmation } from './confirm-dialog'
import type { Localization, MessageKey, MessageParams } from '../i18n/i18n'
import type { LiveSettings } from './live-settings'
import type { SettingsField, SettingsFormProblem } from './settings-form'
import { buildSettingsPatch, settingsFormValuesOf } from './settings-form'
import type { SettingsFields } from './settings-fields'

export interface PanelMessage {
  key: MessageKey
  params?: MessageParams
  isError: boolean
}

/** A field the server would refuse, with the sentence that says why (in the current language). */
export interface FieldProblem {
  field: SettingsField
  text: () => string
}

/** What the panel shows besides the fields and the settings: the actions change it, the panel renders it. */
export interface FacilitatorPanelState {
  busyAction: 'save' | 'lock' | 'rotate' | 'delete' | null
  isDeleted: boolean
  /** Under the form (`#settings-feedback`). */
  settingsMessage: PanelMessage | null
  /** Under the buttons (`#facilitator-feedback`). */
  actionMessage: PanelMessage | null
  problems: FieldProblem[]
}

export interface FacilitatorActionsContext {
  /** The admin key of this page. */
  adminKey: string
  settings: LiveSettings
  localization: Localization
  fields: SettingsFields
  /** `#rotate-dialog` */
  rotateDialog: HTMLDialogElement
  /** `#delete-dialog` */
  deleteDialog: HTMLDialogElement
  state: FacilitatorPanelState
  render(): void
  /** The pad is gone (this panel deleted it). */
  onDeleted(): void
}

export interface FacilitatorActions {
  onSubmit(event: SubmitEvent): void
  onLockClick(): void
  onRotateClick(): void
  onDeleteClick(): void
}

const fieldLabelKeys: Readonly<Record<SettingsField, MessageKey>> = {
  title: 'settings.title',
  eventName: 'settings.eventName',
  eventDate: 'settings.eventDate',
  eventPlace: 'settings.eventPlace',
  license: 'settings.license',
  dataLicense: 'settings.dataLicense',
  lifetime: 'settings.lifetime',
  restoreRole: 'settings.restoreRole',
  extraContributors: 'settings.extraContributors',
}

export function createFacilitatorActions(context: FacilitatorActionsContext): FacilitatorActions {
  return {
    onSubmit: (event) => submitSettings(context, event),
    onLockClick: () => toggleLock(context),
    onRotateClick: () => confirmRotation(context),
    onDeleteClick: () => confirmDeletion(context),
  }
}

/** Whether the panel ignores its controls: a call is under way, or the pad is gone. */
export function isPanelBusy(state: FacilitatorPanelState): boolean {
  return state.busyAction !== null || state.isDeleted
}

function submitSettings(context: FacilitatorActionsContext, event: SubmitEvent): void {
  const { state, settings, fields, localization, render } = context
  event.preventDefault()
  if (isPanelBusy(state)) return
  const outcome = buildSettingsPatch(fields.read(), settings.current)
  state.problems = []
  state.settingsMessage = null
  if (outcome.kind === 'invalid') {
    state.problems = outcome.problems.map((problem) => describeProblem(problem, localization))
    render()
    const first = outcome.problems[0]
    if (first !== undefined) fields.elements[first.field].focus()
    return
  }
  if (outcome.kind === 'unchanged') {
    state.settingsMessage = { key: 'settings.unchanged', isError: false }
    render()
    return
  }
  state.busyAction = 'save'
  render()
  const submitted = fields.read()
  void updatePadSettings(context.adminKey, outcome.patch).then(
    (updated) => {
      state.busyAction = null
      settings.applyState(updated)
      // The fields show what was saved as the server keeps it (trimmed, names
      // one per line) and are no longer "being edited" — except a field
      // changed again while the answer was on its way.
      fields.showSaved(submitted, settingsFormValuesOf(settings.current))
      state.settingsMessage = { key: 'settings.saved', isError: false }
      render()
    },
    (error: unknown) => {
      state.busyAction = null
      state.settingsMessage = failureMessage('settings.failed', error, localization)
      render()
    },
  )
}

function toggleLock(context: FacilitatorActionsContext): void {
  const { state, settings, render } = context
  if (isPanelBusy(state)) return
  state.busyAction = 'lock'
  state.actionMessage = null
  render()
  void updatePadSettings(context.adminKey, { locked: !settings.current.locked }).then(
    (updated) => {
      state.busyAction = null
      settings.applyState(updated)
      state.actionMessage = { key: updated.locked ? 'lock.done.locked' : 'lock.done.unlocked', isError: false }
      render()
    },
    (error: unknown) => {
      state.busyAction = null
      state.actionMessage = failureMessage('lock.failed', error, context.localization)
      render()
    },
  )
}

function confirmRotation(context: FacilitatorActionsContext): void {
  const { state, render } = context
  if (isPanelBusy(state)) return
  void askConfirmation(context.rotateDialog).then((isConfirmed) => {
    if (!isConfirmed || state.busyAction !== null) return
    state.busyAction = 'rotate'
    state.actionMessage = null
    render()
    return rotateEditLink(context.adminKey).then(
      (rotated) => {
        state.busyAction = null
        context.settings.applyLinks({ edit: rotated.links.edit })
        state.actionMessage = { key: 'rotate.done', isError: false }
        render()
      },
      (error: unknown) => {
        state.busyAction = null
        state.actionMessage = failureMessage('rotate.failed', error, context.localization)
        render()
      },
    )
  })
}

function confirmDeletion(context: FacilitatorActionsContext): void {
  const { state, render } = context
  if (isPanelBusy(state)) return
  void askConfirmation(context.deleteDialog).then((isConfirmed) => {
    if (!isConfirmed || state.busyAction !== null) return
    state.busyAction = 'delete'
    state.actionMessage = null
    render()
    return deletePad(context.adminKey).then(
      () => {
        state.busyAction = null
        state.isDeleted = true
        render()
        context.onDeleted()
      },
      (error: unknown) => {
        state.busyAction = null
        state.actionMessage = failureMessage('delete.failed', error, context.localization)
        render()
      },
    )
  })
}

function describeProblem(problem: SettingsFormProblem, localization: Localization): FieldProblem {
  return {
    field: problem.field,
    text: () =>
      localization.t('settings.problem', {
        field: localization.t(fieldLabelKeys[problem.field]),
        problem: localization.t(problem.key, problem.params),
      }),
  }
}

function failureMessage(key: MessageKey, error: unknown, localization: Localization): PanelMessage {
  return { key, params: { reason: describeApiError(error, localization) }, isError: true }
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
