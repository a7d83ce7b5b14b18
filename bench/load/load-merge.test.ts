import { describe, expect, it } from 'vitest'
import { createLatencyHistogram } from './latency-histogram'
import { expectedByShard, expectedDeliveries, mergeShardResults } from './load-merge'
import type { ShardResult } from './load-spec'

describe('what each load process is owed', () => {
  it('adds up, over the processes, to every update delivered to every other client of its pad', () => {
    // Two pads of 5 clients split over 2 processes: clients 0, 2, 4 and 1, 3 of each pad.
    const clientsPerPad = 5
    const ownClients = [
      [3, 3],
      [2, 2],
    ]
    const ownSent = [
      [4, 0],
      [6, 9],
    ]
    const total = [10, 9]
    const owed = ownClients.map((clients, shard) => expectedByShard(total, ownSent[shard] as number[], clients))
    expect(owed).toEqual([10 * 3 - 4 + 9 * 3 - 0, 10 * 2 - 6 + 9 * 2 - 9])
    expect(owed[0]! + owed[1]!).toBe(expectedDeliveries(total, clientsPerPad))
  })
})

describe('mergeShardResults', () => {
  const shard = (overrides: Partial<ShardResult>, latencies: number[]): ShardResult => {
    const histogram = createLatencyHistogram()
    for (const latency of latencies) histogram.record(latency)
    return {
      clients: 10,
      connected: 10,
      connectFailures: 0,
      connectSeconds: 1,
      dropped: 0,
      sent: 5,
      expected: 40,
      delivered: 40,
      awarenessExpected: 0,
      awarenessDelivered: 0,
      measuredSeconds: 8,
      serverCpuSeconds: 0,
      serverRssBytes: 0,
      serverRssBaselineBytes: 0,
      processes: [],
      generatorCpuPercent: 30,
      generatorSystemShare: 0.2,
      otherLoadOnServerCore: 0,
      framesReceived: 100,
      errors: [],
      ...overrides,
      histogram: histogram.snapshot(),
    }
  }

  it('adds counts, merges latencies, keeps the server figures of process 0 and the busiest load process', () => {
    const merged = mergeShardResults([
      shard({ serverCpuSeconds: 4, serverRssBytes: 1e8, processes: [{ name: 's', role: 'server', cpuSeconds: 4, rssBytes: 1e8 }], connectSeconds: 2 }, [1, 2, 3]),
      shard({ generatorCpuPercent: 55, generatorSystemShare: 0.4, errors: ['x'] }, [100]),
    ])
    expect(merged.clients).toBe(20)
    expect(merged.delivered).toBe(80)
    expect(merged.latency.count).toBe(4)
    expect(merged.latency.maxMs).toBe(100)
    expect(merged.connectSeconds).toBe(2)
    expect(merged.serverCpuSeconds).toBe(4)
    expect(merged.processes).toHaveLength(1)
    expect(merged.generatorCpuPercent).toBe(55)
    expect(merged.generatorSystemShare).toBe(0.4)
    expect(merged.loadProcessCpuPercents).toEqual([30, 55])
    expect(merged.errors).toEqual(['x'])
  })
})
