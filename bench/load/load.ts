/**
 * A load process: started by the runner (load-process.ts) for one step of
 * one scenario, pinned to a core the server does not use, it connects its
 * share of the simulated clients (`LoadShard`), drives their typing and
 * cursor moves at fixed rates, and counts what they receive in a window the
 * runner sets for every load process alike; then it reports its figures
 * (`ShardResult`) over the IPC channel. Process 0 also reads the server's
 * CPU and memory from /proc at the window's edges, for every process serving
 * the load (one server, or instances with PostgreSQL and Redis). Each
 * reports its own CPU use: a saturated load process would make any server
 * look slow.
 *
 * Input: the `LoadSpec` as JSON in the file named by BENCH_LOAD_SPEC_FILE,
 * the shard as "index/count" in BENCH_LOAD_SHARD; the runner's messages.
 */
import fs from 'node:fs'
import { createLatencyHistogram } from './latency-histogram'
import { clockTenths } from './latency-marker'
import { createLoadClient, type Deliveries, type LoadClient, type PadTarget } from './load-client'
import { expectedByShard } from './load-merge'
import type { LoadShard, LoadSpec, ProcessFigures, RunnerMessage, ShardMessage, ShardResult, WatchedProcess } from './load-spec'
import { readCoreBusySeconds, readCpuSeconds, readProcessTreeCpuSeconds, readRssBytes } from '../proc-stats'
import { createWireCodec, type WireCodec } from './wire'

const specFile = process.env.BENCH_LOAD_SPEC_FILE
const spec = specFile === undefined ? null : (JSON.parse(fs.readFileSync(specFile, 'utf8')) as LoadSpec)
const shard = parseShard(process.env.BENCH_LOAD_SHARD ?? '0/1')
if (spec === null || process.send === undefined) {
  console.error('bench/load/load.ts is started by bench/load/load-process.ts, with BENCH_LOAD_SPEC_FILE set and an IPC channel')
  process.exit(2)
}

// A hard bound on the whole process, whatever happens to the server or the runner.
const budgetSeconds = spec.connectTimeoutSeconds + spec.warmupSeconds + spec.loadSeconds + spec.drainSeconds + spec.settleSeconds + 60
setTimeout(() => {
  console.error(`load process ${shard.index} exceeded its ${budgetSeconds} s budget`)
  process.exit(3)
}, budgetSeconds * 1000).unref()
process.on('disconnect', () => process.exit(4))

const runner = createRunnerLink()
runShard(spec, shard, runner).then(
  (result) => runner.send({ type: 'result', result }).then(() => process.exit(0)),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)

interface RunnerLink {
  send(message: ShardMessage): Promise<void>
  next<T extends RunnerMessage['type']>(type: T): Promise<Extract<RunnerMessage, { type: T }>>
}

function createRunnerLink(): RunnerLink {
  const arrived: RunnerMessage[] = []
  const waiting: { type: RunnerMessage['type']; resolve: (message: RunnerMessage) => void }[] = []
  process.on('message', (message: RunnerMessage) => {
    const index = waiting.findIndex((waiter) => waiter.type === message.type)
    if (index < 0) arrived.push(message)
    else waiting.splice(index, 1)[0]?.resolve(message)
  })
  return {
    send: (message) => new Promise<void>((resolve, reject) => process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve()))),
    next<T extends RunnerMessage['type']>(type: T) {
      return new Promise<Extract<RunnerMessage, { type: T }>>((resolve) => {
        const index = arrived.findIndex((message) => message.type === type)
        if (index >= 0) resolve(arrived.splice(index, 1)[0] as Extract<RunnerMessage, { type: T }>)
        else waiting.push({ type, resolve: (message) => resolve(message as Extract<RunnerMessage, { type: T }>) })
      })
    },
  }
}

function parseShard(text: string): LoadShard {
  const [index, count] = text.split('/').map(Number)
  if (!Number.isInteger(index) || !Number.isInteger(count) || (count as number) < 1 || (index as number) < 0 || (index as number) >= (count as number)) {
    throw new RangeError(`BENCH_LOAD_SHARD: expected index/count, got ${text}`)
  }
  return { index: index as number, count: count as number }
}

/** This process's clients: client i of each pad when i % count === index; ids are the same in every process. */
interface OwnClients {
  clients: LoadClient[]
  padOfClient: number[]
  clientsPerPad: number[]
}

function createOwnClients(spec: LoadSpec, shard: LoadShard, deliveries: Deliveries): OwnClients {
  const own: OwnClients = { clients: [], padOfClient: [], clientsPerPad: new Array<number>(spec.pads.length).fill(0) }
  spec.pads.forEach((targets, padIndex) => {
    if (targets.length === 0) throw new RangeError(`pad ${padIndex} has no target`)
    const codecs = targets.map((target) => createWireCodec(spec.dialect, target.documentName))
    for (let i = 0; i < spec.clientsPerPad; i++) {
      if (i % shard.count !== shard.index) continue
      const target = targets[i % targets.length] as PadTarget
      const codec = codecs[i % targets.length] as WireCodec
      const plan = { id: padIndex * spec.clientsPerPad + i + 1, isTypist: i < spec.typistsPerPad, target }
      own.clients.push(createLoadClient(plan, codec, deliveries, { epochMs: spec.epochMs, announcesPresence: true }))
      own.padOfClient.push(padIndex)
      own.clientsPerPad[padIndex] = (own.clientsPerPad[padIndex] ?? 0) + 1
    }
  })
  return own
}

