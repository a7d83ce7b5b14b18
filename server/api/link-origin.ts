/**
 * The origin that links in API answers and exports are built on. PUBLIC_URL
 * when it is set. Otherwise the request's `Host`, but only when it names this
 * machine (localhost, one of its own addresses: a facilitator's laptop seen
 * from the room's wifi) or a host the configuration allows (ALLOWED_HOSTS):
 * any other `Host` is someone else's word, and would put their site in the
 * links a pad hands out, so those get HOST:PORT instead. Pure: the machine's
 * addresses are given.
 */
export interface LinkOriginConfig {
  publicUrl: string
  allowedHosts: readonly string[]
  host: string
  port: number
}

/** `http://` + the request's Host when it may be used, else HOST:PORT (or PUBLIC_URL when set). */
export function linkOriginOf(hostHeader: string | undefined, config: LinkOriginConfig, ownAddresses: readonly string[]): string {
  if (config.publicUrl !== '') return config.publicUrl
  const fallback = `http://${formatHost(config.host)}:${config.port}`
  if (hostHeader === undefined) return fallback
  let url: URL
  try {
    url = new URL(`http://${hostHeader}`)
  } catch {
    return fallback
  }
  // A Host header is a host and maybe a port, nothing more.
  if (url.host !== hostHeader.toLowerCase() || url.username !== '' || url.pathname !== '/') return fallback
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const allowed = new Set(['localhost', '127.0.0.1', '::1', ...ownAddresses, ...config.allowedHosts.map((name) => name.replace(/^\[(.*)\]$/, '$1'))])
  return allowed.has(hostname) ? `http://${url.host}` : fallback
}

function formatHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}
