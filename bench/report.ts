/**
 * Turns a run's results into what people read: one table with every
 * server's figures and our ratio to the best peer on each, our scale-out
 * set-ups side by side (scale-out-report.ts), the targets met or missed, the
 * big-room ramp step by step, and a short generated reading; all as Markdown,
 * printed and written to bench/RESULTS.md. Pure: formats, never measures.
 */
import { renderHistorySection, type HistoryBenchResult } from './history/history-report'
import { renderChurnSection } from './memory/churn-report'
import type { ChurnResult } from './memory/churn'
import type { BrowserResult } from './browser/browser-load'
import { disturbanceLimits } from './disturbance'
import type { ColdLoadResult } from './cold-load'
import type { LoadResult } from './load/load-spec'
import type { IdleResult, RampResult } from './load/load-scenarios'
import { bigRoom, idleScale } from './load/load-scenarios'
import { formatMs, markdownTable } from './markdown'
import {
  hasScaleOutResults,
  renderScaleOutTable,
  scaleOutChecks,
  scaleOutSteps,
  type ScaleOutResults,
} from './scale-out/scale-out-report'
import { floorKind, serverKinds, serverLabels, type ServerKind } from './server-process'
import { renderDetails } from './report-details'
import { bigRoomVerdicts } from './report-big-room'
import { phoneRows } from './browser/phone-report'
import { storeSettleMs, type StormResult } from './storm/storm'
import { stormRows, stormTitles } from './storm/storm-report'

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string }
export type PerServer<T> = Partial<Record<ServerKind, Outcome<T>>>

export interface MachineInfo {
  cores: number
  cpuModel: string
  nodeVersion: string
  kernel: string
  memoryGiB: number
  isPinned: boolean
  loadAverageAtStart: string
  loadAverageAtEnd: string
  /** Share of the machine's CPU time used by processes outside the benchmark during the run. */
  otherProcessesCpuShare: number
  /** Time spent waiting for those processes to quieten before steps. */
  quietWaitSeconds: number
}

export interface RunResults {
  startedAt: string
  durationSeconds: number
  machine: MachineInfo
  servers: ServerKind[]
  scenarios: string[]
  workshop: PerServer<LoadResult>
  ramp: PerServer<RampResult>
  manyPads: PerServer<LoadResult>
  /** Ours only, per set-up (scale-out-scenarios.ts). */
  twoInstances: ScaleOutResults
  twoInstancesManyPads: ScaleOutResults
  idle: PerServer<IdleResult>
  joinStorm: PerServer<StormResult>
  reconnectStorm: PerServer<StormResult>
  coldLoad: PerServer<ColdLoadResult>
  browser?: Outcome<BrowserResult>
  /** Ours only (history/history-report.ts). */
  history?: HistoryBenchResult
  churn?: Outcome<ChurnResult>
}

type Better = 'lower' | 'higher'

interface Row {
  scenario: string
  figure: string
  values: Partial<Record<ServerKind, string>>
  ratio: string
  target: string
  verdict: string
}

export interface TargetCheck {
  name: string
  met: boolean | null
  detail: string
}

const peers = serverKinds.filter((kind) => kind !== 'atelier')
/** Every column a figure may have: the servers compared, then the floor (never part of a ratio). */
export const columnKinds: readonly ServerKind[] = [...serverKinds, floorKind]

function formatRatio(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '—' : `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`
}

function value<T>(outcome: Outcome<T> | undefined): T | null {
  return outcome?.ok === true ? outcome.value : null
}

/** Ours divided by the best peer's figure (the lowest or highest, as `better` says), or null without both. */
function ratioToBestPeer<T>(results: PerServer<T>, pick: (result: T) => number | null, better: Better): number | null {
  const oursResult = value(results.atelier)
  const ours = oursResult === null ? null : pick(oursResult)
  const peerValues = peers
    .map((kind) => value(results[kind]))
    .filter((result): result is NonNullable<typeof result> => result !== null)
    .map(pick)
    .filter((figure): figure is number => figure !== null && Number.isFinite(figure))
  if (ours === null || !Number.isFinite(ours) || peerValues.length === 0) return null
  const best = better === 'lower' ? Math.min(...peerValues) : Math.max(...peerValues)
  return best === 0 ? null : ours / best
}