async function connectAll(spec: LoadSpec, own: OwnClients, deliveries: Deliveries): Promise<{ connected: number; connectFailures: number; connectSeconds: number }> {
  // Interleave pads so that a slow pad does not hold the whole connection phase.
  const order = own.clients.map((_, index) => index)
  if (spec.pads.length > 1) order.sort((a, b) => (own.clients[a]?.plan.id ?? 0) % spec.clientsPerPad - (own.clients[b]?.plan.id ?? 0) % spec.clientsPerPad || a - b)
  const connectStart = performance.now()
  let connected = 0
  let connectFailures = 0
  let lastSyncedAt = connectStart
  let cursor = 0
  const deadline = connectStart + spec.connectTimeoutSeconds * 1000
  const worker = async (): Promise<void> => {
    while (cursor < order.length) {
      const client = own.clients[order[cursor++] as number] as LoadClient
      try {
        await client.connect(Math.max(1000, deadline - performance.now()))
        connected += 1
        lastSyncedAt = performance.now()
      } catch (error) {
        connectFailures += 1
        if (deliveries.errors.length < 10) deliveries.errors.push((error as Error).message)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(spec.connectConcurrency, order.length) }, worker))
  return { connected, connectFailures, connectSeconds: (lastSyncedAt - connectStart) / 1000 }
}

/** The server's and this process's CPU counters at the window's start (the server's in process 0 only). */
interface WindowStart {
  wallMs: number
  serverCpu: number[]
  coreBusySeconds: number
  ownCpu: NodeJS.CpuUsage
}

function markWindowStart(spec: LoadSpec, isFirst: boolean): WindowStart {
  return {
    wallMs: performance.now(),
    serverCpu: isFirst ? spec.serverProcesses.map(readProcessCpuSeconds) : [],
    coreBusySeconds: isFirst && spec.serverCore !== null ? readCoreBusySeconds(spec.serverCore) : Number.NaN,
    ownCpu: process.cpuUsage(),
  }
}

/**
 * Every typist types and every client moves its cursor, each at a fixed rate
 * with a random phase, from the start message on; what is sent inside the
 * window [start, end) is counted. Resolves at the window's end.
 */
async function drive(spec: LoadSpec, own: OwnClients, window: Extract<RunnerMessage, { type: 'start' }>, onWindowStart: () => void): Promise<{ sentPerPad: number[]; awarenessPerPad: number[] }> {
  const typePeriodMs = 1000 / spec.typingPerSecond
  const movePeriodMs = spec.awarenessPerSecond > 0 ? 1000 / spec.awarenessPerSecond : Number.POSITIVE_INFINITY
  const start = performance.now()
  const nextType = own.clients.map((client) => (client.plan.isTypist ? start + Math.random() * typePeriodMs : Number.POSITIVE_INFINITY))
  const nextMove = own.clients.map(() => start + Math.random() * movePeriodMs)
  const sentPerPad = new Array<number>(spec.pads.length).fill(0)
  const awarenessPerPad = new Array<number>(spec.pads.length).fill(0)
  const isInWindow = (time: number): boolean => time >= window.windowStartTenths && time < window.windowEndTenths
  const tick = (): void => {
    const now = performance.now()
    for (let i = 0; i < own.clients.length; i++) {
      const client = own.clients[i] as LoadClient
      const pad = own.padOfClient[i] as number
      // A late tick sends what was due (at most one period behind), so that rates hold.
      if ((nextType[i] as number) <= now) {
        nextType[i] = Math.max((nextType[i] as number) + typePeriodMs, now - typePeriodMs)
        const time = client.type()
        if (time !== null && isInWindow(time)) sentPerPad[pad] = (sentPerPad[pad] ?? 0) + 1
      }
      if ((nextMove[i] as number) <= now) {
        nextMove[i] = Math.max((nextMove[i] as number) + movePeriodMs, now - movePeriodMs)
        if (client.moveCursor() && isInWindow(clockTenths(spec.epochMs))) awarenessPerPad[pad] = (awarenessPerPad[pad] ?? 0) + 1
      }
    }
  }
  const ticker = setInterval(tick, 5)
  await sleepUntil(spec.epochMs, window.windowStartTenths)
  onWindowStart()
  await sleepUntil(spec.epochMs, window.windowEndTenths)
  clearInterval(ticker)
  return { sentPerPad, awarenessPerPad }
}

