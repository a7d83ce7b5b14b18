import { describe, expect, it } from 'vitest'
import { createLatencyHistogram } from './latency-histogram'

describe('latency histogram', () => {
  it('gives percentiles at the upper edge of their 0.1 ms bin', () => {
    const histogram = createLatencyHistogram()
    for (let i = 1; i <= 100; i++) histogram.record(i)
    const summary = histogram.summarize()
    expect(summary.count).toBe(100)
    expect(summary.p50Ms).toBeCloseTo(50.1, 9)
    expect(summary.p95Ms).toBeCloseTo(95.1, 9)
    expect(summary.p99Ms).toBeCloseTo(99.1, 9)
    expect(summary.maxMs).toBe(100)
  })

  it('merges the snapshots of several processes into the histogram of all their samples', () => {
    const all = createLatencyHistogram()
    const parts = [createLatencyHistogram(), createLatencyHistogram(), createLatencyHistogram()]
    for (let i = 0; i < 3000; i++) {
      const latency = (i * 7919) % 250 / 3
      all.record(latency)
      parts[i % 3]?.record(latency)
    }
    const merged = createLatencyHistogram()
    for (const part of parts) merged.merge(part.snapshot())
    merged.merge(createLatencyHistogram().snapshot())
    expect(merged.summarize()).toEqual(all.summarize())
  })

  it('refuses a bin it does not have', () => {
    expect(() => createLatencyHistogram().merge({ bins: [[-1, 3]], maxMs: 1 })).toThrow(RangeError)
  })
})
