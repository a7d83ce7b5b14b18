/**
 * Reading the rows of `pad_versions` back into versions, the same way for
 * SQLite and PostgreSQL (SQLite gives JSON as text and times as numbers;
 * PostgreSQL gives JSONB parsed and BIGINT as strings). A kind this code
 * does not know (written by a newer version) is read as `named`, so that
 * thinning never drops what it cannot classify; unreadable JSON is empty.
 */
import type { ThinnableVersion } from '../history/thinning'
import { isVersionKind, VersionKind, type PadVersion, type VersionSummary } from '../history/version'

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

export function versionFromRow(row: StoredVersionRow & { state: Uint8Array }): PadVersion {
  return { ...versionSummaryFromRow(row), state: new Uint8Array(row.state) }
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
