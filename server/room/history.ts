/**
 * A room's side of the pad's history on request (DESIGN.md, "History"): a
 * version of its live doc (one the facilitator names, or the safety copy
 * before a lock or an export), and restores. A restore first stores a
 * `before-restore` checkpoint of the doc (restoring it undoes the restore),
 * then applies the version's content (history/restore-change.ts) as one
 * write of the room's own (writes.ts), stored before it is relayed to every
 * peer and published to the other instances, like any write. Each runs as
 * one inbox task (requests.ts), so nothing changes the doc in between; a
 * restore also holds the pad's lock in the store and starts from everything
 * stored, so that restores on two instances do not both patch the same gap.
 */
import type { Clock } from '../clock'
import { applyRestore } from '../history/restore-change'
import { docOfVersion, takeVersion, type VersionRequest } from '../history/version-taking'
import { VersionKind, type PadVersion, type VersionSummary } from '../history/version'
import type { Logger } from '../log'
import type { Store } from '../store/store'
import { RoomFailure } from './requests'
import type { RoomStorage } from './storage/storage'
import type { RoomWrites } from './writes'

/** The part of the store a room's history uses. */
export type RoomHistoryStore = Pick<Store, 'writeVersion' | 'listVersions' | 'readVersion' | 'newestVersionBase' | 'withPadLock'>

/** The pad would pass `maxDocumentBytes` with the restored content: nothing was changed. */
export class PadFullError extends Error {
  override readonly name = 'PadFullError'
}

export interface RestoreOutcome {
  /** The `before-restore` version of the pad just before. */
  checkpoint: VersionSummary
  /** Whether the pad changed (restoring a version equal to the pad changes nothing). */
  changed: boolean
}

export interface RoomHistoryDeps {
  store: RoomHistoryStore
  clock: Clock
  log: Logger
  storage: RoomStorage
  writes: Pick<RoomWrites, 'applyOwnChange'>
  /** Participants connected now. */
  connectedParticipants(): Iterable<string>
  /** Brings the doc up to what other instances stored (nothing to do on a single instance). */
  catchUpWithStore(): Promise<void>
}

export interface RoomHistory {
  /** Takes and stores a version of the doc as it is now (null: only wanted if changed, and it was not). */
  takeVersion(request: VersionRequest): Promise<VersionSummary | null>
  /** Checkpoints the doc, then restores `version` as one write; a failure after the doc changed is a `RoomFailure`. */
  restore(version: PadVersion, restoredBy: string | null): Promise<RestoreOutcome>
}

export function createRoomHistory(padId: string, options: { maxDocumentBytes: number }, deps: RoomHistoryDeps): RoomHistory {
  const { store, clock, log, storage, writes } = deps
  const taking = () => ({ padId, atMs: clock.now(), presentParticipantIds: deps.connectedParticipants() })

  return {
    takeVersion: (request) => takeVersion(store, storage.document().doc(), request, taking()),
    async restore(version, restoredBy) {
      // The restored content comes on top of what is there (its deletions are small): bounded by the version's size.
      if (storage.storedBytes() + version.state.length > options.maxDocumentBytes) {
        throw new PadFullError(`the pad would pass ${options.maxDocumentBytes} bytes with this version restored`)
      }
      // Under the pad's lock, from everything stored: a restore asked on another instance at the same time comes before or after this one, not beside it.
      return store.withPadLock(padId, async () => {
        await deps.catchUpWithStore()
        const restore = { versionId: version.id, participantId: restoredBy }
        const checkpoint = await takeVersion(store, storage.document().doc(), { kind: VersionKind.beforeRestore, restore }, taking())
        if (checkpoint === null) throw new TypeError('a before-restore checkpoint is always taken')
        const versionDoc = docOfVersion(version)
        try {
          const changed = await writes.applyOwnChange((doc) => applyRestore(doc, versionDoc))
          log.info({ versionId: version.id, checkpointId: checkpoint.id, restoredBy, changed }, 'version restored')
          return { checkpoint, changed }
        } catch (error) {
          throw new RoomFailure(error)
        } finally {
          versionDoc.destroy()
        }
      })
    },
  }
}
