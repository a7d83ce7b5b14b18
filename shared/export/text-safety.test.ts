import { describe, expect, it } from 'vitest'
import { cleanText, escapeMarkup, isCleanText, parseSafeHref } from './text-safety'

describe('cleanText', () => {
  it('keeps ordinary text, accents, emoji, right-to-left scripts, tabs and line feeds', () => {
    const text = 'Épicerie « L’Épi » 🥕 — مرحبا\tשלום\nfin'
    expect(cleanText(text)).toBe(text)
    expect(isCleanText(text)).toBe(true)
  })

  it('drops characters that are invalid in XML or HTML', () => {
    expect(cleanText('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\u007Fh\u0085i\u009Fj')).toBe('abcdefghij')
    expect(cleanText('x\uFFFEy\uFFFFz\uFDD0!\u{1FFFE}')).toBe('xyz!')
  })

  it('drops lone surrogates but keeps pairs', () => {
    expect(cleanText('a\uD800b\uDC00c')).toBe('abc')
    expect(cleanText('\uD83D\uDE00')).toBe('😀')
  })

  it('neutralises bidi embeddings, overrides and isolates', () => {
    expect(cleanText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe')
    expect(cleanText('\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069ok')).toBe('ok')
  })

  it('turns CR LF and lone CR into LF', () => {
    expect(cleanText('a\r\nb\rc')).toBe('a\nb\nc')
  })
})

describe('escapeMarkup', () => {
  it('escapes the characters that end text or a double-quoted attribute', () => {
    expect(escapeMarkup(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry\'s&lt;/a&gt;')
  })

  it('cleans before escaping', () => {
    expect(escapeMarkup('a\u0000<\u202E')).toBe('a&lt;')
  })
})

describe('parseSafeHref', () => {
  it.each([
    ['https://example.org/a b', 'https://example.org/a%20b'],
    ['HTTP://Example.org', 'http://example.org/'],
    ['mailto:reseau@example.org', 'mailto:reseau@example.org'],
    ['  https://example.org/  ', 'https://example.org/'],
    ['https://example.org/?q="><script>', 'https://example.org/?q=%22%3E%3Cscript%3E'],
    ['mailto:a@b.c?subject="><x>', 'mailto:a@b.c?subject=%22%3E%3Cx%3E'],
    ['https://fr.wikipedia.org/wiki/Tiers-lieu_(France)', 'https://fr.wikipedia.org/wiki/Tiers-lieu_%28France%29'],
  ])('keeps %s as %s', (href, expected) => {
    expect(parseSafeHref(href)).toBe(expected)
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.org/',
    '/relative/path',
    'relative/path',
    '//evil.example/',
    '#fragment',
    '',
    'https://',
  ])('refuses %j', (href) => {
    expect(parseSafeHref(href)).toBeNull()
  })

  it('refuses what is not a string', () => {
    expect(parseSafeHref(undefined)).toBeNull()
    expect(parseSafeHref({ toString: () => 'https://example.org/' })).toBeNull()
  })
})
