import { describe, expect, it } from 'vitest'
import { extendTimer, isTimerPaused, pauseTimer, resumeTimer, startTimer, timerElapsedMs, timerRemainingMs } from './turn-timer'

const t0 = 1_700_000_000_000

describe('a turn timer', () => {
  it('counts the time it ran, pauses excluded, and goes below zero without stopping', () => {
    let timer = startTimer(60_000, t0)
    expect(timerRemainingMs(timer, t0 + 20_000)).toBe(40_000)
    timer = pauseTimer(timer, t0 + 20_000)
    expect(isTimerPaused(timer)).toBe(true)
    expect(timerElapsedMs(timer, t0 + 500_000)).toBe(20_000)
    expect(pauseTimer(timer, t0 + 600_000)).toBe(timer)
    timer = resumeTimer(timer, t0 + 500_000)
    expect(resumeTimer(timer, t0 + 510_000)).toBe(timer)
    expect(timerRemainingMs(timer, t0 + 560_000)).toBe(-20_000)
    expect(timerRemainingMs(extendTimer(timer, 30_000), t0 + 560_000)).toBe(10_000)
  })

  it('counts no time for a clock that went back', () => {
    expect(timerElapsedMs(startTimer(60_000, t0), t0 - 5_000)).toBe(0)
  })
})
