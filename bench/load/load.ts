/**
 * The load process: started by the runner for one step of one scenario
 * (pinned to the core the server does not use), it connects every simulated
 * client, drives the typing and cursor moves at fixed rates, measures over a
 * bounded window, and prints one `RESULT <json>` line. Server CPU and memory
 * are read from /proc here, at the window's edges, for every process serving
 * the load (one server, or instances with PostgreSQL and Redis). Its own CPU use is
 * reported too: a saturated load process would make any server look slow.
 *
 * Input: the `LoadSpec` as JSON in the file named by BENCH_LOAD_SPEC_FILE.
 */
import fs from 'node:fs'
import { createLatencyHistogram } from './latency-histogram'
import { clockTenths } from './latency-marker'
import { createLoadClient, type Deliveries, type LoadClient, type PadTarget } from './load-client'
import type { LoadResult, LoadSpec, ProcessFigures, WatchedProcess } from './load-spec'
import { readCoreBusySeconds, readCpuSeconds, readProcessTreeCpuSeconds, readRssBytes } from '../proc-stats'
import { createWireCodec, type WireCodec } from './wire'

const specFile = process.env.BENCH_LOAD_SPEC_FILE
const spec = specFile === undefined ? null : (JSON.parse(fs.readFileSync(specFile, 'utf8')) as LoadSpec)
if (spec === null) {
  console.error('bench/load/load.ts is started by bench/run.ts with BENCH_LOAD_SPEC_FILE set')
  process.exit(2)
}

// A hard bound on the whole process, whatever happens to the server.
const budgetSeconds = spec.connectTimeoutSeconds + spec.warmupSeconds + spec.loadSeconds + spec.drainSeconds + spec.settleSeconds + 30
setTimeout(() => {
  console.error(`load process exceeded its ${budgetSeconds} s budget`)
  process.exit(3)
}, budgetSeconds * 1000).unref()

