import { describe, expect, it } from 'vitest'
import { createMetrics } from '../metrics'
import { createPeer, markPeerLeft, type Peer } from '../relay/peer'
import { createFakeClock } from '../testing/fake-clock'
import { createRoomPeers } from './peers'

function recordingPeer(id: number, role: 'edit' | 'view'): { peer: Peer; frames: Uint8Array[]; closedWith: number[] } {
  const frames: Uint8Array[] = []
  const closedWith: number[] = []
  const peer = createPeer(id, role, { send: (frame) => frames.push(frame), close: (code) => closedWith.push(code), probe: () => {} })
  return { peer, frames, closedWith }
}

describe('room peers', () => {
  it('broadcasts one frame to every open peer but the one excepted', () => {
    const peers = createRoomPeers({ idleMs: 1000 }, { clock: createFakeClock(), metrics: createMetrics(), onIdle: () => {} })
    const [a, b, c] = [recordingPeer(1, 'edit'), recordingPeer(2, 'edit'), recordingPeer(3, 'view')]
    for (const made of [a, b, c]) peers.add(made.peer)
    markPeerLeft(c.peer)
    peers.broadcast(new Uint8Array([1]), a.peer)
    expect([a.frames.length, b.frames.length, c.frames.length]).toEqual([0, 1, 0])
    expect(peers.withRole('edit')).toEqual([a.peer, b.peer])
  })

  it('owes the step 1 once, and not to a peer that closed', () => {
    const peers = createRoomPeers({ idleMs: 1000 }, { clock: createFakeClock(), metrics: createMetrics(), onIdle: () => {} })
    const [a, b] = [recordingPeer(1, 'edit'), recordingPeer(2, 'edit')]
    peers.oweStepOne(a.peer)
    peers.oweStepOne(b.peer)
    markPeerLeft(b.peer)
    expect([peers.takeOwedStepOne(a.peer), peers.takeOwedStepOne(a.peer), peers.takeOwedStepOne(b.peer)]).toEqual([true, false, false])
  })

  it('counts down to idle once the last peer left, stops when one joins, and never after closing', async () => {
    const clock = createFakeClock()
    let idle = 0
    const peers = createRoomPeers({ idleMs: 1000 }, { clock, metrics: createMetrics(), onIdle: () => (idle += 1) })
    const a = recordingPeer(1, 'edit')
    peers.add(a.peer)
    expect(peers.remove(a.peer)).toBe(true)
    expect(peers.remove(a.peer)).toBe(false)
    await clock.advance(999)
    peers.add(a.peer)
    await clock.advance(5000)
    expect(idle).toBe(0)
    peers.remove(a.peer)
    await clock.advance(1000)
    expect(idle).toBe(1)
    const b = recordingPeer(2, 'view')
    peers.add(b.peer)
    peers.closeAll(1001, 'bye')
    expect(b.closedWith).toEqual([1001])
    expect([peers.size(), clock.pendingTimers]).toEqual([0, 0])
  })

  it('counts down to idle from its creation while nobody joins (a room loaded for a restore)', async () => {
    const clock = createFakeClock()
    let idle = 0
    const peers = createRoomPeers({ idleMs: 1000 }, { clock, metrics: createMetrics(), onIdle: () => (idle += 1) })
    await clock.advance(999)
    expect(idle).toBe(0)
    await clock.advance(1)
    expect(idle).toBe(1)
    const joined = createRoomPeers({ idleMs: 1000 }, { clock, metrics: createMetrics(), onIdle: () => (idle += 1) })
    joined.add(recordingPeer(1, 'edit').peer)
    await clock.advance(5000)
    expect(idle).toBe(1)
  })
})
