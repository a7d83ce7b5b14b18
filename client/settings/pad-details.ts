/**
 * What every page says under the pad's title: the event (name, date, place),
 * the license (its name in the interface language, linked to its deed with
 * `rel="license"`) and when the pad will be deleted if nobody edits it again.
 * It follows the live settings, so a facilitator's change shows at once on
 * every page. Text only: event fields come from the facilitator but are
 * still inserted as text. The formatting helpers are pure and exported for
 * tests.
 */
import type { PadEvent, PadSettings } from '../../shared/protocol/api'
import { licenses } from '../../shared/pad/licenses'
import type { Language, Localization, MessageKey, MessageParams } from '../i18n/i18n'
import { formattingLocale } from '../i18n/i18n'
import type { LiveSettings } from './live-settings'

/**
 * `YYYY-MM-DD` as a long date in the interface's locale ("21 novembre 2026",
 * "21 November 2026"); the text as given when it is not such a date.
 */
export function formatEventDate(date: string, language: Language): string {
  const time = Date.parse(`${date}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(time)) return date
  // The event's date is a calendar day, not an instant: read and print it in UTC so no time zone shifts it.
  return new Intl.DateTimeFormat(formattingLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(time)
}

/** "Rencontre · 21 novembre 2026 · Lyon", leaving out what is empty; '' when nothing is said. */
export function formatEventLine(event: PadEvent, language: Language): string {
  const date = event.date === '' ? '' : formatEventDate(event.date, language)
  return [event.name.trim(), date, event.place.trim()].filter((part) => part !== '').join(' · ')
}

export interface PageText {
  key: MessageKey
  params?: MessageParams
}

/**
 * The sentence saying when the pad goes away: on the day of `expiresAt` in the
 * reader's time zone (or `timeZone`), or kept until the facilitator deletes it.
 */
export function describeExpiry(expiresAt: string | null, language: Language, timeZone?: string): PageText {
  const time = expiresAt === null ? Number.NaN : Date.parse(expiresAt)
  if (Number.isNaN(time)) return { key: 'details.expiry.never' }
  const locale = formattingLocale(language)
  const format = new Intl.DateTimeFormat(locale, timeZone === undefined ? { dateStyle: 'long' } : { dateStyle: 'long', timeZone })
  return { key: 'details.expiry.on', params: { date: format.format(time) } }
}

export interface PadDetailsElements {
  /** `#pad-details`: hidden until the settings are known. */
  container: HTMLElement
  /** `#pad-event`: hidden when no event is said. */
  event: HTMLElement
  /** `#pad-license` */
  license: HTMLElement
  /** `#pad-expiry` */
  expiry: HTMLElement
}

/** Keeps the details in step with the settings and the language; returns the function that stops it. */
export function mountPadDetails(
  elements: PadDetailsElements,
  settings: LiveSettings,
  localization: Localization,
): () => void {
  const render = (): void => renderDetails(elements, settings.current, localization)
  render()
  const stopSettings = settings.onChange(render)
  const stopLocalization = localization.onChange(render)
  return () => {
    stopSettings()
    stopLocalization()
  }
}

function renderDetails(elements: PadDetailsElements, settings: PadSettings, localization: Localization): void {
  const { language } = localization
  const eventLine = formatEventLine(settings.event, language)
  elements.event.textContent = eventLine
  elements.event.hidden = eventLine === ''

  const license = licenses[settings.license]
  const link = document.createElement('a')
  link.href = license.url
  link.rel = 'license noopener noreferrer'
  link.target = '_blank'
  link.textContent = license.name[language]
  link.hreflang = 'fr'
  elements.license.replaceChildren(`${localization.t('details.license')} `, link)
  elements.license.dataset.license = license.id

  const expiry = describeExpiry(settings.expiresAt, language)
  elements.expiry.textContent = localization.t(expiry.key, expiry.params)
  elements.container.hidden = false
}
