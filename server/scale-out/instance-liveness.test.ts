import { describe, expect, it } from 'vitest'
import { createInstanceLiveness } from './instance-liveness'

describe('instance liveness', () => {
  it('counts an instance alive for three heartbeats after it was last heard', () => {
    let nowMs = 10_000
    const liveness = createInstanceLiveness(1000, () => nowMs)
    expect(liveness.isAlive('a')).toBe(false)
    liveness.heard('a')
    nowMs += 2999
    expect(liveness.isAlive('a')).toBe(true)
    nowMs += 1
    expect(liveness.isAlive('a')).toBe(false)
    liveness.heard('a')
    expect(liveness.isAlive('a')).toBe(true)
  })

  it('forgets everyone when the link is down', () => {
    const liveness = createInstanceLiveness(1000, () => 0)
    liveness.heard('a')
    liveness.heard('b')
    liveness.forgetAll()
    expect(liveness.isAlive('a')).toBe(false)
    expect(liveness.isAlive('b')).toBe(false)
  })
})
