/** A lock brings the page back about a second later, then less and less often. */
import { describe, expect, it } from 'vitest'
import { lockedRetryDelayMs } from './connection'
import { reconnectMaxMs } from '../../shared/protocol/retry-delay'

describe('lockedRetryDelayMs', () => {
  it('comes back after about a second, doubling up to the reconnect ceiling', () => {
    expect(lockedRetryDelayMs(0)).toBe(1000)
    expect(lockedRetryDelayMs(1)).toBe(2000)
    expect(lockedRetryDelayMs(10)).toBe(reconnectMaxMs)
  })
})
