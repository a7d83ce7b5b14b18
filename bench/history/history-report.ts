/**
 * The « History » section of bench/RESULTS.md: what checkpoints cost a room
 * under the workshop load on the 1 MB pad (p99 with and without, and their
 * ratio against the 10 % target), how much a 3-hour workshop's history
 * weighs before and after thinning, and how fast the history panel opens and
 * renders a version in Chromium (against 300 ms and 1 s, with the bare
 * ProseMirror page as reference). Pure formatting.
 */
import type { Outcome } from '../report'
import { disturbanceLimits } from '../disturbance'
import { formatMs, markdownTable } from '../markdown'
import { checkpointWarmupSeconds, stressPace, targetPace, type CheckpointComparison, type CheckpointPair, type CheckpointVariantResult } from './checkpoint-load'
import { maxChainLength } from '../../server/history/version'
import type { Figures, HistoryBrowserResult, TimedFigures } from './history-browser'
import type { HistoryStorageResult } from './history-storage'
import { workshopReplay } from './history-storage'
import { createLatencyHistogram, type LatencySummary } from '../load/latency-histogram'

export interface HistoryBenchResult {
  checkpoints: Outcome<CheckpointComparison>
  storage: Outcome<HistoryStorageResult>
  /** Absent from results written before the panel was measured. */
  browser?: Outcome<HistoryBrowserResult>
}

/** The p99 ratio (with / without) checkpoints may reach. */
export const maxCheckpointP99Ratio = 1.1

/** Issue 17: on the 1 MB pad with 100 versions, the timeline appears within… */
export const maxTimelineMs = 300
/** …and any version renders within. */
export const maxVersionRenderMs = 1000

/** Each variant's latencies over all its rounds: one distribution, whose p99 rests on every round's tail. Pure. */
export function poolCheckpointRounds(comparison: CheckpointComparison): Record<'without' | 'with', LatencySummary> {
  const pool = (variant: 'without' | 'with'): LatencySummary => {
    const histogram = createLatencyHistogram()
    for (const round of comparison.rounds) histogram.merge(round[variant].load.histogram)
    return histogram.summarize()
  }
  return { without: pool('without'), with: pool('with') }
}

