/**
 * A room's automatic checkpoints (DESIGN.md, "History"): when this
 * instance's writers have written, a version of the pad is taken by the
 * checkpoint policy (history/checkpoint-policy.ts) on the room's clock, and
 * the pad's versions are thinned after each one. Checkpoints stay off the
 * hot path: the version is the change since the pad's newest version (whole
 * once in `maxChainLength`, history/version.ts), so a checkpoint of a big pad
 * encodes and writes what changed, not the pad; it is read from the room's
 * doc in an inbox task (so after the writes before it are stored) and
 * written to the store without anything waiting for it; relaying and
 * storing updates never wait for a checkpoint. A version taken meanwhile (by
 * another instance, or named on request) counts for what it holds. A write that fails is logged and retried when the policy says
 * one is due again. When the room closes, what was written since the last
 * checkpoint gets one. It decides nothing about when (the policy does) nor
 * which versions to drop (history/thinning.ts, applied by the store).
 */
import type * as Y from 'yjs'
import type { Clock, Timer } from '../clock'
import { createCheckpointPolicy, type CheckpointPolicyOptions } from '../history/checkpoint-policy'
import { captureVersion, VersionKind, type CapturedVersion, type VersionBase } from '../history/version'
import type { Logger } from '../log'
import type { Store } from '../store/store'

/** The part of the store checkpoints use. */
export type CheckpointStore = Pick<Store, 'writeVersion' | 'thinVersions' | 'newestVersionBase'>

/**
 * A version another instance took at time t holds what this instance stored
 * up to about this long before t (the time its writes take to reach the other
 * instance's doc through the store and the link between instances).
 */
export const otherInstanceLagMs = 1000

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
  let checkpointing: Promise<void> | null = null
  /** Gives up the capture waiting in the inbox (the room is closing, its inbox may never run it). */
  let abandonCapture: (() => void) | null = null
  let isClosed = false

  /** Sets the timer for the policy's next wake-up, unless one already rings by then. */
  function arm(): void {
    const wakeUpMs = policy.nextWakeUp()
    if (wakeUpMs === null || isClosed || checkpointing !== null) return
    if (timer !== null) {
      if (timer.dueMs <= wakeUpMs) return
      clock.clearTimeout(timer.timer)
    }
    timer = { timer: clock.setTimeout(ring, Math.max(0, wakeUpMs - clock.now())), dueMs: wakeUpMs }
  }

  function ring(): void {
    timer = null
    if (isClosed || checkpointing !== null) return
    if (!policy.due(clock.now())) return arm()
    checkpointing = checkpoint(inInbox).finally(() => {
      checkpointing = null
      arm()
    })
  }

  /** Runs `capture` as an inbox task (after the writes before it are stored); null if the room closes first. */
  function inInbox(capture: () => CapturedVersion | null): Promise<CapturedVersion | null> {
    return new Promise((resolve) => {
      abandonCapture = () => resolve(null)
      deps.schedule(() => {
        abandonCapture = null
        resolve(isClosed ? null : capture())
      })
    })
  }

  /** Captures the doc as the change since `base`, if a checkpoint is still owed (and due, unless the room is closing). */
  function capture(base: VersionBase | null, mustBeDue: boolean): CapturedVersion | null {
    const atMs = clock.now()
    if (!deps.mayStore() || (mustBeDue ? !policy.due(atMs) : policy.nextWakeUp() === null)) return null
    const present = [...joined, ...deps.connectedParticipants()]
    const version = captureVersion(deps.doc(), { padId, kind: VersionKind.auto, atMs, presentParticipantIds: present }, base)
    policy.taken(atMs)
    joined.clear()
    return version
  }

  /**
   * One checkpoint: reads where the pad's history stands (a version taken
   * meanwhile, by this instance on request or by another, holds part of what
   * is owed), captures the change since the newest version, writes it and
   * thins the pad's versions. The policy hears how it went.
   */
  async function checkpoint(run: (task: () => CapturedVersion | null) => Promise<CapturedVersion | null>, mustBeDue = true): Promise<void> {
    let base: VersionBase | null
    try {
      base = await store.newestVersionBase(padId)
    } catch (error) {
      log.warn({ err: error }, 'could not read the pad’s newest version; trying again when the next checkpoint is due')
      policy.failed(clock.now())
      return
    }
    if (base !== null) policy.coveredUntil(base.createdAtMs - otherInstanceLagMs)
    const version = await run(() => capture(base, mustBeDue))
    if (version === null) return
    try {
      await store.writeVersion(version)
    } catch (error) {
      log.warn({ err: error }, 'could not store a checkpoint; trying again when the next one is due')
      policy.failed(clock.now())
      return
    }
    log.debug({ versionId: version.id, bytes: version.byteSize, chainLength: version.chainLength }, 'checkpoint stored')
    try {
      const dropped = await store.thinVersions(padId, clock.now())
      if (dropped.length > 0) log.debug({ dropped: dropped.length }, 'versions thinned')
    } catch (error) {
      // The versions stay until the next checkpoint thins them.
      log.warn({ err: error }, 'could not thin the pad’s versions')
    }
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
      abandonCapture?.()
    },
    async flush() {
      await checkpointing
      if (policy.nextWakeUp() === null) return
      // The room is closing: its doc holds everything stored; the capture runs at once.
      checkpointing = checkpoint((task) => Promise.resolve(task()), false)
      await checkpointing
    },
  }
}