async function runShard(spec: LoadSpec, shard: LoadShard, runner: RunnerLink): Promise<ShardResult> {
  const isFirst = shard.index === 0
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
  const rssBaseline = isFirst ? readServersRssBytes(spec.serverProcesses) : 0
  const own = createOwnClients(spec, shard, deliveries)
  const connection = await connectAll(spec, own, deliveries)
  await runner.send({ type: 'connected' })
  const window = await runner.next('start')
  let windowStart = markWindowStart(spec, isFirst)
  const counts = { sent: 0, expected: 0, awarenessExpected: 0 }
  if (spec.mode === 'load') {
    const { sentPerPad, awarenessPerPad } = await drive(spec, own, window, () => {
      windowStart = markWindowStart(spec, isFirst)
      deliveries.windowStartTenths = window.windowStartTenths
      deliveries.windowEndTenths = window.windowEndTenths
      deliveries.isCountingAwareness = true
    })
    await runner.send({ type: 'sent', sentPerPad, awarenessPerPad })
    const totals = await runner.next('totals')
    counts.sent = sentPerPad.reduce((sum, sent) => sum + sent, 0)
    counts.expected = expectedByShard(totals.sentPerPad, sentPerPad, own.clientsPerPad)
    counts.awarenessExpected = expectedByShard(totals.awarenessPerPad, awarenessPerPad, own.clientsPerPad)
    const isInFlight = (): boolean =>
      deliveries.deliveredUpdates < counts.expected || (spec.drainUntil === 'all' && deliveries.deliveredAwareness < counts.awarenessExpected)
    while (clockTenths(spec.epochMs) < window.drainEndTenths && isInFlight()) await sleep(20)
  } else {
    await sleepUntil(spec.epochMs, window.drainEndTenths)
  }
  await runner.send({ type: 'drained' })
  await runner.next('finish')
  deliveries.isCountingAwareness = false
  const result = measureShard(spec, isFirst, windowStart, deliveries, { ...connection, ...counts, clients: own.clients.length, rssBaseline })
  for (const client of own.clients) client.close()
  return result
}

function measureShard(
  spec: LoadSpec,
  isFirst: boolean,
  windowStart: WindowStart,
  deliveries: Deliveries,
  counts: { clients: number; connected: number; connectFailures: number; connectSeconds: number; sent: number; expected: number; awarenessExpected: number; rssBaseline: number },
): ShardResult {
  const measuredSeconds = (performance.now() - windowStart.wallMs) / 1000
  const processes: ProcessFigures[] = isFirst
    ? spec.serverProcesses.map((watched, index) => ({
        name: watched.name,
        role: watched.role,
        cpuSeconds: spec.mode === 'idle' ? 0 : readProcessCpuSeconds(watched) - (windowStart.serverCpu[index] as number),
        rssBytes: readRssBytes(watched.pid),
      }))
    : []
  const serverCpuSeconds = processes.reduce((sum, figures) => sum + figures.cpuSeconds, 0)
  const coreBusySeconds = isFirst && spec.serverCore !== null ? readCoreBusySeconds(spec.serverCore) - windowStart.coreBusySeconds : Number.NaN
  const ownCpu = process.cpuUsage(windowStart.ownCpu)
  const isLoad = spec.mode === 'load'
  return {
    clients: counts.clients,
    connected: counts.connected,
    connectFailures: counts.connectFailures,
    connectSeconds: counts.connectSeconds,
    dropped: deliveries.dropped,
    sent: counts.sent,
    expected: counts.expected,
    delivered: deliveries.deliveredUpdates,
    histogram: deliveries.histogram.snapshot(),
    awarenessExpected: counts.awarenessExpected,
    awarenessDelivered: deliveries.deliveredAwareness,
    measuredSeconds: isLoad ? measuredSeconds : 0,
    serverCpuSeconds,
    serverRssBytes: isFirst ? readServersRssBytes(spec.serverProcesses) : 0,
    serverRssBaselineBytes: counts.rssBaseline,
    processes: isLoad ? processes : [],
    generatorCpuPercent: isLoad ? ((ownCpu.user + ownCpu.system) / 1e6 / measuredSeconds) * 100 : 0,
    generatorSystemShare: isLoad ? ownCpu.system / Math.max(1, ownCpu.user + ownCpu.system) : 0,
    otherLoadOnServerCore: isLoad && isFirst ? Math.max(0, (coreBusySeconds - serverCpuSeconds) / measuredSeconds) : 0,
    framesReceived: deliveries.framesReceived,
    errors: deliveries.errors,
  }
}

function readProcessCpuSeconds(watched: WatchedProcess): number {
  return watched.role === 'service' ? readProcessTreeCpuSeconds(watched.pid) : readCpuSeconds(watched.pid)
}

function readServersRssBytes(watched: WatchedProcess[]): number {
  return watched.filter((candidate) => candidate.role === 'server').reduce((sum, server) => sum + readRssBytes(server.pid), 0)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function sleepUntil(epochMs: number, tenths: number): Promise<void> {
  return sleep(Math.max(0, (tenths - clockTenths(epochMs)) / 10))
}
