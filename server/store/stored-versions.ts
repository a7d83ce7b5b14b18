/**
 * Reading the rows of `pad_versions` back into versions, the same way for
 * SQLite and PostgreSQL (SQLite gives JSON as text and times as numbers;
 * PostgreSQL gives JSONB parsed and BIGINT as strings). A kind this code
 * does not know (written by a newer version) is read as `named`, so that
 * thinning never drops what it cannot classify; unreadable JSON is empty.
 * A version's whole state is its chain's states merged, from the whole one
 * it starts at (history/version.ts, `CapturedVersion`).
 */
import * as Y from 'yjs'
import type { ThinnableVersion } from '../history/thinning'
import { isVersionKind, maxChainLength, VersionKind, type PadVersion, type VersionBase, type VersionSummary } from '../history/version'

export interface StoredVersionRow {
  id: string
  pad_id: string
  created_at_ms: number | string
  kind: string
  name: string | null
  byte_size: number | string
  present: unknown
  characters: unknown
  is_pinned: boolean | number
  restored_version: string | null
  restored_by: string | null
}

export function versionSummaryFromRow(row: StoredVersionRow): VersionSummary {
  return {
    id: row.id,
    padId: row.pad_id,
    createdAtMs: Number(row.created_at_ms),
    kind: isVersionKind(row.kind) ? row.kind : VersionKind.named,
    name: row.name,
    byteSize: Number(row.byte_size),
    presentParticipantIds: parseIds(row.present),
    charactersByParticipant: parseCounts(row.characters),
    isPinned: row.is_pinned === true || row.is_pinned === 1,
    restore: row.restored_version === null ? null : { versionId: row.restored_version, participantId: row.restored_by },
  }
}

/** One link of a version's chain, as `chainQuery` gives them: oldest (the whole one) first. */
export interface ChainRow {
  id: string
  base_version_id: string | null
  state: Uint8Array
}

/**
 * The query giving a version's chain, from the whole version it starts at
 * to it, in both dialects (`pad` and `id` are the placeholders). Version ids
 * are unique across pads, and a base is always of the same pad.
 */
export function chainQuery(pad: string, id: string): string {
  return `WITH RECURSIVE chain (id, base_version_id, state, depth) AS (
    SELECT id, base_version_id, state, 0 FROM pad_versions WHERE pad_id = ${pad} AND id = ${id}
    UNION ALL
    SELECT earlier.id, earlier.base_version_id, earlier.state, chain.depth + 1
      FROM pad_versions AS earlier JOIN chain ON earlier.id = chain.base_version_id
      WHERE chain.depth < ${2 * maxChainLength}
  )
  SELECT id, base_version_id, state FROM chain ORDER BY depth DESC`
}

/** The version with its whole state, merged from its chain (oldest first); throws when the chain does not start at a whole version. */
export function wholeVersionFromChain(summary: VersionSummary, chain: readonly ChainRow[]): PadVersion {
  const [first] = chain
  if (first === undefined || first.base_version_id !== null || chain.at(-1)?.id !== summary.id) {
    throw new Error(`version ${summary.id} of pad ${summary.padId}: its chain does not start at a whole version`)
  }
  const states = chain.map((link) => new Uint8Array(link.state))
  return { ...summary, state: states.length === 1 ? (states[0] ?? new Uint8Array()) : Y.mergeUpdates(states) }
}

export interface VersionBaseRow {
  id: string
  created_at_ms: number | string
  state_vector: Uint8Array | null
  chain_length: number | string
}

/** The newest version as the base of the next; null for one written before versions had state vectors (the next is then whole). */
export function versionBaseFromRow(row: VersionBaseRow): VersionBase | null {
  if (row.state_vector === null) return null
  return { id: row.id, createdAtMs: Number(row.created_at_ms), stateVector: new Uint8Array(row.state_vector), chainLength: Number(row.chain_length) }
}

/** What thinning reads of a version, as both stores give it to the rule. */
export function thinnableOf(version: VersionSummary): ThinnableVersion {
  return { id: version.id, createdAtMs: version.createdAtMs, kind: version.kind, isNamed: version.name !== null, isPinned: version.isPinned }
}

/** The JSON columns of a version, as both stores write them. */
export function versionJson(version: VersionSummary): { present: string; characters: string } {
  return { present: JSON.stringify(version.presentParticipantIds), characters: JSON.stringify(version.charactersByParticipant) }
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return null
  }
}

function parseIds(value: unknown): string[] {
  const parsed = parseJson(value)
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []
}

function parseCounts(value: unknown): Record<string, number> {
  const parsed = parseJson(value)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {}
  const counts: Record<string, number> = {}
  for (const [id, count] of Object.entries(parsed)) if (typeof count === 'number' && Number.isFinite(count)) counts[id] = count
  return counts
}
