/** The timer's text: time left in whole seconds started, then over time, paused or not. */
import { describe, expect, it } from 'vitest'
import { formatMinutesSeconds, msUntilNextSecond, readTurnClock } from './turn-clock'

const start = 1_000_000
const twoMinutes = { allowedMs: 120_000, elapsedBeforeMs: 0, runningSinceMs: start }

describe('formatMinutesSeconds', () => {
  it('writes minutes and seconds on two digits, minutes beyond an hour', () => {
    expect(formatMinutesSeconds(0)).toBe('00:00')
    expect(formatMinutesSeconds(7)).toBe('00:07')
    expect(formatMinutesSeconds(120)).toBe('02:00')
    expect(formatMinutesSeconds(3_725)).toBe('62:05')
  })
})

describe('readTurnClock', () => {
  it('counts down from the time allowed, reading 00:00 only when it is up', () => {
    expect(readTurnClock(twoMinutes, start)).toMatchObject({ text: '02:00', isOverTime: false, isPaused: false })
    expect(readTurnClock(twoMinutes, start + 1)).toMatchObject({ text: '02:00' })
    expect(readTurnClock(twoMinutes, start + 1_000)).toMatchObject({ text: '01:59' })
    expect(readTurnClock(twoMinutes, start + 119_500)).toMatchObject({ text: '00:01', isOverTime: false })
    expect(readTurnClock(twoMinutes, start + 120_000)).toMatchObject({ text: '00:00', isOverTime: true, remainingSeconds: 0 })
  })

  it('shows the time over with a plus, and goes on counting', () => {
    expect(readTurnClock(twoMinutes, start + 132_400)).toMatchObject({ text: '+00:12', isOverTime: true, remainingSeconds: -12 })
    expect(readTurnClock(twoMinutes, start + 185_000)).toMatchObject({ text: '+01:05' })
  })

  it('stands still while paused, and counts an extension', () => {
    const paused = { allowedMs: 120_000, elapsedBeforeMs: 30_000, runningSinceMs: null }
    expect(readTurnClock(paused, start)).toMatchObject({ text: '01:30', isPaused: true })
    expect(readTurnClock(paused, start + 60_000)).toMatchObject({ text: '01:30', isPaused: true })
    expect(readTurnClock({ ...paused, allowedMs: 180_000 }, start)).toMatchObject({ text: '02:30' })
  })
})

describe('msUntilNextSecond', () => {
  it('waits until the text changes', () => {
    expect(msUntilNextSecond(twoMinutes, start)).toBe(1000)
    expect(msUntilNextSecond(twoMinutes, start + 250)).toBe(750)
    expect(msUntilNextSecond(twoMinutes, start + 120_300)).toBe(700)
  })
})
