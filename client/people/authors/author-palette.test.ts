/**
 * Authors' colours: a present participant keeps their cursor's colour when
 * it stands out, authors never share a colour or get look-alikes while
 * others remain, and the stylesheet draws each colour.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { assignAuthorColors, authorColorClass, authorColorCount, colorDistance, minAuthorColorDistance } from './author-palette'
import { participantColors } from '../participant'

/** The palette's colour at `index`, which the tests take from the palette itself. */
function colorAt(index: number): string {
  const color = participantColors[index]
  if (color === undefined) throw new RangeError(`no participant colour at ${index}`)
  return color
}

const red = participantColors.indexOf('#b3261e')
const crimson = participantColors.indexOf('#ad1457')
const blue = participantColors.indexOf('#1565c0')

describe('assignAuthorColors', () => {
  it('gives a present participant the colour of their cursor', () => {
    const colors = assignAuthorColors(['Basile', 'Awa'], new Map([['Basile', colorAt(blue)]]))
    expect(colors.get('Basile')).toBe(blue)
    expect(colors.get('Awa')).not.toBe(blue)
  })

  it('keeps one of two look-alike cursor colours, and gives the other author a colour that stands out', () => {
    expect(colorDistance(red, crimson)).toBeLessThan(minAuthorColorDistance)
    const colors = assignAuthorColors(
      ['Awa', 'Basile'],
      new Map([
        ['Awa', colorAt(crimson)],
        ['Basile', colorAt(red)],
      ]),
    )
    expect(colors.get('Awa')).toBe(crimson)
    expect(colorDistance(colors.get('Basile') ?? crimson, crimson)).toBeGreaterThanOrEqual(minAuthorColorDistance)
  })

  it('gives the colours of absent authors by name order, whatever order the names come in, far apart', () => {
    const names = ['Chloé', 'Awa', 'Basile', 'Dan']
    const colors = assignAuthorColors(names, new Map())
    expect(assignAuthorColors([...names].reverse(), new Map())).toEqual(colors)
    const indexes = [...colors.values()]
    for (const [position, index] of indexes.entries()) {
      for (const other of indexes.slice(position + 1)) expect(colorDistance(index, other)).toBeGreaterThanOrEqual(minAuthorColorDistance)
    }
  })

  it('uses every colour once before any comes back', () => {
    const many = Array.from({ length: authorColorCount + 2 }, (_, index) => `Personne ${String(index).padStart(2, '0')}`)
    const indexes = [...assignAuthorColors(many, new Map()).values()]
    expect(new Set(indexes.slice(0, authorColorCount)).size).toBe(authorColorCount)
    expect(indexes.every((index) => index >= 0 && index < authorColorCount)).toBe(true)
  })

  it('does not let two authors share a cursor colour, and ignores one that is not in the palette', () => {
    const same = colorAt(blue)
    const colors = assignAuthorColors(['Awa', 'Basile'], new Map([['Awa', same], ['Basile', same]]))
    expect(colors.get('Awa')).toBe(blue)
    expect(colors.get('Basile')).not.toBe(blue)
    expect(assignAuthorColors(['Awa'], new Map([['Awa', '#123456']])).get('Awa')).toBe(0)
  })
})

describe('author colour classes', () => {
  it('are in style.css, each with its palette colour', () => {
    const css = readFileSync(new URL('../../style.css', import.meta.url), 'utf8')
    participantColors.forEach((color, index) => {
      const rule = new RegExp(`\\.${authorColorClass(index)} \\{\\s*--author-color: ${color};\\s*--author-tint: ${color}[0-9a-f]{2};`)
      expect(css, authorColorClass(index)).toMatch(rule)
    })
  })

  it('keep the page’s text readable on every tint, on the page and in a card (4.5:1)', () => {
    const css = readFileSync(new URL('../../style.css', import.meta.url), 'utf8')
    const rgb = (hex: string) => [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16))
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const linear = [r, g, b].map((value) => value / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      return 0.2126 * (linear[0] ?? 0) + 0.7152 * (linear[1] ?? 0) + 0.0722 * (linear[2] ?? 0)
    }
    const text = css.match(/--text: (#[0-9a-f]{6});/)?.[1] ?? ''
    expect(text).toMatch(/^#/)
    participantColors.forEach((color, index) => {
      const alpha = parseInt(css.match(new RegExp(`--author-tint: ${color}([0-9a-f]{2});`))?.[1] ?? 'ff', 16) / 255
      for (const background of ['#ffffff', '#f1f6fa']) {
        const blended = rgb(color).map((channel, i) => channel * alpha + (rgb(background)[i] ?? 0) * (1 - alpha))
        const ratio = (luminance(blended) + 0.05) / (luminance(rgb(text)) + 0.05)
        expect(ratio, `${authorColorClass(index)} on ${background}`).toBeGreaterThanOrEqual(4.5)
      }
    })
  })
})
