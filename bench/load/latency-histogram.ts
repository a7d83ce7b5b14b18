/**
 * Latencies of delivered messages as a fixed-bin histogram (0.1 ms bins up
 * to 60 s, one overflow bin), so that millions of samples cost a few
 * megabytes and percentiles are exact to the bin. Histograms of several
 * load processes merge by adding their bins.
 */

const binMs = 0.1
const binCount = 600_000

export interface LatencySummary {
  count: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
}

/** A histogram as plain data (its non-empty bins), to send from one process to another. */
export interface HistogramSnapshot {
  /** [bin, count] of every bin that holds samples. */
  bins: [number, number][]
  maxMs: number
}

export interface LatencyHistogram {
  record(latencyMs: number): void
  readonly count: number
  summarize(): LatencySummary
  snapshot(): HistogramSnapshot
  /** Adds another histogram's samples (another load process's) to this one. */
  merge(snapshot: HistogramSnapshot): void
}

export function createLatencyHistogram(): LatencyHistogram {
  const bins = new Uint32Array(binCount + 1)
  let count = 0
  let maxMs = 0
  const percentile = (fraction: number): number => {
    if (count === 0) return Number.NaN
    const rank = Math.ceil(fraction * count)
    let seen = 0
    for (let bin = 0; bin <= binCount; bin++) {
      seen += bins[bin] as number
      // The bin's upper edge: a sample is never reported lower than it was.
      if (seen >= rank) return bin === binCount ? maxMs : Math.min(maxMs, (bin + 1) * binMs)
    }
    return maxMs
  }
  return {
    record(latencyMs) {
      // Clocks of one machine: a tiny negative value is rounding, not time travel.
      const value = Math.max(0, latencyMs)
      const bin = Math.min(binCount, Math.floor(value / binMs))
      bins[bin] = (bins[bin] as number) + 1
      count += 1
      if (value > maxMs) maxMs = value
    },
    get count() {
      return count
    },
    snapshot() {
      const filled: [number, number][] = []
      for (let bin = 0; bin <= binCount; bin++) if ((bins[bin] as number) > 0) filled.push([bin, bins[bin] as number])
      return { bins: filled, maxMs }
    },
    merge(snapshot) {
      for (const [bin, binSamples] of snapshot.bins) {
        if (!Number.isInteger(bin) || bin < 0 || bin > binCount) throw new RangeError(`histogram bin ${bin} out of 0..${binCount}`)
        bins[bin] = (bins[bin] as number) + binSamples
        count += binSamples
      }
      if (snapshot.bins.length > 0) maxMs = Math.max(maxMs, snapshot.maxMs)
    },
    summarize() {
      return { count, p50Ms: percentile(0.5), p95Ms: percentile(0.95), p99Ms: percentile(0.99), maxMs: count === 0 ? Number.NaN : maxMs }
    },
  }
}
