/**
 * The dialog that asks a participant's display name and how the recipe
 * credits them (`#name-dialog`): on a first visit, and whenever they choose
 * to change it. The name shows by their cursor and in the presence list; the
 * recipe prints it with their organisation if they give one, or counts them
 * without a name if they ask (a pseudonym is just the name they type). A
 * native modal `<dialog>`, so focus is trapped inside and returned afterwards,
 * and Escape closes it. It resolves with what was chosen, or null when
 * dismissed; it does not store anything (see `local-participant.ts`).
 */
import { cleanAuthorName, maxOrganisationLength, type ParticipantCredit } from '../../shared/pad/attribution'
import type { Localization } from '../i18n/i18n'
import { maxNameLength, normalizeName } from './participant'

export interface NameDialogElements {
  dialog: HTMLDialogElement
  form: HTMLFormElement
  input: HTMLInputElement
  /** Where "enter a name" is said; linked to the input by `aria-describedby`. */
  error: HTMLElement
  /** `#organisation-input`: printed after the name in the recipe. */
  organisation: HTMLInputElement
  /** `#credit-unnamed`: counted, not named. */
  isUnnamed: HTMLInputElement
}

/** Asks for the participant's name and credit, showing `current` (null on a first visit); null when dismissed. */
export function askNameAndCredit(
  elements: NameDialogElements,
  localization: Localization,
  current: ParticipantCredit | null,
): Promise<ParticipantCredit | null> {
  const { dialog, form, input, error } = elements
  return new Promise((resolve) => {
    let chosen: ParticipantCredit | null = null
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
      chosen = { name, organisation: cleanAuthorName(elements.organisation.value).slice(0, maxOrganisationLength), isNamed: !elements.isUnnamed.checked }
      dialog.close()
    }
    const onClose = (): void => {
      form.removeEventListener('submit', onSubmit)
      dialog.removeEventListener('close', onClose)
      showError(false)
      resolve(chosen)
    }
    form.addEventListener('submit', onSubmit)
    dialog.addEventListener('close', onClose)
    input.maxLength = maxNameLength
    input.value = current?.name ?? ''
    elements.organisation.maxLength = maxOrganisationLength
    elements.organisation.value = current?.organisation ?? ''
    elements.isUnnamed.checked = current !== null && !current.isNamed
    showError(false)
    dialog.showModal()
    input.focus()
    input.select()
  })
}
