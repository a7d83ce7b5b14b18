/**
 * Which language the pages speak, and how a message key becomes text. French is
 * the default; English is chosen when the participant picked it, or when
 * nothing is stored and the browser prefers English. A `Localization` is a
 * small observable value: components read `t()` and re-render on `onChange`.
 * Static markup names its strings with `data-i18n*` attributes, filled in by
 * `localizeTree`. This module does not touch storage (see `preferences.ts`).
 */
import { en } from './locales/en'
import { fr } from './locales/fr'

export type MessageKey = keyof typeof fr
export type Messages = Record<MessageKey, string>
export type MessageParams = Readonly<Record<string, string | number>>
/** Messages that come as `<key>.one` and `<key>.other`. */
export type PluralMessage = 'presence.count' | 'projection.count' | 'history.changes.added' | 'history.changes.deleted' | VotePluralMessage
/** The dot vote's (locales/vote-fr.ts). */
type VotePluralMessage = 'vote.dots' | 'vote.left' | 'vote.people' | 'vote.results.voters'

export const Language = {
  fr: 'fr',
  en: 'en',
} as const

export type Language = (typeof Language)[keyof typeof Language]

export const languages: readonly Language[] = [Language.fr, Language.en]

export const dictionaries: Readonly<Record<Language, Messages>> = { fr, en }

/**
 * The locale the interface formats dates, times, numbers and plurals in, and
 * sorts names by, for each interface language: the interface's English is
 * British (day before month: "12 March 2027"), its French is France's. Every
 * `Intl` object the client builds takes its locale from here.
 */
export const formattingLocales: Readonly<Record<Language, string>> = {
  fr: 'fr-FR',
  en: 'en-GB',
}

export function formattingLocale(language: Language): string {
  return formattingLocales[language]
}

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value)
}

function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(fr, value)
}

/**
 * The language to start with: the stored choice if it is one we speak, else
 * English when the browser's first preference is English, else French.
 */
export function pickLanguage(stored: string | null, navigatorLanguages: readonly string[]): Language {
  if (stored !== null && isLanguage(stored)) return stored
  const preferred = navigatorLanguages[0]?.toLowerCase() ?? ''
  return preferred.startsWith('en') ? Language.en : Language.fr
}

/**
 * Replaces each `{name}` in `template` with `params[name]`; unknown names are
 * left as they are. Numbers go through `formatNumber` (the interface's
 * locale, in `Localization.t`), as they are when none is given.
 */
export function formatMessage(
  template: string,
  params: MessageParams = {},
  formatNumber: (value: number) => string = String,
): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name]
    if (value === undefined) return placeholder
    return typeof value === 'number' ? formatNumber(value) : value
  })
}

export interface Localization {
  readonly language: Language
  t(key: MessageKey, params?: MessageParams): string
  /** The message for `count` things: `<key>.one` or `<key>.other`, by the language's plural rules, with `params` besides `{count}`. */
  plural(key: PluralMessage, count: number, params?: MessageParams): string
  setLanguage(language: Language): void
  /** Calls `listener` after each change of language; returns the unsubscribe function. */
  onChange(listener: () => void): () => void
}

export function createLocalization(initial: Language): Localization {
  let language = initial
  const listeners = new Set<() => void>()
  // Built once per language: building an Intl object costs far more than using it.
  const numberFormats = new Map<Language, Intl.NumberFormat>()
  const pluralRules = new Map<Language, Intl.PluralRules>()
  const numberFormatFor = (current: Language): Intl.NumberFormat => {
    const format = numberFormats.get(current) ?? new Intl.NumberFormat(formattingLocale(current))
    numberFormats.set(current, format)
    return format
  }
  const pluralRulesFor = (current: Language): Intl.PluralRules => {
    const rules = pluralRules.get(current) ?? new Intl.PluralRules(formattingLocale(current))
    pluralRules.set(current, rules)
    return rules
  }
  const localization: Localization = {
    get language() {
      return language
    },
    t(key, params) {
      const numbers = numberFormatFor(language)
      return formatMessage(dictionaries[language][key], params, (value) => numbers.format(value))
    },
    plural(key, count, params = {}) {
      const category = pluralRulesFor(language).select(count)
      const pluralKey: MessageKey = category === 'one' ? `${key}.one` : `${key}.other`
      return localization.t(pluralKey, { ...params, count })
    },
    setLanguage(next) {
      if (next === language) return
      language = next
      for (const listener of listeners) listener()
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return localization
}

/** The `data-*` attributes that name a message key, and where the text goes. */
const localizedAttributes = [
  { dataAttribute: 'data-i18n', target: null },
  { dataAttribute: 'data-i18n-aria-label', target: 'aria-label' },
  { dataAttribute: 'data-i18n-placeholder', target: 'placeholder' },
  { dataAttribute: 'data-i18n-title', target: 'title' },
] as const

/**
 * Fills every element under `root` that carries a `data-i18n*` attribute with
 * its message (as text, never as HTML), and sets `<html lang>`.
 */
export function localizeTree(root: ParentNode, localization: Localization): void {
  for (const { dataAttribute, target } of localizedAttributes) {
    for (const element of root.querySelectorAll(`[${dataAttribute}]`)) {
      const key = element.getAttribute(dataAttribute) ?? ''
      if (!isMessageKey(key)) {
        throw new RangeError(`${dataAttribute}="${key}" names no message`)
      }
      const text = localization.t(key)
      if (target === null) element.textContent = text
      else element.setAttribute(target, text)
    }
  }
  document.documentElement.lang = localization.language
}
