/**
 * The scale-out scenarios as people read them: one table row per set-up (one
 * instance on SQLite, one over PostgreSQL + Redis, two over PostgreSQL +
 * Redis) with delivery, throughput, latency and the CPU of every process on
 * the server core, the "nothing lost" checks, and the sentence that says how
 * the processes were placed. Pure: formats, never measures.
 */
import type { LoadResult, ProcessFigures } from '../load/load-spec'
import { formatMs, markdownTable } from '../markdown'
import type { Outcome, TargetCheck } from '../report'
import { scaleOutSetupLabels, scaleOutSetups, twoInstancesManyPads, twoInstancesOnePad, type ScaleOutSetup } from './scale-out-scenarios'
import type { LoadShape } from '../load/load-scenarios'

export interface ScaleOutResults {
  steps: Partial<Record<ScaleOutSetup, Outcome<LoadResult>>>
  /** Set-ups not measured again because another scenario of the run measured the same load: that scenario's title. */
  takenFrom: Partial<Record<ScaleOutSetup, string>>
}

export function emptyScaleOutResults(): ScaleOutResults {
  return { steps: {}, takenFrom: {} }
}

const scaleOutScenarioTitles = {
  twoInstances: 'Two instances, one pad',
  twoInstancesManyPads: 'Two instances, many pads',
} as const

function describeShape(shape: LoadShape): string {
  const clients = shape.pads === 1 ? `1 pad, ${shape.clientsPerPad} clients` : `${shape.pads} pads × ${shape.clientsPerPad} clients`
  const typists = shape.pads === 1 ? `${shape.typistsPerPad} typing` : `${shape.typistsPerPad} typing per pad`
  return `${clients}, ${typists} ${shape.typingPerSecond} updates/s, cursors ${shape.awarenessPerSecond}/s each; ${shape.loadSeconds} s measured`
}

function describePlacement(isPinned: boolean): string {
  if (!isPinned) return 'Placement: not pinned (taskset or a second core missing): the instances, PostgreSQL, Redis and the load process shared every core, so these figures mix them.'
  return (
    'Placement: every process that serves the load — the one or two instances, PostgreSQL with all its backends, redis-server — is pinned to core 0, the load process to core 1. ' +
    'So each set-up gets the same single core: these figures show what relaying through Redis and storing in PostgreSQL cost, not the capacity a second core or machine would add, ' +
    'and when core 0 is saturated the processes on it queue behind each other (latency then measures that queue). ' +
    'An instance\'s own CPU is what it would need of a core to itself; PostgreSQL and Redis would need theirs besides.'
  )
}

const header = [
  'scenario',
  'set-up',
  'delivered / expected updates',
  'presence delivered (approx.)',
  'delivered msgs/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'CPU % instances',
  'CPU % PostgreSQL',
  'CPU % Redis',
  'CPU % total',
  'CPU µs / msg',
  'other load on core 0 %',
]

function percentOfCore(seconds: number, result: LoadResult): string {
  return ((seconds / result.measuredSeconds) * 100).toFixed(0)
}

function cpuOf(result: LoadResult, pick: (figures: ProcessFigures) => boolean): ProcessFigures[] {
  return result.processes.filter(pick)
}

function row(scenario: string, setup: ScaleOutSetup, outcome: Outcome<LoadResult>, takenFrom: string | undefined): string[] {
  const label = takenFrom === undefined ? scaleOutSetupLabels[setup] : `${scaleOutSetupLabels[setup]} (the ${takenFrom} step of this run)`
  if (!outcome.ok) return [scenario, label, `failed: ${outcome.error.split('\n')[0] ?? ''}`, ...new Array<string>(header.length - 3).fill('')]
  const r = outcome.value
  const share = r.expected === 0 ? Number.NaN : r.delivered / r.expected
  const instances = cpuOf(r, (figures) => figures.role === 'server')
  const service = (name: string): string => {
    const found = cpuOf(r, (figures) => figures.name === name)
    return found.length === 0 ? '—' : found.map((figures) => percentOfCore(figures.cpuSeconds, r)).join(' + ')
  }
  const issues = [
    r.connectFailures > 0 ? `${r.connectFailures} not connected` : '',
    r.dropped > 0 ? `${r.dropped} dropped` : '',
  ].filter((issue) => issue !== '')
  return [
    scenario,
    label,
    `${r.delivered}/${r.expected} (${Number.isFinite(share) ? (share * 100).toFixed(share === 1 ? 0 : 2) : '—'}%)${issues.length > 0 ? `, ${issues.join(', ')}` : ''}`,
    r.awarenessExpected === 0 ? '—' : `${((r.awarenessDelivered / r.awarenessExpected) * 100).toFixed(r.awarenessDelivered === r.awarenessExpected ? 0 : 2)}%`,
    ((r.delivered + r.awarenessDelivered) / r.measuredSeconds).toFixed(0),
    formatMs(r.latency.p50Ms),
    formatMs(r.latency.p95Ms),
    formatMs(r.latency.p99Ms),
    formatMs(r.latency.maxMs),
    instances.map((figures) => percentOfCore(figures.cpuSeconds, r)).join(' + '),
    service('PostgreSQL'),
    service('Redis'),
    percentOfCore(r.serverCpuSeconds, r),
    ((r.serverCpuSeconds * 1e6) / Math.max(1, r.delivered + r.awarenessDelivered)).toFixed(1),
    (r.otherLoadOnServerCore * 100).toFixed(0),
  ]
}

