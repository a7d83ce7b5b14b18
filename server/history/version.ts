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
  /** Bytes of the state. */
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

/** The version `doc` is now: its state, credits and a fresh id. */
export function captureVersion(doc: Y.Doc, capture: VersionCapture): PadVersion {
  const state = Y.encodeStateAsUpdate(doc)
  return {
    id: generateVersionId(),
    padId: capture.padId,
    createdAtMs: capture.atMs,
    kind: capture.kind,
    name: capture.name ?? null,
    byteSize: state.length,
    presentParticipantIds: [...new Set(capture.presentParticipantIds)].sort(),
    charactersByParticipant: creditedCharacters(doc),
    isPinned: false,
    restore: capture.restore ?? null,
    state,
  }
}
