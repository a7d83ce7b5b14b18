/**
 * The interface language picker (`#language-select`, on both pages): offers
 * each language under its own name, switches the page's `Localization` live
 * and remembers the choice under `atelier-pad:language`.
 */
import type { Localization } from './i18n'
import { isLanguage, languages } from './i18n'
import type { Preferences } from '../people/preferences'
import { PreferenceKey } from '../people/preferences'

export function mountLanguageSelect(
  select: HTMLSelectElement,
  localization: Localization,
  preferences: Preferences,
): () => void {
  select.replaceChildren(
    ...languages.map((language) => {
      const option = document.createElement('option')
      option.value = language
      option.lang = language
      // Each language is named in itself, whatever the page speaks.
      option.textContent = localization.t(`language.${language}`)
      return option
    }),
  )
  select.value = localization.language
  const onChange = (): void => {
    if (!isLanguage(select.value)) return
    preferences.write(PreferenceKey.language, select.value)
    localization.setLanguage(select.value)
  }
  select.addEventListener('change', onChange)
  return () => select.removeEventListener('change', onChange)
}
