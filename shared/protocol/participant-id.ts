/**
 * Who a participant is, without accounts: each browser profile keeps a random
 * secret (32 bytes, base64url) and presents it when it connects to a pad; the
 * public participant id is derived from it by SHA-256, so the server knows
 * who each connection is and nobody can claim someone's id without their
 * secret. The id is what credits in the pad name (an author attribute on
 * text, an entry in the participants map). It does not store the secret
 * (client/people/) nor check what a connection writes (server/room/).
 */
import { toBase64UrlEncoded } from 'lib0/buffer'
import { digest } from 'lib0/hash/sha256'

/** The query parameter of the relay URL that carries a connection's participant secret. */
export const participantSecretParam = 'participant'

/** 32 random bytes in base64url without padding: exactly 43 characters. */
const secretPattern = /^[A-Za-z0-9_-]{43}$/
/** 16 bytes of a digest in base64url without padding: exactly 22 characters. */
const idPattern = /^[A-Za-z0-9_-]{22}$/

export function isParticipantSecret(value: string): boolean {
  return secretPattern.test(value)
}

export function isParticipantId(value: unknown): value is string {
  return typeof value === 'string' && idPattern.test(value)
}

/** The public id of the participant holding `secret` (a valid secret, see `isParticipantSecret`). */
export function participantIdOf(secret: string): string {
  // The secret is ASCII (base64url), so its bytes are its character codes.
  const input = Array.from(`atelier-pad participant\u0000${secret}`, (character) => character.charCodeAt(0))
  return toBase64UrlEncoded(digest(Uint8Array.from(input)).subarray(0, 16))
}

/** A fresh secret from 32 bytes of a cryptographic random source. */
export function encodeParticipantSecret(randomBytes: Uint8Array): string {
  if (randomBytes.length !== 32) throw new RangeError('a participant secret is made of 32 random bytes')
  return toBase64UrlEncoded(randomBytes)
}