interface ScaleOutRunResults {
  machine: { isPinned: boolean }
  twoInstances: ScaleOutResults
  twoInstancesManyPads: ScaleOutResults
}

function scenarios(results: ScaleOutRunResults): { title: string; shape: LoadShape; results: ScaleOutResults }[] {
  return [
    { title: scaleOutScenarioTitles.twoInstances, shape: twoInstancesOnePad, results: results.twoInstances },
    { title: scaleOutScenarioTitles.twoInstancesManyPads, shape: twoInstancesManyPads, results: results.twoInstancesManyPads },
  ].filter((scenario) => Object.keys(scenario.results.steps).length > 0)
}

export function hasScaleOutResults(results: ScaleOutRunResults): boolean {
  return scenarios(results).length > 0
}

/** The scale-out table with the loads and the placement under it; empty when neither scenario ran. */
export function renderScaleOutTable(results: ScaleOutRunResults): string {
  const ran = scenarios(results)
  if (ran.length === 0) return ''
  const body: string[][] = []
  for (const scenario of ran) {
    for (const setup of scaleOutSetups) {
      const outcome = scenario.results.steps[setup]
      if (outcome !== undefined) body.push(row(scenario.title, setup, outcome, scenario.results.takenFrom[setup]))
    }
  }
  const loads = ran.map((scenario) => `${scenario.title}: ${describeShape(scenario.shape)}`).join('. ')
  return [
    '### Several instances (ours only)',
    '',
    `${loads}. The set-ups run one after the other on fresh instances (and a fresh PostgreSQL schema); with two instances each pad's clients alternate between them ` +
      '(as a round-robin balancer without sticky sessions hands them out; pads are not assigned to instances), so every update and cursor move crosses Redis. ' +
      'After the window the load process waits up to 30 s for every update, so that late is not counted as lost. ' +
      '"Delivered msgs/s": updates and presence entries delivered to other clients, per second from the window\'s start to the last update\'s arrival. ' +
      'Presence entries carry no timestamp: they are counted while the window is open, so the share can pass 100% by what was in flight when it opened; about 50% with two instances would mean presence does not cross them. ' +
      '"CPU %": of one core; the instances\' column lists each one.',
    '',
    markdownTable(header, body),
    '',
    describePlacement(results.machine.isPinned),
  ].join('\n')
}

/** "Nothing lost" for the two-instance set-up of each scenario that ran. */
export function scaleOutChecks(results: ScaleOutRunResults): TargetCheck[] {
  return scenarios(results).map((scenario) => {
    const outcome = scenario.results.steps['postgres-2']
    const name = `${scenario.title}: nothing lost across instances`
    if (outcome === undefined) return { name, met: null, detail: 'not run' }
    if (!outcome.ok) return { name, met: null, detail: `failed: ${outcome.error.split('\n')[0] ?? ''}` }
    const r = outcome.value
    const met = r.expected > 0 && r.delivered === r.expected && r.dropped === 0 && r.connectFailures === 0
    return { name, met, detail: `${r.delivered}/${r.expected} updates, ${r.awarenessDelivered}/${r.awarenessExpected} presence entries${r.dropped > 0 ? `, ${r.dropped} connections dropped` : ''}` }
  })
}

/** Every measured step, labelled, for the reading's notes on retries and disturbance. */
export function scaleOutSteps(results: ScaleOutRunResults): { label: string; result: LoadResult }[] {
  const steps: { label: string; result: LoadResult }[] = []
  for (const scenario of scenarios(results)) {
    for (const setup of scaleOutSetups) {
      const outcome = scenario.results.steps[setup]
      // A step taken from another scenario is listed there.
      if (outcome?.ok === true && scenario.results.takenFrom[setup] === undefined) steps.push({ label: `${scenario.title.toLowerCase()}/${setup}`, result: outcome.value })
    }
  }
  return steps
}

/** Failures, one line each, for the details' failure list. */
export function scaleOutFailures(results: ScaleOutRunResults): string[] {
  const failures: string[] = []
  for (const scenario of scenarios(results)) {
    for (const setup of scaleOutSetups) {
      const outcome = scenario.results.steps[setup]
      if (outcome?.ok === false && scenario.results.takenFrom[setup] === undefined) failures.push(`- ${scenario.title}, ${scaleOutSetupLabels[setup]}: ${outcome.error}`)
    }
  }
  return failures
}
