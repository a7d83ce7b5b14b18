/**
 * The big room's verdicts (issue 19): at every step from 400 clients up, our
 * server's CPU at most half the best peer's and its p99 no higher; and the
 * largest room passing at least twice the best peer's, or, where the load
 * could not find the best peer's limit (it passed every step it ran), our
 * CPU at that top step at most half its. "Best peer" is per figure and per
 * step, among the peers measured at that step in the same run. Pure: formats
 * what report.ts hands it, never measures.
 */
import type { LoadResult } from './load/load-spec'
import type { RampResult, RampStep } from './load/load-scenarios'
import { bigRoom } from './load/load-scenarios'
import { formatMs } from './markdown'
import type { PerServer, TargetCheck } from './report'
import { serverKinds, type ServerKind } from './server-process'

export const bigRoomTargets = {
  /** Steps from this many clients up are held to the per-step targets. */
  fromClients: 400,
  maxCpuRatio: 0.5,
  maxP99Ratio: 1,
  minLargestRoomRatio: 2,
} as const

export interface BigRoomRow {
  figure: string
  values: Partial<Record<ServerKind, string>>
  ratio: string
  target: string
  verdict: string
}

const peers = serverKinds.filter((kind) => kind !== 'atelier')
const cpuPercent = (result: LoadResult): number => (result.serverCpuSeconds / result.measuredSeconds) * 100

function rampOf(results: PerServer<RampResult>, kind: ServerKind): RampResult | null {
  const outcome = results[kind]
  return outcome?.ok === true ? outcome.value : null
}

function stepOf(ramp: RampResult | null, clients: number): RampStep | null {
  return ramp?.steps.find((step) => step.clients === clients) ?? null
}

function ratioText(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—'
}

/** One row and one verdict per step from 400 up that ours and at least one peer ran. */
function stepRows(results: PerServer<RampResult>): { rows: BigRoomRow[]; misses: string[]; compared: number[] } {
  const ours = rampOf(results, 'atelier')
  const rows: BigRoomRow[] = []
  const misses: string[] = []
  const compared: number[] = []
  for (const step of ours?.steps ?? []) {
    if (step.clients < bigRoomTargets.fromClients) continue
    const peerSteps = peers.map((kind) => stepOf(rampOf(results, kind), step.clients)).filter((found): found is RampStep => found !== null)
    const values: Partial<Record<ServerKind, string>> = {}
    for (const kind of serverKinds) {
      const found = stepOf(rampOf(results, kind), step.clients)
      if (found !== null) values[kind] = `${formatMs(found.result.latency.p99Ms)} ms / ${cpuPercent(found.result).toFixed(0)}%${found.passed ? '' : ' (failed)'}`
    }
    const row: BigRoomRow = { figure: `${step.clients} clients: p99 / server CPU`, values, ratio: '—', target: 'CPU ≤ 0.5×, p99 ≤ 1× best peer', verdict: 'n/a (no peer ran this step)' }
    if (peerSteps.length > 0) {
      const cpuRatio = cpuPercent(step.result) / Math.min(...peerSteps.map((peer) => cpuPercent(peer.result)))
      const p99Ratio = step.result.latency.p99Ms / Math.min(...peerSteps.map((peer) => peer.result.latency.p99Ms))
      const met = cpuRatio <= bigRoomTargets.maxCpuRatio && p99Ratio <= bigRoomTargets.maxP99Ratio
      row.ratio = `CPU ${ratioText(cpuRatio)}, p99 ${ratioText(p99Ratio)}`
      row.verdict = met ? 'met' : 'not met'
      compared.push(step.clients)
      if (!met) misses.push(`${step.clients} (CPU ${ratioText(cpuRatio)}, p99 ${ratioText(p99Ratio)})`)
    }
    rows.push(row)
  }
  return { rows, misses, compared }
}

/** Whether the ramp found where `ramp` stops: a step it failed, or one it could not run. */
function hasFoundLimit(ramp: RampResult): boolean {
  return ramp.stoppedBy !== undefined || ramp.steps.some((step) => !step.passed)
}

function largestRoomCheck(results: PerServer<RampResult>): { check: TargetCheck; verdict: string } {
  const name = `Big room: largest room passing ≥ ${bigRoomTargets.minLargestRoomRatio}× the best peer's (or, where the load cannot find the peer's limit, CPU at the top step ≤ ${bigRoomTargets.maxCpuRatio}×)`
  const ours = rampOf(results, 'atelier')
  const peerRamps = peers.map((kind) => rampOf(results, kind)).filter((ramp): ramp is RampResult => ramp !== null)
  if (ours === null || peerRamps.length === 0) return { check: { name, met: null, detail: 'ours or every peer missing' }, verdict: 'n/a' }
  const best = peerRamps.reduce((most, ramp) => (ramp.largestPassing > most.largestPassing ? ramp : most))
  if (ours.largestPassing === 0 && best.largestPassing === 0) return { check: { name, met: null, detail: 'no server passed any step it ran' }, verdict: 'n/a' }
  if (hasFoundLimit(best)) {
    const ratio = ours.largestPassing / Math.max(1, best.largestPassing)
    const met = ratio >= bigRoomTargets.minLargestRoomRatio
    return { check: { name, met, detail: `${ours.largestPassing} clients against ${best.largestPassing}, ${ratioText(ratio)}` }, verdict: met ? 'met' : `not met (${ratioText(ratio)})` }
  }
  const top = best.steps.at(-1)
  const oursAtTop = top === undefined ? null : stepOf(ours, top.clients)
  if (top === undefined || oursAtTop === null) return { check: { name, met: null, detail: 'the best peer passed every step it ran, and ours did not run its top step' }, verdict: 'n/a' }
  const ratio = cpuPercent(oursAtTop.result) / cpuPercent(top.result)
  const met = oursAtTop.passed && ratio <= bigRoomTargets.maxCpuRatio
  const detail = `the best peer passed every step up to ${top.clients} (its limit not found); CPU there ${cpuPercent(oursAtTop.result).toFixed(0)}% against ${cpuPercent(top.result).toFixed(0)}%, ${ratioText(ratio)}`
  return { check: { name, met, detail }, verdict: met ? 'met (CPU at the top step)' : `not met (CPU ${ratioText(ratio)} at ${top.clients})` }
}

/** The big room's per-step rows and its two checks. */
export function bigRoomVerdicts(results: PerServer<RampResult>): { rows: BigRoomRow[]; checks: TargetCheck[]; largestRoomVerdict: string } {
  const { rows, misses, compared } = stepRows(results)
  const stepsName = `Big room: at every step from ${bigRoomTargets.fromClients} up, server CPU ≤ ${bigRoomTargets.maxCpuRatio}× and p99 ≤ ${bigRoomTargets.maxP99Ratio}× the best peer's`
  const stepsCheck: TargetCheck =
    compared.length === 0
      ? { name: stepsName, met: null, detail: `no step from ${bigRoomTargets.fromClients} up that ours and a peer both ran` }
      : {
          name: stepsName,
          met: misses.length === 0,
          detail: `compared at ${compared.join(', ')} clients (the steps a peer ran: each ramp stops at its first failing step, p99 ≥ ${bigRoom.maxP99Ms} ms or < ${bigRoom.minDeliveredRatio * 100}% delivered)${misses.length > 0 ? `; not met at ${misses.join(', ')}` : ''}`,
        }
  const largest = largestRoomCheck(results)
  return { rows, checks: [stepsCheck, largest.check], largestRoomVerdict: largest.verdict }
}
