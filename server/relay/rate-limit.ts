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

/** Token buckets by key (a client address), forgetting the oldest keys past `maxKeys` to bound memory. */
export interface KeyedRateLimiter {
  take(key: string, count?: number): boolean
}

export function createKeyedRateLimiter(
  ratePerSecond: number,
  burst: number,
  maxKeys = 10_000,
  nowMs: () => number = Date.now,
): KeyedRateLimiter {
  const buckets = new Map<string, TokenBucket>()
  return {
    take(key, count = 1) {
      let bucket = buckets.get(key)
      if (bucket === undefined) {
        if (buckets.size >= maxKeys) {
          // Maps iterate in insertion order: the first key is the oldest.
          const oldest = buckets.keys().next().value
          if (oldest !== undefined) buckets.delete(oldest)
        }
        bucket = createTokenBucket(ratePerSecond, burst, nowMs)
        buckets.set(key, bucket)
      }
      return bucket.take(count)
    },
  }
}
