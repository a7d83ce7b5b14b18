/**
 * Memory that comes back (issue 19): our server under a churn of new pads —
 * waves of 300 visits over 50 pads never used before, each visit connecting,
 * syncing, setting its presence, writing one paragraph and leaving
 * (churn-visit.ts) — 147 waves, 44,100 visits (the « about 44,000 » of
 * issue 19, which took 60 s then: a fixed amount of work, so that a faster
 * server is not given more to forget), then left alone. Its resident memory is read
 * from /proc once a second, without a request to the server (a request
 * allocates, and allocation is what leads V8 to collect). Rooms unload
 * ROOM_IDLE_MS (30 s) after their last visit; the figure that matters is how
 * long after that last unload the server's memory is back within 50 MB of
 * its baseline (the memory after a warm-up wave whose rooms have unloaded).
 */
import { readRssBytes } from '../proc-stats'
import { removeDataDir, startServer, type BenchServer } from '../server-process'
import { visitPad } from './churn-visit'

export const churn = {
  visitsPerWave: 300,
  padsPerWave: 50,
  waves: process.env.BENCH_QUICK === '1' ? 20 : 147,
  roomIdleMs: 30_000,
  /** How long the memory is watched after the churn at most: until the target's 60 s after the last unload, and a little more… */
  watchSeconds: 95,
  /** …or until it has stayed back within `withinBytes` this long after the last unload (the verdict is known then). */
  confirmSeconds: 5,
  /** Back "within" this much of the baseline. */
  withinBytes: 50 * 1024 * 1024,
}

export interface ChurnResult {
  waves: number
  visits: number
  failedVisits: number
  pads: number
  churnSeconds: number
  baselineBytes: number
  peakBytes: number
  /** RSS each second after the churn ended (index 0: at its end). */
  afterBytes: number[]
  /** Seconds after the churn's end when the last room unloads (its last visit's end plus ROOM_IDLE_MS). */
  lastUnloadS: number
  /** Seconds after the last unload from which the RSS stayed back within `withinBytes` of the baseline to the end of the watch; null: not back at its end. */
  backWithinS: number | null
  /** What the server said at the very end (one /metrics request, after the watch). */
  end: { roomsLoaded: number; heapUsedBytes: number }
}

/** The first second from which every reading to the end of the watch is back (-1: the last one is not). Pure. */
export function secondBackFor(afterBytes: readonly number[], isBack: (rss: number, second: number) => boolean): number {
  let second = afterBytes.length
  while (second > 0 && isBack(afterBytes[second - 1] as number, second - 1)) second -= 1
  return second === afterBytes.length ? -1 : second
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Creates `count` new pads; their edit WebSocket URLs. */
async function newPads(server: BenchServer, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const response = await fetch(`${server.httpUrl}/api/pads`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: `Churn ${index}`, template: 'blank' }),
      })
      if (response.status !== 201) throw new Error(`POST /api/pads answered ${response.status}`)
      const { keys } = (await response.json()) as { keys: { edit: string } }
      return `${server.wsUrl}/ws/${keys.edit}`
    }),
  )
}

/** One wave; resolves with how many visits failed. */
async function wave(server: BenchServer): Promise<number> {
  const pads = await newPads(server, churn.padsPerWave)
  const outcomes = await Promise.allSettled(Array.from({ length: churn.visitsPerWave }, (_, index) => visitPad(pads[index % pads.length] ?? '')))
  return outcomes.filter((outcome) => outcome.status === 'rejected').length
}

async function endMetrics(server: BenchServer): Promise<ChurnResult['end']> {
  const text = await (await fetch(`${server.httpUrl}/metrics`)).text()
  const value = (name: string): number => Number(new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text)?.[1] ?? NaN)
  return { roomsLoaded: value('atelier_rooms_loaded'), heapUsedBytes: value('nodejs_heap_size_used_bytes') }
}

export async function runChurn(): Promise<ChurnResult> {
  const server = await startServer('atelier', { env: { ROOM_IDLE_MS: String(churn.roomIdleMs) } })
  try {
    // A warm-up wave, whose rooms then unload: the baseline is a server that has served pads.
    await wave(server)
    await sleep(churn.roomIdleMs + 15_000)
    const baselineBytes = readRssBytes(server.pid)
    let peakBytes = baselineBytes
    let waves = 0
    let failedVisits = 0
    const started = performance.now()
    while (waves < churn.waves) {
      failedVisits += await wave(server)
      waves += 1
      peakBytes = Math.max(peakBytes, readRssBytes(server.pid))
    }
    const churnSeconds = (performance.now() - started) / 1000
    const ended = performance.now()
    const afterBytes: number[] = []
    const lastUnloadS = churn.roomIdleMs / 1000
    const isBack = (rss: number, second: number): boolean => second >= lastUnloadS && rss - baselineBytes <= churn.withinBytes
    for (let second = 0; second <= churn.watchSeconds; second++) {
      await sleep(Math.max(0, ended + second * 1000 - performance.now()))
      const rss = readRssBytes(server.pid)
      afterBytes.push(rss)
      peakBytes = Math.max(peakBytes, rss)
      const back = secondBackFor(afterBytes, isBack)
      if (back >= 0 && second - back >= churn.confirmSeconds) break
    }
    const backAt = secondBackFor(afterBytes, isBack)
    return {
      waves,
      visits: waves * churn.visitsPerWave,
      failedVisits,
      pads: waves * churn.padsPerWave,
      churnSeconds,
      baselineBytes,
      peakBytes,
      afterBytes,
      lastUnloadS,
      backWithinS: backAt < 0 ? null : backAt - lastUnloadS,
      end: await endMetrics(server),
    }
  } finally {
    await server.stop()
    removeDataDir(server.dataDir)
  }
}
