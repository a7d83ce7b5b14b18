/**
 * Editing an order of speakers, as values: the facilitator's draft before
 * a round starts (built from the people present, then moved, removed,
 * added to by name) and the queue of a round in progress (whose new order
 * the server is asked for). Every function returns a new list and leaves an
 * impossible move (past either end, someone not listed) as a no-op.
 */
import { parseSpeaker, speakerKey, type Speaker } from '../../../shared/facilitation/speaker'

/** `speakers` with the one of `key` moved by `delta` places (−1: up), kept within the list. */
export function moveSpeaker(speakers: readonly Speaker[], key: string, delta: number): Speaker[] {
  const from = speakers.findIndex((speaker) => speakerKey(speaker) === key)
  if (from < 0) return [...speakers]
  return moveSpeakerTo(speakers, key, from + delta)
}

/** `speakers` with the one of `key` at `index` (clamped to the list). */
export function moveSpeakerTo(speakers: readonly Speaker[], key: string, index: number): Speaker[] {
  const from = speakers.findIndex((speaker) => speakerKey(speaker) === key)
  const order = [...speakers]
  if (from < 0) return order
  const [moved] = order.splice(from, 1)
  if (moved === undefined) return order
  order.splice(Math.max(0, Math.min(index, order.length)), 0, moved)
  return order
}

export function withoutSpeaker(speakers: readonly Speaker[], key: string): Speaker[] {
  return speakers.filter((speaker) => speakerKey(speaker) !== key)
}

/**
 * Someone without a device, by the name typed: the speaker, or null when
 * the name is not one (empty, too long, control characters), as the server
 * would refuse it.
 */
export function guestSpeaker(typedName: string): Speaker | null {
  try {
    return parseSpeaker({ name: typedName })
  } catch {
    return null
  }
}

/** `speakers` with `speaker` at the end, unless listed already. */
export function withSpeaker(speakers: readonly Speaker[], speaker: Speaker): Speaker[] {
  const key = speakerKey(speaker)
  return speakers.some((listed) => speakerKey(listed) === key) ? [...speakers] : [...speakers, speaker]
}

/**
 * The facilitator's draft as people come: those present who are neither
 * listed nor taken out by the facilitator (`removedKeys`) join the end; the
 * order made so far, and people who left (they may come back), stay.
 */
export function followPresence(draft: readonly Speaker[], present: readonly Speaker[], removedKeys: ReadonlySet<string>): Speaker[] {
  const listed = new Set(draft.map(speakerKey))
  const newcomers = present.filter((speaker) => !listed.has(speakerKey(speaker)) && !removedKeys.has(speakerKey(speaker)))
  return newcomers.length === 0 ? [...draft] : [...draft, ...newcomers]
}

/** The draft in a random order (Fisher–Yates); `random` gives numbers in [0, 1). */
export function shuffleSpeakers(speakers: readonly Speaker[], random: () => number): Speaker[] {
  const order = [...speakers]
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)))
    const held = order[i] as Speaker
    order[i] = order[j] as Speaker
    order[j] = held
  }
  return order
}
