/**
 * A room's automatic checkpoints (DESIGN.md, "History"): when this
 * instance's writers have written, a version of the pad is taken by the
 * checkpoint policy (history/checkpoint-policy.ts) on the room's clock, and
 * the pad's versions are thinned after each one. Checkpoints stay off the
 * hot path: the version is read from the room's doc in an inbox task (so
 * after the writes before it are stored) and written to the store without
 * anything waiting for it; relaying and storing updates never wait for a
 * checkpoint. A write that fails is logged and retried when the policy says
 * one is due again. When the room closes, what was written since the last
 * checkpoint gets one. It decides nothing about when (the policy does) nor
 * which versions to drop (history/thinning.ts, applied by the store).
 */
import type * as Y from 'yjs'
import type { Clock, Timer } from '../clock'
import { createCheckpointPolicy, type CheckpointPolicyOptions } from '../history/checkpoint-policy'
import { captureVersion, VersionKind } from '../history/version'
import type { Logger } from '../log'
import type { Store } from '../store/store'

/** The part of the store checkpoints use. */
export type CheckpointStore = Pick<Store, 'writeVersion' | 'thinVersions'>

export interface RoomCheckpointsDeps {
  store: CheckpointStore
  clock: Clock
  log: Logger
  /** Runs `task` in the room's inbox, after the writes received before it are stored. */
  schedule(task: () => void): void
  /** The room's doc, as stored. */
  doc(): Y.Doc
  /** Participants connected now. */
  connectedParticipants(): Iterable<string>
  /** Whether the room may still write to the store. */
  mayStore(): boolean
}

export interface RoomCheckpoints {
  /** A batch of this instance's writes was stored. */
  onStored(): void
  /** A participant joined: they count as present in the next checkpoint, even if they leave before it. */
  notePresent(participantId: string | null): void
  /** Stops the timer; nothing more is taken but by `flush`. Idempotent. */
  close(): void
  /** Takes the checkpoint still owed (the room is closing), and resolves once every checkpoint write has ended. */
  flush(): Promise<void>
}

/** A room that takes no automatic checkpoint (CHECKPOINT_ACTIVITY_MS=0). */
const noCheckpoints: RoomCheckpoints = {
  onStored: () => undefined,
  notePresent: () => undefined,
  close: () => undefined,
  flush: () => Promise.resolve(),
}

/** The room's checkpoints by `options`; null: none are taken. */
export function createRoomCheckpoints(padId: string, options: CheckpointPolicyOptions | null, deps: RoomCheckpointsDeps): RoomCheckpoints {
  if (options === null) return noCheckpoints
  const { store, clock, log } = deps
  const policy = createCheckpointPolicy(options)
  /** Participants who joined since the last checkpoint. */
  const joined = new Set<string>()
  let timer: { timer: Timer; dueMs: number } | null = null
  let writing: Promise<void> | null = null
  let isClosed = false

  /** Sets the timer for the policy's next wake-up, unless one already rings by then. */
  function arm(): void {
    const wakeUpMs = policy.nextWakeUp()
    if (wakeUpMs === null || isClosed || writing !== null) return
    if (timer !== null) {
      if (timer.dueMs <= wakeUpMs) return
      clock.clearTimeout(timer.timer)
    }
    timer = { timer: clock.setTimeout(ring, Math.max(0, wakeUpMs - clock.now())), dueMs: wakeUpMs }
  }

  function ring(): void {
    timer = null
    if (isClosed) return
    if (policy.due(clock.now())) deps.schedule(takeIfDue)
    else arm()
  }

  function takeIfDue(): void {
    if (!isClosed && writing === null && policy.due(clock.now())) take()
    else arm()
  }

  /** Captures the doc now and writes it, without waiting; the policy hears how it went. */
  function take(): void {
    if (!deps.mayStore()) return
    const atMs = clock.now()
    const present = [...joined, ...deps.connectedParticipants()]
    const version = captureVersion(deps.doc(), { padId, kind: VersionKind.auto, atMs, presentParticipantIds: present })
    policy.taken(atMs)
    joined.clear()
    writing = store
      .writeVersion(version)
      .then(
        async () => {
          log.debug({ versionId: version.id, bytes: version.byteSize }, 'checkpoint stored')
          try {
            const dropped = await store.thinVersions(padId, clock.now())
            if (dropped.length > 0) log.debug({ dropped: dropped.length }, 'versions thinned')
          } catch (error) {
            // The versions stay until the next checkpoint thins them.
            log.warn({ err: error }, 'could not thin the pad’s versions')
          }
        },
        (error: unknown) => {
          log.warn({ err: error }, 'could not store a checkpoint; trying again when the next one is due')
          policy.failed(clock.now())
        },
      )
      .finally(() => {
        writing = null
        arm()
      })
  }

  return {
    onStored() {
      policy.onUpdate(clock.now())
      arm()
    },
    notePresent(participantId) {
      if (participantId !== null) joined.add(participantId)
    },
    close() {
      isClosed = true
      if (timer !== null) clock.clearTimeout(timer.timer)
      timer = null
    },
    async flush() {
      await writing
      if (policy.nextWakeUp() !== null) take()
      await writing
    },
  }
}