function figureRow<T>(
  scenario: string,
  figure: string,
  results: PerServer<T>,
  pick: (result: T) => number | null,
  format: (figure: number, result: T) => string,
  better: Better | null,
): Row & { ratioValue: number | null } {
  const values: Partial<Record<ServerKind, string>> = {}
  for (const kind of columnKinds) {
    const outcome = results[kind]
    if (outcome === undefined) continue
    if (!outcome.ok) {
      values[kind] = 'failed'
      continue
    }
    const figureValue = pick(outcome.value)
    values[kind] = figureValue === null ? '—' : format(figureValue, outcome.value)
  }
  const ratioValue = better === null ? null : ratioToBestPeer(results, pick, better)
  return { scenario, figure, values, ratio: formatRatio(ratioValue), target: '', verdict: '', ratioValue }
}

export const deliveredShare = (result: LoadResult): number => (result.expected === 0 ? Number.NaN : result.delivered / result.expected)
export const cpuPerMessageUs = (result: LoadResult): number =>
  (result.serverCpuSeconds * 1e6) / Math.max(1, result.delivered + result.awarenessDelivered)

/** Ratios to the best peer a load scenario is held to (issue 19 for the workshop; the earlier halves for many pads). */
export interface LoadTargets {
  maxP99Ratio: number
  maxCpuPerMessageRatio: number
}
export const workshopTargets: LoadTargets = { maxP99Ratio: 1, maxCpuPerMessageRatio: 0.6 }
export const manyPadsTargets: LoadTargets = { maxP99Ratio: 0.5, maxCpuPerMessageRatio: 0.5 }

function loadRows(scenario: string, results: PerServer<LoadResult>, checks: TargetCheck[], targets: LoadTargets): Row[] {
  const delivered = figureRow(
    scenario,
    'delivered / expected updates',
    results,
    deliveredShare,
    (share, result) => `${result.delivered}/${result.expected} (${(share * 100).toFixed(share === 1 ? 0 : 2)}%)`,
    null,
  )
  const oursResult = value(results.atelier)
  const isNothingLost = oursResult !== null && oursResult.delivered === oursResult.expected && oursResult.expected > 0 && oursResult.dropped === 0
  delivered.target = 'nothing lost'
  delivered.verdict = oursResult === null ? 'n/a' : isNothingLost ? 'met' : 'not met'
  checks.push({ name: `${scenario}: nothing lost`, met: oursResult === null ? null : isNothingLost, detail: delivered.values.atelier ?? '' })

  const p99Of = (r: LoadResult): number => r.latency.p99Ms
  const p99 = figureRow(scenario, 'latency p99 (ms)', results, p99Of, formatMs, 'lower')
  p99.target = `≤ ${targets.maxP99Ratio}× best peer`
  const p99Met = p99.ratioValue === null ? null : p99.ratioValue <= targets.maxP99Ratio && isNothingLost
  p99.verdict = verdictOf(p99Met, p99.ratio)
  checks.push({
    name: `${scenario}: p99 ≤ ${targets.maxP99Ratio}× the best peer's`,
    met: p99Met,
    detail: `${p99.values.atelier ?? '—'} ms, ${p99.ratio} the best peer${floorDetail(results, p99Of, formatMs, 'ms')}`,
  })

  const cpu = figureRow(scenario, 'server CPU per delivered message (µs)', results, cpuPerMessageUs, (us) => us.toFixed(1), 'lower')
  cpu.target = `≤ ${targets.maxCpuPerMessageRatio}× best peer`
  const cpuMet = cpu.ratioValue === null ? null : cpu.ratioValue <= targets.maxCpuPerMessageRatio
  cpu.verdict = verdictOf(cpuMet, cpu.ratio)
  checks.push({
    name: `${scenario}: CPU per delivered message ≤ ${targets.maxCpuPerMessageRatio}× the best peer's`,
    met: cpuMet,
    detail: `${cpu.values.atelier ?? '—'} µs, ${cpu.ratio} the best peer${floorDetail(results, cpuPerMessageUs, (us) => us.toFixed(1), 'µs')}`,
  })

  return [
    delivered,
    figureRow(scenario, 'latency p50 (ms)', results, (r) => r.latency.p50Ms, formatMs, 'lower'),
    figureRow(scenario, 'latency p95 (ms)', results, (r) => r.latency.p95Ms, formatMs, 'lower'),
    p99,
    figureRow(scenario, 'latency max (ms)', results, (r) => r.latency.maxMs, formatMs, 'lower'),
    figureRow(scenario, 'server CPU (% of one core)', results, (r) => (r.serverCpuSeconds / r.measuredSeconds) * 100, (p) => p.toFixed(0), 'lower'),
    cpu,
    figureRow(scenario, 'server RSS at the end (MB)', results, (r) => r.serverRssBytes / 1e6, (mb) => mb.toFixed(0), 'lower'),
  ]
}

