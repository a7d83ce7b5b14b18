/**
 * What the pad API asks of the pads' live copies for their history: a
 * version of a pad as it is now — from its room's doc when the pad is loaded
 * on this instance, else from the store — and a restore, which goes through
 * the pad's room (loaded for it if needed) so that it is stored before it is
 * relayed, like any write. The relay implements it (relay/rooms.ts); the API
 * decides who may ask (pad-history.ts).
 */
import type { VersionRequest } from '../history/version-taking'
import type { PadVersion, VersionSummary } from '../history/version'
import type { RestoreOutcome } from '../room/history'
import type { PadRecord } from '../store/store'

export interface LivePads {
  /** Takes and stores a version of the pad now; null when it was only wanted if the pad changed, and it did not. */
  takeVersion(pad: PadRecord, request: VersionRequest): Promise<VersionSummary | null>
  /** Restores `version` of the pad as one new change, after a `before-restore` checkpoint; `restoredBy` is a participant id. */
  restoreVersion(pad: PadRecord, version: PadVersion, restoredBy: string | null): Promise<RestoreOutcome>
}
