/**
 * When a page connects again: after a lost connection (not while offline),
 * after "too many messages" (not before its wait), after a lock (about a
 * second later, then less and less often, at once on unlock), never after a
 * final close; and which close code it keeps telling. Fake timers, no socket.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CloseCode } from '../../shared/protocol/close-codes'
import { reconnectMaxMs } from '../../shared/protocol/retry-delay'
import { createReconnection, lockedRetryDelayMs } from './reconnection'

function start(isBrowserOffline = false) {
  vi.useFakeTimers()
  const connect = vi.fn()
  const stopProviderRetries = vi.fn()
  const reconnection = createReconnection({ rateLimitRetryMs: 10_000, isBrowserOffline }, { connect, stopProviderRetries })
  return { reconnection, connect, stopProviderRetries }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('lockedRetryDelayMs', () => {
  it('comes back after about a second, doubling up to the reconnect ceiling', () => {
    expect(lockedRetryDelayMs(0)).toBe(1000)
    expect(lockedRetryDelayMs(1)).toBe(2000)
    expect(lockedRetryDelayMs(10)).toBe(reconnectMaxMs)
  })
})

describe('createReconnection', () => {
  it('connects again after a lost connection, with its own jittered waits rather than the provider ones', () => {
    const { reconnection, connect, stopProviderRetries } = start()
    reconnection.afterConnectionClose({ code: 1006 })
    expect(stopProviderRetries).toHaveBeenCalledOnce()
    expect(reconnection.facts.hasLostConnection).toBe(true)
    vi.advanceTimersByTime(reconnectMaxMs)
    expect(connect).toHaveBeenCalledOnce()
  })

  it('waits for the browser to be online, then connects at once', () => {
    const { reconnection, connect } = start(true)
    reconnection.afterConnectionClose({ code: 1006 })
    vi.advanceTimersByTime(reconnectMaxMs)
    expect(connect).not.toHaveBeenCalled()
    reconnection.goOnline()
    expect(connect).toHaveBeenCalledOnce()
    expect(reconnection.facts.isBrowserOffline).toBe(false)
  })

  it('waits out "too many messages" before connecting, even when the browser comes online', () => {
    const { reconnection, connect } = start()
    reconnection.afterClosed(CloseCode.rateLimited)
    reconnection.goOnline()
    vi.advanceTimersByTime(9_999)
    expect(connect).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(connect).toHaveBeenCalledOnce()
    expect(reconnection.facts).toMatchObject({ closeCode: CloseCode.rateLimited, isFinal: false })
  })

  it('comes back about a second after a lock, and at once when the pad is unlocked', () => {
    const { reconnection, connect } = start()
    reconnection.afterClosed(CloseCode.locked)
    vi.advanceTimersByTime(lockedRetryDelayMs(0))
    expect(connect).toHaveBeenCalledOnce()
    reconnection.afterClosed(CloseCode.locked)
    expect(reconnection.resumeAfterLock()).toBe(true)
    expect(connect).toHaveBeenCalledTimes(2)
    expect(reconnection.resumeAfterLock()).toBe(false)
  })

  it('stops for good on a final close code', () => {
    const { reconnection, connect } = start()
    reconnection.afterClosed(CloseCode.deleted)
    reconnection.goOnline()
    expect(reconnection.facts).toMatchObject({ closeCode: CloseCode.deleted, isFinal: true })
    expect(connect).not.toHaveBeenCalled()
  })

  it('keeps saying "too big" after a sync while the change is unsaved, and forgets it once stored', () => {
    const { reconnection } = start()
    reconnection.afterConnectionClose({ code: CloseCode.messageTooBig })
    reconnection.afterSynced(true)
    expect(reconnection.facts.closeCode).toBe(CloseCode.messageTooBig)
    expect(reconnection.facts.hasLostConnection).toBe(false)
    reconnection.afterStored(false)
    expect(reconnection.facts.closeCode).toBeNull()
  })

  it('cancels its waits on close', () => {
    const { reconnection, connect } = start()
    reconnection.afterConnectionClose({ code: 1006 })
    reconnection.close()
    vi.advanceTimersByTime(reconnectMaxMs)
    expect(connect).not.toHaveBeenCalled()
  })
})