/** The floor's figure and its ratio to the best peer, for a check's detail; empty without a floor result. */
function floorDetail(results: PerServer<LoadResult>, pick: (result: LoadResult) => number, format: (figure: number) => string, unit: string): string {
  const floor = value(results[floorKind])
  if (floor === null) return ''
  const asOurs: PerServer<LoadResult> = { ...results, atelier: { ok: true, value: floor } }
  return ` (the floor, forwarding only: ${format(pick(floor))} ${unit}, ${formatRatio(ratioToBestPeer(asOurs, pick, 'lower'))} the best peer)`
}

function verdictOf(met: boolean | null, ratio: string): string {
  if (met === null) return 'n/a'
  return met ? 'met' : `not met (${ratio})`
}

export function buildRows(results: RunResults): { rows: Row[]; checks: TargetCheck[] } {
  const rows: Row[] = []
  const checks: TargetCheck[] = []
  if (Object.keys(results.workshop).length > 0) rows.push(...loadRows('Workshop', results.workshop, checks, workshopTargets))

  if (Object.keys(results.ramp).length > 0) {
    const ramp = figureRow(
      'Big room',
      `largest room passing (p99 < ${bigRoom.maxP99Ms} ms, ≥ ${bigRoom.minDeliveredRatio * 100}% delivered)`,
      results.ramp,
      (r) => r.largestPassing,
      (count) => String(count),
      'higher',
    )
    const verdicts = bigRoomVerdicts(results.ramp)
    ramp.target = '≥ 2× best peer (or CPU ≤ 0.5× at the top step)'
    ramp.verdict = verdicts.largestRoomVerdict
    rows.push(ramp, ...verdicts.rows.map((row) => ({ scenario: 'Big room', ...row })))
    checks.push(...verdicts.checks)
  }

  if (Object.keys(results.manyPads).length > 0) rows.push(...loadRows('Many pads', results.manyPads, checks, manyPadsTargets))
  checks.push(...scaleOutChecks(results))

  if (Object.keys(results.idle).length > 0) {
    const rss = figureRow('Idle scale', 'server RSS per idle connection (KB)', results.idle, (r) => r.rssPerConnectionBytes / 1024, (kb) => kb.toFixed(1), 'lower')
    rss.target = '≤ 1× best peer'
    const met = rss.ratioValue === null ? null : rss.ratioValue <= 1
    rss.verdict = verdictOf(met, rss.ratio)
    checks.push({ name: 'Idle: RSS per connection ≤ the best peer’s', met, detail: `${rss.values.atelier ?? '—'} KB, ${rss.ratio} the best peer` })
    rows.push(
      rss,
      figureRow('Idle scale', 'connections up', results.idle, (r) => r.connected, (n, r) => `${n}/${r.connections}`, null),
      figureRow('Idle scale', `time to connect ${idleScale.pads * idleScale.clientsPerPad} (s)`, results.idle, (r) => r.connectSeconds, (s) => s.toFixed(1), 'lower'),
      figureRow('Idle scale', 'server RSS with all connected (MB)', results.idle, (r) => r.rssBytes / 1e6, (mb) => mb.toFixed(0), 'lower'),
    )
  }

  const titles = stormTitles()
  for (const [title, short, perServer] of [
    [titles.join, 'Join storm', results.joinStorm],
    [titles.reconnect, 'Reconnect storm', results.reconnectStorm],
  ] as const) {
    if (Object.keys(perServer).length === 0) continue
    const storm = stormRows(title, short, perServer)
    rows.push(...storm.rows)
    checks.push(...storm.checks)
  }

  if (Object.keys(results.coldLoad).length > 0) {
    const load = figureRow('Cold load', 'connect → full 1 MB state, median (ms)', results.coldLoad, (r) => r.medianMs, formatMs, 'lower')
    load.target = '≤ 0.5× best peer'
    const met = load.ratioValue === null ? null : load.ratioValue <= 0.5
    load.verdict = verdictOf(met, load.ratio)
    checks.push({ name: 'Cold load ≤ half the best peer’s', met, detail: `${load.values.atelier ?? '—'} ms, ${load.ratio} the best peer` })
    rows.push(
      load,
      figureRow('Cold load', 'each restart (ms)', results.coldLoad, (r) => r.medianMs, (_, r) => r.loadMs.map(formatMs).join(' / '), null),
      figureRow('Cold load', 'building it: 20,000 updates (s)', results.coldLoad, (r) => r.pad.buildSeconds, (s) => s.toFixed(1), 'lower'),
    )
  }

  const browser = results.browser
  if (browser !== undefined) {
    const ours = (text: string): Partial<Record<ServerKind, string>> => ({ atelier: text })
    if (!browser.ok) {
      rows.push({ scenario: 'Browser', figure: 'pad page editable (ms)', values: ours('failed'), ratio: '—', target: '', verdict: 'n/a' })
      checks.push({ name: 'Browser: editable ≤ 2× bare ProseMirror', met: null, detail: browser.error })
    } else {
      const b = browser.value
      const overhead = b.padMedianMs / b.floorMedianMs
      const overheadMet = Number.isFinite(overhead) ? overhead <= 2 : null
      const jsMet = b.scriptGzipBytes < 250_000
      rows.push(
        { scenario: 'Browser', figure: 'pad page editable on the 1 MB pad, median (ms)', values: ours(`${formatMs(b.padMedianMs)} (${b.padEditableMs.map(formatMs).join(' / ')})`), ratio: '', target: '', verdict: '' },
        { scenario: 'Browser', figure: 'bare ProseMirror view of the same doc, median (ms)', values: ours(`${formatMs(b.floorMedianMs)} (${b.floorMs.map(formatMs).join(' / ')})`), ratio: '', target: '', verdict: '' },
        { scenario: 'Browser', figure: 'pad page / bare ProseMirror', values: ours(formatRatio(overhead)), ratio: '', target: '≤ 2×', verdict: verdictOf(overheadMet, formatRatio(overhead)) },
        { scenario: 'Browser', figure: 'pad page JavaScript, gzipped (kB)', values: ours(`${(b.scriptGzipBytes / 1000).toFixed(1)} (${b.scripts.length} files)`), ratio: '', target: '< 250 kB', verdict: jsMet ? 'met' : 'not met' },
      )
      checks.push({ name: 'Browser: editable ≤ 2× bare ProseMirror', met: overheadMet, detail: `${formatMs(b.padMedianMs)} ms vs ${formatMs(b.floorMedianMs)} ms, ${formatRatio(overhead)}` })
      checks.push({ name: 'Browser: pad JS < 250 kB gzipped', met: jsMet, detail: `${(b.scriptGzipBytes / 1000).toFixed(1)} kB` })
      rows.push(...phoneRows(b))
    }
  }
  return { rows, checks }
}

