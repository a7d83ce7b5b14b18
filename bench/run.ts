/**
 * `npm run bench`: compares our server with the two relays people would use
 * instead (y-websocket-server 0.1.1, Hocuspocus 4.7.0) under the same loads
 * over loopback, prints one table with every server's figures and our ratio
 * to the best peer, and writes it with a short reading to bench/RESULTS.md.
 * Each server runs in a fresh process on an empty data folder, pinned to core
 * 0; the load processes, the cold-load client and Chromium run on core 1.
 * The scale-out scenarios (ours only) also run two instances over PostgreSQL
 * and Redis, all of them on core 0 too (scale-out.ts).
 * Every child process is killed at the end, also on failure or Ctrl-C.
 *
 * Env filters for quick runs:
 *   BENCH_SCENARIOS=workshop,ramp,many-pads,two-instances,two-instances-many-pads,idle,join-storm,reconnect-storm,cold-load,browser,history,churn (default: all)
 *   BENCH_SERVERS=atelier,ywebsocket,hocuspocus,floor (default: all; `floor`, a relay that only
 *     forwards bytes, runs in the workshop and many-pads scenarios only)
 *   BENCH_QUICK=1 shortens every load window (a trial, not a result)
 *   BENCH_RAMP_STEPS=200,400 runs only these big-room steps (all of them, even after a failure)
 *   BENCH_LOAD_PROCESSES=n drives each load step from n load processes (default: one per core
 *     but the server's; more than the cores only to try the sharding out)
 *   BENCH_LOAD_PROFILE_DIR=<dir> profiles the load processes (node --cpu-prof)
 *   BENCH_CPU_PROFILE=<dir> profiles our server (node --cpu-prof) in the load
 *     scenarios (workshop, ramp, many pads) and the storms and prints the summaries; RESULTS.md is not written then, since the
 *     profiler slows the server down.
 * A run narrowed by any of these (or profiled) prints its report and leaves
 * bench/RESULTS.md as the last full run wrote it.
 * The benchmark is not a test and never runs in CI.
 */
import { runCheckpointComparison } from './history/checkpoint-load'
import { simulateWorkshopHistory } from './history/history-storage'
import { runChurn } from './memory/churn'
import { runHistoryBrowser } from './history/history-browser'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { prepareLargePad, runBrowser, type LargePadSource } from './browser/browser-load'
import { canPin, killAll, killChildrenOnExit, pinSelf } from './child-processes'
import { createDisturbanceGuard, noDisturbanceGuard } from './disturbance'
import { runColdLoad } from './cold-load'
import { runJoinStorm, runReconnectStorm } from './storm/storm'
import { runIdleScale, runManyPads, runRamp, runWorkshop, type LoadShape, type ScenarioContext } from './load/load-scenarios'
import type { LoadResult } from './load/load-spec'
import { readMachineBusySeconds, readOwnTreeCpuSeconds } from './proc-stats'
import { formatSummary, summarizeProfile } from './profile-summary'
import { renderResults, type Outcome, type PerServer, type RunResults } from './report'
import { createScaleOutServicesOnDemand } from './scale-out/scale-out'
import { runScaleOutStep, scaleOutSetupLabels, scaleOutSetups, twoInstancesManyPads, twoInstancesOnePad } from './scale-out/scale-out-scenarios'
import { emptyScaleOutResults, type ScaleOutResults } from './scale-out/scale-out-report'
import { floorKind, loadCore, projectRoot, serverKinds, serverLabels, type ServerKind } from './server-process'

const scenarioIds = ['workshop', 'ramp', 'many-pads', 'two-instances', 'two-instances-many-pads', 'idle', 'join-storm', 'reconnect-storm', 'cold-load', 'browser', 'history', 'churn'] as const
type ScenarioId = (typeof scenarioIds)[number]

function parseList<T extends string>(name: string, allowed: readonly T[]): T[] {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return [...allowed]
  const picked = raw.split(',').map((item) => item.trim()).filter((item) => item !== '')
  const unknown = picked.filter((item) => !(allowed as readonly string[]).includes(item))
  if (unknown.length > 0) throw new RangeError(`${name}: unknown ${unknown.join(', ')}; expected some of ${allowed.join(', ')}`)
  return allowed.filter((item) => picked.includes(item))
}

/** Whether the run leaves out scenarios, servers, steps or time: its report is not the full results. */
const isPartialRun = ['BENCH_SCENARIOS', 'BENCH_SERVERS', 'BENCH_QUICK', 'BENCH_RAMP_STEPS', 'BENCH_LOAD_PROCESSES', 'BENCH_LOAD_PROFILE_DIR'].some((name) => (process.env[name] ?? '').trim() !== '')

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

