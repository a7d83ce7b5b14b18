/**
 * Preloaded into a server process under test (`node --import` this file,
 * set by bench/server-process.ts for the storm scenarios) when
 * BENCH_EVENT_LOOP_FILE names a file: measures the process's event-loop
 * stalls from inside with node:perf_hooks' monitorEventLoopDelay (a 10 ms
 * timer; each sample is the time between two of its ticks, so a stall of
 * S ms shows as about S + 10) and appends, every 100 ms, one line
 * "<Date.now()> <longest gap in ms since the last line>". The same file for
 * every server — ours and the peers are all Node processes started by the
 * runner — so the figure means the same for all, and no server code changes.
 * Without the variable it does nothing.
 */
import fs from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'

const file = process.env.BENCH_EVENT_LOOP_FILE
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  const descriptor = fs.openSync(file, 'a')
  setInterval(() => {
    fs.writeSync(descriptor, `${Date.now()} ${(histogram.max / 1e6).toFixed(1)}\n`)
    histogram.reset()
  }, 100).unref()
}
