/** What counts as the big deletion the page offers to undo, and which version undoes it. */
import { describe, expect, it } from 'vitest'
import type { PadVersionListing } from '../../shared/protocol/api'
import { isBigDeletion, pickVersionToBringBack, versionCharacters } from './big-deletion'

function version(id: string, named: number, unnamed = 0): PadVersionListing {
  return {
    id,
    createdAt: '2027-03-14T13:32:00Z',
    kind: 'auto',
    name: null,
    byteSize: 100,
    present: [],
    presentUnnamedCount: 0,
    authors: named === 0 ? [] : [{ name: 'Awa', organisation: '', characters: named, change: 0 }],
    unnamedCharacters: unnamed,
    characterChange: 0,
    isPinned: false,
    restore: null,
  }
}

describe('isBigDeletion', () => {
  it('is more than 500 characters at once, whatever the pad’s size', () => {
    expect(isBigDeletion(10_000, 9_499)).toBe(true)
    expect(isBigDeletion(10_000, 9_500)).toBe(false)
  })

  it('is more than half of the pad, once that is at least 50 characters', () => {
    expect(isBigDeletion(120, 40)).toBe(true)
    expect(isBigDeletion(120, 60)).toBe(false)
    expect(isBigDeletion(60, 0)).toBe(true)
    expect(isBigDeletion(40, 0)).toBe(false)
  })

  it('is never a change that adds or keeps text', () => {
    expect(isBigDeletion(100, 100)).toBe(false)
    expect(isBigDeletion(0, 5000)).toBe(false)
  })
})

describe('pickVersionToBringBack', () => {
  it('counts the named and the unnamed characters', () => {
    expect(versionCharacters(version('a', 30, 12))).toBe(42)
  })

  it('takes the newest version with more characters than the pad now has, passing over one taken after the deletion', () => {
    const versions = [version('after', 3), version('before', 600), version('older', 400)]
    expect(pickVersionToBringBack(versions, 3)?.id).toBe('before')
  })

  it('finds none when no version has more text than now', () => {
    expect(pickVersionToBringBack([version('after', 3)], 3)).toBeNull()
    expect(pickVersionToBringBack([], 0)).toBeNull()
  })
})
