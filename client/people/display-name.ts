/**
 * The dialog that asks a participant's display name (`#name-dialog`): on a
 * first visit, and whenever they choose to change it. A native modal
 * `<dialog>`, so focus is trapped inside and returned afterwards, and Escape
 * closes it. It resolves with the normalized name, or null when dismissed; it
 * does not store anything (see `local-participant.ts`).
 */
import type { Localization } from '../i18n/i18n'
import { maxNameLength, normalizeName } from './participant'

export interface NameDialogElements {
  dialog: HTMLDialogElement
  form: HTMLFormElement
  input: HTMLInputElement
  /** Where "enter a name" is said; linked to the input by `aria-describedby`. */
  error: HTMLElement
}

export function askDisplayName(
  elements: NameDialogElements,
  localization: Localization,
  currentName: string | null,
): Promise<string | null> {
  const { dialog, form, input, error } = elements
  return new Promise((resolve) => {
    let chosenName: string | null = null
    const showError = (isShown: boolean): void => {
      error.hidden = !isShown
      error.textContent = isShown ? localization.t('name.invalid', { max: maxNameLength }) : ''
      input.setAttribute('aria-invalid', String(isShown))
    }
    const onSubmit = (event: SubmitEvent): void => {
      event.preventDefault()
      const name = normalizeName(input.value)
      if (name === null) {
        showError(true)
        input.focus()
        return
      }
      chosenName = name
      dialog.close()
    }
    const onClose = (): void => {
      form.removeEventListener('submit', onSubmit)
      dialog.removeEventListener('close', onClose)
      showError(false)
      resolve(chosenName)
    }
    form.addEventListener('submit', onSubmit)
    dialog.addEventListener('close', onClose)
    input.maxLength = maxNameLength
    input.value = currentName ?? ''
    showError(false)
    dialog.showModal()
    input.focus()
    input.select()
  })
}
