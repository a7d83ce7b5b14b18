/** Short links drop only what a browser adds back by itself. */
import { describe, expect, it } from 'vitest'
import { formatShortLink, splitShortLink } from './short-link'

describe('formatShortLink', () => {
  it('drops the scheme and a trailing slash', () => {
    expect(formatShortLink('https://pad.example.org/p/AbCdEfGhIjKlMnOpQrStUv')).toBe('pad.example.org/p/AbCdEfGhIjKlMnOpQrStUv')
    expect(formatShortLink('http://127.0.0.1:8080/p/k/')).toBe('127.0.0.1:8080/p/k')
    expect(formatShortLink('HTTPS://Pad.example/')).toBe('Pad.example')
  })

  it('keeps everything else, including www. and query strings', () => {
    expect(formatShortLink('https://www.pad.example/p/k?x=1')).toBe('www.pad.example/p/k?x=1')
    expect(formatShortLink('pad.example/p/k')).toBe('pad.example/p/k')
  })
})

describe('splitShortLink', () => {
  it('cuts after each slash and keeps every character', () => {
    expect(splitShortLink('pad.example.org/p/AbCdEfGhIjKlMnOpQrStUv')).toEqual(['pad.example.org/', 'p/', 'AbCdEfGhIjKlMnOpQrStUv'])
    expect(splitShortLink('pad.example.org')).toEqual(['pad.example.org'])
    expect(splitShortLink('')).toEqual([])
  })
})
