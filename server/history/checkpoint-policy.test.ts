import { describe, expect, it } from 'vitest'
import { createCheckpointPolicy } from './checkpoint-policy'

const second = 1000
const minute = 60 * second
const start = 1_700_000_000_000

/** Runs the policy the way a room does: updates at the given times, a checkpoint whenever one is due; returns when checkpoints were taken. */
function checkpointTimes(updateTimes: readonly number[], untilMs: number): number[] {
  const policy = createCheckpointPolicy()
  const taken: number[] = []
  const events = [...updateTimes].sort((a, b) => a - b)
  let now = start
  for (;;) {
    const wakeUp = policy.nextWakeUp()
    const nextUpdate = events[0]
    const next = Math.min(wakeUp ?? Infinity, nextUpdate ?? Infinity)
    if (next > untilMs) break
    now = next
    if (nextUpdate === now) {
      events.shift()
      policy.onUpdate(now)
    } else if (policy.due(now)) {
      policy.taken(now)
      taken.push(now - start)
    } else {
      throw new Error(`woken at ${now} with nothing due`)
    }
  }
  return taken
}

describe('checkpoint policy', () => {
  it('asks for nothing while nobody writes', () => {
    const policy = createCheckpointPolicy()
    expect(policy.nextWakeUp()).toBeNull()
    expect(policy.due(start + 24 * 60 * minute)).toBe(false)
    expect(checkpointTimes([], start + 24 * 60 * minute)).toEqual([])
  })

  it('takes one when writing stops for two minutes', () => {
    const policy = createCheckpointPolicy()
    policy.onUpdate(start)
    policy.onUpdate(start + 30 * second)
    expect(policy.nextWakeUp()).toBe(start + 30 * second + 2 * minute)
    expect(policy.due(start + 30 * second + 2 * minute - 1)).toBe(false)
    expect(policy.due(start + 30 * second + 2 * minute)).toBe(true)
    policy.taken(start + 30 * second + 2 * minute)
    expect(policy.nextWakeUp()).toBeNull()
    expect(policy.due(start + 60 * minute)).toBe(false)
  })

  it('takes one after each five minutes of writing, counted from the first update after the previous checkpoint', () => {
    // Someone types every 10 seconds for 12 minutes, then stops.
    const typing = Array.from({ length: 72 }, (_, i) => start + i * 10 * second)
    expect(checkpointTimes(typing, start + 60 * minute)).toEqual([
      5 * minute,
      // The next period starts at the first update after the checkpoint (5 min 10 s).
      10 * minute + 10 * second,
      // The last update was at 11 min 50 s: two quiet minutes later.
      13 * minute + 50 * second,
    ])
  })

  it('starts the next five minutes only with the next update, not at the checkpoint', () => {
    const policy = createCheckpointPolicy()
    policy.onUpdate(start)
    policy.taken(start + 2 * minute)
    policy.onUpdate(start + 20 * minute)
    policy.onUpdate(start + 21 * minute)
    expect(policy.due(start + 22 * minute)).toBe(false)
    expect(policy.nextWakeUp()).toBe(start + 23 * minute)
  })

  it('retries a failed checkpoint at the next due time, not at once', () => {
    const policy = createCheckpointPolicy()
    policy.onUpdate(start)
    expect(policy.due(start + 2 * minute)).toBe(true)
    policy.taken(start + 2 * minute)
    policy.failed(start + 2 * minute + 100)
    expect(policy.due(start + 2 * minute + 200)).toBe(false)
    expect(policy.nextWakeUp()).toBe(start + 4 * minute + 100)
    expect(policy.due(start + 4 * minute + 100)).toBe(true)
  })

  it('keeps the period of updates that came between a checkpoint and its failure', () => {
    const policy = createCheckpointPolicy()
    policy.onUpdate(start)
    policy.taken(start + 2 * minute)
    policy.onUpdate(start + 2 * minute + 10)
    policy.failed(start + 2 * minute + 50)
    expect(policy.nextWakeUp()).toBe(start + 4 * minute + 50)
  })

  it('refuses a period of zero', () => {
    expect(() => createCheckpointPolicy({ activityMs: 0, quietMs: minute })).toThrow(RangeError)
  })
})

describe('a version taken elsewhere', () => {
  it('counts for the updates before it: none owed when it holds them all, and the rest counted from it otherwise', () => {
    const policy = createCheckpointPolicy()
    policy.onUpdate(start)
    policy.onUpdate(start + minute)
    // One taken before the first update owed holds none of them.
    policy.coveredUntil(start - second)
    expect(policy.nextWakeUp()).toBe(start + minute + 2 * minute)
    // One holding the first update only: the second is still owed, its five minutes counted from the cover.
    policy.coveredUntil(start + 30 * second)
    expect(policy.nextWakeUp()).toBe(Math.min(start + 30 * second + 5 * minute, start + minute + 2 * minute))
    policy.onUpdate(start + 2 * minute)
    expect(policy.nextWakeUp()).toBe(start + 4 * minute)
    // One holding both: nothing is owed any more.
    policy.coveredUntil(start + 2 * minute)
    expect(policy.nextWakeUp()).toBeNull()
    expect(policy.due(start + 60 * minute)).toBe(false)
  })
})
