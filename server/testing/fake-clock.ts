/**
 * A clock whose time moves only when a test says so (`advance`), running the
 * timers that fall due in order, and letting the promises and turn-end work
 * they start settle in between. For room tests without waiting.
 */
import type { Clock, Timer } from '../clock'

export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, running every timer due on the way. */
  advance(ms: number): Promise<void>
  /** Timers set and not yet run or cleared. */
  readonly pendingTimers: number
}

interface FakeTimer extends Timer {
  readonly ofClock: { dueMs: number; run: () => void; order: number }
}

export function createFakeClock(startMs = 1_700_000_000_000): FakeClock {
  let nowMs = startMs
  let order = 0
  const timers = new Set<FakeTimer>()
  const settle = async (): Promise<void> => {
    // Promise continuations, then setImmediate work (the rooms' turn end), twice over.
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve))
  }
  return {
    now: () => nowMs,
    setTimeout(run, delayMs) {
      const timer: FakeTimer = { ofClock: { dueMs: nowMs + Math.max(0, delayMs), run, order: order++ } }
      timers.add(timer)
      return timer
    },
    clearTimeout(timer) {
      timers.delete(timer as FakeTimer)
    },
    get pendingTimers() {
      return timers.size
    },
    async advance(ms) {
      const endMs = nowMs + ms
      await settle()
      for (;;) {
        const due = [...timers].filter((timer) => timer.ofClock.dueMs <= endMs)
        if (due.length === 0) break
        due.sort((a, b) => a.ofClock.dueMs - b.ofClock.dueMs || a.ofClock.order - b.ofClock.order)
        const next = due[0] as FakeTimer
        timers.delete(next)
        nowMs = Math.max(nowMs, next.ofClock.dueMs)
        next.ofClock.run()
        await settle()
      }
      nowMs = endMs
    },
  }
}
