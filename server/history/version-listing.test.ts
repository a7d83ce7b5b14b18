import { describe, expect, it } from 'vitest'
import type { ParticipantCredit } from '../../shared/pad/attribution'
import { describeVersions } from './version-listing'
import { VersionKind, type VersionSummary } from './version'

const credits: Record<string, ParticipantCredit> = {
  'p-awa': { name: 'Awa', organisation: 'La Fabrique', isNamed: true },
  'p-binta': { name: 'Binta', organisation: '', isNamed: true },
  'p-anon': { name: 'Caché', organisation: '', isNamed: false },
}

function summary(id: string, atMs: number, characters: Record<string, number>): VersionSummary {
  return {
    id,
    padId: 'pad',
    createdAtMs: atMs,
    kind: VersionKind.auto,
    name: null,
    byteSize: 10,
    presentParticipantIds: Object.keys(characters),
    charactersByParticipant: characters,
    isPinned: false,
    restore: null,
  }
}

describe('describeVersions', () => {
  it('credits each named writer’s change since the version before, deletions of all their text included, and counts the unnamed apart', () => {
    // Newest first, as the store lists them: Binta's text all went in the newest.
    const listing = describeVersions(
      [summary('v3', 3000, { 'p-awa': 40, 'p-anon': 5 }), summary('v2', 2000, { 'p-awa': 30, 'p-binta': 12, 'p-anon': 2 }), summary('v1', 1000, { 'p-awa': 30 })],
      (participantId) => credits[participantId] ?? null,
    )
    expect(listing.map((version) => version.characterChange)).toEqual([45 - 44, 44 - 30, 0])
    expect(listing[0]?.authors).toEqual([
      { name: 'Awa', organisation: 'La Fabrique', characters: 40, change: 10 },
      { name: 'Binta', organisation: '', characters: 0, change: -12 },
    ])
    expect(listing[0]?.unnamedCharacters).toBe(5)
    expect(listing[1]?.authors).toEqual([
      { name: 'Awa', organisation: 'La Fabrique', characters: 30, change: 0 },
      { name: 'Binta', organisation: '', characters: 12, change: 12 },
    ])
    // What the named authors' changes do not explain is the unnamed writers': +3 in the newest.
    const explained = (listing[0]?.authors ?? []).reduce((sum, author) => sum + author.change, 0)
    expect((listing[0]?.characterChange ?? 0) - explained).toBe(3)
    expect(listing[2]?.authors).toEqual([{ name: 'Awa', organisation: 'La Fabrique', characters: 30, change: 30 }])
  })
})
