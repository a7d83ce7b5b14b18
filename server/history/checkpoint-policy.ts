/**
 * When a pad being written gets an automatic checkpoint — a small state
 * machine over times it is given (it reads no clock and sets no timer; the
 * room's checkpoints do, checkpoints.ts):
 *
 * - after each `activityMs` (5 minutes) of writing, counted from the first
 *   update after the previous checkpoint;
 * - when writing stops: `quietMs` (2 minutes) without an update after the
 *   last change;
 * - never while nobody writes: no update since the last checkpoint, nothing
 *   is due and no wake-up is asked for.
 *
 * A checkpoint whose write failed is retried at the next time one would be
 * due, as if the failure were an update: `quietMs` later at the earliest.
 * A version taken otherwise (named on request, or by another instance)
 * counts for what it holds: the updates before it need no checkpoint more.
 */

export interface CheckpointPolicyOptions {
  /** A checkpoint this long after the first update since the previous one, even while writing goes on. */
  activityMs: number
  /** A checkpoint once no update came for this long. */
  quietMs: number
}

export const defaultCheckpointPolicyOptions: CheckpointPolicyOptions = {
  activityMs: 5 * 60_000,
  quietMs: 2 * 60_000,
}

export interface CheckpointPolicy {
  /** An update was stored at `nowMs`. */
  onUpdate(nowMs: number): void
  /** Whether a checkpoint is due at `nowMs`. */
  due(nowMs: number): boolean
  /** A checkpoint of everything so far was taken at `nowMs`. */
  taken(nowMs: number): void
  /** The checkpoint taken could not be stored: what it held is still to checkpoint. */
  failed(nowMs: number): void
  /** A version holding every update until `atMs` was taken elsewhere: only the later ones are still owed, counted from `atMs`. */
  coveredUntil(atMs: number): void
  /** When a checkpoint will next be due if nothing else happens, or null when none will be. */
  nextWakeUp(): number | null
}

export function createCheckpointPolicy(options: CheckpointPolicyOptions = defaultCheckpointPolicyOptions): CheckpointPolicy {
  if (!(options.activityMs > 0 && options.quietMs > 0)) {
    throw new RangeError(`a checkpoint policy needs positive activityMs and quietMs, got ${options.activityMs} and ${options.quietMs}`)
  }
  /** The first update since the last checkpoint, and the last one; null while nothing waits for a checkpoint. */
  let pending: { firstMs: number; lastMs: number } | null = null

  const nextWakeUp = (): number | null =>
    pending === null ? null : Math.min(pending.firstMs + options.activityMs, pending.lastMs + options.quietMs)

  return {
    onUpdate(nowMs) {
      pending = pending === null ? { firstMs: nowMs, lastMs: nowMs } : { firstMs: pending.firstMs, lastMs: Math.max(pending.lastMs, nowMs) }
    },
    due(nowMs) {
      const wakeUp = nextWakeUp()
      return wakeUp !== null && nowMs >= wakeUp
    },
    taken() {
      pending = null
    },
    failed(nowMs) {
      // Updates that came since the failed checkpoint was taken keep their period.
      pending = pending === null ? { firstMs: nowMs, lastMs: nowMs } : { firstMs: pending.firstMs, lastMs: Math.max(pending.lastMs, nowMs) }
    },
    coveredUntil(atMs) {
      if (pending === null || atMs < pending.firstMs) return
      pending = pending.lastMs <= atMs ? null : { firstMs: atMs, lastMs: pending.lastMs }
    },
    nextWakeUp,
  }
}
