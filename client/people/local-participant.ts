/**
 * Who is typing on this device: the display name and cursor color this
 * browser remembers (`atelier-pad:name`, `atelier-pad:color`). A color is
 * picked once from the palette and kept; a name is only stored once the
 * participant gave one. Stored values are checked like any other input.
 */
import type { Participant } from './participant'
import { isParticipantColor, normalizeName, pickParticipantColor } from './participant'
import type { Preferences } from './preferences'
import { PreferenceKey } from './preferences'

export interface StoredParticipant {
  /** Null on a first visit: the page asks for it. */
  name: string | null
  color: string
}

export function loadLocalParticipant(preferences: Preferences, random: () => number): StoredParticipant {
  const storedName = preferences.read(PreferenceKey.name)
  const name = storedName === null ? null : normalizeName(storedName)
  let color = preferences.read(PreferenceKey.color)
  if (!isParticipantColor(color)) {
    color = pickParticipantColor(random)
    preferences.write(PreferenceKey.color, color)
  }
  return { name, color }
}

export function storeLocalName(preferences: Preferences, name: string): void {
  preferences.write(PreferenceKey.name, name)
}

/** Publishes `participant` as this page's awareness `user` field (what yCursorPlugin and presence read). */
export function publishParticipant(
  awareness: { setLocalStateField(field: string, value: unknown): void },
  participant: Participant,
): void {
  awareness.setLocalStateField('user', { name: participant.name, color: participant.color })
}
