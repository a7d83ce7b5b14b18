/**
 * The shape of a pad link: `<origin>/p/<key>` (and its published recipe,
 * `<origin>/r/<view key>`), where the key is 22 URL-safe
 * base64 characters (128 random bits). Both sides use it: the server to build
 * links and refuse malformed keys before any lookup, the page to read its key.
 * It does not generate or hash keys (that is `server/api/pad-keys.ts`).
 */

/** 16 random bytes in base64url without padding: exactly 22 characters. */
const padKeyPattern = /^[A-Za-z0-9_-]{22}$/

export function isPadKey(value: string): boolean {
  return padKeyPattern.test(value)
}

/**
 * The relay's WebSocket URL for a page served from `origin` (`https://pad.example`
 * → `wss://pad.example/ws`), without the pad key: what a y-websocket
 * provider takes as its server URL, the key being its room name.
 */
export function relayUrlOf(origin: string): string {
  return `${origin.replace(/^http/, 'ws')}/ws`
}

/** Path of the page that opens a pad with this key. */
export function padPath(key: string): string {
  return `/p/${key}`
}

/** Path of the published recipe of the pad whose view key this is. */
export function recipePath(viewKey: string): string {
  return `/r/${viewKey}`
}

/** The key in a page path such as `/p/<key>`, or null when the path holds none. */
export function readPadKeyFromPath(pathname: string): string | null {
  const match = /^\/p\/([^/]+)\/?$/.exec(pathname)
  const key = match?.[1]
  return key !== undefined && isPadKey(key) ? key : null
}
