/**
 * A seeded random source for fuzzing (mulberry32: small, fast, and the same
 * sequence on every platform), so that a printed seed replays a run.
 */
export interface SeededRandom {
  /** A number in [0, 1). */
  next(): number
  /** An integer in [0, below). */
  int(below: number): number
  pick<T>(items: readonly T[]): T
  bytes(length: number): Uint8Array
  /** Up to `maxLength` characters, with the awkward ones (quotes, NUL, lone surrogates, astral) often. */
  text(maxLength: number): string
}

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (below: number): number => Math.floor(next() * below)
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      return items[int(items.length)] as T
    },
    bytes(length: number): Uint8Array {
      const bytes = new Uint8Array(length)
      for (let i = 0; i < length; i++) bytes[i] = int(256)
      return bytes
    },
    text(maxLength: number): string {
      const alphabet = ['a', 'b', 'é', ' ', '\n', '<', '"', '\\', '\u0000', '😀', '\ud800', 'ß', '𝄞']
      let text = ''
      for (let i = int(maxLength + 1); i > 0; i--) text += alphabet[int(alphabet.length)]
      return text
    },
  }
}
