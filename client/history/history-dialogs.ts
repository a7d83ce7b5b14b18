/**
 * The two questions the history panel asks over itself, each in a native
 * modal `<dialog>` built here when first asked and stacked above the panel (focus stays
 * inside, Escape answers no, focus goes back to the button that asked):
 * « Restaurer la version prise … ? », which says that nothing is lost and
 * that the restore can itself be undone from the history; and the name to
 * give the pad as it is now before publishing it, filled with a default
 * (« Recette du 12 mars »). They hold no state between questions and do
 * not call the server.
 */
import { maxVersionNameLength } from '../../shared/protocol/api'
import type { Localization } from '../i18n/i18n'
import { askConfirmation } from '../settings/confirm-dialog'

export interface HistoryDialogs {
  /** Whether the participant confirms restoring the version taken `when` (« aujourd’hui à 14:32 »). */
  confirmRestore(when: string): Promise<boolean>
  /** The name the facilitator gives the pad as it is now, or null when they cancel. */
  askVersionName(defaultName: string): Promise<string | null>
  destroy(): void
}

export function createHistoryDialogs(localization: Localization): HistoryDialogs {
  const t = localization.t.bind(localization)
  // Built on the first question, not with the page: a button with `autofocus`
  // inserted into the page makes Chromium lay out the whole document before
  // the next frame's callbacks (its autofocus steps ask whether the button
  // can take focus), which on a long pad costs a layout of every paragraph
  // before the pad is first shown.
  let restoreDialog: ReturnType<typeof buildRestoreDialog> | null = null
  let namingDialog: ReturnType<typeof buildNamingDialog> | null = null
  const restoreParts = (): ReturnType<typeof buildRestoreDialog> => {
    if (restoreDialog === null) {
      restoreDialog = buildRestoreDialog()
      document.body.append(restoreDialog.dialog)
    }
    return restoreDialog
  }
  const namingParts = (): ReturnType<typeof buildNamingDialog> => {
    if (namingDialog === null) {
      namingDialog = buildNamingDialog()
      document.body.append(namingDialog.dialog)
    }
    return namingDialog
  }

  const askWithFocusBack = async <T,>(ask: () => Promise<T>): Promise<T> => {
    const returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null
    try {
      return await ask()
    } finally {
      if (returnFocusTo?.isConnected === true) returnFocusTo.focus({ preventScroll: true })
    }
  }

  return {
    confirmRestore(when) {
      const restore = restoreParts()
      restore.title.textContent = t('restore.dialog.title', { when })
      restore.text.textContent = t('restore.dialog.text')
      restore.cancel.textContent = t('dialog.cancel')
      restore.confirm.textContent = t('restore.confirm')
      return askWithFocusBack(() => askConfirmation(restore.dialog))
    },
    askVersionName(defaultName) {
      const naming = namingParts()
      naming.title.textContent = t('publish.name.title')
      naming.text.textContent = t('publish.name.text')
      naming.label.textContent = t('publish.name.label')
      naming.cancel.textContent = t('dialog.cancel')
      naming.confirm.textContent = t('publish.name.confirm')
      naming.input.value = defaultName
      return askWithFocusBack(async () => {
        const isConfirmed = await askConfirmation(naming.dialog)
        const name = naming.input.value.trim()
        return isConfirmed && name !== '' ? name : null
      })
    },
    destroy() {
      restoreDialog?.dialog.remove()
      namingDialog?.dialog.remove()
    },
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, id?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag)
  created.className = className
  if (id !== undefined) created.id = id
  return created
}

/** A `<form method="dialog">` whose confirm button has `value="confirm"` (what `askConfirmation` reads). */
function buildButtons(prefix: string): { buttons: HTMLDivElement; cancel: HTMLButtonElement; confirm: HTMLButtonElement } {
  const buttons = element('div', 'dialog-buttons')
  const cancel = element('button', 'secondary-button', `${prefix}-cancel`)
  cancel.value = 'cancel'
  const confirm = element('button', 'primary-button', `${prefix}-confirm`)
  confirm.value = 'confirm'
  buttons.append(cancel, confirm)
  return { buttons, cancel, confirm }
}

function buildRestoreDialog() {
  const dialog = element('dialog', 'confirm-dialog', 'restore-dialog')
  dialog.setAttribute('aria-labelledby', 'restore-dialog-title')
  dialog.setAttribute('aria-describedby', 'restore-dialog-text')
  const form = element('form', 'confirm-form')
  form.method = 'dialog'
  const title = element('h2', 'confirm-title', 'restore-dialog-title')
  const text = element('p', 'confirm-text', 'restore-dialog-text')
  const { buttons, cancel, confirm } = buildButtons('restore')
  // The safe answer has focus first, as in the page's other confirmations.
  cancel.autofocus = true
  form.append(title, text, buttons)
  dialog.append(form)
  return { dialog, title, text, cancel, confirm }
}

function buildNamingDialog() {
  const dialog = element('dialog', 'confirm-dialog', 'name-version-dialog')
  dialog.setAttribute('aria-labelledby', 'name-version-title')
  dialog.setAttribute('aria-describedby', 'name-version-text')
  const form = element('form', 'confirm-form')
  form.method = 'dialog'
  const title = element('h2', 'confirm-title', 'name-version-title')
  const text = element('p', 'confirm-text', 'name-version-text')
  const field = element('div', 'form-field')
  const label = element('label', 'name-version-label')
  label.htmlFor = 'name-version-input'
  const input = element('input', 'name-version-input', 'name-version-input')
  input.type = 'text'
  input.required = true
  input.autocomplete = 'off'
  input.maxLength = maxVersionNameLength
  // Spaces alone are no name (the server trims, then refuses an empty one).
  input.pattern = '.*\\S.*'
  input.autofocus = true
  field.append(label, input)
  const { buttons, cancel, confirm } = buildButtons('name-version')
  form.append(title, text, field, buttons)
  dialog.append(form)
  // Cancelling with the field emptied is still cancelling.
  cancel.formNoValidate = true
  // Enter in the field would press the form's first button, « Annuler »: it confirms instead, as people expect.
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return
    event.preventDefault()
    if (input.reportValidity()) dialog.close('confirm')
  })
  return { dialog, title, text, label, input, cancel, confirm }
}
