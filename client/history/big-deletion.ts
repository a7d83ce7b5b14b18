/**
 * The select-all-and-delete case, as values: whether one change removed
 * most of the pad (more than `bigDeletion.characters`, or more than half of
 * it once that is at least `bigDeletion.minimumShareCharacters` — a ten
 * letter pad losing six is not a catastrophe), and which version brings the
 * text back: the newest with more characters than the pad has now. The
 * page's clock and the server's may differ, so versions are not compared by
 * time: one taken after the deletion holds the pad as it was left, with
 * fewer characters, and is passed over. Pure; big-deletion-notice.ts
 * watches the editor and asks the server.
 */
import type { PadVersionListing } from '../../shared/protocol/api'

export const bigDeletion = {
  /** A change that removes more than this many characters is big whatever the pad's size. */
  characters: 500,
  /** Below this many, removing half of a small pad is not big. */
  minimumShareCharacters: 50,
} as const

/** Whether going from `before` to `after` characters (or ProseMirror positions) in one change is a big deletion. */
export function isBigDeletion(before: number, after: number): boolean {
  const lost = before - after
  if (lost <= 0) return false
  return lost > bigDeletion.characters || (lost * 2 > before && lost >= bigDeletion.minimumShareCharacters)
}

/** Every character of a version, named or not, as the listing counts them. */
export function versionCharacters(version: PadVersionListing): number {
  return version.authors.reduce((sum, author) => sum + author.characters, version.unnamedCharacters)
}

/** The version that brings the text back: of `versions` (newest first), the newest with more characters than `charactersNow`; null when none has. */
export function pickVersionToBringBack(versions: readonly PadVersionListing[], charactersNow: number): PadVersionListing | null {
  return versions.find((version) => versionCharacters(version) > charactersNow) ?? null
}
