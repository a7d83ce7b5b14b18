import { describe, expect, it } from 'vitest'
import { createLatencyHistogram } from '../load/latency-histogram'
import type { LoadResult } from '../load/load-spec'
import type { CheckpointComparison, CheckpointVariantResult } from './checkpoint-load'
import { poolCheckpointRounds } from './history-report'

/** A variant whose load delivered `count` messages at each of `latenciesMs`. */
function variant(latenciesMs: number[], count: number): CheckpointVariantResult {
  const histogram = createLatencyHistogram()
  for (const latency of latenciesMs) for (let index = 0; index < count; index++) histogram.record(latency)
  const load = { latency: histogram.summarize(), histogram: histogram.snapshot() } as Pick<LoadResult, 'latency' | 'histogram'>
  return { label: 'v', checkpointEveryMs: null, load: load as LoadResult, versions: 1 }
}

const pad: CheckpointComparison['pad'] = { builderClientId: 1, clock: 1, paragraphs: 1, characters: 1, stateBytes: 1, buildSeconds: 1 }

describe('poolCheckpointRounds', () => {
  it("takes each variant's percentiles over every round's deliveries together", () => {
    // Without: a quiet round (all 1 ms) and a round whose slowest 4 % took 20 ms.
    // Pooled, 2 % of the deliveries took 20 ms: the p99 is 20 ms, where the quiet round's alone is 1 ms.
    const comparison: CheckpointComparison = {
      pad,
      atTargetPace: { without: variant([9], 10), with: variant([9], 10) },
      rounds: [
        { without: variant([1], 1000), with: variant([2], 1000) },
        { without: variant([...Array<number>(24).fill(1), 20], 40), with: variant([3], 1000) },
      ],
    }
    const pooled = poolCheckpointRounds(comparison)
    expect(pooled.without.count).toBe(2000)
    expect(pooled.without.p99Ms).toBeCloseTo(20, 5)
    expect(pooled.without.p50Ms).toBeCloseTo(1.1, 5)
    expect(pooled.with.count).toBe(2000)
    expect(pooled.with.p50Ms).toBeCloseTo(2.1, 5)
    expect(pooled.with.p99Ms).toBeCloseTo(3, 5)
  })
})
