/**
 * The join and reconnect storms as people read them: rows of the main table
 * (time to synced p50/p95/max and two of its parts — the server's answer and
 * the client applying it —, the server's longest event-loop stall, what was
 * lost) and the three verdicts of issue 19 — p95 time to synced at most
 * half the best peer's, no stall over 100 ms in ours, nothing lost on any
 * server. Pure: formats, never measures.
 */
import { formatMs } from '../markdown'
import type { PerServer, TargetCheck } from '../report'
import { serverKinds, serverLabels, type ServerKind } from '../server-process'
import { joinStorm, reconnectStorm, type StormResult } from './storm'

export const stormTargets = { maxP95Ratio: 0.5, maxStallMs: 100 } as const

export interface StormRow {
  scenario: string
  figure: string
  values: Partial<Record<ServerKind, string>>
  ratio: string
  target: string
  verdict: string
}

/** The nearest-rank percentile of the participants that synced (NaN when none did). */
export function percentileOf(values: readonly number[], fraction: number): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number
}

/** Whether a storm on one server lost nothing: every client synced and holds every edit, and so does its store. */
export function isNothingLost(result: StormResult): boolean {
  return result.failedToSync === 0 && result.clientsMissingEdits === 0 && result.writersMissingInStore === 0
}

function describeLoss(result: StormResult): string {
  if (isNothingLost(result)) return `none (${result.edits} edits by ${result.writers} writers, on ${result.clients} clients and in the store)`
  const parts = [
    result.failedToSync > 0 ? `${result.failedToSync} never synced` : '',
    result.clientsMissingEdits > 0 ? `${result.clientsMissingEdits}/${result.clients} clients lacked edits after 30 s` : '',
    result.writersMissingInStore > 0 ? `${result.writersMissingInStore}/${result.writers + 1} writers' edits missing from the store` : '',
  ]
  return parts.filter((part) => part !== '').join('; ')
}

export function stormTitles(): { join: string; reconnect: string } {
  return {
    join: `Join storm (${joinStorm.joiners} join a ${joinStorm.padKilobytes} KB pad within ${joinStorm.arrivalSeconds} s while ${joinStorm.typists} type)`,
    reconnect: `Reconnect storm (${reconnectStorm.participants} reconnect at once to the 1 MB pad after ${reconnectStorm.offlineSeconds} s offline, ${reconnectStorm.offlineEdits} edits each)`,
  }
}

/** Rows and checks of one storm. */
export function stormRows(scenario: string, short: string, results: PerServer<StormResult>): { rows: StormRow[]; checks: TargetCheck[] } {
  const kinds = serverKinds.filter((kind) => results[kind] !== undefined)
  const valueOf = (kind: ServerKind): StormResult | null => {
    const outcome = results[kind]
    return outcome?.ok === true ? outcome.value : null
  }
  const cells = (format: (result: StormResult) => string): Partial<Record<ServerKind, string>> =>
    Object.fromEntries(kinds.map((kind) => [kind, results[kind]?.ok === false ? 'failed' : format(valueOf(kind) as StormResult)]))
  const ours = valueOf('atelier')
  const peers = kinds.filter((kind) => kind !== 'atelier').map(valueOf).filter((r): r is StormResult => r !== null)
  /** Our p95 of `times` over the lowest peer's p95 (NaN when either is missing). */
  const p95Ratio = (times: (result: StormResult) => readonly number[]): number => {
    const peerP95s = peers.map((peer) => percentileOf(times(peer), 0.95)).filter(Number.isFinite)
    return ours === null || peerP95s.length === 0 ? Number.NaN : percentileOf(times(ours), 0.95) / Math.min(...peerP95s)
  }
  const p95 = (result: StormResult): number => percentileOf(result.syncedMs, 0.95)
  const ratio = p95Ratio((result) => result.syncedMs)
  const answerRatio = p95Ratio((result) => result.answerMs)
  const spread = (times: readonly number[]): string => [0.5, 0.95, 1].map((f) => formatMs(percentileOf(times, f))).join(' / ')
  const formatRatio = (ratioOf: number): string => (Number.isFinite(ratioOf) ? `${ratioOf.toFixed(2)}×` : '—')
  const p95Met = Number.isFinite(ratio) ? ratio <= stormTargets.maxP95Ratio : null
  const stallMet = ours === null || !Number.isFinite(ours.longestStallMs) ? null : ours.longestStallMs <= stormTargets.maxStallMs
  const measured = kinds.map(valueOf).filter((r): r is StormResult => r !== null)
  const lostMet = measured.length === 0 || measured.length < kinds.length ? null : measured.every(isNothingLost)
  const verdict = (met: boolean | null, extra = ''): string => (met === null ? 'n/a' : met ? 'met' : `not met${extra}`)
  const ratioText = formatRatio(ratio)
  const rows: StormRow[] = [
    { scenario, figure: 'time to synced p50 / p95 / max (ms)', values: cells((r) => spread(r.syncedMs)), ratio: ratioText, target: `p95 ≤ ${stormTargets.maxP95Ratio}× best peer`, verdict: verdict(p95Met, ` (${ratioText})`) },
    { scenario, figure: "of which the server's answer: sync step 1 sent → step 2 arrived, p50 / p95 / max (ms)", values: cells((r) => spread(r.answerMs)), ratio: formatRatio(answerRatio), target: '', verdict: '' },
    { scenario, figure: 'of which the client applying that step 2 (the same work whatever the server), p50 / p95 / max (ms)', values: cells((r) => spread(r.applyMs)), ratio: '', target: '', verdict: '' },
    { scenario, figure: 'longest event-loop stall in the server (ms)', values: cells((r) => formatMs(r.longestStallMs)), ratio: '', target: `ours ≤ ${stormTargets.maxStallMs} ms`, verdict: verdict(stallMet) },
    { scenario, figure: 'every edit on every client, from the storm (ms)', values: cells((r) => formatMs(r.convergedMs)), ratio: '', target: '', verdict: '' },
    { scenario, figure: 'other processes on the server core during the storm (%)', values: cells((r) => (Number.isFinite(r.otherLoadOnServerCore) ? (r.otherLoadOnServerCore * 100).toFixed(0) : '—')), ratio: '', target: 'a few % (more: disturbed)', verdict: '' },
    { scenario, figure: 'lost', values: cells(describeLoss), ratio: '', target: 'nothing lost, every server', verdict: verdict(lostMet) },
  ]
  const oursText = ours === null ? '—' : `${formatMs(p95(ours))} ms`
  const checks: TargetCheck[] = [
    {
      name: `${short}: p95 time to synced ≤ ${stormTargets.maxP95Ratio}× the best peer's`,
      met: p95Met,
      detail: `${oursText}, ${ratioText} the best peer; the server's answer alone: ${ours === null ? '—' : `${formatMs(percentileOf(ours.answerMs, 0.95))} ms`}, ${formatRatio(answerRatio)} the best peer's`,
    },
    { name: `${short}: no event-loop stall over ${stormTargets.maxStallMs} ms in ours`, met: stallMet, detail: ours === null ? '—' : `longest ${formatMs(ours.longestStallMs)} ms` },
    {
      name: `${short}: nothing lost on any server`,
      met: lostMet,
      detail: kinds.map((kind) => `${serverLabels[kind]}: ${results[kind]?.ok === false ? 'failed' : isNothingLost(valueOf(kind) as StormResult) ? 'nothing lost' : describeLoss(valueOf(kind) as StormResult)}`).join('; '),
    },
  ]
  return { rows, checks }
}
