/**
 * A version of a pad, as the server keeps it for the pad's history
 * (DESIGN.md, "History"): the pad's whole Yjs state at one moment, why it
 * was taken (its kind), an optional name, who was present and how many
 * characters of that state each participant is credited for. It says what a
 * version is and how one is captured from a doc; storing versions is the
 * store's, deciding when to take them is checkpoint-policy.ts, and which to
 * drop is thinning.ts.
 */
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { countCharactersByAuthor, legacyParticipantId } from '../../shared/pad/attribution'
import { VersionKind } from '../../shared/protocol/api'

// The kinds are part of the API (shared/protocol/api.ts): the page reads them too.
export { VersionKind }

export const versionKinds: readonly VersionKind[] = Object.values(VersionKind)

export function isVersionKind(value: string): value is VersionKind {
  return versionKinds.some((kind) => kind === value)
}

/** A version without its state: what a listing shows. */
export interface VersionSummary {
  /** 16 random bytes, base64url: unguessable, so that a version id leaks nothing of other pads. */
  id: string
  padId: string
  createdAtMs: number
  kind: VersionKind
  /** The name the facilitator gave it, or null. */
  name: string | null
  /** Bytes the store keeps for it: its whole state, or its change since its base (see `CapturedVersion`). */
  byteSize: number
  /** Participants connected to the pad while it was written, in no particular order. */
  presentParticipantIds: string[]
  /** Characters of the state's body credited to each participant (legacy text under its `legacyParticipantId`). */
  charactersByParticipant: Record<string, number>
  /** Kept whatever the thinning rule says: it was published as the recipe. */
  isPinned: boolean
  /** For a `before-restore` version, the restore it was taken for; null otherwise. */
  restore: VersionRestore | null
}

/** Which version a restore brought back, and who asked for it (their participant id, null when they gave none). */
export interface VersionRestore {
  versionId: string
  participantId: string | null
}

/** A version with its state: the pad at that moment, as one Yjs update (`Y.encodeStateAsUpdate`). */
export interface PadVersion extends VersionSummary {
  state: Uint8Array
}

/**
 * A version as the server captures and stores it: its state whole, or —
 * most of the time — only the change since an earlier version of the pad
 * (its base), so that a checkpoint of a big pad encodes and writes what
 * changed, not the whole pad (DESIGN.md, "History"). The stores rebuild the
 * whole state by merging the chain from the nearest whole version.
 */
export interface CapturedVersion extends VersionSummary {
  /** The whole state when `baseVersionId` is null, otherwise the change since the base's state. */
  storedState: Uint8Array
  baseVersionId: string | null
  /** Versions between this one and the whole one its chain starts from (0: this one is whole). */
  chainLength: number
  /** The state vector of the whole state: where the next version's change starts. */
  stateVector: Uint8Array
}

/** What a version taken next needs of the newest one: where its chain stands. */
export interface VersionBase {
  id: string
  createdAtMs: number
  stateVector: Uint8Array
  chainLength: number
}

/**
 * A version's chain is at most this long: every 20th version of a pad is
 * whole, so that reading one merges at most 20 changes into a whole state,
 * and the hot path encodes a whole big pad once in 20 checkpoints.
 */
export const maxChainLength = 20

const versionIdBytes = 16

export function generateVersionId(): string {
  return randomBytes(versionIdBytes).toString('base64url')
}

/** Whether `value` has the shape of a version id (22 base64url characters); says nothing of whether it exists. */
export function isVersionId(value: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(value)
}

/**
 * Characters of the doc's body credited to each participant, by the same
 * count the recipe's credits use (attribution.ts); text older than the
 * author attribute counts under its client's legacy participant id.
 */
export function creditedCharacters(doc: Y.Doc): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const [author, characters] of countCharactersByAuthor(doc)) {
    const participantId = author.startsWith('participant:')
      ? author.slice('participant:'.length)
      : legacyParticipantId(Number(author.slice('client:'.length)))
    counts[participantId] = (counts[participantId] ?? 0) + characters
  }
  return counts
}

export interface VersionCapture {
  padId: string
  kind: VersionKind
  name?: string | null
  atMs: number
  presentParticipantIds: Iterable<string>
  restore?: VersionRestore | null
}

/**
 * The version `doc` is now: its state (only the change since `base` when
 * there is one and its chain is not full yet), credits and a fresh id.
 * `base` should be the pad's newest version; if `doc` lacks some of what
 * the base held (another instance's writes on their way here), the version
 * read back is the union of both — a state every instance reaches anyway.
 */
export function captureVersion(doc: Y.Doc, capture: VersionCapture, base: VersionBase | null = null): CapturedVersion {
  const continues = base !== null && base.chainLength < maxChainLength - 1
  const storedState = continues ? Y.encodeStateAsUpdate(doc, base.stateVector) : Y.encodeStateAsUpdate(doc)
  return {
    id: generateVersionId(),
    padId: capture.padId,
    createdAtMs: capture.atMs,
    kind: capture.kind,
    name: capture.name ?? null,
    byteSize: storedState.length,
    presentParticipantIds: [...new Set(capture.presentParticipantIds)].sort(),
    charactersByParticipant: creditedCharacters(doc),
    isPinned: false,
    restore: capture.restore ?? null,
    storedState,
    baseVersionId: continues ? base.id : null,
    chainLength: continues ? base.chainLength + 1 : 0,
    stateVector: Y.encodeStateVector(doc),
  }
}

/** A captured version as a listing shows it, without its state. */
export function summaryOfCaptured(version: CapturedVersion): VersionSummary {
  const { storedState: _stored, baseVersionId: _base, chainLength: _length, stateVector: _vector, ...summary } = version
  return summary
}