export function renderMainTable(results: RunResults, rows: Row[]): string {
  const servers = columnKinds.filter((kind) => results.servers.includes(kind) && rows.some((row) => row.values[kind] !== undefined))
  return markdownTable(
    ['scenario', 'figure', ...servers.map((kind) => serverLabels[kind]), 'ours / best peer', 'target', 'verdict'],
    rows.map((row) => [row.scenario, row.figure, ...servers.map((kind) => row.values[kind] ?? ''), row.ratio, row.target, row.verdict]),
  )
}

export function renderReading(results: RunResults, checks: TargetCheck[]): string {
  const decided = checks.filter((check) => check.met !== null)
  const met = decided.filter((check) => check.met === true)
  const lines = [
    `Targets met: ${met.length} of ${decided.length} that could be checked in this run${checks.length > decided.length ? ` (${checks.length - decided.length} not checkable: a server or scenario was filtered out or failed)` : ''}.`,
    '',
    ...checks.map((check) => `- ${check.met === null ? '◻︎ n/a' : check.met ? '✅ met' : '❌ not met'} — ${check.name}: ${check.detail}`),
    '',
  ]
  const stepResults: { label: string; result: LoadResult }[] = []
  for (const kind of columnKinds) {
    const w = value(results.workshop[kind])
    if (w !== null) stepResults.push({ label: `workshop/${kind}`, result: w })
    const m = value(results.manyPads[kind])
    if (m !== null) stepResults.push({ label: `many pads/${kind}`, result: m })
    for (const step of value(results.ramp[kind])?.steps ?? []) stepResults.push({ label: `big room ${step.clients}/${kind}`, result: step.result })
  }
  stepResults.push(...scaleOutSteps(results))
  const retried = stepResults.filter((step) => (step.result.attempts ?? 1) > 1).map((step) => `${step.label} (${step.result.attempts} attempts)`)
  const saturated = stepResults.filter((step) => step.result.generatorCpuPercent > 85)
  const disturbed = stepResults.filter((step) => step.result.otherLoadOnServerCore > disturbanceLimits.maxOtherLoadOnServerCore)
  if (stepResults.length > 0) {
    const busiest = Math.max(...stepResults.map((step) => step.result.generatorCpuPercent))
    lines.push(
      `The load process peaked at ${busiest.toFixed(0)}% of its core${saturated.length > 0 ? `; it was above 85% (its own latency may count in the figures) in: ${saturated.map((s) => s.label).join(', ')}` : ', so latencies measure the servers'}.`,
    )
  }
  if (disturbed.length > 0) {
    lines.push(
      `Other processes took more than ${disturbanceLimits.maxOtherLoadOnServerCore * 100}% of the server's core during: ${disturbed.map((s) => `${s.label} (${(s.result.otherLoadOnServerCore * 100).toFixed(0)}%)`).join(', ')}; those figures are disturbed.`,
    )
  }
  lines.push(
    `Processes outside the benchmark used ${(results.machine.otherProcessesCpuShare * 100).toFixed(0)}% of the machine's CPU over the run (load average ${results.machine.loadAverageAtStart} at the start, ${results.machine.loadAverageAtEnd} at the end); ` +
      `the run waited ${results.machine.quietWaitSeconds.toFixed(0)} s for them to quieten${retried.length > 0 ? `, and ran again the steps they disturbed: ${retried.join(', ')}` : ''}.`,
    '',
    'How to read it: durability differs. Our server appends every update to SQLite (WAL) before it relays it (DESIGN.md, "Durability") and acknowledges it to the writer (`stored`); ' +
      'y-websocket-server 0.1.1 writes each update to LevelDB (YPERSISTENCE) asynchronously, relaying first; Hocuspocus stores the whole document 2–10 s after changes (its Database extension, debounced). ' +
      '"Messages" in CPU per message are the updates and presence (awareness) entries delivered to other clients in the window. Every server sends a client its own presence back and the peers also echo updates to their sender; those are not counted.',
  )
  if (Object.keys(results.joinStorm).length > 0 || Object.keys(results.reconnectStorm).length > 0) {
    lines.push(
      '',
      'Storms: "time to synced" runs from a participant\'s connection attempt to the server\'s sync step 2 applied in its Y.Doc (bench/storm/sync-client.ts, a stock provider\'s exchange). ' +
        "Two of its parts have rows of their own: the server's answer, from the client's sync step 1 (sent as the socket opens) to the server's step 2 arriving, is what the server alone decides; applying that step 2 is the client's own work, the same whatever server sent the state; the rest is opening the WebSocket. Every storm client shares core 1 with the others, so one client's work can delay another's reading of its frames. " +
        'The event-loop stall is measured inside each server process alike: peers/event-loop-monitor.mjs is preloaded (`node --import`) into every server and reads node:perf_hooks\' monitorEventLoopDelay (a 10 ms timer), so a stall of S ms reads about S + 10 ms, and time the process was not scheduled reads as a stall too (hence the row of what other processes took of its core); the figure is the longest from the storm\'s start until every client held every edit. ' +
        'The Wi-Fi drop is simulated by dropping every socket without a closing handshake: on loopback the servers see each close at once, where a real drop may leave them half-open until a timeout. ' +
        `"Lost": a participant that never synced, a client still lacking an edit 30 s after the storm, or a writer whose edits a fresh client did not find after the server's graceful restart (its store; the clients leave ${storeSettleMs / 1000} s before it is stopped).`,
    )
  }
  if (value(results.workshop[floorKind]) !== null || value(results.manyPads[floorKind]) !== null) {
    lines.push(
      '',
      `The "${serverLabels[floorKind]}" column is not a server to compare with: it forwards each frame to the pad's other connections as it arrives, ` +
        'without parsing, checking, applying or storing it (bench/peers/forwarding-floor.mjs), under the same load and measurement. ' +
        "It is what this harness measures for doing nothing but relaying: the load process's own timing, loopback, and one write per frame and peer. " +
        'Where its figure is above half the best peer\'s, a target of "≤ 0.5× the best peer" cannot be met by a server that keeps any durability rule or checks what it relays.',
    )
  }
  return lines.join('\n')
}

