import { describe, expect, it } from 'vitest'
import { defaultThinningRule, selectVersionsToDrop, type ThinnableVersion } from './thinning'
import type { VersionKind } from './version'

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
// Midnight UTC, so that hours and days in the tests are the clock's.
const now = Date.UTC(2025, 5, 20)

let nextId = 0
function version(ageMs: number, kind: VersionKind = 'auto', isNamed = false): ThinnableVersion {
  return { id: `v${nextId++}-${kind}`, createdAtMs: now - ageMs, kind, isNamed }
}
const idsOf = (versions: ThinnableVersion[]): string[] => versions.map((v) => v.id)

describe('selectVersionsToDrop', () => {
  it('keeps every automatic checkpoint of the last three hours', () => {
    const recent = Array.from({ length: 36 }, (_, i) => version(i * 5 * minute))
    expect(selectVersionsToDrop(recent, now)).toEqual([])
  })

  it('keeps only the last checkpoint of each hour between three hours and seven days old', () => {
    // Three in the hour from 5 h to 4 h ago, two in the hour from 30 h to 29 h ago.
    const fiveHoursAgo = [version(5 * hour - 10 * minute), version(5 * hour - 30 * minute), version(5 * hour - 50 * minute)]
    const dayAgo = [version(30 * hour - 5 * minute), version(30 * hour - 55 * minute)]
    const dropped = selectVersionsToDrop([...fiveHoursAgo, ...dayAgo], now)
    expect(dropped.sort()).toEqual(idsOf([fiveHoursAgo[0], fiveHoursAgo[1], dayAgo[0]] as ThinnableVersion[]).sort())
  })

  it('keeps only the last checkpoint of each day after seven days', () => {
    const tenDaysAgo = [version(10 * day - 1 * hour), version(10 * day - 6 * hour), version(10 * day - 20 * hour)]
    const monthAgo = [version(30 * day - 2 * hour), version(30 * day - 3 * hour)]
    const dropped = selectVersionsToDrop([...tenDaysAgo, ...monthAgo], now)
    expect(dropped.sort()).toEqual(idsOf([tenDaysAgo[0], tenDaysAgo[1], monthAgo[0]] as ThinnableVersion[]).sort())
  })

  it('never drops a named or published version, nor one taken before a lock, restore, export or publish', () => {
    const kinds: VersionKind[] = ['named', 'before-lock', 'before-restore', 'before-export', 'before-publish']
    const safe = kinds.flatMap((kind) => [version(20 * day, kind), version(20 * day + minute, kind), version(5 * hour, kind)])
    const namedCheckpoint = version(20 * day + 2 * minute, 'auto', true)
    const publishedCheckpoint = { ...version(20 * day + 4 * minute), isPinned: true }
    const plain = version(20 * day + 3 * minute)
    const all = [...safe, namedCheckpoint, publishedCheckpoint, plain]
    expect(selectVersionsToDrop(all, now, { ...defaultThinningRule, maxAutomatic: 0 })).toEqual([plain.id])
  })

  it('caps the automatic checkpoints of a pad, dropping the oldest first', () => {
    const many = Array.from({ length: 520 }, (_, i) => version(i * 10_000))
    const dropped = selectVersionsToDrop(many, now)
    expect(dropped).toHaveLength(20)
    expect(dropped).toEqual(idsOf(many.slice(500).reverse()))
  })

  it('is stable: thinning what it kept, later, keeps the last of each hour and day', () => {
    let versions = Array.from({ length: 200 }, (_, i) => version(i * 7 * minute))
    versions = versions.filter((v) => !selectVersionsToDrop(versions, now).includes(v.id))
    const later = now + 10 * day
    const dropped = selectVersionsToDrop(versions, later)
    const left = versions.filter((v) => !dropped.includes(v.id))
    const days = new Set(versions.map((v) => Math.floor(v.createdAtMs / day)))
    expect(new Set(left.map((v) => Math.floor(v.createdAtMs / day)))).toEqual(days)
    expect(left).toHaveLength(days.size)
    // The kept one of each day is its newest.
    for (const kept of left) {
      expect(versions.filter((v) => Math.floor(v.createdAtMs / day) === Math.floor(kept.createdAtMs / day) && v.createdAtMs > kept.createdAtMs)).toEqual([])
    }
  })

  it('refuses a contradictory rule', () => {
    expect(() => selectVersionsToDrop([], now, { keepAllMs: 2 * day, hourlyUntilMs: day, maxAutomatic: 10 })).toThrow(RangeError)
  })
})