main(spec).then(
  (result) => {
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`, () => process.exit(0))
  },
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)

async function main(spec: LoadSpec): Promise<LoadResult> {
  const deliveries: Deliveries = {
    histogram: createLatencyHistogram(),
    windowStartTenths: Number.POSITIVE_INFINITY,
    windowEndTenths: Number.POSITIVE_INFINITY,
    isCountingAwareness: false,
    deliveredUpdates: 0,
    deliveredAwareness: 0,
    framesReceived: 0,
    dropped: 0,
    errors: [],
  }
  const rssBaseline = readServersRssBytes(spec.serverProcesses)
  const clients: LoadClient[] = []
  const padOfClient: number[] = []
  let nextId = 1
  spec.pads.forEach((targets, padIndex) => {
    if (targets.length === 0) throw new RangeError(`pad ${padIndex} has no target`)
    const codecs = targets.map((target) => createWireCodec(spec.dialect, target.documentName))
    for (let i = 0; i < spec.clientsPerPad; i++) {
      const target = targets[i % targets.length] as PadTarget
      const codec = codecs[i % targets.length] as WireCodec
      const plan = { id: nextId++, isTypist: i < spec.typistsPerPad, target }
      clients.push(createLoadClient(plan, codec, deliveries, { epochMs: spec.epochMs, announcesPresence: true }))
      padOfClient.push(padIndex)
    }
  })

  // Interleave pads so that a slow pad does not hold the whole connection phase.
  const order = clients.map((_, index) => index)
  if (spec.pads.length > 1) order.sort((a, b) => (a % spec.clientsPerPad) - (b % spec.clientsPerPad) || a - b)
  const connectStart = performance.now()
  let connected = 0
  let connectFailures = 0
  let lastSyncedAt = connectStart
  let cursor = 0
  const deadline = connectStart + spec.connectTimeoutSeconds * 1000
  const worker = async (): Promise<void> => {
    while (cursor < order.length) {
      const client = clients[order[cursor++] as number] as LoadClient
      const remainingMs = Math.max(1000, deadline - performance.now())
      try {
        await client.connect(remainingMs)
        connected += 1
        lastSyncedAt = performance.now()
      } catch (error) {
        connectFailures += 1
        if (deliveries.errors.length < 10) deliveries.errors.push((error as Error).message)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(spec.connectConcurrency, order.length) }, worker))
  const connectSeconds = (lastSyncedAt - connectStart) / 1000

  const base = {
    clients: clients.length,
    connected,
    connectFailures,
    connectSeconds,
    errors: deliveries.errors,
  }

  if (spec.mode === 'idle') {
    await sleep(spec.settleSeconds * 1000)
    const rss = readServersRssBytes(spec.serverProcesses)
    const result: LoadResult = {
      ...base,
      dropped: deliveries.dropped,
      sent: 0,
      expected: 0,
      delivered: 0,
      latency: deliveries.histogram.summarize(),
      awarenessExpected: 0,
      awarenessDelivered: 0,
      measuredSeconds: 0,
      serverCpuSeconds: 0,
      serverRssBytes: rss,
      serverRssBaselineBytes: rssBaseline,
      processes: [],
      generatorCpuPercent: 0,
      generatorSystemShare: 0,
      otherLoadOnServerCore: 0,
      framesReceived: deliveries.framesReceived,
    }
    for (const client of clients) client.close()
    return result
  }

  // Load: every typist types and every client moves its cursor, each at a
  // fixed rate with a random phase, from the warm-up on; only the window counts.
  const typePeriodMs = 1000 / spec.typingPerSecond
  const movePeriodMs = spec.awarenessPerSecond > 0 ? 1000 / spec.awarenessPerSecond : Number.POSITIVE_INFINITY
  const start = performance.now()
  const nextType = clients.map((client) => (client.plan.isTypist ? start + Math.random() * typePeriodMs : Number.POSITIVE_INFINITY))
  const nextMove = clients.map(() => start + Math.random() * movePeriodMs)
  let isInWindow = false
  let isSending = true
  let sent = 0
  const sentPerPad = new Array<number>(spec.pads.length).fill(0)
  const awarenessPerPad = new Array<number>(spec.pads.length).fill(0)
  const tick = (): void => {
    if (!isSending) return
    const now = performance.now()
    for (let i = 0; i < clients.length; i++) {
      const client = clients[i] as LoadClient
      // A late tick sends what was due (at most one period behind), so that rates hold.
      if ((nextType[i] as number) <= now) {
        nextType[i] = Math.max((nextType[i] as number) + typePeriodMs, now - typePeriodMs)
        const time = client.type()
        if (time !== null && isInWindow && time < deliveries.windowEndTenths) {
          sent += 1
          increment(sentPerPad, padOfClient[i])
        }
      }
      if ((nextMove[i] as number) <= now) {
        nextMove[i] = Math.max((nextMove[i] as number) + movePeriodMs, now - movePeriodMs)
        if (client.moveCursor() && isInWindow) {
          increment(awarenessPerPad, padOfClient[i])
        }
      }
    }
  }
  const ticker = setInterval(tick, 5)
  await sleep(spec.warmupSeconds * 1000)

  const cpuStart = spec.serverProcesses.map(readProcessCpuSeconds)
  const coreStart = spec.serverCore === null ? Number.NaN : readCoreBusySeconds(spec.serverCore)
  const ownCpuStart = process.cpuUsage()
  const windowStart = performance.now()
  deliveries.windowStartTenths = clockTenths(spec.epochMs)
  deliveries.windowEndTenths = Number.POSITIVE_INFINITY
  deliveries.isCountingAwareness = true
  isInWindow = true
  await sleep(spec.loadSeconds * 1000)
  deliveries.windowEndTenths = clockTenths(spec.epochMs)
  isInWindow = false
  isSending = false
  clearInterval(ticker)

  const expected = sentPerPad.reduce((sum, count) => sum + count * (spec.clientsPerPad - 1), 0)
  const awarenessExpected = awarenessPerPad.reduce((sum, count) => sum + count * (spec.clientsPerPad - 1), 0)
  const drainDeadline = performance.now() + spec.drainSeconds * 1000
  const isInFlight = (): boolean =>
    deliveries.deliveredUpdates < expected || (spec.drainUntil === 'all' && deliveries.deliveredAwareness < awarenessExpected)
  while (performance.now() < drainDeadline && isInFlight()) {
    await sleep(20)
  }
  deliveries.isCountingAwareness = false
  const measuredSeconds = (performance.now() - windowStart) / 1000
  const processes: ProcessFigures[] = spec.serverProcesses.map((watched, index) => ({
    name: watched.name,
    role: watched.role,
    cpuSeconds: readProcessCpuSeconds(watched) - (cpuStart[index] as number),
    rssBytes: readRssBytes(watched.pid),
  }))
  const serverCpuSeconds = processes.reduce((sum, figures) => sum + figures.cpuSeconds, 0)
  const coreBusySeconds = spec.serverCore === null ? Number.NaN : readCoreBusySeconds(spec.serverCore) - coreStart
  const ownCpu = process.cpuUsage(ownCpuStart)
  const serverRssBytes = readServersRssBytes(spec.serverProcesses)
  for (const client of clients) client.close()

  return {
    ...base,
    dropped: deliveries.dropped,
    sent,
    expected,
    delivered: deliveries.deliveredUpdates,
    latency: deliveries.histogram.summarize(),
    awarenessExpected,
    awarenessDelivered: deliveries.deliveredAwareness,
    measuredSeconds,
    serverCpuSeconds,
    serverRssBytes,
    serverRssBaselineBytes: rssBaseline,
    processes,
    generatorCpuPercent: ((ownCpu.user + ownCpu.system) / 1e6 / measuredSeconds) * 100,
    generatorSystemShare: ownCpu.system / Math.max(1, ownCpu.user + ownCpu.system),
    otherLoadOnServerCore: Math.max(0, (coreBusySeconds - serverCpuSeconds) / measuredSeconds),
    framesReceived: deliveries.framesReceived,
  }
}

function readProcessCpuSeconds(watched: WatchedProcess): number {
  return watched.role === 'service' ? readProcessTreeCpuSeconds(watched.pid) : readCpuSeconds(watched.pid)
}

function readServersRssBytes(watched: WatchedProcess[]): number {
  return watched.filter((candidate) => candidate.role === 'server').reduce((sum, server) => sum + readRssBytes(server.pid), 0)
}

function increment(counts: number[], index: number | undefined): void {
  if (index !== undefined) counts[index] = (counts[index] ?? 0) + 1
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
