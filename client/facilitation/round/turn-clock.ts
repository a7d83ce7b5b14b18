/**
 * What a turn's timer shows at a given server time: minutes and seconds
 * left (`02:00`, `00:07`), or past the time allowed (`+00:12`, shown as
 * over time: a visual cue, nothing else happens — RGAA 13.1), and whether
 * it is paused. Pure: the caller gives the server's time
 * (facilitation-store.ts). It does not tick; the page re-renders it.
 */
import { isTimerPaused, timerRemainingMs, type TurnTimer } from '../../../shared/facilitation/turn-timer'

export interface TurnClock {
  /** `mm:ss` left, or `+mm:ss` over. */
  text: string
  isOverTime: boolean
  isPaused: boolean
  /** Whole seconds left (negative when over): what changes the text. */
  remainingSeconds: number
}

/** `mm:ss` of a whole number of seconds (minutes not capped at 59: a turn may last an hour and more). */
export function formatMinutesSeconds(totalSeconds: number): string {
  const seconds = Math.abs(Math.trunc(totalSeconds))
  const minutes = Math.floor(seconds / 60)
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`
}

/**
 * The clock of `timer` at `serverNowMs`. Time left counts whole seconds
 * started (a fresh 2-minute turn shows 02:00 for its first second, 00:01
 * for its last), so that it reads 00:00 only once the time is up; over
 * time counts whole seconds past.
 */
export function readTurnClock(timer: TurnTimer, serverNowMs: number): TurnClock {
  const remainingMs = timerRemainingMs(timer, serverNowMs)
  const isPaused = isTimerPaused(timer)
  if (remainingMs > 0) {
    const remainingSeconds = Math.ceil(remainingMs / 1000)
    return { text: formatMinutesSeconds(remainingSeconds), isOverTime: false, isPaused, remainingSeconds }
  }
  const overSeconds = Math.floor(-remainingMs / 1000)
  return { text: overSeconds === 0 ? '00:00' : `+${formatMinutesSeconds(overSeconds)}`, isOverTime: true, isPaused, remainingSeconds: -overSeconds }
}

/** The page's wait until the clock's text changes (at most a second), so that a ticker re-renders on time. */
export function msUntilNextSecond(timer: TurnTimer, serverNowMs: number): number {
  const remainingMs = timerRemainingMs(timer, serverNowMs)
  const intoSecond = ((remainingMs % 1000) + 1000) % 1000
  return intoSecond === 0 ? 1000 : intoSecond
}
