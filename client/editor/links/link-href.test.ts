/** What the link prompt accepts and what the editor agrees to render as a link. */
import { describe, expect, it } from 'vitest'
import { isSafeLinkHref, parseLinkHref } from './link-href'

describe('parseLinkHref', () => {
  it('keeps http, https and mailto addresses', () => {
    expect(parseLinkHref('https://exemple.org/atelier?x=1')).toBe('https://exemple.org/atelier?x=1')
    expect(parseLinkHref('http://exemple.org')).toBe('http://exemple.org/')
    expect(parseLinkHref('  mailto:contact@exemple.org ')).toBe('mailto:contact@exemple.org')
  })

  it('completes a bare host or e-mail address', () => {
    expect(parseLinkHref('exemple.org/page')).toBe('https://exemple.org/page')
    expect(parseLinkHref('www.tiers-lieu.fr')).toBe('https://www.tiers-lieu.fr/')
    expect(parseLinkHref('exemple.org:8080/a')).toBe('https://exemple.org:8080/a')
    expect(parseLinkHref('nom@exemple.org')).toBe('mailto:nom@exemple.org')
  })

  it('refuses other protocols and things that are not addresses', () => {
    expect(parseLinkHref('javascript:alert(1)')).toBeNull()
    expect(parseLinkHref('JavaScript:alert(1)')).toBeNull()
    expect(parseLinkHref('data:text/html,<b>x</b>')).toBeNull()
    expect(parseLinkHref('ftp://exemple.org')).toBeNull()
    expect(parseLinkHref('file:///etc/passwd')).toBeNull()
    expect(parseLinkHref('')).toBeNull()
    expect(parseLinkHref('pas une adresse')).toBeNull()
    expect(parseLinkHref('https://')).toBeNull()
  })
})

describe('isSafeLinkHref', () => {
  it('accepts only absolute http, https and mailto URLs', () => {
    expect(isSafeLinkHref('https://exemple.org')).toBe(true)
    expect(isSafeLinkHref('mailto:a@b.fr')).toBe(true)
    expect(isSafeLinkHref('javascript:alert(1)')).toBe(false)
    expect(isSafeLinkHref(' javascript:alert(1)')).toBe(false)
    expect(isSafeLinkHref('/relative')).toBe(false)
    expect(isSafeLinkHref(42)).toBe(false)
  })
})
