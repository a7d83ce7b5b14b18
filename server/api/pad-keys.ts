/**
 * Pad keys: the secrets carried by pad links (DESIGN.md, "Pads, links and
 * roles"). Admin and view keys are 128 random bits. The edit key is derived
 * from the admin key and a generation number (HMAC-SHA-256, cut to 128 bits),
 * so the facilitator's page can always be shown the current edit link although
 * the server stores edit and admin keys only as hashes; rotating the edit link
 * moves to the next generation. Keys are looked up by their SHA-256 hash: a
 * fast hash is enough because a 128-bit random key cannot be guessed, and an
 * index lookup on a hash leaks nothing about the key through timing.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'

const keyBytes = 16

export function generateKey(): string {
  return randomBytes(keyBytes).toString('base64url')
}

/** A pad's public identifier: random, so that it says nothing about the keys. */
export function generatePadId(): string {
  return randomBytes(12).toString('base64url')
}

export function deriveEditKey(adminKey: string, generation: number): string {
  return createHmac('sha256', adminKey).update(`edit:${generation}`).digest().subarray(0, keyBytes).toString('base64url')
}

export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key).digest()
}
