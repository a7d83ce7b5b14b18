import { describe, expect, it } from 'vitest'
import { readAwarenessEntries, type AwarenessEntry } from '../updates/awareness-check'
import { createPresenceRelay } from './presence-relay'
import { presenceOutdatedMs } from './presence-table'
import { createFakeClock } from '../../testing/fake-clock'

const entry = (clientId: number, clock: number, name: string): AwarenessEntry => ({ clientId, clock, json: JSON.stringify({ user: { name } }), isRemoval: false })

function relayOnFakeClock(options = { intervalMs: 50, expiryCheckMs: 3000 }, writesIntervalMs = 1) {
  const clock = createFakeClock()
  const broadcasts: Array<{ atMs: number; clientIds: number[] }> = []
  const published: number[][] = []
  let relays = 0
  const relay = createPresenceRelay(options, {
    clock,
    broadcast: (update) => broadcasts.push({ atMs: clock.now(), clientIds: readAwarenessEntries(update).map((e) => e.clientId) }),
    publish: (update) => published.push(readAwarenessEntries(update).map((e) => e.clientId)),
    onRelayed: () => (relays += 1),
    writesIntervalMs: () => writesIntervalMs,
  })
  return { clock, relay, broadcasts, published, relayCount: () => relays }
}

describe('presence relay', () => {
  it('relays the changes of an interval together, at most once per interval', async () => {
    const { clock, relay, broadcasts } = relayOnFakeClock()
    const startMs = clock.now()
    relay.apply([entry(1, 1, 'Awa')], true)
    relay.relaySoon()
    expect(broadcasts).toEqual([{ atMs: startMs, clientIds: [1] }])
    relay.apply([entry(2, 1, 'Basile')], true)
    relay.relaySoon()
    await clock.advance(20)
    relay.apply([entry(1, 2, 'Awa B.')], true)
    relay.relaySoon()
    expect(relay.isWaiting()).toBe(true)
    expect(broadcasts).toHaveLength(1)
    await clock.advance(30)
    expect(broadcasts).toEqual([
      { atMs: startMs, clientIds: [1] },
      { atMs: startMs + 50, clientIds: [2, 1] },
    ])
    expect(relay.isWaiting()).toBe(false)
  })

  it('in a big room, waits twice as long as the writes, which then take it along', async () => {
    // Writes relayed every 40 ms: presence waits 80, so a relay of writes comes first.
    const { clock, relay, broadcasts } = relayOnFakeClock(undefined, 40)
    const startMs = clock.now()
    relay.apply([entry(1, 1, 'Awa')], true)
    relay.relaySoon()
    relay.apply([entry(2, 1, 'Basile')], true)
    relay.relaySoon()
    await clock.advance(79)
    expect(broadcasts).toEqual([{ atMs: startMs, clientIds: [1] }])
    await clock.advance(1)
    expect(broadcasts).toEqual([
      { atMs: startMs, clientIds: [1] },
      { atMs: startMs + 80, clientIds: [2] },
    ])
  })

  it('publishes to the other instances only the changes of its own peers', async () => {
    const { relay, published } = relayOnFakeClock()
    relay.apply([entry(1, 1, 'local')], true)
    relay.apply([entry(9, 1, 'remote')], false)
    relay.relaySoon()
    expect(published).toEqual([[1]])
  })

  it('relays what waits for its turn at once when asked (with a batch of writes)', async () => {
    const { relay, broadcasts, relayCount } = relayOnFakeClock()
    relay.apply([entry(1, 1, 'Awa')], true)
    relay.relaySoon()
    relay.apply([entry(1, 2, 'Awa')], true)
    relay.relaySoon()
    expect(relay.isWaiting()).toBe(true)
    relay.relayWaitingNow()
    expect(broadcasts).toHaveLength(2)
    expect(relay.isWaiting()).toBe(false)
    expect(relayCount()).toBe(2)
  })

  it('drops a presence not renewed for 30 s, and runs no timer once nobody is present', async () => {
    const { clock, relay, broadcasts } = relayOnFakeClock()
    relay.apply([entry(1, 1, 'Awa')], true)
    relay.relaySoon()
    expect(clock.pendingTimers).toBe(1)
    await clock.advance(presenceOutdatedMs - 1000)
    expect(relay.table.size()).toBe(1)
    await clock.advance(5000)
    expect(relay.table.size()).toBe(0)
    expect(broadcasts.at(-1)?.clientIds).toEqual([1])
    expect(clock.pendingTimers).toBe(0)
  })

  it('keeps one expiry timer while people stay present, however long', async () => {
    const { clock, relay } = relayOnFakeClock()
    relay.apply([entry(1, 1, 'Awa')], true)
    relay.relaySoon()
    for (let check = 1; check <= 8; check += 1) {
      // Awa's page renews her presence, as every page does every 15 s.
      relay.apply([entry(1, 1 + check, 'Awa')], true)
      await clock.advance(3000)
      expect(clock.pendingTimers, `after ${check} checks`).toBeLessThanOrEqual(2)
    }
    relay.close()
  })

  it('stops every timer when closed, and relays nothing more', async () => {
    const { clock, relay, broadcasts } = relayOnFakeClock()
    relay.apply([entry(1, 1, 'Awa')], true)
    relay.relaySoon()
    relay.apply([entry(1, 2, 'Awa')], true)
    relay.relaySoon()
    relay.close()
    expect(clock.pendingTimers).toBe(0)
    relay.apply([entry(2, 1, 'Basile')], true)
    relay.relaySoon()
    await clock.advance(60_000)
    expect(broadcasts).toHaveLength(1)
    expect(clock.pendingTimers).toBe(0)
  })
})
