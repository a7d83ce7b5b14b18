/**
 * The bar above the editor while a round is in progress (`#round-bar`), for
 * every link: who has the floor, their timer (not a live region: the
 * announcer says who speaks, the clock is read on demand), who is next, and
 * for the edit and admin links the button to raise or lower one's hand.
 * Over time, the bar changes colour and its label says « Temps dépassé » —
 * a cue, nothing else happens. A render function over a `RoundDisplay`.
 */
import type { Localization } from '../../i18n/i18n'
import type { RoundDisplay } from './round-display'
import type { RoundBarElements } from './round-elements'
import type { TurnClock } from './turn-clock'

/** The label over a clock: time left, over time, paused. */
export function clockLabel(clock: TurnClock, localization: Pick<Localization, 't'>): string {
  const label = localization.t(clock.isOverTime ? 'round.timeOver' : 'round.timeLeft')
  return clock.isPaused ? `${label} · ${localization.t('round.paused')}` : label
}

/** Marks `element` with the clock's state, which the stylesheet shows (over time, paused). */
export function markClockState(element: HTMLElement, clock: TurnClock | null): void {
  element.dataset.overTime = String(clock?.isOverTime === true)
  element.dataset.paused = String(clock?.isPaused === true)
}

export interface RoundBarOptions {
  /** The edit and admin links may raise a hand; a view link may not. */
  mayRaiseHand: boolean
  localization: Pick<Localization, 't'>
  /** Why the last hand command did not go through, shown until the next one. */
  handMessage: string | null
}

export function renderRoundBar(
  elements: RoundBarElements,
  display: RoundDisplay | null,
  options: RoundBarOptions,
): void {
  const { localization } = options
  elements.bar.hidden = display === null
  markClockState(elements.bar, display?.clock ?? null)
  if (display === null) return
  elements.speaker.textContent = display.speaker?.name ?? localization.t('round.nobody')
  const clock = display.clock
  elements.clock.parentElement?.toggleAttribute('hidden', clock === null)
  elements.clock.textContent = clock?.text ?? ''
  elements.clockLabel.textContent = clock === null ? '' : clockLabel(clock, localization)
  elements.next.textContent = display.next?.name ?? localization.t('round.upNext.none')
  renderHand(elements, display, options)
}

/** The hand button (edit and admin links; not for whoever has the floor) and where this participant stands. */
function renderHand(elements: RoundBarElements, display: RoundDisplay, options: RoundBarOptions): void {
  const { localization, mayRaiseHand } = options
  const { hand, handPosition } = display
  elements.hand.hidden = !mayRaiseHand || hand === 'speaking'
  elements.hand.textContent = localization.t(hand === 'raised' ? 'round.hand.lower' : 'round.hand.raise')
  elements.hand.dataset.hand = hand
  let status = ''
  if (mayRaiseHand && hand === 'speaking') status = localization.t('round.hand.speaking')
  if (mayRaiseHand && handPosition !== null) status = localization.t('round.hand.raised', { position: handPosition })
  if (options.handMessage !== null) status = options.handMessage
  elements.handStatus.textContent = status
  elements.handStatus.hidden = status === ''
}
