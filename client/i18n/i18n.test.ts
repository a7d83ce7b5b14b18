/** Both dictionaries say everything, and the language is picked as promised. */
import { describe, expect, it } from 'vitest'
import { createLocalization, dictionaries, formatMessage, formattingLocale, languages, pickLanguage } from './i18n'
import { en } from './locales/en'
import { fr } from './locales/fr'

function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()
}

describe('dictionaries', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort())
  })

  it('have no empty string', () => {
    for (const language of languages) {
      for (const [key, text] of Object.entries(dictionaries[language])) {
        expect(text.trim(), `${language} ${key}`).not.toBe('')
      }
    }
  })

  it('use the same placeholders for each key', () => {
    for (const [key, text] of Object.entries(fr)) {
      expect(placeholdersOf(en[key as keyof typeof fr]), key).toEqual(placeholdersOf(text))
    }
  })
})

describe('pickLanguage', () => {
  it('keeps a stored choice', () => {
    expect(pickLanguage('en', ['fr-FR'])).toBe('en')
    expect(pickLanguage('fr', ['en-US'])).toBe('fr')
  })

  it('follows an English browser when nothing is stored, French otherwise', () => {
    expect(pickLanguage(null, ['en-GB', 'fr'])).toBe('en')
    expect(pickLanguage(null, ['fr-BE', 'en'])).toBe('fr')
    expect(pickLanguage(null, ['de-DE'])).toBe('fr')
    expect(pickLanguage(null, [])).toBe('fr')
    expect(pickLanguage('klingon', ['EN'])).toBe('en')
  })
})

describe('createLocalization', () => {
  it('fills placeholders and follows plural rules', () => {
    const localization = createLocalization('fr')
    expect(localization.t('pad.documentTitle', { title: 'Collecte' })).toBe('Collecte — Atelier Pad')
    expect(localization.plural('presence.count', 0)).toBe('0 personne')
    expect(localization.plural('presence.count', 2)).toBe('2 personnes')
    localization.setLanguage('en')
    expect(localization.plural('presence.count', 1)).toBe('1 person')
    expect(localization.plural('presence.count', 0)).toBe('0 people')
  })

  it('tells listeners when the language changes, once', () => {
    const localization = createLocalization('fr')
    let calls = 0
    const stop = localization.onChange(() => calls++)
    localization.setLanguage('en')
    localization.setLanguage('en')
    stop()
    localization.setLanguage('fr')
    expect(calls).toBe(1)
  })
})

describe('formatMessage', () => {
  it('leaves unknown placeholders as they are', () => {
    expect(formatMessage('{a} et {b}', { a: 1 })).toBe('1 et {b}')
  })
})

describe('formattingLocale', () => {
  it('formats the interface’s English as British English and its French as France’s', () => {
    expect(formattingLocale('en')).toBe('en-GB')
    expect(formattingLocale('fr')).toBe('fr-FR')
    const day = Date.parse('2027-03-12T12:00:00Z')
    const longDate = (language: 'fr' | 'en'): string =>
      new Intl.DateTimeFormat(formattingLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(day)
    expect(longDate('en')).toBe('12 March 2027')
    expect(longDate('fr')).toBe('12 mars 2027')
  })

  it('formats numbers in messages for the interface’s locale', () => {
    const localization = createLocalization('fr')
    // French groups thousands with a narrow no-break space.
    expect(localization.t('home.error.titleTooLong', { max: 1200 })).toBe('Le titre est trop long (1\u202F200 caractères au plus).')
    localization.setLanguage('en')
    expect(localization.t('home.error.titleTooLong', { max: 1200 })).toBe('The title is too long (1,200 characters at most).')
    expect(localization.t('name.guest', { number: 7 })).toBe('Guest 7')
  })
})