/** How far apart the same variant's p99s fell from one fresh server to the next: the noise any one ratio above carries. */
function describeSameVariantSpread(rounds: readonly CheckpointPair[]): string {
  if (rounds.length < 2) return ''
  const spread = (variant: 'without' | 'with'): string => {
    const p99s = rounds.map((round) => round[variant].load.latency.p99Ms)
    return `${(Math.max(...p99s) / Math.min(...p99s)).toFixed(2)}× (${p99s.map(formatMs).join(' / ')} ms)`
  }
  return `From one fresh server to the next, the same variant's p99 differed by up to ${spread('without')} without checkpoints and ${spread('with')} with them: a 10 % difference between two servers is within this machine's noise.`
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`

export function renderHistorySection(result: HistoryBenchResult): string {
  const lines = ['## History', '']
  const { checkpoints, storage } = result
  if (checkpoints.ok) {
    const { rounds, atTargetPace } = checkpoints.value
    const variantRow = (pace: string, round: string, variant: CheckpointVariantResult): string[] => [
      pace,
      round,
      variant.label,
      variant.load.latency.count.toLocaleString('en-GB'),
      formatMs(variant.load.latency.p50Ms),
      formatMs(variant.load.latency.p99Ms),
      formatMs(variant.load.latency.maxMs),
      `${((variant.load.serverCpuSeconds / variant.load.measuredSeconds) * 100).toFixed(1)}%`,
      String(variant.versions),
    ]
    const targetRatio = atTargetPace.with.load.latency.p99Ms / atTargetPace.without.load.latency.p99Ms
    const pooled = poolCheckpointRounds(checkpoints.value)
    const stressRatio = pooled.with.p99Ms / pooled.without.p99Ms
    const stress = `${60_000 / stressPace.checkpointEveryMs} × the pace`
    lines.push(
      `Workshop load (30 clients, 10 typing) on the 1 MB pad (${megabytes(checkpoints.value.pad.stateBytes)} of state), our server only. The pad is built once and named as a version, so that the windows' checkpoints are the change since the pad's newest version, as for any pad being written (one in ${maxChainLength} is whole: not in these windows); each variant then runs on a fresh server over a copy of that data, with a ${checkpointWarmupSeconds} s warm-up before its window. At the target's pace, one checkpoint a minute over a ${targetPace.loadSeconds} s window; at ${stress}, one every ${stressPace.checkpointEveryMs / 1000} s over ${stressPace.loadSeconds} s windows, ${rounds.length === 1 ? 'one round of each' : `${rounds.length} rounds alternating the two`}, to see what checkpoints cost when they come twelve times as often:`,
      '',
      markdownTable(
        ['pace', 'round', 'variant', 'deliveries', 'p50 (ms)', 'p99 (ms)', 'max (ms)', 'server CPU', 'versions after the run'],
        [
          variantRow('the target’s', '', atTargetPace.without),
          variantRow('the target’s', '', atTargetPace.with),
          ...rounds.flatMap((round, index) => [variantRow(stress, String(index + 1), round.without), variantRow(stress, String(index + 1), round.with)]),
          // With one round, its rows say it all.
          ...(rounds.length < 2 ? [] : (['without', 'with'] as const)).map((variant) => [
            stress,
            'all',
            `${rounds[0]?.[variant].label ?? variant}, every round's deliveries together`,
            pooled[variant].count.toLocaleString('en-GB'),
            formatMs(pooled[variant].p50Ms),
            formatMs(pooled[variant].p99Ms),
            formatMs(pooled[variant].maxMs),
            '',
            '',
          ]),
        ],
      ),
      '',
      `At the target's pace, p99 with / without checkpoints: ${formatMs(atTargetPace.with.load.latency.p99Ms)} / ${formatMs(atTargetPace.without.load.latency.p99Ms)} ms, **${targetRatio.toFixed(2)}×** (target ≤ ${maxCheckpointP99Ratio.toFixed(2)}×: ${targetRatio <= maxCheckpointP99Ratio ? 'met' : 'not met'}). At ${stress}${rounds.length < 2 ? '' : ", over every round's deliveries"}: ${formatMs(pooled.with.p99Ms)} / ${formatMs(pooled.without.p99Ms)} ms, ${stressRatio.toFixed(2)}×. ${describeSameVariantSpread(rounds)}`,
      '',
    )
  } else {
    lines.push(`Checkpoints under load: failed (${checkpoints.error}).`, '')
  }
  if (storage.ok) {
    const s = storage.value
    const replay = workshopReplay
    lines.push(
      `Storage of a ${s.hours}-hour workshop's history, replayed on simulated time (${replay.participants} participants, ${replay.typistsAtOnce} typing at once at ${replay.charactersPerSecond} characters a second, a 15-minute break; the room's checkpoint policy and the stores' thinning rule): ${s.characters.toLocaleString('en-GB')} characters, final state ${megabytes(s.finalStateBytes)}, ${s.checkpoints} automatic checkpoints written to a SQLite store, ${s.wholeCheckpoints} of them whole and the others the change since the version before. "Hidden": dropped by thinning but kept while a later version builds on them; "bytes": every stored state, hidden ones included.`,
      '',
      markdownTable(
        ['', 'versions listed', 'hidden', 'bytes'],
        [
          ['written per hour of writing', '', '', megabytes(s.writtenBytesPerHour)],
          ...s.kept.map((kept) => [`kept ${kept.label}`, String(kept.versions), String(kept.hidden), megabytes(kept.bytes)]),
        ],
      ),
      '',
    )
  } else {
    lines.push(`History storage: failed (${storage.error}).`, '')
  }
  if (result.browser !== undefined) lines.push(...renderPanelFigures(result.browser))
  return lines.join('\n')
}

const verdict = (figures: TimedFigures, maxMs: number): string => (figures.total.medianMs <= maxMs ? 'met' : 'not met')

