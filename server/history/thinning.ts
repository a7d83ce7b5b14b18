/**
 * Which versions of a pad to drop so that its history stays bounded — a
 * pure rule over the versions' dates, kinds and names, with `now` given:
 *
 * - a named version, a published one, and one taken before a lock,
 *   restore, export or publish, is never dropped;
 * - automatic checkpoints are all kept for the last `keepAllMs` (3 hours),
 *   then only the last one of each clock hour for `hourlyForMs` (7 days),
 *   then only the last one of each day (UTC days);
 * - on top of that, a pad keeps at most `maxAutomatic` automatic
 *   checkpoints (500): past that, the oldest go first.
 *
 * Hours and days are counted among the checkpoints of one age band only
 * (the newest of an hour that is partly in the last 3 hours does not stand
 * for the older ones of that hour), so that applying the rule again later
 * never drops a version that an earlier application kept as its band's last.
 * It reads no clock and touches no store (the stores apply it).
 */
import type { VersionKind } from './version'

/** What the rule reads of a version. */
export interface ThinnableVersion {
  id: string
  createdAtMs: number
  kind: VersionKind
  /** Whether the facilitator named it (a named checkpoint is kept like a named version). */
  isNamed: boolean
  /** Whether it was published as the recipe (kept like a named version). */
  isPinned?: boolean
}

export interface ThinningRule {
  /** Every automatic checkpoint younger than this is kept. */
  keepAllMs: number
  /** Then, up to this age, the last one of each hour. */
  hourlyUntilMs: number
  /** At most this many automatic checkpoints per pad: the oldest beyond it are dropped. */
  maxAutomatic: number
}

const hourMs = 3600 * 1000
const dayMs = 24 * hourMs

export const defaultThinningRule: ThinningRule = {
  keepAllMs: 3 * hourMs,
  hourlyUntilMs: 7 * dayMs,
  // A 3-hour workshop with a checkpoint every 5 minutes makes 36; a pad used
  // every day for a year keeps one a day (365) and its last week hourly.
  maxAutomatic: 500,
}

/** The ids of the versions the rule drops at `nowMs`, oldest first. */
export function selectVersionsToDrop(versions: readonly ThinnableVersion[], nowMs: number, rule: ThinningRule = defaultThinningRule): string[] {
  if (!(rule.keepAllMs >= 0 && rule.hourlyUntilMs >= rule.keepAllMs && rule.maxAutomatic >= 0)) {
    throw new RangeError(`a thinning rule needs 0 ≤ keepAllMs ≤ hourlyUntilMs and maxAutomatic ≥ 0, got ${JSON.stringify(rule)}`)
  }
  // Newest first; for equal times, the later in the list counts as the newer.
  const automatic = versions
    .map((version, index) => ({ version, index }))
    .filter(({ version }) => version.kind === 'auto' && !version.isNamed && version.isPinned !== true)
    .sort((a, b) => b.version.createdAtMs - a.version.createdAtMs || b.index - a.index)
    .map(({ version }) => version)
  const kept: ThinnableVersion[] = []
  const dropped: ThinnableVersion[] = []
  const keptBuckets = new Set<string>()
  for (const version of automatic) {
    const ageMs = nowMs - version.createdAtMs
    if (ageMs < rule.keepAllMs) {
      kept.push(version)
      continue
    }
    const bucket = ageMs < rule.hourlyUntilMs ? `hour ${Math.floor(version.createdAtMs / hourMs)}` : `day ${Math.floor(version.createdAtMs / dayMs)}`
    if (keptBuckets.has(bucket)) {
      dropped.push(version)
    } else {
      keptBuckets.add(bucket)
      kept.push(version)
    }
  }
  // The cap: the oldest of those kept go first.
  dropped.push(...kept.slice(rule.maxAutomatic))
  return dropped.sort((a, b) => a.createdAtMs - b.createdAtMs).map((version) => version.id)
}
