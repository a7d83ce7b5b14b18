/**
 * The spacing of French punctuation in the text the application itself writes
 * (interface messages, export labels, template prompts), checked by tests, so
 * that a « ? » or a « : » never wraps alone to the next line. The rule
 * followed, from the *Lexique des règles typographiques en usage à
 * l'Imprimerie nationale* for the punctuation and the common screen practice
 * for the guillemets:
 *
 * - before « : » a no-break space of full width, U+00A0 (*espace-mot
 *   insécable*);
 * - before « ; », « ? », « ! » a narrow no-break space, U+202F (*espace fine
 *   insécable*);
 * - inside guillemets, after « and before », a narrow no-break space, U+202F.
 *   (The Imprimerie nationale sets a full-width no-break space there; many
 *   French typographers, and screens where the full width looks loose, use
 *   the narrow one. Both keep the guillemet with its word; U+202F is chosen.)
 *
 * Anything else there is a fault: a plain space (the line may break before
 * the sign), no space at all, the other kind of no-break space, or a plain
 * space before the no-break one. Not punctuation, so not checked: a sign
 * glued to characters on both sides (`https://`, `mailto:x`, `12:30`,
 * `?page=2`), a `{placeholder}`, and a sign right after another one (« ?! »).
 * The empty pair « «» » is a toolbar glyph, not quotation marks.
 */

export const noBreakSpace = '\u00A0'
export const narrowNoBreakSpace = '\u202F'

/** The space each sign wants before it (for « : the space after it). */
const spaceBefore: Readonly<Record<string, string>> = {
  ':': noBreakSpace,
  ';': narrowNoBreakSpace,
  '?': narrowNoBreakSpace,
  '!': narrowNoBreakSpace,
  '»': narrowNoBreakSpace,
}

const signs = new Set([...Object.keys(spaceBefore), '«'])

function describeCharacter(character: string | undefined): string {
  if (character === undefined) return 'nothing'
  if (character === ' ') return 'a plain space'
  if (character === noBreakSpace) return 'a no-break space U+00A0'
  if (character === narrowNoBreakSpace) return 'a narrow no-break space U+202F'
  if (/\s/u.test(character)) return `a space U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '?'}`
  return `no space (« ${character} »)`
}

const expected = (space: string): string => (space === noBreakSpace ? 'U+00A0' : 'U+202F')

/** `{name}` placeholders replaced by letters of the same length, so they neither count as signs nor as spaces. */
function maskPlaceholders(text: string): string {
  return text.replace(/\{\w+\}/g, (placeholder) => 'x'.repeat(placeholder.length))
}

const isGlued = (character: string | undefined): boolean => character !== undefined && !/\s/u.test(character)

/**
 * What is wrong with the spacing of French punctuation in `text`, one
 * sentence per fault, each quoting the place; empty when all is right.
 */
export function frenchTypographyFaults(text: string): string[] {
  const masked = maskPlaceholders(text)
  const characters = [...masked]
  const faults: string[] = []
  // Placeholders are masked with as many ASCII letters: indices match the text's.
  const shown = [...text]
  const around = (index: number): string => shown.slice(Math.max(0, index - 12), index + 12).join('')
  characters.forEach((sign, index) => {
    if (!signs.has(sign)) return
    const before = characters[index - 1]
    const after = characters[index + 1]
    if (sign === '«') {
      if (after === '»') return
      if (after !== narrowNoBreakSpace) {
        faults.push(`after « « » comes ${describeCharacter(after)}, not U+202F: …${around(index)}…`)
      } else if (characters[index + 2] !== undefined && /\s/u.test(characters[index + 2] ?? '')) {
        faults.push(`after « « » comes a second space: …${around(index)}…`)
      }
      return
    }
    if (sign === '»' && before === '«') return
    // A sign glued to text on both sides belongs to an address, a time or a number.
    if (sign !== '»' && isGlued(before) && isGlued(after)) return
    // « ?! », « !? »: only the first sign of the pair takes the space.
    if ((sign === '?' || sign === '!') && (before === '?' || before === '!')) return
    const wanted = spaceBefore[sign] ?? narrowNoBreakSpace
    if (before !== wanted) {
      faults.push(`before « ${sign} » comes ${describeCharacter(before)}, not ${expected(wanted)}: …${around(index)}…`)
    } else if (characters[index - 2] !== undefined && /\s/u.test(characters[index - 2] ?? '')) {
      faults.push(`before « ${sign} » comes a second space: …${around(index)}…`)
    }
  })
  return faults
}

/**
 * English text wants no space at all before these signs: a French no-break
 * space copied into an English message is a fault.
 */
export function englishTypographyFaults(text: string): string[] {
  const masked = maskPlaceholders(text)
  return [...masked.matchAll(/\s+[:;?!]/gu)].map((match) => `a space before « ${match[0].trim()} »: …${masked.slice(Math.max(0, match.index - 12), match.index + 12)}…`)
}
