/**
 * How long to wait before trying again, for every retry of the product: a
 * page reconnecting to the relay, a page waiting for a locked pad, the pad
 * page fetching its settings, and the server reconnecting to Redis. The wait
 * doubles from `baseMs` up to `maxMs`; with `hasJitter` it is spread over
 * its upper half. When the server restarts, every page of every workshop
 * loses its connection at the same instant; the stock provider would bring
 * them all back at the same instants too (100, 200, 400 ms…): jitter keeps a
 * restart from becoming a stampede while the first retry still comes within
 * half a second. Pure: the random source is passed in.
 */
export interface RetryPolicy {
  readonly baseMs: number
  readonly maxMs: number
  readonly hasJitter: boolean
}

export const retryPolicies = {
  /** A page whose connection to the relay was lost. */
  reconnect: { baseMs: 400, maxMs: 8_000, hasJitter: true },
  /** A page closed because the pad was locked while it wrote: it comes back read-only, less and less often. */
  lockedPad: { baseMs: 1_000, maxMs: 8_000, hasJitter: false },
  /** The pad page asking for its settings while the server is busy or unreachable. */
  settingsFetch: { baseMs: 1_000, maxMs: 10_000, hasJitter: false },
  /** The server reconnecting to Redis. */
  redis: { baseMs: 100, maxMs: 2_000, hasJitter: false },
} as const satisfies Record<string, RetryPolicy>

/** The wait before retry number `attempt` (0 for the first retry). */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt))
  return policy.hasJitter ? Math.round(ceiling / 2 + random() * (ceiling / 2)) : ceiling
}

export const reconnectBaseMs = retryPolicies.reconnect.baseMs
export const reconnectMaxMs = retryPolicies.reconnect.maxMs

/** The wait before reconnecting after a lost connection, retry number `attempt`. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  return retryDelayMs(retryPolicies.reconnect, attempt, random)
}
