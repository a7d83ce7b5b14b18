import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { encodeParticipantSecret, isParticipantId, isParticipantSecret, participantIdOf } from './participant-id'

describe('participant id', () => {
  it('is the first 16 bytes of SHA-256 over the prefixed secret, as Node computes it', () => {
    for (let round = 0; round < 20; round++) {
      const secret = encodeParticipantSecret(randomBytes(32))
      expect(isParticipantSecret(secret)).toBe(true)
      const expected = createHash('sha256').update(`atelier-pad participant\u0000${secret}`).digest().subarray(0, 16).toString('base64url')
      const id = participantIdOf(secret)
      expect(id).toBe(expected)
      expect(isParticipantId(id)).toBe(true)
    }
  })

  it('differs for different secrets and is not the secret', () => {
    const a = encodeParticipantSecret(new Uint8Array(32).fill(1))
    const b = encodeParticipantSecret(new Uint8Array(32).fill(2))
    expect(participantIdOf(a)).not.toBe(participantIdOf(b))
    expect(a.startsWith(participantIdOf(a))).toBe(false)
  })

  it('accepts only 43 base64url characters as a secret and 22 as an id', () => {
    expect(isParticipantSecret('a'.repeat(42))).toBe(false)
    expect(isParticipantSecret('a'.repeat(43))).toBe(true)
    expect(isParticipantSecret(`${'a'.repeat(42)}=`)).toBe(false)
    expect(isParticipantId('a'.repeat(22))).toBe(true)
    expect(isParticipantId('a'.repeat(23))).toBe(false)
    expect(isParticipantId(42)).toBe(false)
    expect(() => encodeParticipantSecret(new Uint8Array(16))).toThrow(RangeError)
  })
})
