import { describe, expect, it } from 'vitest'
import { createPeer } from '../relay/peer'
import { createWriteBatch } from './write-batch'

const socket = { send: () => {}, close: () => {}, probe: () => {} }
const bytes = (...values: number[]): Uint8Array => new Uint8Array(values)

describe('write batch', () => {
  it('counts writes per peer and the bytes kept, and empties when taken', () => {
    const batch = createWriteBatch()
    const alice = createPeer(1, 'edit', socket)
    expect(batch.isEmpty()).toBe(true)
    batch.countWrite(alice)
    expect(batch.isEmpty()).toBe(false)
    batch.keep(bytes(1, 2, 3))
    batch.countWrite(alice)
    expect(batch.bytes()).toBe(3)
    const taken = batch.take()
    expect(taken.updates).toEqual([bytes(1, 2, 3)])
    expect(taken.writers.get(alice)).toBe(2)
    expect([batch.isEmpty(), batch.bytes()]).toEqual([true, 0])
  })

  it('rolls back what was kept after a mark (an update Yjs refused part way)', () => {
    const batch = createWriteBatch()
    batch.keep(bytes(1))
    const mark = batch.mark()
    batch.keep(bytes(2, 2))
    batch.rollBack(mark)
    expect(batch.updates()).toEqual([bytes(1)])
    expect(batch.bytes()).toBe(1)
  })

  it('puts back what could not be stored before what was kept since, and adds up the writes', () => {
    const batch = createWriteBatch()
    const alice = createPeer(1, 'edit', socket)
    const bob = createPeer(2, 'edit', socket)
    batch.keep(bytes(1))
    batch.countWrite(alice)
    const taken = batch.take()
    batch.keep(bytes(2))
    batch.countWrite(alice)
    batch.countWrite(bob)
    batch.putBack(taken)
    expect(batch.updates()).toEqual([bytes(1), bytes(2)])
    expect(batch.bytes()).toBe(2)
    const again = batch.take()
    expect([again.writers.get(alice), again.writers.get(bob)]).toEqual([2, 1])
  })
})
