import { describe, expect, it } from 'vitest'
import { isPadKey } from '../../shared/protocol/pad-link'
import { deriveEditKey, generateKey, generatePadId, hashKey } from './pad-keys'

describe('pad keys', () => {
  it('generates URL-safe 128-bit keys that never repeat', () => {
    const keys = new Set(Array.from({ length: 1000 }, generateKey))
    expect(keys.size).toBe(1000)
    for (const key of keys) expect(isPadKey(key)).toBe(true)
    expect(Buffer.from([...keys][0] ?? '', 'base64url')).toHaveLength(16)
  })

  it('derives a distinct edit key per admin key and generation, stable for the same inputs', () => {
    const admin = generateKey()
    const first = deriveEditKey(admin, 0)
    expect(isPadKey(first)).toBe(true)
    expect(deriveEditKey(admin, 0)).toBe(first)
    expect(deriveEditKey(admin, 1)).not.toBe(first)
    expect(deriveEditKey(generateKey(), 0)).not.toBe(first)
    expect(first).not.toBe(admin)
  })

  it('hashes keys to 32 bytes that do not contain the key', () => {
    const key = generateKey()
    const hash = hashKey(key)
    expect(hash).toHaveLength(32)
    expect(hash.toString('base64url')).not.toContain(key)
    expect(hashKey(key).equals(hash)).toBe(true)
  })

  it('makes pad ids unrelated to keys', () => {
    expect(generatePadId()).toMatch(/^[A-Za-z0-9_-]{16}$/)
  })
})