export function renderResults(results: RunResults): string {
  const { rows, checks } = buildRows(results)
  const { machine } = results
  return [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\` on ${results.startedAt} in ${(results.durationSeconds / 60).toFixed(1)} min (scenarios: ${results.scenarios.join(', ')}; servers: ${results.servers.map((kind) => serverLabels[kind]).join(', ')}).`,
    '',
    `Machine: ${machine.cores} cores (\`nproc\`), ${machine.cpuModel}, ${machine.memoryGiB.toFixed(0)} GiB, Linux ${machine.kernel}, Node ${machine.nodeVersion}: ` +
      `every server ran on this Node (the runner's own binary), as its label says; Hocuspocus 4.7.0 declares Node ≥ 22 and ran on it with npm's engine warning. ` +
      (machine.isPinned
        ? 'Each server ran alone on core 0 (`taskset -c 0`), the load processes and Chromium on core 1' +
          (hasScaleOutResults(results) ? '; in the scale-out set-ups, the instances, PostgreSQL and Redis shared core 0 (see "Several instances").' : '.')
        : 'Processes were not pinned to cores (taskset or a second core missing).'),
    '',
    '## Results',
    '',
    ...(rows.length > 0 ? [renderMainTable(results, rows), ''] : []),
    ...(hasScaleOutResults(results) ? [renderScaleOutTable(results), ''] : []),
    ...(results.history === undefined ? [] : [renderHistorySection(results.history)]),
    ...(results.churn === undefined ? [] : [renderChurnSection(results.churn)]),
    '## Reading',
    '',
    renderReading(results, checks),
    '',
    '## Details',
    '',
    renderDetails(results),
    '',
  ].join('\n')
}
