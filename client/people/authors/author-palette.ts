/**
 * Which colour each author's text gets when the pad is coloured by author:
 * an index into the participants' palette (`participantColors`), drawn by the
 * CSS classes `author-color-<index>` of style.css (the page's
 * Content-Security-Policy allows no inline style). Someone present keeps the
 * colour of their cursor, unless another author already has it or one that
 * looks alike (cursor colours are picked at random: a red and a crimson side
 * by side would tell nobody apart); everyone else gets, by name order, the
 * free colour that stands out most from those already given. Every page
 * colours the same people alike as far as it can. Pure.
 */
import { participantColors } from '../participant'

export const authorColorCount = participantColors.length

/**
 * Colours closer than this (CIE76 ΔE, in Lab) count as alike. The palette's
 * reds, its greens and its violets are 15–37 apart; distinct hues 45 and more.
 */
export const minAuthorColorDistance = 40

/** The CSS class of palette colour `index`. */
export function authorColorClass(index: number): string {
  return `author-color-${index}`
}

/**
 * A colour index per name of `names`: the index of the participant colour
 * given for that name in `cursorColors` (from awareness) when it is free and
 * unlike those already kept, else the free one farthest from the colours
 * already given; once all are taken, they go round again.
 */
export function assignAuthorColors(
  names: Iterable<string>,
  cursorColors: ReadonlyMap<string, string>,
): Map<string, number> {
  const sorted = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const assigned = new Map<string, number>()
  const taken: number[] = []
  for (const name of sorted) {
    const color = cursorColors.get(name)?.toLowerCase()
    const index = participantColors.findIndex((candidate) => candidate === color)
    if (index === -1 || taken.some((other) => colorDistance(index, other) < minAuthorColorDistance)) continue
    assigned.set(name, index)
    taken.push(index)
  }
  for (const name of sorted) {
    if (assigned.has(name)) continue
    if (taken.length >= authorColorCount) taken.length = 0
    const index = pickFarthestFreeColor(taken)
    assigned.set(name, index)
    taken.push(index)
  }
  return new Map(sorted.map((name) => [name, assigned.get(name) ?? 0]))
}

/** The free palette index whose nearest taken colour is farthest; the lowest index on a tie. */
function pickFarthestFreeColor(taken: readonly number[]): number {
  let best = -1
  let bestDistance = -1
  for (let index = 0; index < authorColorCount; index++) {
    if (taken.includes(index)) continue
    const nearest = Math.min(Infinity, ...taken.map((other) => colorDistance(index, other)))
    if (nearest > bestDistance) {
      best = index
      bestDistance = nearest
    }
  }
  return best
}

/** How unlike two palette colours look: CIE76 ΔE between their Lab values. */
export function colorDistance(first: number, second: number): number {
  const [l1, a1, b1] = paletteLab[first] ?? [0, 0, 0]
  const [l2, a2, b2] = paletteLab[second] ?? [0, 0, 0]
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2)
}

const paletteLab: readonly (readonly [number, number, number])[] = participantColors.map(hexToLab)

/** `#rrggbb` (sRGB) to CIE Lab under D65. */
function hexToLab(hex: string): [number, number, number] {
  const channel = (start: number): number => toLinear(parseInt(hex.slice(start, start + 2), 16) / 255)
  const [red, green, blue] = [channel(1), channel(3), channel(5)]
  const x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
  const y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
  const z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883
  const compress = (value: number): number => (value > 0.008856 ? Math.cbrt(value) : 7.787 * value + 16 / 116)
  return [116 * compress(y) - 16, 500 * (compress(x) - compress(y)), 200 * (compress(y) - compress(z))]
}

function toLinear(channel: number): number {
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
}
