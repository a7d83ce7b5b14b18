/**
 * What the runner asks of a load process (`LoadSpec`) and what it reports
 * back (`LoadResult`), as plain JSON-able data: the contract between
 * load-process.ts (runner side) and load.ts (the process).
 */
import type { LatencySummary } from './latency-histogram'
import type { PadTarget } from './load-client'
import type { Dialect } from './wire'

export interface LoadSpec {
  dialect: Dialect
  pads: PadTarget[]
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
  /** After the window, how long to wait for messages still in flight. */
  drainSeconds: number
  /** Idle mode: how long to wait after the last connection before reading memory. */
  settleSeconds: number
  connectConcurrency: number
  connectTimeoutSeconds: number
  serverPid: number
  /** The core the server is pinned to (null: not pinned), to tell how busy other processes kept it. */
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
  awarenessExpected: number
  awarenessDelivered: number
  /** Window plus drain: the interval of the CPU figures. */
  measuredSeconds: number
  serverCpuSeconds: number
  serverRssBytes: number
  /** Server memory before any client connected. */
  serverRssBaselineBytes: number
  generatorCpuPercent: number
  /** Share of the load process's CPU spent in the kernel (socket reads and writes). */
  generatorSystemShare: number
  /**
   * Share of the server's core that anything but the server used during the
   * window (other processes of the machine, interrupts): high values mean the
   * figures of that step were disturbed.
   */
  otherLoadOnServerCore: number
  framesReceived: number
  errors: string[]
  /** Set by the runner: how many times the step ran (a disturbed step is run again). */
  attempts?: number
}
