/**
 * The secret that makes this browser profile one participant across reloads,
 * reconnects and tabs: 32 random bytes kept in `localStorage`
 * (`atelier-pad:participant`), made once and presented with every connection
 * to a pad; its hash is the public participant id the page credits its text
 * to (shared/protocol/participant-id.ts). Where storage forgets (private
 * browsing), the participant is new on each visit, as they would expect. A
 * stored value is checked like any input; one that is not a secret is
 * replaced.
 */
import { encodeParticipantSecret, isParticipantSecret, participantIdOf } from '../../shared/protocol/participant-id'
import { PreferenceKey, type Preferences } from './preferences'

export interface ParticipantIdentity {
  /** Presented to the relay; never shown, logged or put in the document. */
  secret: string
  /** Public: what the page's text is credited to. */
  id: string
}

/** This profile's identity, made and stored on first use; `randomBytes` fills an array with cryptographic randomness. */
export function loadParticipantIdentity(preferences: Preferences, randomBytes: (bytes: Uint8Array) => Uint8Array): ParticipantIdentity {
  let secret = preferences.read(PreferenceKey.participantSecret)
  if (secret === null || !isParticipantSecret(secret)) {
    secret = encodeParticipantSecret(randomBytes(new Uint8Array(32)))
    preferences.write(PreferenceKey.participantSecret, secret)
  }
  return { secret, id: participantIdOf(secret) }
}
