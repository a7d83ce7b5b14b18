/**
 * A room's ordered inbox: every frame and task (load, join, leave, settings)
 * is handled one after the other, so that nobody is answered before the pad
 * is loaded and no message overtakes another. Work is drained at the end of
 * the turn it arrived in, so that everything received in one turn forms one
 * batch of writes; a task first has the writes applied so far stored. When
 * the inbox is empty, `whenEmpty` does what is still due (storing the batch)
 * until it says nothing is left. It does not know what a frame means.
 */
import type { Peer } from '../relay/peer'
import { atTurnEnd } from './turn-end'

export type RoomItem =
  | { kind: 'frame'; peer: Peer; frame: Uint8Array }
  | { kind: 'task'; run: () => void | Promise<void> }

export interface RoomInboxDeps {
  /** Handles one frame; returns a promise only when it had to wait. */
  handleFrame(peer: Peer, frame: Uint8Array): Promise<void> | undefined
  /** Runs before each task. */
  beforeTask(): Promise<void>
  /** Runs while the inbox is empty; resolves false when nothing is left to do. */
  whenEmpty(): Promise<boolean>
  /** Runs once each drain has stopped. */
  afterDrain(): void
  /** Anything a handler threw: the room's failure. The drain stops. */
  fail(error: unknown): void
  /** Whether the room handles nothing more (it failed). */
  isStopped(): boolean
  /** Whether something outside the inbox keeps the room busy (presence waiting for its turn). */
  isBusy(): boolean
}

export interface RoomInbox {
  push(item: RoomItem): void
  /** Whether everything received so far is handled. */
  isSettled(): boolean
  /** Resolves once everything received so far is handled. */
  settle(): Promise<void>
  /** Resolves the `settle` promises if the room is settled now. */
  notifyIfSettled(): void
  /** Drops what is not handled yet (the room failed). */
  clear(): void
}

/** An inbox whose first item is `first`, drained at once. */
export function createRoomInbox(first: RoomItem, deps: RoomInboxDeps): RoomInbox {
  let items: RoomItem[] = [first]
  let isDraining = false
  let isDrainScheduled = false
  const settleWaiters: Array<() => void> = []

  async function drain(): Promise<void> {
    isDraining = true
    try {
      while (!deps.isStopped()) {
        if (items.length > 0) {
          const due = items
          items = []
          for (const item of due) {
            if (deps.isStopped()) break
            if (item.kind === 'task') {
              await deps.beforeTask()
              await item.run()
            } else {
              const handling = deps.handleFrame(item.peer, item.frame)
              if (handling !== undefined) await handling
            }
          }
          continue
        }
        if (!(await deps.whenEmpty())) break
      }
    } catch (error) {
      deps.fail(error)
    }
    isDraining = false
    deps.afterDrain()
    inbox.notifyIfSettled()
  }

  const inbox: RoomInbox = {
    push(item) {
      items.push(item)
      if (isDraining || isDrainScheduled) return
      // Waiting for the end of this turn lets everything that arrived in it
      // form one batch.
      isDrainScheduled = true
      atTurnEnd(() => {
        isDrainScheduled = false
        if (!isDraining) void drain()
      })
    },
    isSettled() {
      return !isDraining && !isDrainScheduled && (items.length === 0 || deps.isStopped()) && !deps.isBusy()
    },
    settle() {
      if (inbox.isSettled()) return Promise.resolve()
      return new Promise<void>((resolve) => settleWaiters.push(resolve))
    },
    notifyIfSettled() {
      if (!inbox.isSettled()) return
      for (const resolve of settleWaiters.splice(0)) resolve()
    },
    clear() {
      items = []
    },
  }
  void drain()
  return inbox
}
