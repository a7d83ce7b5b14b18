/** The time box shown as a clock: left, paused, over; never anything but a display. */
import { describe, expect, it } from 'vitest'
import { pauseTimer, startTimer } from '../../../shared/facilitation/turn-timer'
import { describeTimeBox, formatClock, isTimeBoxTicking } from './vote-time-box'

describe('the vote’s time box', () => {
  it('counts down in whole seconds, the last one shown until it is gone', () => {
    const timer = startTimer(300_000, 0)
    expect(describeTimeBox(timer, 0)).toEqual({ phase: 'running', clock: '5:00' })
    expect(describeTimeBox(timer, 55_500)).toEqual({ phase: 'running', clock: '4:05' })
    expect(describeTimeBox(timer, 299_001)).toEqual({ phase: 'running', clock: '0:01' })
    expect(describeTimeBox(timer, 300_000)).toEqual({ phase: 'over', clock: '0:00' })
    expect(describeTimeBox(timer, 362_900)).toEqual({ phase: 'over', clock: '1:02' })
  })

  it('stays still while paused, and only a running one ticks', () => {
    const paused = pauseTimer(startTimer(60_000, 0), 20_000)
    expect(describeTimeBox(paused, 500_000)).toEqual({ phase: 'paused', clock: '0:40' })
    expect(isTimeBoxTicking(paused)).toBe(false)
    expect(isTimeBoxTicking(startTimer(60_000, 0))).toBe(true)
    expect(isTimeBoxTicking(null)).toBe(false)
  })

  it('writes hours when there are some', () => {
    expect(formatClock(3_725)).toBe('1:02:05')
    expect(formatClock(59)).toBe('0:59')
    expect(formatClock(-3)).toBe('0:00')
  })
})
