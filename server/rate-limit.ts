/**
 * A token bucket: `ratePerSecond` tokens flow in, at most `burst` are kept.
 * Used per connection for messages, bytes and sync requests, so that typing
 * and a long paste pass while a flood is cut off. Pure but for the clock,
 * which is injected.
 */
export interface TokenBucket {
  /** Takes `count` tokens if there are enough; false (and takes none) otherwise. */
  take(count?: number): boolean
}

export function createTokenBucket(ratePerSecond: number, burst: number, nowMs: () => number = Date.now): TokenBucket {
  if (!(ratePerSecond > 0) || !(burst > 0)) {
    throw new RangeError(`a token bucket needs a positive rate and burst, got ${ratePerSecond}/s and ${burst}`)
  }
  let tokens = burst
  let lastMs = nowMs()
  return {
    take(count = 1) {
      const now = nowMs()
      tokens = Math.min(burst, tokens + ((now - lastMs) / 1000) * ratePerSecond)
      lastMs = now
      if (tokens < count) return false
      tokens -= count
      return true
    },
  }
}
