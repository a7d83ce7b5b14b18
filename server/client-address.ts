/**
 * The address a request comes from, for per-address limits: the socket's
 * peer, or, behind a reverse proxy the operator trusts, the last address the
 * proxy appended to X-Forwarded-For (earlier entries are the client's to forge).
 */
import type { IncomingMessage } from 'node:http'

export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for']
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((part) => part.trim())
    const last = forwarded.filter((part) => part !== '').at(-1)
    if (last !== undefined) return last
  }
  return request.socket.remoteAddress ?? 'unknown'
}
