/**
 * The « Memory after a churn of new pads » section of bench/RESULTS.md
 * (churn.ts): what the churn was, the server's resident memory before,
 * at its peak and after, and whether it came back within 50 MB of its
 * baseline within 60 s of the last room unloading (issue 19's target).
 */
import type { Outcome } from '../report'
import { churn, type ChurnResult } from './churn'

/** The target: back within 50 MB of the baseline this long after the last room unloads. */
export const maxBackWithinS = 60

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`

export function renderChurnSection(outcome: Outcome<ChurnResult>): string {
  const lines = ['## Memory after a churn of new pads', '']
  if (!outcome.ok) return [...lines, `Failed (${outcome.error}).`, ''].join('\n')
  const result = outcome.value
  const over = (second: number): string => {
    const rss = result.afterBytes[second]
    return rss === undefined ? '—' : `${megabytes(rss)} (+${megabytes(rss - result.baselineBytes)})`
  }
  const met = result.backWithinS !== null && result.backWithinS <= maxBackWithinS
  lines.push(
    `Our server alone: waves of ${churn.visitsPerWave} visits over ${churn.padsPerWave} pads never used before, each visit connecting, syncing, setting its presence, writing one paragraph and leaving: ${result.waves} waves, ${result.visits.toLocaleString('en-GB')} visits (${result.failedVisits} failed) over ${result.pads.toLocaleString('en-GB')} pads, in ${result.churnSeconds.toFixed(0)} s. Rooms unload ${churn.roomIdleMs / 1000} s after their last visit, so the last one ${result.lastUnloadS} s after the churn. Resident memory (VmRSS) read from /proc each second, no request to the server until the end.`,
    '',
    '| baseline (after a warm-up wave, its rooms unloaded) | peak | 10 s after the churn | at the last unload | back within 50 MB | at the end of the watch |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${megabytes(result.baselineBytes)} | ${megabytes(result.peakBytes)} | ${over(10)} | ${over(result.lastUnloadS)} | ${result.backWithinS === null ? 'no' : `${result.backWithinS} s after the last unload: ${over(result.lastUnloadS + result.backWithinS)}`} | ${result.afterBytes.length - 1 - result.lastUnloadS} s after the last unload: ${over(result.afterBytes.length - 1)} |`,
    '',
    `Back within ${megabytes(churn.withinBytes)} of the baseline ${result.backWithinS === null ? `not within the ${churn.watchSeconds} s watched` : `${result.backWithinS} s after the last unload, and still ${result.afterBytes.length - 1 - result.lastUnloadS - result.backWithinS} s later, when the watch ended`} (target ≤ ${maxBackWithinS} s: ${met ? 'met' : 'not met'}). At the end: ${result.end.roomsLoaded} rooms loaded, V8 heap ${megabytes(result.end.heapUsedBytes)} in use.`,
    '',
  )
  return lines.join('\n')
}
