/** The typography check finds what it should, and only that. */
import { describe, expect, it } from 'vitest'
import { englishTypographyFaults, frenchTypographyFaults } from './french-typography'

const nbsp = '\u00A0'
const thin = '\u202F'

describe('frenchTypographyFaults', () => {
  it('accepts the right spaces', () => {
    expect(frenchTypographyFaults(`Comment vous appelez-vous${thin}?`)).toEqual([])
    expect(frenchTypographyFaults(`Attention${nbsp}: c’est fini${thin}; vraiment${thin}!`)).toEqual([])
    expect(frenchTypographyFaults(`le menu «${thin}Exporter${thin}»${nbsp}: page web`)).toEqual([])
    expect(frenchTypographyFaults(`Quoi${thin}?!`)).toEqual([])
    expect(frenchTypographyFaults('Sans ponctuation haute.')).toEqual([])
  })

  it('finds a plain space, no space or a second space before ? ! ; :', () => {
    expect(frenchTypographyFaults('Comment vous appelez-vous ?')).toHaveLength(1)
    expect(frenchTypographyFaults('Licence:')).toHaveLength(1)
    expect(frenchTypographyFaults('Licence: CC0')).toHaveLength(1)
    expect(frenchTypographyFaults('Bonjour!')).toHaveLength(1)
    expect(frenchTypographyFaults(`Bonjour ${thin}!`)).toHaveLength(1)
    expect(frenchTypographyFaults('un ; deux : trois ? quatre !')).toHaveLength(4)
  })

  it('finds the wrong kind of no-break space', () => {
    expect(frenchTypographyFaults(`Comment vous appelez-vous${nbsp}?`)[0]).toContain('U+00A0, not U+202F')
    expect(frenchTypographyFaults(`Attention${thin}: fini`)[0]).toContain('U+202F, not U+00A0')
    expect(frenchTypographyFaults(`«${nbsp}Exporter${nbsp}»`)).toHaveLength(2)
  })

  it('finds guillemets with a plain space or none inside', () => {
    expect(frenchTypographyFaults('le menu « Exporter »')).toHaveLength(2)
    expect(frenchTypographyFaults('le menu «Exporter»')).toHaveLength(2)
  })

  it('leaves addresses, times, placeholders and the «» glyph alone', () => {
    expect(frenchTypographyFaults(`Une adresse web (http:// ou https://)${nbsp}:`)).toEqual([])
    expect(frenchTypographyFaults('mailto:awa@example.org, à 12:30, /liste?page=2')).toEqual([])
    expect(frenchTypographyFaults(`{field}${nbsp}: {problem}`)).toEqual([])
    expect(frenchTypographyFaults('«»')).toEqual([])
    expect(frenchTypographyFaults('{field} : {problem}')).toHaveLength(1)
  })
})

describe('englishTypographyFaults', () => {
  it('finds any space before : ; ? !', () => {
    expect(englishTypographyFaults('What is your name? License: CC0; done!')).toEqual([])
    expect(englishTypographyFaults(`What is your name${thin}?`)).toHaveLength(1)
    expect(englishTypographyFaults('License : CC0')).toHaveLength(1)
  })
})
