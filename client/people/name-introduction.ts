/**
 * This page's participant, introduced to the others: a writer's name is
 * asked on a first visit, then focus goes where writing starts (a guest name
 * for this visit only when the question is dismissed, so it comes back next
 * time; a reader is not asked and gets a guest name until they give one),
 * published in awareness with their
 * cursor colour, shown on `#change-name-button` and changed from there,
 * with how the recipe credits them (organisation, or not named). It does not
 * record the credit in the pad: `onCredit` hears it for whoever does
 * (`authorship.ts`, the toolbar's initiative cards).
 */
import type { Awareness } from 'y-protocols/awareness'
import type { Localization } from '../i18n/i18n'
import type { NameDialogElements } from './display-name'
import type { ParticipantCredit } from '../../shared/pad/attribution'
import { askNameAndCredit } from './display-name'
import { loadLocalParticipant, publishParticipant, storeLocalCredit } from './local-participant'
import type { Participant } from './participant'
import type { Preferences } from './preferences'

export interface NameIntroductionElements {
  /** `#change-name-button`, holding a `.name-swatch` and a `.name-text`. */
  changeNameButton: HTMLButtonElement
  nameDialog: NameDialogElements
}

export interface NameIntroductionOptions {
  elements: NameIntroductionElements
  awareness: Awareness
  localization: Localization
  preferences: Preferences
  /** Where the language listener's disposal is registered. */
  disposers: (() => void)[]
  /** Whether a first visit opens the name dialog (a reader's does not: they get a guest name, and may give theirs). */
  asksOnFirstVisit: boolean
  /** Runs once the first visit's dialog is closed (where focus should go next). */
  afterFirstVisit(): void
  /** Hears the name and credit once chosen and after each change. */
  onCredit(credit: ParticipantCredit): void
}

/**
 * Publishes who is typing; asks for a name on a first visit, and lets it be
 * changed later. Resolves once the first name is published.
 */
export async function introduceParticipant(options: NameIntroductionOptions): Promise<void> {
  const { elements, awareness, localization, preferences, onCredit } = options
  const stored = loadLocalParticipant(preferences, Math.random)
  const participant: Participant = { name: stored.name ?? '', color: stored.color }
  let credit: ParticipantCredit = { name: participant.name, organisation: stored.organisation, isNamed: stored.isNamed }
  const { changeNameButton } = elements
  const swatch = changeNameButton.querySelector<HTMLElement>('.name-swatch')
  const nameText = changeNameButton.querySelector<HTMLElement>('.name-text')

  const renderButton = (): void => {
    changeNameButton.hidden = participant.name === ''
    if (swatch !== null) swatch.style.backgroundColor = participant.color
    if (nameText !== null) nameText.textContent = participant.name
    changeNameButton.setAttribute('aria-label', localization.t('name.change', { name: participant.name }))
  }
  options.disposers.push(localization.onChange(renderButton))

  if (stored.name === null) {
    const chosen = options.asksOnFirstVisit ? await askNameAndCredit(elements.nameDialog, localization, null) : null
    if (chosen !== null) storeLocalCredit(preferences, chosen)
    // Dismissed (or not asked): a guest name for this visit only, so the question comes back next time.
    credit = chosen ?? { ...credit, name: localization.t('name.guest', { number: 1 + Math.floor(Math.random() * 99) }) }
    if (options.asksOnFirstVisit) options.afterFirstVisit()
  }
  const adopt = (next: ParticipantCredit): void => {
    credit = next
    participant.name = next.name
    publishParticipant(awareness, participant)
    onCredit(next)
    renderButton()
  }
  adopt(credit)

  changeNameButton.addEventListener('click', () => {
    void askNameAndCredit(elements.nameDialog, localization, credit).then((chosen) => {
      if (chosen === null) return
      storeLocalCredit(preferences, chosen)
      adopt(chosen)
    })
  })
}
