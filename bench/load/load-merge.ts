/**
 * The figures of several load processes as one step's result: counts added,
 * histograms merged, the server's figures taken from process 0 (the only one
 * that reads them), and the busiest process's CPU as the load side's. Pure.
 */
import { createLatencyHistogram } from './latency-histogram'
import type { LoadResult, ShardResult } from './load-spec'

/** Deliveries owed for `sentPerPad` updates: each to every other client of its pad. */
export function expectedDeliveries(sentPerPad: readonly number[], clientsPerPad: number): number {
  return sentPerPad.reduce((sum, sent) => sum + sent * (clientsPerPad - 1), 0)
}

/** What the receivers of one load process are owed: every update of their pads, but a sender's own. */
export function expectedByShard(totalPerPad: readonly number[], ownPerPad: readonly number[], ownClientsPerPad: readonly number[]): number {
  return totalPerPad.reduce((sum, total, pad) => sum + total * (ownClientsPerPad[pad] ?? 0) - (ownPerPad[pad] ?? 0), 0)
}

export function mergeShardResults(shards: readonly ShardResult[]): LoadResult {
  const [first] = shards
  if (first === undefined) throw new RangeError('no load process result to merge')
  const histogram = createLatencyHistogram()
  for (const shard of shards) histogram.merge(shard.histogram)
  const add = (pick: (shard: ShardResult) => number): number => shards.reduce((sum, shard) => sum + pick(shard), 0)
  const busiest = shards.reduce((most, shard) => (shard.generatorCpuPercent > most.generatorCpuPercent ? shard : most), first)
  return {
    clients: add((s) => s.clients),
    connected: add((s) => s.connected),
    connectFailures: add((s) => s.connectFailures),
    connectSeconds: Math.max(...shards.map((s) => s.connectSeconds)),
    dropped: add((s) => s.dropped),
    sent: add((s) => s.sent),
    expected: add((s) => s.expected),
    delivered: add((s) => s.delivered),
    latency: histogram.summarize(),
    histogram: histogram.snapshot(),
    awarenessExpected: add((s) => s.awarenessExpected),
    awarenessDelivered: add((s) => s.awarenessDelivered),
    measuredSeconds: first.measuredSeconds,
    serverCpuSeconds: first.serverCpuSeconds,
    serverRssBytes: first.serverRssBytes,
    serverRssBaselineBytes: first.serverRssBaselineBytes,
    processes: first.processes,
    generatorCpuPercent: busiest.generatorCpuPercent,
    loadProcessCpuPercents: shards.map((s) => s.generatorCpuPercent),
    generatorSystemShare: busiest.generatorSystemShare,
    otherLoadOnServerCore: first.otherLoadOnServerCore,
    framesReceived: add((s) => s.framesReceived),
    errors: shards.flatMap((s) => s.errors).slice(0, 10),
  }
}
