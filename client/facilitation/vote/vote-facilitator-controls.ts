/**
 * The facilitator's controls of the dot vote (admin link), in the vote
 * panel: the form that opens a vote (vote-open-command.ts), folded under
 * « Préparer un vote », when none is open; while one is, whether the totals show and read-only links vote, the
 * time box's pause, resume and one more minute, the results' order and the
 * close; once closed, the order of its results. Each control sends one
 * command; the server's next view says what became of it, and the
 * composition shows a refusal. Nothing here happens on a timer: the time
 * box is a display, the facilitator closes the vote.
 */
import type { FacilitationCommand, VoteResultOrder } from '../../../shared/facilitation/facilitation-command'
import { isTimerPaused } from '../../../shared/facilitation/turn-timer'
import { formattingLocale, type Localization } from '../../i18n/i18n'
import { renderSelectOptions } from '../../settings/select-options'
import type { VoteFacilitatorElements } from './vote-elements'
import type { VoteModel } from './vote-model'
import { defaultVoteOpenChoices, dotCountChoices, timeBoxMinuteChoices, voteOpenCommand, type VoteOpenChoices } from './vote-open-command'

/** One more minute on the time box. */
const extensionMs = 60_000

export interface VoteFacilitatorControls {
  render(model: VoteModel): void
  destroy(): void
}

export function mountVoteFacilitatorControls(
  elements: VoteFacilitatorElements,
  localization: Localization,
  send: (command: FacilitationCommand) => void,
): VoteFacilitatorControls {
  let model: VoteModel = { phase: 'none' }
  const chosenOrder = (): VoteResultOrder => (elements.orderDocument.checked ? 'document' : 'dots')
  const listeners: Array<[EventTarget, string, (event: Event) => void]> = [
    [elements.openForm, 'submit', (event) => {
      event.preventDefault()
      send(voteOpenCommand(readOpenChoices(elements)))
    }],
    [elements.showTotals, 'change', () => send({ action: 'vote-configure', visibility: elements.showTotals.checked ? 'totals' : 'hidden' })],
    [elements.runningViewers, 'change', () => send({ action: 'vote-configure', viewersMayVote: elements.runningViewers.checked })],
    [elements.pause, 'click', () => {
      if (model.phase !== 'open' || model.timer === null) return
      send({ action: isTimerPaused(model.timer) ? 'vote-resume' : 'vote-pause' })
    }],
    [elements.extend, 'click', () => send({ action: 'vote-extend', ms: extensionMs })],
    [elements.close, 'click', () => send({ action: 'vote-close', order: chosenOrder() })],
    // While the vote is open the order goes with the close; once closed, it reorders the results.
    [elements.order, 'change', () => {
      if (model.phase === 'closed') send({ action: 'vote-order', order: chosenOrder() })
    }],
  ]
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener)

  const renderChoices = (): void => fillChoices(elements, localization)
  renderChoices()
  const stopLocalization = localization.onChange(renderChoices)
  elements.dots.value = defaultVoteOpenChoices.dotsPerParticipant
  elements.timeBoxChoice.value = defaultVoteOpenChoices.timeBoxMinutes
  elements.admin.hidden = false

  return {
    render(next) {
      model = next
      const open = next.phase === 'open' ? next : null
      elements.openDetails.hidden = open !== null
      // Folded again once a vote opens: after the close, its results come first.
      if (open !== null) elements.openDetails.open = false
      elements.running.hidden = open === null
      elements.close.hidden = open === null
      elements.order.hidden = next.phase === 'none'
      if (open !== null) {
        elements.showTotals.checked = open.visibility === 'totals'
        elements.runningViewers.checked = open.viewersMayVote
        elements.timeActions.hidden = open.timer === null
        elements.pause.textContent = localization.t(open.timer !== null && isTimerPaused(open.timer) ? 'vote.admin.resume' : 'vote.admin.pause')
      }
      if (next.phase === 'closed') {
        elements.orderDots.checked = next.order === 'dots'
        elements.orderDocument.checked = next.order === 'document'
      }
    },
    destroy() {
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener)
      stopLocalization()
      elements.admin.hidden = true
      elements.openDetails.hidden = true
    },
  }
}

function readOpenChoices(elements: VoteFacilitatorElements): VoteOpenChoices {
  return {
    dotsPerParticipant: elements.dots.value,
    allowStacking: elements.stacking.checked,
    visibility: elements.visibilityTotals.checked ? 'totals' : 'hidden',
    timeBoxMinutes: elements.timeBoxChoice.value,
    viewersMayVote: elements.viewers.checked,
  }
}

/** The options of the dot count and time box lists, in the interface language; the choices made stay. */
function fillChoices(elements: VoteFacilitatorElements, localization: Localization): void {
  const locale = formattingLocale(localization.language)
  const minutes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' })
  const numbers = new Intl.NumberFormat(locale)
  renderSelectOptions(elements.dots, dotCountChoices.map((count) => [String(count), numbers.format(count)]))
  renderSelectOptions(
    elements.timeBoxChoice,
    timeBoxMinuteChoices.map((count) => [String(count), count === 0 ? localization.t('vote.admin.timeBox.none') : minutes.format(count)]),
  )
}
