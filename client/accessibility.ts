/**
 * Composition root of the accessibility statement (`accessibility.html`,
 * served at `/accessibilite` and `/accessibility`): localizes the page like
 * the home page (the stored language, else the browser's), with the
 * language picker, and fills in the facts that are not words: the date the
 * statement was prepared, the browser and the axe-core version the checks
 * ran with. It does nothing else: the statement is static text.
 */
import type { Localization } from './i18n/i18n'
import { createLocalization, localizeTree, pickLanguage } from './i18n/i18n'
import { mountLanguageSelect } from './i18n/language-select'
import { createPreferences, openLocalStorage, PreferenceKey } from './people/preferences'
import { requireElement } from './required-element'
import { formatEventDate } from './settings/pad-details'

/**
 * What the statement says of its own making: update the date and the
 * browser whenever the statement is brought up to date. The axe-core version is read at build time from the one the e2e
 * suite runs (vite.config.ts).
 */
const statementFacts = {
  /** The day the statement was prepared, and the checks it reports were run. */
  preparedOn: '2026-12-07',
  /** The browser the e2e suite ran in on that day (`chromium --version`). */
  testBrowser: 'Chromium 156 (Debian 12)',
  axeCoreVersion: __AXE_CORE_VERSION__,
} as const

function renderStatement(localization: Localization): void {
  localizeTree(document, localization)
  document.title = localization.t('statement.documentTitle')
  const date = formatEventDate(statementFacts.preparedOn, localization.language)
  requireElement('statement-date', HTMLElement).textContent = localization.t('statement.established.date', { date })
  requireElement('statement-reflow', HTMLElement).textContent = localization.t('statement.results.reflow', { date })
  requireElement('statement-environment', HTMLElement).textContent = localization.t('statement.environment.text', {
    browser: statementFacts.testBrowser,
    axe: statementFacts.axeCoreVersion,
  })
}

function startStatementPage(): void {
  const preferences = createPreferences(openLocalStorage())
  const localization = createLocalization(
    pickLanguage(preferences.read(PreferenceKey.language), navigator.languages ?? [navigator.language]),
  )
  localization.onChange(() => renderStatement(localization))
  mountLanguageSelect(requireElement('language-select', HTMLSelectElement), localization, preferences)
  renderStatement(localization)
}

startStatementPage()