function renderPanelFigures(outcome: Outcome<HistoryBrowserResult>): string[] {
  if (!outcome.ok) return [`History panel in Chromium: failed (${outcome.error}).`, '']
  const b = outcome.value
  const ratio = b.version.total.medianMs / b.floor.medianMs
  const figureRow = (figure: string, total: Figures, answers: Figures | null, target: string, verdictText: string): string[] => [
    figure,
    formatMs(total.medianMs),
    formatMs(total.maxMs),
    answers === null ? '' : formatMs(answers.medianMs),
    target,
    verdictText,
  ]
  return [
    `The history panel in Chromium (1280×800, a new browser context per run, ${b.timeline.total.valuesMs.length} runs after a warm-up), our server only, on the 1 MB pad ` +
      `(${b.paragraphs.toLocaleString('en-GB')} paragraphs, ${b.characters.toLocaleString('en-GB')} characters; one version's state ${megabytes(b.versionStateBytes)}) ` +
      `with ${b.versions} named versions, each one small edit after the one before (set up in ${b.setupSeconds.toFixed(0)} s). ` +
      'Times from the click to the first frame showing the result, laid out (bench/history/history-browser.ts):',
    '',
    markdownTable(
      ['figure', 'median (ms)', 'max (ms)', 'of which waiting for the API (median, ms)', 'target', 'verdict (median)'],
      [
        figureRow(
          `timeline: click on « Historique » → the ${b.versions} versions listed`,
          b.timeline.total,
          b.timeline.answers,
          `≤ ${maxTimelineMs} ms`,
          verdict(b.timeline, maxTimelineMs),
        ),
        figureRow(
          `a version: click → its preview rendered with its changes marked (per run, the slowest of ${b.byVersion.length})`,
          b.version.total,
          b.version.answers,
          `≤ ${maxVersionRenderMs} ms`,
          verdict(b.version, maxVersionRenderMs),
        ),
        figureRow(
          `reference: the bare ProseMirror page, navigation start → the newest version's document rendered (${megabytes(b.docJsonBytes)} of JSON)`,
          b.floor,
          null,
          '',
          '',
        ),
      ],
    ),
    '',
    `Version render ${formatMs(b.version.total.medianMs)} ms against the bare ProseMirror page's ${formatMs(b.floor.medianMs)} ms (**${ratio.toFixed(1)}×**, medians); ` +
      `the slowest run's version ${formatMs(b.version.total.maxMs)} ms and timeline ${formatMs(b.timeline.total.maxMs)} ms ` +
      `(${b.version.total.maxMs <= maxVersionRenderMs && b.timeline.total.maxMs <= maxTimelineMs ? 'within both targets' : 'beyond a target'}). ` +
      'Waiting for the API: from the click until the last answer the panel asked for had arrived (Resource Timing); the rest is the page. ' +
      `${describeOtherLoad(b.otherLoadCores)} By version:`,
    '',
    markdownTable(
      ['version', 'median (ms)', 'max (ms)', 'of which waiting for the API (median, ms)'],
      b.byVersion.map((entry) => [entry.label, formatMs(entry.total.medianMs), formatMs(entry.total.maxMs), formatMs(entry.answers.medianMs)]),
    ),
    '',
  ]
}

/** What the rest of the machine did before the runs: never hidden (bench/disturbance.ts). */
function describeOtherLoad(otherLoadCores: readonly number[]): string {
  const busy = otherLoadCores.filter((cores) => cores >= disturbanceLimits.quietBelowCores).length
  const percent = (cores: number): string => `${(cores * 100).toFixed(0)}%`
  const most = Math.max(0, ...otherLoadCores)
  return busy === 0
    ? `Other processes used at most ${percent(most)} of a core before each run.`
    : `**Disturbed:** other processes still used ${percent(disturbanceLimits.quietBelowCores)} of a core or more before ${busy} of the ${otherLoadCores.length} runs (up to ${percent(most)}), the wait for a quiet machine having run out; read these figures as upper bounds.`
}
