/**
 * The "Details" part of bench/RESULTS.md: the big-room ramp step by step,
 * the workshop and many-pads loads per server, where the browser's time
 * goes, and every failure. Pure: formats what report.ts hands it.
 */
import type { BrowserResult } from './browser/browser-load'
import type { LoadResult } from './load/load-spec'
import { bigRoom, manyPads, workshop } from './load/load-scenarios'
import { LoadPhase } from '../client/load-marks'
import { formatMs, markdownTable } from './markdown'
import { columnKinds, cpuPerMessageUs, deliveredShare, type PerServer, type RunResults } from './report'
import { scaleOutFailures } from './scale-out/scale-out-report'
import { serverKinds, serverLabels } from './server-process'

function loadDetailRow(label: string, clients: number, result: LoadResult, passed: boolean | null): string[] {
  const share = deliveredShare(result)
  return [
    label,
    String(clients),
    `${result.connected}/${result.clients}${result.dropped > 0 ? `, ${result.dropped} dropped` : ''}`,
    Number.isFinite(share) ? `${(share * 100).toFixed(2)}%` : '—',
    formatMs(result.latency.p50Ms),
    formatMs(result.latency.p95Ms),
    formatMs(result.latency.p99Ms),
    formatMs(result.latency.maxMs),
    ((result.serverCpuSeconds / result.measuredSeconds) * 100).toFixed(0),
    cpuPerMessageUs(result).toFixed(1),
    (result.serverRssBytes / 1e6).toFixed(0),
    (result.loadProcessCpuPercents ?? [result.generatorCpuPercent]).map((percent) => percent.toFixed(0)).join(' / '),
    (result.otherLoadOnServerCore * 100).toFixed(0),
    passed === null ? '' : passed ? 'pass' : 'fail',
  ]
}

const detailHeader = [
  'server',
  'clients',
  'connected',
  'delivered',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'server CPU %',
  'CPU µs / msg',
  'RSS MB',
  'load process CPU %',
  'other load on server core %',
  'step',
]

/** The sections under "Details": the big-room ramp, the workshop and many-pads loads, the browser's timeline, the failures. */
export function renderDetails(results: RunResults): string {
  const sections = [
    renderRamp(results),
    renderLoad('Workshop', `1 pad, ${workshop.clientsPerPad} clients, ${workshop.typistsPerPad} typing ${workshop.typingPerSecond} updates/s, cursors ${workshop.awarenessPerSecond}/s each; ${workshop.loadSeconds} s measured.`, results.workshop, workshop.clientsPerPad),
    renderLoad('Many pads', `${manyPads.pads} pads × ${manyPads.clientsPerPad} clients, ${manyPads.typistsPerPad} typing ${manyPads.typingPerSecond} updates/s per pad, cursors ${manyPads.awarenessPerSecond}/s each; ${manyPads.loadSeconds} s measured.`, results.manyPads, manyPads.pads * manyPads.clientsPerPad),
    results.browser?.ok === true ? renderBrowser(results.browser.value) : null,
    renderFailures(results),
  ]
  return sections.filter((section): section is string => section !== null).join('\n\n')
}

function renderRamp(results: RunResults): string | null {
  const rampRows: string[][] = []
  for (const kind of serverKinds) {
    const outcome = results.ramp[kind]
    if (outcome === undefined) continue
    if (!outcome.ok) {
      rampRows.push([serverLabels[kind], 'failed: ' + outcome.error.split('\n')[0], ...new Array<string>(detailHeader.length - 2).fill('')])
      continue
    }
    for (const step of outcome.value.steps) rampRows.push(loadDetailRow(serverLabels[kind], step.clients, step.result, step.passed))
    const stopped = outcome.value.stoppedBy
    if (stopped !== undefined) {
      rampRows.push([serverLabels[kind], String(stopped.clients), `not measured: ${stopped.error.split('\n')[0] ?? ''}`, ...new Array<string>(detailHeader.length - 4).fill(''), 'fail'])
    }
  }
  if (rampRows.length === 0) return null
  return (
    `### Big room, step by step\n\n1 pad; ${bigRoom.typistShare * 100}% of the clients type ${bigRoom.typingPerSecond} updates/s, every client moves its cursor ${bigRoom.awarenessPerSecond}/s; ${bigRoom.loadSeconds} s measured per step, fresh server per step; a server's ramp stops at its first failing step.\n\n` +
    markdownTable(detailHeader, rampRows)
  )
}

