/**
 * Who takes a turn in a tour de table: a participant (by their participant
 * id, shared/protocol/participant-id.ts, named as they chose in the doc's
 * `participants` map) or someone without a device, by the name the
 * facilitator typed. It does not resolve names (pages and exports read the
 * participants map) nor decide the order (server/facilitation/round.ts).
 */
import { isParticipantId } from '../protocol/participant-id'
import { maxAuthorNameLength } from '../pad/credit-limits'

export type Speaker = { participantId: string } | { name: string }

/** One string per speaker, equal for the same person: a participant by id, a guest by name. */
export function speakerKey(speaker: Speaker): string {
  return 'participantId' in speaker ? `participant:${speaker.participantId}` : `guest:${speaker.name}`
}

export function isSameSpeaker(a: Speaker, b: Speaker): boolean {
  return speakerKey(a) === speakerKey(b)
}

/**
 * A speaker from untrusted JSON: `{ participantId }` (a well-formed id) or
 * `{ name }` (1 to 60 characters once trimmed, no control characters), and
 * nothing else. Throws a `TypeError` naming what is wrong.
 */
export function parseSpeaker(value: unknown): Speaker {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('a speaker must be an object')
  const keys = Object.keys(value)
  if (keys.length !== 1) throw new TypeError('a speaker has exactly one field: participantId or name')
  const participantId: unknown = Reflect.get(value, 'participantId')
  if (participantId !== undefined) {
    if (!isParticipantId(participantId)) throw new TypeError('participantId must be a participant id (22 base64url characters)')
    return { participantId }
  }
  const name: unknown = Reflect.get(value, 'name')
  if (typeof name !== 'string') throw new TypeError('a speaker has exactly one field: participantId or name')
  const trimmed = name.trim()
  if (trimmed === '' || trimmed.length > maxAuthorNameLength) throw new TypeError(`name must be 1 to ${maxAuthorNameLength} characters`)
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new TypeError('name must not contain control characters')
  return { name: trimmed }
}
