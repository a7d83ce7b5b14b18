/**
 * The room's lifecycle alone, with recorded steps in place of its parts:
 * what a failure stores and which close code the pages get, that closing
 * happens once, and that a deleted pad stores nothing more.
 */
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/close-codes'
import { createLogger } from '../log'
import { StoreError } from '../store/store'
import { createRoomLifecycle, type RoomLifecycle } from './lifecycle'

interface RecordedLifecycle {
  lifecycle: RoomLifecycle
  steps: string[]
  /** Resolves once the room is destroyed. */
  destroyed: Promise<void>
}

function recordedLifecycle(storeBatch: () => Promise<void> = () => Promise.resolve()): RecordedLifecycle {
  const steps: string[] = []
  let markDestroyed = (): void => {}
  const destroyed = new Promise<void>((resolve) => (markDestroyed = resolve))
  const lifecycle: RoomLifecycle = createRoomLifecycle({
    log: createLogger('silent'),
    clearInbox: () => steps.push('clear inbox'),
    storeBatch: async () => {
      steps.push('store batch')
      await storeBatch()
    },
    settle: async () => {
      steps.push('settle')
    },
    compact: async () => {
      steps.push(lifecycle.mayStore() ? 'compact' : 'no compaction')
    },
    startClosing: (code) => steps.push(`close peers ${code}`),
    destroy: () => {
      steps.push('destroy')
      markDestroyed()
    },
  })
  return { lifecycle, steps, destroyed }
}

describe('room lifecycle', () => {
  it('closes once: a second close gets the same promise and closes no peer again', async () => {
    const { lifecycle, steps } = recordedLifecycle()
    const first = lifecycle.close(CloseCode.goingAway, 'room unloaded')
    const second = lifecycle.close(CloseCode.internalError, 'again')
    expect(second).toBe(first)
    expect(lifecycle.isClosing()).toBe(true)
    await first
    expect(steps).toEqual([`close peers ${CloseCode.goingAway}`, 'settle', 'compact', 'destroy'])
  })

  it('a failure that is not the store’s stores the batch, then closes with 1001 so that pages reload the pad', async () => {
    const { lifecycle, steps, destroyed } = recordedLifecycle()
    lifecycle.fail(new TypeError('a bug'))
    expect(lifecycle.hasFailed()).toBe(true)
    expect(lifecycle.mayStore()).toBe(false)
    await destroyed
    expect(steps).toEqual(['clear inbox', 'store batch', `close peers ${CloseCode.goingAway}`, 'settle', 'no compaction', 'destroy'])
  })

  it('a failure whose batch cannot be stored either closes with 1011', async () => {
    const { lifecycle, steps, destroyed } = recordedLifecycle(() => Promise.reject(new StoreError('disk full')))
    lifecycle.fail(new TypeError('a bug'))
    await destroyed
    expect(steps).toContain(`close peers ${CloseCode.internalError}`)
    expect(steps).not.toContain(`close peers ${CloseCode.goingAway}`)
  })

  it('a store failure closes at once with 1014 and stores nothing', async () => {
    const { lifecycle, steps, destroyed } = recordedLifecycle()
    lifecycle.fail(new StoreError('database unreachable'))
    await destroyed
    expect(steps).toEqual(['clear inbox', `close peers ${CloseCode.storeUnavailable}`, 'settle', 'no compaction', 'destroy'])
  })

  it('a deleted pad stores nothing more, while an unloaded room compacts', async () => {
    const deleted = recordedLifecycle()
    await deleted.lifecycle.close(CloseCode.deleted, 'the pad was deleted', 'deleted')
    expect(deleted.lifecycle.mayStore()).toBe(false)
    expect(deleted.steps).toContain('no compaction')
    const unloaded = recordedLifecycle()
    await unloaded.lifecycle.close(CloseCode.goingAway, 'room unloaded')
    expect(unloaded.lifecycle.mayStore()).toBe(true)
    expect(unloaded.steps).toContain('compact')
  })
})