function renderLoad(title: string, shape: string, perServer: PerServer<LoadResult>, clients: number): string | null {
  const rows: string[][] = []
  for (const kind of columnKinds) {
    const outcome = perServer[kind]
    if (outcome === undefined) continue
    if (!outcome.ok) rows.push([serverLabels[kind], 'failed: ' + outcome.error.split('\n')[0], ...new Array<string>(detailHeader.length - 2).fill('')])
    else rows.push(loadDetailRow(serverLabels[kind], clients, outcome.value, null))
  }
  return rows.length === 0 ? null : `### ${title}\n\n${shape}\n\n${markdownTable(detailHeader, rows)}`
}

function renderFailures(results: RunResults): string | null {
  const failures: string[] = []
  for (const [scenario, perServer] of [
    ['Workshop', results.workshop],
    ['Big room', results.ramp],
    ['Many pads', results.manyPads],
    ['Idle scale', results.idle],
    ['Join storm', results.joinStorm],
    ['Reconnect storm', results.reconnectStorm],
    ['Cold load', results.coldLoad],
  ] as const) {
    for (const kind of columnKinds) {
      const outcome = (perServer as PerServer<unknown>)[kind]
      if (outcome !== undefined && !outcome.ok) failures.push(`- ${scenario}, ${serverLabels[kind]}: ${outcome.error}`)
    }
  }
  failures.push(...scaleOutFailures(results))
  if (results.browser?.ok === false) failures.push(`- Browser: ${results.browser.error}`)
  return failures.length === 0 ? null : `### Failures\n\n${failures.join('\n')}`
}

function renderBrowser(browser: BrowserResult): string {
  const { padPhases, floorPhases, scripts } = browser
  const markColumns: [LoadPhase, string][] = [
    [LoadPhase.content, 'content'],
    [LoadPhase.code, 'code'],
    [LoadPhase.doc, 'in Yjs'],
    [LoadPhase.editor, 'editor'],
  ]
  const markOf = (phases: typeof padPhases, phase: LoadPhase): string => {
    const ms = phases.loadMarks[phase]
    return ms === undefined ? '—' : formatMs(ms)
  }
  const phaseRow = (label: string, phases: typeof padPhases): string[] => [
    label,
    formatMs(phases.domContentLoadedMs),
    formatMs(phases.scriptsLoadedMs),
    formatMs(phases.fetchesDoneMs),
    ...markColumns.map(([phase]) => markOf(phases, phase)),
    formatMs(phases.editableMs),
  ]
  return (
    '### Browser, where the time goes\n\nMilliseconds from navigation start, on the median visit (new browser context each time: empty cache and IndexedDB). ' +
      '"Scripts loaded": the last JavaScript file arrived; "fetch answered": the last fetch() answered, which is the pad\'s settings (`GET /api/pads/<key>`) or the floor\'s document JSON; ' +
      'the pad\'s content itself arrives over the WebSocket after that. ' +
      'The pad page\'s own marks (client/load-marks.ts): "content" the prefetched pad arrived, "code" the page\'s code is evaluated, ' +
      '"in Yjs" the content is applied to the shared document, "editor" the editor holds the whole pad; "editable" is seen at the next frame.\n\n' +
      markdownTable(
        ['page', 'DOMContentLoaded', 'scripts loaded', 'fetch answered', ...markColumns.map(([, label]) => label), 'editable with the whole pad'],
        [phaseRow('pad page', padPhases), phaseRow('bare ProseMirror', floorPhases)],
      ) +
      '\n\nPad page scripts: ' +
      scripts.map((script) => `\`${script.path}\` ${(script.bytes / 1000).toFixed(1)} kB (${(script.gzipBytes / 1000).toFixed(1)} kB gzipped)`).join(', ') +
      '.'
  )
}

