/**
 * A pad link as people read it aloud or copy it from a projected screen:
 * without `https://` or `http://` (browsers add it back) and without a
 * trailing slash, allowed to wrap only after a slash so that the key stays
 * in one piece. Only for showing: QR codes and copy buttons carry the full
 * link.
 */

export function formatShortLink(link: string): string {
  return link.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '')
}

/** The short link cut after each slash: where a narrow column may wrap it. */
export function splitShortLink(shortLink: string): string[] {
  return shortLink.split(/(?<=\/)/).filter((part) => part !== '')
}

/**
 * Shows `link` in short form in `element`, as text, wrapping only after a
 * slash: each part is a `.short-link-part` the stylesheet keeps whole (a key
 * may hold a `-`, where browsers would otherwise break it).
 */
export function showShortLink(element: HTMLElement, link: string): void {
  const parts = splitShortLink(formatShortLink(link)).map((text) => {
    const part = document.createElement('span')
    part.className = 'short-link-part'
    part.textContent = text
    return part
  })
  element.replaceChildren(...parts.flatMap((part, index) => (index === 0 ? [part] : [document.createElement('wbr'), part])))
}
