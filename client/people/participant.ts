/**
 * A participant as others see them: a display name and a cursor color. It is
 * what the page puts in its awareness state under `user` (the field
 * y-prosemirror's cursor plugin reads) and what it reads back from everyone
 * else's. Awareness comes from the network, so `parseParticipant` treats it as
 * untrusted: the color becomes CSS and the name becomes text, both bounded.
 */

export interface Participant {
  name: string
  color: string
}

/** Longest display name kept, in UTF-16 code units; longer names are cut. */
export const maxNameLength = 40

/**
 * Cursor colors: each carries white label text at a contrast ratio of at least
 * 4.5:1 (WCAG AA), and they stay distinct from one another for most color
 * vision. y-prosemirror only supports `#rrggbb`.
 */
export const participantColors = [
  '#b3261e',
  '#c2410c',
  '#8a5a00',
  '#1e7a46',
  '#00796b',
  '#1565c0',
  '#5e35b1',
  '#8e24aa',
  '#ad1457',
  '#6d4c41',
  '#37474f',
] as const

const colorPattern = /^#[0-9a-fA-F]{6}$/

export function isParticipantColor(value: unknown): value is string {
  return typeof value === 'string' && colorPattern.test(value)
}

/**
 * A display name as typed: trimmed, inner runs of white space (and control
 * characters) collapsed to one space, cut to `maxNameLength`. Null when nothing
 * is left.
 */
export function normalizeName(input: string): string | null {
  const collapsed = input.replace(/[\s\p{Cc}]+/gu, ' ').trim()
  let name = ''
  // Cut by code point so that an emoji or accented letter is never split in half.
  for (const character of collapsed) {
    if (name.length + character.length > maxNameLength) break
    name += character
  }
  name = name.trim()
  return name === '' ? null : name
}

/** One color of the palette, chosen with `random` (a number in [0, 1)). */
export function pickParticipantColor(random: () => number): string {
  const index = Math.min(Math.floor(random() * participantColors.length), participantColors.length - 1)
  return participantColors[index] ?? participantColors[0]
}

/** The participant in an awareness state's `user` field, or null when it is missing or malformed. */
export function parseParticipant(user: unknown): Participant | null {
  if (typeof user !== 'object' || user === null) return null
  const name: unknown = Reflect.get(user, 'name')
  const color: unknown = Reflect.get(user, 'color')
  if (typeof name !== 'string' || !isParticipantColor(color)) return null
  const normalized = normalizeName(name)
  return normalized === null ? null : { name: normalized, color }
}
