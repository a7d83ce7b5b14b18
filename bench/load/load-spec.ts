/**
 * What the runner asks of the load processes (`LoadSpec`, each process's
 * `LoadShard`), the messages by which it keeps their phases in step, and
 * what they report back (`ShardResult`, merged into one `LoadResult`), as
 * plain JSON-able data: the contract between load-process.ts (runner side)
 * and load.ts (each process).
 */
import type { HistogramSnapshot, LatencySummary } from './latency-histogram'
import type { PadTarget } from './load-client'
import type { Dialect } from './wire'

/** A process serving the load, whose CPU (and memory) the load process reads at the window's edges. */
export interface WatchedProcess {
  /** What it is, for the report: "Atelier Pad", "instance A", "PostgreSQL". */
  name: string
  pid: number
  /**
   * `server`: a pad server, measured alone (CPU and RSS). `service`: PostgreSQL
   * or Redis, measured with every process it forked (CPU only): postgres
   * serves each connection in a backend process of its own.
   */
  role: 'server' | 'service'
}

export interface LoadSpec {
  dialect: Dialect
  /**
   * Each pad's targets, one per server instance serving it: the pad's clients
   * take them in turn (client i → targets[i % n]), so that its typists and
   * readers are spread evenly. One target per pad for a single server.
   */
  pads: PadTarget[][]
  clientsPerPad: number
  typistsPerPad: number
  /** Updates each typist sends per second. */
  typingPerSecond: number
  /** Cursor moves each client sends per second (0: idle). */
  awarenessPerSecond: number
  /** `load`: drive and measure; `idle`: connect everyone and measure memory. */
  mode: 'load' | 'idle'
  warmupSeconds: number
  loadSeconds: number
  /** After the window, how long at most to wait for messages still in flight… */
  drainSeconds: number
  /**
   * …and for which: every update and presence entry (`all`), or the updates
   * alone (`updates`). Presence is state, not a log: under load the server
   * merges a client's changes that queue up, so its count need not ever
   * reach what was sent, and waiting for it would spend the whole drain.
   */
  drainUntil: 'all' | 'updates'
  /** Idle mode: how long to wait after the last connection before reading memory. */
  settleSeconds: number
  connectConcurrency: number
  connectTimeoutSeconds: number
  /**
   * Every process serving the load, all on the server core (read by the first
   * load process only): the pad server, or instances, PostgreSQL and Redis. */
  serverProcesses: WatchedProcess[]
  /** The core the server processes are pinned to (null: not pinned), to tell how busy other processes kept it. */
  serverCore: number | null
  /** Wall-clock origin of latency markers, shared by the processes of a run. */
  epochMs: number
}

export interface LoadResult {
  clients: number
  connected: number
  connectFailures: number
  /** From the first connection attempt to the last client synced. */
  connectSeconds: number
  /** Connections the server closed during the run. */
  dropped: number
  /** Updates sent inside the window. */
  sent: number
  /** Deliveries owed for them: each update to every other client of its pad. */
  expected: number
  delivered: number
  latency: LatencySummary
  /** The delivered latencies themselves, binned: several runs' samples pool into one distribution (history-report.ts). */
  histogram: HistogramSnapshot
  awarenessExpected: number
  awarenessDelivered: number
  /** Window plus drain: the interval of the CPU figures. */
  measuredSeconds: number
  /** CPU of every process in `serverProcesses` together. */
  serverCpuSeconds: number
  /** RSS of the `server` processes together (services left out: postgres's shared buffers would count once per backend). */
  serverRssBytes: number
  /** Server memory before any client connected. */
  serverRssBaselineBytes: number
  /** Each of `serverProcesses`, in the same order. */
  processes: ProcessFigures[]
  /** The busiest load process's CPU, % of its core (each runs on a core of its own when there are enough). */
  generatorCpuPercent: number
  /** Every load process's CPU, % of its core (one entry on a 2-core machine). */
  loadProcessCpuPercents?: number[]
  /** Share of the busiest load process's CPU spent in the kernel (socket reads and writes). */
  generatorSystemShare: number
  /**
   * Share of the server's core that anything but `serverProcesses` used during the
   * window (other processes of the machine, interrupts): high values mean the
   * figures of that step were disturbed.
   */
  otherLoadOnServerCore: number
  framesReceived: number
  errors: string[]
  /** Set by the runner: how many times the step ran (a disturbed step is run again). */
  attempts?: number
}

/** What one watched process used over the measured interval. */
export interface ProcessFigures {
  name: string
  role: WatchedProcess['role']
  cpuSeconds: number
  /** RSS at the end (the process alone, services too). */
  rssBytes: number
}

/**
 * The share of the clients one load process drives: client i of each pad
 * (i counted within the pad) when i % count === index, so that each pad's
 * typists and readers are spread over the processes. Process 0 also reads
 * the server's CPU and memory.
 */
export interface LoadShard {
  index: number
  count: number
}

/** Runner → load process. Times are tenths of ms since the spec's epoch, the same clock in every process. */
export type RunnerMessage =
  | { type: 'start'; windowStartTenths: number; windowEndTenths: number; drainEndTenths: number }
  | { type: 'totals'; sentPerPad: number[]; awarenessPerPad: number[] }
  | { type: 'finish' }

/** Load process → runner, in this order: connected, then (load mode) sent, then drained, then result. */
export type ShardMessage =
  | { type: 'connected' }
  | { type: 'sent'; sentPerPad: number[]; awarenessPerPad: number[] }
  | { type: 'drained' }
  | { type: 'result'; result: ShardResult }

/**
 * One load process's figures: its own clients' counts (`expected` and
 * `awarenessExpected` are what its receivers were owed), its histogram as
 * data, and, from process 0 only, the server's figures (zeros and no
 * processes elsewhere).
 */
export interface ShardResult extends Omit<LoadResult, 'latency' | 'attempts' | 'loadProcessCpuPercents'> {
  histogram: HistogramSnapshot
}
