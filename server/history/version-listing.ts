/**
 * A pad's versions as the API lists them: each stored summary with its
 * participants named as they chose to be credited (read from the pad as it
 * is now, so that someone who later chose not to be named is not named in
 * the history either), their characters, and the change since the version
 * before — someone whose text all went since is listed with none left.
 * Pure: the route reads the store and the pad's credits.
 */
import type { ParticipantCredit } from '../../shared/pad/attribution'
import type { PadVersionAuthor, PadVersionListing } from '../../shared/protocol/api'
import type { VersionSummary } from './version'

/** How a participant is credited now, or null when they are not named (or unknown). */
export type CreditOf = (participantId: string) => ParticipantCredit | null

/** `versions` newest first, as the store lists them; the listing in the same order. */
export function describeVersions(versions: readonly VersionSummary[], creditOf: CreditOf): PadVersionListing[] {
  const named = (participantId: string): ParticipantCredit | null => {
    const credit = creditOf(participantId)
    return credit !== null && credit.isNamed ? credit : null
  }
  const tallies = versions.map((version) => tallyAuthors(version, named))
  return versions.map((version, index) => {
    const tally = tallies[index] as AuthorTally
    const previous = tallies[index + 1] ?? null
    const present = new Set<string>()
    let presentUnnamedCount = 0
    for (const participantId of version.presentParticipantIds) {
      const credit = named(participantId)
      if (credit === null) presentUnnamedCount++
      else present.add(credit.name)
    }
    // Those whose text all left since the version before are listed too, with nothing left: their deletion is theirs, not « others' ».
    const gone = [...(previous?.byName.values() ?? [])].filter((author) => !tally.byName.has(author.name)).map((author) => ({ ...author, characters: 0 }))
    const authors: PadVersionAuthor[] = [...tally.byName.values(), ...gone]
      .map((author) => ({ ...author, change: author.characters - (previous?.byName.get(author.name)?.characters ?? 0) }))
      .sort((a, b) => b.characters - a.characters || a.name.localeCompare(b.name))
    return {
      id: version.id,
      createdAt: new Date(version.createdAtMs).toISOString(),
      kind: version.kind,
      name: version.name,
      byteSize: version.byteSize,
      present: [...present].sort((a, b) => a.localeCompare(b)),
      presentUnnamedCount,
      authors,
      unnamedCharacters: tally.unnamedCharacters,
      characterChange: previous === null ? 0 : tally.total - previous.total,
      isPinned: version.isPinned,
      restore: version.restore === null ? null : { version: version.restore.versionId, by: restorerName(version.restore.participantId, named) },
    }
  })
}

/** Who restored, named as they choose to be credited now; null when unnamed or unknown. */
function restorerName(participantId: string | null, named: CreditOf): string | null {
  return participantId === null ? null : (named(participantId)?.name ?? null)
}

interface AuthorTally {
  byName: Map<string, Omit<PadVersionAuthor, 'change'>>
  unnamedCharacters: number
  total: number
}

/** A version's characters by the name their writer is credited under (two ids with one name count as one, as in the recipe). */
function tallyAuthors(version: VersionSummary, named: CreditOf): AuthorTally {
  const byName = new Map<string, Omit<PadVersionAuthor, 'change'>>()
  let unnamedCharacters = 0
  let total = 0
  for (const [participantId, characters] of Object.entries(version.charactersByParticipant)) {
    total += characters
    const credit = named(participantId)
    if (credit === null) {
      unnamedCharacters += characters
      continue
    }
    const known = byName.get(credit.name)
    if (known === undefined) byName.set(credit.name, { name: credit.name, organisation: credit.organisation, characters })
    else known.characters += characters
  }
  return { byName, unnamedCharacters, total }
}
