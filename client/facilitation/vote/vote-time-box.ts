/**
 * A vote's time box as the pages show it: time left as a clock (« 4:05 »),
 * paused, or over by so much. A display only (RGAA 13.1): nothing happens
 * when it reaches zero, the facilitator closes the vote. Pure, with the
 * server's time given (FacilitationStore.serverNowMs).
 */
import { isTimerPaused, timerRemainingMs, type TurnTimer } from '../../../shared/facilitation/turn-timer'

export type TimeBoxPhase = 'running' | 'paused' | 'over'

export interface TimeBoxDisplay {
  phase: TimeBoxPhase
  /** Time left, or over, as `m:ss` (`h:mm:ss` from an hour). */
  clock: string
}

/** What the time box shows at `nowMs`: a second left is shown until it is gone, a second over once it is. */
export function describeTimeBox(timer: TurnTimer, nowMs: number): TimeBoxDisplay {
  const remainingMs = timerRemainingMs(timer, nowMs)
  if (remainingMs <= 0) return { phase: 'over', clock: formatClock(Math.floor(-remainingMs / 1000)) }
  return { phase: isTimerPaused(timer) ? 'paused' : 'running', clock: formatClock(Math.ceil(remainingMs / 1000)) }
}

/** `seconds` as `m:ss`, or `h:mm:ss` from an hour. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds))
  const hours = Math.floor(whole / 3600)
  const minutes = Math.floor((whole % 3600) / 60)
  const rest = String(whole % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`
}

/** Whether the display changes with time (a running time box): the page then redraws it every second. */
export function isTimeBoxTicking(timer: TurnTimer | null): boolean {
  return timer !== null && !isTimerPaused(timer)
}
