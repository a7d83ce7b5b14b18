import { describe, expect, it } from 'vitest'
import { reconnectBaseMs, reconnectDelayMs, reconnectMaxMs, retryDelayMs, retryPolicies } from './retry-delay'

describe('reconnectDelayMs', () => {
  it('spreads each wait over the upper half of an exponentially growing ceiling', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(reconnectBaseMs / 2)
    expect(reconnectDelayMs(0, () => 1)).toBe(reconnectBaseMs)
    expect(reconnectDelayMs(2, () => 0)).toBe((reconnectBaseMs * 4) / 2)
    expect(reconnectDelayMs(2, () => 1)).toBe(reconnectBaseMs * 4)
  })

  it('never waits longer than the maximum', () => {
    expect(reconnectDelayMs(50, () => 1)).toBe(reconnectMaxMs)
    expect(reconnectDelayMs(50, () => 0)).toBe(reconnectMaxMs / 2)
  })

  it('gives pages that lost the connection together different waits', () => {
    const waits = new Set(Array.from({ length: 40 }, () => reconnectDelayMs(3)))
    expect(waits.size).toBeGreaterThan(20)
  })

  it('without jitter, doubles exactly up to the maximum (the locked pad, the settings, Redis)', () => {
    expect([0, 1, 2, 3, 4].map((attempt) => retryDelayMs(retryPolicies.lockedPad, attempt))).toEqual([1000, 2000, 4000, 8000, 8000])
    expect(retryDelayMs(retryPolicies.settingsFetch, 10)).toBe(10_000)
    expect(retryDelayMs(retryPolicies.redis, 0)).toBe(100)
  })
})
