/**
 * Which link targets a pad accepts: `http:`, `https:` and `mailto:` only, so
 * that no `javascript:` or `data:` URL ever becomes a clickable link (the
 * exporters apply the same rule, DESIGN.md "Recipe export"). `parseLinkHref`
 * reads what a person typed; `isSafeLinkHref` checks a stored href before it
 * is rendered, since pasted HTML and other peers can put any href in the doc.
 */
import { safeLinkProtocols } from '../../../shared/export/text-safety'

/** The exporters' list: one rule for what the pad links to and what a recipe links to. */
const allowedLinkProtocols: readonly string[] = safeLinkProtocols

const schemePattern = /^[a-zA-Z][a-zA-Z0-9+.-]*:/
const emailPattern = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/
const hostPattern = /^([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(:\d+)?([/?#].*)?$/

/** Whether `href` is an absolute URL with an allowed protocol. */
export function isSafeLinkHref(href: unknown): href is string {
  if (typeof href !== 'string') return false
  try {
    return allowedLinkProtocols.includes(new URL(href).protocol)
  } catch {
    return false
  }
}

/**
 * The href for what someone typed as a link address, or null when it is not
 * acceptable. `exemple.org/page` becomes `https://exemple.org/page` and
 * `nom@exemple.org` becomes `mailto:nom@exemple.org`.
 */
export function parseLinkHref(input: string): string | null {
  const typed = input.trim()
  if (typed === '' || /\s/.test(typed)) return null
  let candidate: string
  if (schemePattern.test(typed) && !hostPattern.test(typed)) candidate = typed
  else if (emailPattern.test(typed)) candidate = `mailto:${typed}`
  else if (hostPattern.test(typed)) candidate = `https://${typed}`
  else return null
  if (!isSafeLinkHref(candidate)) return null
  const url = new URL(candidate)
  if (url.protocol !== 'mailto:' && url.hostname === '') return null
  return url.href
}
