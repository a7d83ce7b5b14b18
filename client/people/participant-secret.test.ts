import { describe, expect, it } from 'vitest'
import { isParticipantId, isParticipantSecret, participantIdOf } from '../../shared/protocol/participant-id'
import { loadParticipantIdentity } from './participant-secret'
import { createPreferences, PreferenceKey } from './preferences'

const random = (bytes: Uint8Array): Uint8Array => crypto.getRandomValues(bytes)

describe('participant identity', () => {
  it('is made once and kept: a reload finds the same participant', () => {
    const preferences = createPreferences(null)
    const first = loadParticipantIdentity(preferences, random)
    expect(isParticipantSecret(first.secret)).toBe(true)
    expect(isParticipantId(first.id)).toBe(true)
    expect(first.id).toBe(participantIdOf(first.secret))
    expect(loadParticipantIdentity(preferences, random)).toEqual(first)
  })

  it('replaces a stored value that is not a secret', () => {
    const preferences = createPreferences(null)
    preferences.write(PreferenceKey.participantSecret, 'not-a-secret')
    const identity = loadParticipantIdentity(preferences, random)
    expect(identity.secret).not.toBe('not-a-secret')
    expect(preferences.read(PreferenceKey.participantSecret)).toBe(identity.secret)
  })

  it('gives two browsers two participants', () => {
    const one = loadParticipantIdentity(createPreferences(null), random)
    const other = loadParticipantIdentity(createPreferences(null), random)
    expect(one.id).not.toBe(other.id)
  })
})