async function attempt<T>(what: string, work: () => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now()
  try {
    const value = await work()
    log(`${what}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    return { ok: true, value }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    log(`${what}: FAILED: ${message}`)
    return { ok: false, error: message }
  }
}

function cpuModel(): string {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8')
  return /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown'
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')
}

async function main(): Promise<void> {
  const scenarios = parseList<ScenarioId>('BENCH_SCENARIOS', scenarioIds)
  const servers = parseList<ServerKind>('BENCH_SERVERS', [...serverKinds, floorKind])
  const cpuProfileDir = process.env.BENCH_CPU_PROFILE
  const rampSteps = process.env.BENCH_RAMP_STEPS === undefined ? null : process.env.BENCH_RAMP_STEPS.split(',').map(Number)
  if (rampSteps !== null && rampSteps.some((count) => !Number.isInteger(count) || count < 2 || count > 10_000)) {
    throw new RangeError(`BENCH_RAMP_STEPS: expected client counts from 2 to 10000, got ${process.env.BENCH_RAMP_STEPS}`)
  }
  // `nproc` before this process pins itself to one core (nproc counts the cores a process may use).
  const cores = os.availableParallelism()
  killChildrenOnExit()
  pinSelf(loadCore)

  const startedAt = new Date()
  const started = performance.now()
  const machineBusyStart = readMachineBusySeconds()
  const ownStart = readOwnTreeCpuSeconds()
  const loadAverageAtStart = loadAverage()
  const guard = cpuProfileDir === undefined && process.env.BENCH_QUICK !== '1' ? createDisturbanceGuard(log) : noDisturbanceGuard
  const context: ScenarioContext = { epochMs: Date.now(), guard, log, ...(cpuProfileDir === undefined ? {} : { cpuProfileDir }) }
  log(`scenarios: ${scenarios.join(', ')}; servers: ${servers.join(', ')}${canPin() ? '' : ' (not pinned: taskset or a second core missing)'}`)

  const results: RunResults = {
    startedAt: startedAt.toISOString(),
    durationSeconds: 0,
    machine: {
      cores,
      cpuModel: cpuModel(),
      nodeVersion: process.version,
      kernel: os.release(),
      memoryGiB: os.totalmem() / 1024 ** 3,
      isPinned: canPin(),
      loadAverageAtStart,
      loadAverageAtEnd: '',
      otherProcessesCpuShare: 0,
      quietWaitSeconds: 0,
    },
    servers,
    scenarios: [...scenarios],
    workshop: {},
    ramp: {},
    manyPads: {},
    twoInstances: emptyScaleOutResults(),
    twoInstancesManyPads: emptyScaleOutResults(),
    idle: {},
    joinStorm: {},
    reconnectStorm: {},
    coldLoad: {},
  }

  const forEachServer = async <T>(id: ScenarioId, into: PerServer<T>, run: (kind: ServerKind) => Promise<T>): Promise<void> => {
    if (!scenarios.includes(id)) return
    for (const kind of servers) {
      // The floor only says what forwarding costs under the steady loads; it has no pads to load or rooms to fill.
      if (kind === floorKind && id !== 'workshop' && id !== 'many-pads') continue
      into[kind] = await attempt(`${id} · ${serverLabels[kind]}`, () => run(kind))
    }
  }

  await forEachServer('workshop', results.workshop, (kind) => runWorkshop(kind, context))
  await forEachServer('ramp', results.ramp, (kind) =>
    runRamp(
      kind,
      context,
      (step) => {
        const r = step.result
        log(
          `  ${serverLabels[kind]} · ${step.clients} clients: ${step.passed ? 'pass' : 'fail'} — delivered ${((r.delivered / Math.max(1, r.expected)) * 100).toFixed(2)}%, ` +
            `p99 ${r.latency.p99Ms.toFixed(1)} ms, server CPU ${((r.serverCpuSeconds / r.measuredSeconds) * 100).toFixed(0)}%, load process ${r.generatorCpuPercent.toFixed(0)}%, ` +
            `others on the server core ${(r.otherLoadOnServerCore * 100).toFixed(0)}%`,
        )
      },
      rampSteps === null ? {} : { steps: rampSteps, isExhaustive: true },
    ),
  )
  await forEachServer('many-pads', results.manyPads, (kind) => runManyPads(kind, context))

  // PostgreSQL and Redis start with the first scale-out step that needs them and serve the rest of the run.
  const scaleOutServices = createScaleOutServicesOnDemand()
  const forEachSetup = async (id: ScenarioId, into: ScaleOutResults, shape: LoadShape, measured?: { title: string; outcome: Outcome<LoadResult> | undefined }): Promise<void> => {
    // The peers have no multi-instance mode: these scenarios are ours alone.
    if (!scenarios.includes(id) || !servers.includes('atelier')) return
    for (const setup of scaleOutSetups) {
      // One instance on SQLite is exactly what `measured` ran (same load, same window): not run twice.
      if (setup === 'sqlite-1' && measured?.outcome?.ok === true) {
        into.steps[setup] = measured.outcome
        into.takenFrom[setup] = measured.title
        continue
      }
      into.steps[setup] = await attempt(`${id} · ${scaleOutSetupLabels[setup]}`, () => runScaleOutStep(setup, shape, scaleOutServices.get, context))
    }
  }
  try {
    await forEachSetup('two-instances', results.twoInstances, twoInstancesOnePad)
    await forEachSetup('two-instances-many-pads', results.twoInstancesManyPads, twoInstancesManyPads, { title: 'many-pads', outcome: results.manyPads.atelier })
  } finally {
    await scaleOutServices.close()
  }
  await forEachServer('idle', results.idle, (kind) => runIdleScale(kind, context))
  await forEachServer('join-storm', results.joinStorm, (kind) => runJoinStorm(kind, context))
  await forEachServer('reconnect-storm', results.reconnectStorm, (kind) => runReconnectStorm(kind, context))

  let largePad: LargePadSource | null = null
  const wantsBrowser = scenarios.includes('browser') && servers.includes('atelier')
  await forEachServer('cold-load', results.coldLoad, async (kind) => {
    const result = await runColdLoad(kind, guard, kind === 'atelier' && wantsBrowser)
    if (kind === 'atelier' && wantsBrowser) largePad = { dataDir: result.dataDir, port: result.port, target: result.target, pad: result.pad }
    return result
  })
  if (wantsBrowser) {
    results.browser = await attempt('browser · Atelier Pad', async () => runBrowser(largePad ?? (await prepareLargePad()), guard))
  }
  if (scenarios.includes('history') && servers.includes('atelier')) {
    results.history = {
      storage: await attempt('history · storage of a 3-hour workshop', () => simulateWorkshopHistory()),
      checkpoints: await attempt('history · checkpoints under the workshop load', () => runCheckpointComparison(context)),
      browser: await attempt('history · the panel in Chromium on 100 versions of the 1 MB pad', () => runHistoryBrowser(guard)),
    }
  }

  if (scenarios.includes('churn') && servers.includes('atelier')) results.churn = await attempt('memory · a churn of new pads', () => runChurn())

  results.durationSeconds = (performance.now() - started) / 1000
  results.machine.quietWaitSeconds = guard.quietWaitSeconds
  results.machine.loadAverageAtEnd = loadAverage()
  const machineBusy = readMachineBusySeconds() - machineBusyStart
  const ownBusy = readOwnTreeCpuSeconds() - ownStart
  results.machine.otherProcessesCpuShare = Math.max(0, (machineBusy - ownBusy) / (results.durationSeconds * results.machine.cores))

  const report = renderResults(results)
  process.stdout.write(`\n${report}\n`)
  if (isPartialRun) {
    log('a filtered or quick run: bench/RESULTS.md (a full run) left as it was')
  } else if (cpuProfileDir === undefined) {
    fs.writeFileSync(path.join(projectRoot, 'bench/RESULTS.md'), report)
    log(`wrote bench/RESULTS.md (${(results.durationSeconds / 60).toFixed(1)} min)`)
  } else {
    // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (others are tsx's loader).
    const mainThreadProfiles = fs.readdirSync(cpuProfileDir).filter((name) => /\.\d+\.0\.\d+\.cpuprofile$/.test(name))
    for (const file of mainThreadProfiles.sort()) {
      const profile = JSON.parse(fs.readFileSync(path.join(cpuProfileDir, file), 'utf8')) as Parameters<typeof summarizeProfile>[0]
      process.stdout.write(`\n== CPU profile ${file}\n${formatSummary(summarizeProfile(profile))}\n`)
    }
    log('profiling run: bench/RESULTS.md left as it was')
  }
}

main().then(
  () => {
    killAll()
    process.exit(0)
  },
  (error: unknown) => {
    console.error(error)
    killAll()
    process.exit(1)
  },
)
