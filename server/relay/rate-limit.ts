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
  return new Bucket(ratePerSecond, burst, nowMs)
}

/**
 * A class rather than a closure: every connection holds four buckets, and
 * an instance whose method lives on the prototype is one small object, where
 * a closure costs an object, a function and a context each (the idle-scale
 * figure is memory per connection).
 */
class Bucket implements TokenBucket {
  private tokens: number
  private lastMs: number

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly nowMs: () => number,
  ) {
    this.tokens = burst
    this.lastMs = nowMs()
  }

  take(count = 1): boolean {
    const now = this.nowMs()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastMs) / 1000) * this.ratePerSecond)
    this.lastMs = now
    if (this.tokens < count) return false
    this.tokens -= count
    return true
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
