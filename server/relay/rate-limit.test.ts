import { describe, expect, it } from 'vitest'
import { createTokenBucket } from './rate-limit'

describe('token bucket', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0
    const bucket = createTokenBucket(10, 5, () => now)
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
    now += 100
    expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
    now += 10_000
    expect(bucket.take(5)).toBe(true)
    expect(bucket.take(1)).toBe(false)
  })

  it('refuses a request larger than what is left without taking anything', () => {
    let now = 0
    const bucket = createTokenBucket(1, 100, () => now)
    expect(bucket.take(60)).toBe(true)
    expect(bucket.take(60)).toBe(false)
    expect(bucket.take(40)).toBe(true)
  })

  it('refuses nonsense limits', () => {
    expect(() => createTokenBucket(0, 5)).toThrow(RangeError)
    expect(() => createTokenBucket(5, -1)).toThrow(RangeError)
  })
})
