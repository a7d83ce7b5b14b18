/**
 * What every export does to text it did not write itself (pad content,
 * titles, names, links): drop the characters that are invalid in HTML and
 * XML or that reorder what a reader sees, escape text for markup, and keep
 * only links whose target is a web page or an e-mail address. It knows no
 * format's structure; each exporter decides where these apply.
 */

// Characters that may not appear in XML 1.0 documents or that HTML calls
// parse errors: C0 controls but tab and line feed (CR is turned into LF
// first), DEL, C1 controls, unpaired surrogates (with the `u` flag a range of
// surrogates matches only the unpaired ones) and the noncharacters
// U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane.
const invalidCharacters =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/gu

// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) let
// text display in another order than it is stored ("Trojan Source",
// CVE-2021-42574): a file name or link could read as something it is not.
// Right-to-left scripts do not need them; the bidi algorithm orders them.
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g

/** Text without invalid characters nor bidi controls, with CR LF and lone CR as LF. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(invalidCharacters, '').replace(bidiControls, '')
}

/** Whether cleanText would leave the text as it is. */
export function isCleanText(text: string): boolean {
  return cleanText(text) === text
}

const markupEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
}

/**
 * Clean text escaped for HTML or XML, valid both in element content and in
 * a double-quoted attribute value (every attribute the exports write is).
 */
export function escapeMarkup(text: string): string {
  return cleanText(text).replace(/[&<>"]/g, (character) => markupEscapes[character] ?? '')
}

/** Protocols a link may point to, in the pad and in its exports: web pages and e-mail. */
export const safeLinkProtocols = ['http:', 'https:', 'mailto:'] as const

interface WhatwgUrl {
  readonly protocol: string
  readonly href: string
}

// shared/ compiles against lib ES2022, which does not declare URL; the WHATWG
// URL parser is a global in every runtime this runs in (browsers, Node ≥ 10).
// Parsing with it decides what a browser would decide, including the tricks
// (`java\tscript:`, `JaVaScRiPt:`, leading spaces) that a regular
// expression misses.
function parseUrl(input: string): WhatwgUrl | null {
  const { URL: WhatwgUrlParser } = globalThis as unknown as { URL: new (input: string) => WhatwgUrl }
  try {
    return new WhatwgUrlParser(input)
  } catch {
    return null
  }
}

// Characters that RFC 3986 never allows in a URI but that the URL parser
// keeps in some places (e-mail addresses, fragments): encoded, so that the
// link target cannot end a Markdown link, an attribute or a tag.
const unsafeUrlCharacters = /[\s"'<>`{}|\\^()]/g

/**
 * The link target to write for `href`, or null when it must not be a link:
 * only absolute `http:`, `https:` and `mailto:` URLs are kept (relative and
 * protocol-relative ones have no base in an exported file), in the URL
 * parser's canonical form with the characters RFC 3986 forbids encoded.
 */
export function parseSafeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null
  const url = parseUrl(cleanText(href).trim())
  if (url === null || !(safeLinkProtocols as readonly string[]).includes(url.protocol)) return null
  const canonical = url.href.replace(unsafeUrlCharacters, (character) => percentEncode(character))
  return parseUrl(canonical)?.protocol === url.protocol ? canonical : null
}

function percentEncode(character: string): string {
  return encodeURIComponent(character) === character
    ? `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
    : encodeURIComponent(character)
}
