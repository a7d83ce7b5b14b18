/**
 * The hint an operator needs when the server sits behind a reverse proxy
 * without TRUST_PROXY: every client then comes from the proxy's loopback
 * or private address, and the per-address limits count them all as one (the
 * 501st participant of a big event would be refused). Once that many
 * connections come from one such address, it says so — once per process.
 * Public addresses (a venue's NAT) never trigger it.
 */

/** Connections from one loopback or private address that make a proxy likely. */
export const proxyHintConnections = 50

/** Whether `address` (as a socket gives it) is loopback or private: 127/8, 10/8, 172.16/12, 192.168/16, ::1, fc00::/7, and their IPv4-mapped forms. */
export function isLoopbackOrPrivate(address: string): boolean {
  const lower = address.toLowerCase()
  const v4 = lower.startsWith('::ffff:') ? lower.slice('::ffff:'.length) : lower
  const octets = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(v4)
  if (octets !== null) {
    const first = Number(octets[1])
    const second = Number(octets[2])
    return first === 127 || first === 10 || (first === 172 && second >= 16 && second <= 31) || (first === 192 && second === 168)
  }
  return lower === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(lower)
}

export interface ProxyHint {
  /** `address` now has `count` connections. */
  note(address: string, count: number): void
}

/** A hint that calls `warn` the first time an address passes the threshold; never when the proxy is already trusted. */
export function createProxyHint(trustProxy: boolean, warn: (address: string, count: number) => void, threshold = proxyHintConnections): ProxyHint {
  let hasWarned = trustProxy
  return {
    note(address, count) {
      if (hasWarned || count < threshold || !isLoopbackOrPrivate(address)) return
      hasWarned = true
      warn(address, count)
    },
  }
}
