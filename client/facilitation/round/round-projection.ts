/**
 * The tour de table in projection mode (`#projection-round`, in the
 * projection's corner): who has the floor, a large timer the whole room
 * reads, over time shown by colour and by its label, and who is next. It
 * renders whether or not the projection is open, so that opening it shows
 * the round at once. A render function over a `RoundDisplay`.
 */
import type { Localization } from '../../i18n/i18n'
import { clockLabel, markClockState } from './round-bar'
import type { RoundDisplay } from './round-display'
import type { RoundProjectionElements } from './round-elements'

export function renderRoundProjection(elements: RoundProjectionElements, display: RoundDisplay | null, localization: Pick<Localization, 't'>): void {
  elements.section.hidden = display === null
  markClockState(elements.section, display?.clock ?? null)
  if (display === null) return
  elements.speaker.textContent = display.speaker?.name ?? localization.t('round.nobody')
  const clock = display.clock
  elements.clock.hidden = clock === null
  elements.clock.textContent = clock?.text ?? ''
  elements.clockLabel.hidden = clock === null
  elements.clockLabel.textContent = clock === null ? '' : clockLabel(clock, localization)
  elements.next.textContent = localization.t('round.upNextIs', { name: display.next?.name ?? localization.t('round.upNext.none') })
}
