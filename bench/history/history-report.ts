/**
 * The « History » section of bench/RESULTS.md: what checkpoints cost a room
 * under the workshop load on the 1 MB pad (p99 with and without, and their
 * ratio against the 10 % target), and how much a 3-hour workshop's history
 * weighs before and after thinning. Pure formatting.
 */
import type { Outcome } from '../report'
import { formatMs, markdownTable } from '../markdown'
import type { CheckpointComparison } from './checkpoint-load'
import type { HistoryStorageResult } from './history-storage'
import { workshopReplay } from './history-storage'

export interface HistoryBenchResult {
  checkpoints: Outcome<CheckpointComparison>
  storage: Outcome<HistoryStorageResult>
}

/** The p99 ratio (with / without) checkpoints may reach. */
export const maxCheckpointP99Ratio = 1.1

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`

export function renderHistorySection(result: HistoryBenchResult): string {
  const lines = ['## History', '']
  const { checkpoints, storage } = result
  if (checkpoints.ok) {
    const { without, with: withCheckpoints } = checkpoints.value
    const ratio = withCheckpoints.load.latency.p99Ms / without.load.latency.p99Ms
    lines.push(
      `Workshop load (30 clients, 10 typing) on the 1 MB pad (${megabytes(without.pad.stateBytes)} of state), our server only, each variant on a fresh server:`,
      '',
      markdownTable(
        ['variant', 'p50 (ms)', 'p99 (ms)', 'max (ms)', 'server CPU', 'versions after the run'],
        [without, withCheckpoints].map((variant) => [
          variant.label,
          formatMs(variant.load.latency.p50Ms),
          formatMs(variant.load.latency.p99Ms),
          formatMs(variant.load.latency.maxMs),
          `${((variant.load.serverCpuSeconds / variant.load.measuredSeconds) * 100).toFixed(1)}%`,
          String(variant.versions),
        ]),
      ),
      '',
      `p99 with / without checkpoints: **${ratio.toFixed(2)}×** (target ≤ ${maxCheckpointP99Ratio.toFixed(2)}×: ${ratio <= maxCheckpointP99Ratio ? 'met' : 'not met'}).`,
      '',
    )
  } else {
    lines.push(`Checkpoints under load: failed (${checkpoints.error}).`, '')
  }
  if (storage.ok) {
    const s = storage.value
    const replay = workshopReplay
    lines.push(
      `Storage of a ${s.hours}-hour workshop's history, replayed on simulated time (${replay.participants} participants, ${replay.typistsAtOnce} typing at once at ${replay.charactersPerSecond} characters a second, a 15-minute break; the room's checkpoint policy and the stores' thinning rule): ${s.characters.toLocaleString('en-GB')} characters, final state ${megabytes(s.finalStateBytes)}, ${s.checkpoints} automatic checkpoints, each the whole state.`,
      '',
      markdownTable(
        ['', 'versions', 'bytes'],
        [
          ['written per hour of writing', '', megabytes(s.writtenBytesPerHour)],
          ...s.kept.map((kept) => [`kept ${kept.label}`, String(kept.versions), megabytes(kept.bytes)]),
        ],
      ),
      '',
    )
  } else {
    lines.push(`History storage: failed (${storage.error}).`, '')
  }
  return lines.join('\n')
}
