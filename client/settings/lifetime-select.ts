/**
 * The choice of how long a pad is kept after its last edit (`PadLifetime`:
 * a day, a week, a month, a year, or until the facilitator deletes it), as
 * the options of a `<select>` — on the home page's creation form
 * (`#lifetime-select`) and in the facilitator panel (`#settings-lifetime`).
 * Keeps the selected value when the language changes.
 */
import { padLifetimes } from '../../shared/protocol/api'
import type { PadLifetime } from '../../shared/protocol/api'
import type { Localization, MessageKey } from '../i18n/i18n'
import { readSelectChoice, renderSelectOptions } from './select-options'

const lifetimeLabelKeys: Readonly<Record<PadLifetime, MessageKey>> = {
  day: 'lifetime.day',
  week: 'lifetime.week',
  month: 'lifetime.month',
  year: 'lifetime.year',
  forever: 'lifetime.forever',
}

/** Fills `select` with one option per lifetime, in the interface language, keeping its value. */
export function renderLifetimeOptions(select: HTMLSelectElement, localization: Localization): void {
  renderSelectOptions(select, padLifetimes.map((lifetime) => [lifetime, localization.t(lifetimeLabelKeys[lifetime])]))
}

/** The select's value as a lifetime, or null when it holds none. */
export function readLifetime(select: HTMLSelectElement): PadLifetime | null {
  return readSelectChoice(select, padLifetimes)
}
