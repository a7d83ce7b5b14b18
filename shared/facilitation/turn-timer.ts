/**
 * The timer of a speaker's turn or of a vote's time box: a display only. It
 * runs, pauses and is extended by the facilitator; nothing happens when it
 * reaches zero (RGAA 13.1: no time limit is imposed on anyone, and a turn
 * over its time is shown as over, never cut). Pure values with the time
 * given, so that the server stores it and every page computes the same
 * remaining time from it (see `FacilitationView.nowMs` for the clock offset).
 */

/** A timer as stored and sent: how long was allowed, how much was used before the last resume, and since when it runs (null: paused). */
export interface TurnTimer {
  /** The time allowed, extensions included, in milliseconds. */
  allowedMs: number
  /** Time used while it ran before `runningSinceMs`, in milliseconds. */
  elapsedBeforeMs: number
  /** When it was last started or resumed (ms since the epoch, server time); null while paused. */
  runningSinceMs: number | null
}

/** A timer that starts running at `nowMs` with `allowedMs`. */
export function startTimer(allowedMs: number, nowMs: number): TurnTimer {
  return { allowedMs, elapsedBeforeMs: 0, runningSinceMs: nowMs }
}

export function isTimerPaused(timer: TurnTimer): boolean {
  return timer.runningSinceMs === null
}

/** Time used so far at `nowMs`, pauses excluded; a clock that went back counts as no time. */
export function timerElapsedMs(timer: TurnTimer, nowMs: number): number {
  const running = timer.runningSinceMs === null ? 0 : Math.max(0, nowMs - timer.runningSinceMs)
  return timer.elapsedBeforeMs + running
}

/** Time left at `nowMs`; negative once over time (pages show it as such, nothing else happens). */
export function timerRemainingMs(timer: TurnTimer, nowMs: number): number {
  return timer.allowedMs - timerElapsedMs(timer, nowMs)
}

/** The timer stopped at `nowMs`, keeping the time used; a paused timer is returned as it is. */
export function pauseTimer(timer: TurnTimer, nowMs: number): TurnTimer {
  if (timer.runningSinceMs === null) return timer
  return { allowedMs: timer.allowedMs, elapsedBeforeMs: timerElapsedMs(timer, nowMs), runningSinceMs: null }
}

/** The timer running again from `nowMs`; a running timer is returned as it is. */
export function resumeTimer(timer: TurnTimer, nowMs: number): TurnTimer {
  if (timer.runningSinceMs !== null) return timer
  return { ...timer, runningSinceMs: nowMs }
}

/** The timer with `extraMs` more allowed (whether it runs or not). */
export function extendTimer(timer: TurnTimer, extraMs: number): TurnTimer {
  return { ...timer, allowedMs: timer.allowedMs + extraMs }
}
