/**
 * How long to wait before reconnecting after a lost connection: exponential
 * backoff with jitter. When the server restarts, every page of every workshop
 * loses its connection at the same instant; the stock provider would bring
 * them all back at the same instants too (100, 200, 400 ms…). Spreading each
 * wait over its upper half keeps a restart from becoming a stampede while the
 * first retry still comes within half a second. Pure: the random source is
 * passed in.
 */
export const reconnectBaseMs = 400
export const reconnectMaxMs = 8_000

/** The wait before retry number `attempt` (0 for the first retry after a close). */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(reconnectMaxMs, reconnectBaseMs * 2 ** Math.max(0, attempt))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}
