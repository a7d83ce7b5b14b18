/**
 * The time a server part reads and the timers it sets, injected so that its
 * behaviour can be tested with a fake clock (server/testing/fake-clock.ts)
 * instead of waiting. It does not defer work to the end of a turn of the
 * event loop (room/turn-end.ts does).
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Runs `run` once after `delayMs`; a timer never keeps the process alive (the server's socket does). */
  setTimeout(run: () => void, delayMs: number): Timer
  clearTimeout(timer: Timer): void
}

/** A timer of a clock: only its clock knows what it holds. */
export interface Timer {
  readonly ofClock: unknown
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(run, delayMs) {
    return { ofClock: setTimeout(run, delayMs).unref() }
  },
  clearTimeout(timer) {
    clearTimeout(timer.ofClock as NodeJS.Timeout)
  },
}

/** Resolves after `delayMs` on `clock`. */
export function sleep(clock: Clock, delayMs: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, delayMs))
}
