/**
 * Who is typing on this device: the display name, cursor color and credit
 * this browser remembers (`atelier-pad:name`, `atelier-pad:color`,
 * `atelier-pad:organisation`, `atelier-pad:unnamed`). A color is
 * picked once from the palette and kept; a name is only stored once the
 * participant gave one. Stored values are checked like any other input.
 */
import { cleanAuthorName, maxOrganisationLength, type ParticipantCredit } from '../../shared/pad/attribution'
import type { Participant } from './participant'
import { isParticipantColor, normalizeName, pickParticipantColor } from './participant'
import type { Preferences } from './preferences'
import { PreferenceKey } from './preferences'

export interface StoredParticipant {
  /** Null on a first visit: the page asks for it. */
  name: string | null
  color: string
  /** How the recipe credits them besides the name: an organisation ('' for none), and whether they are named. */
  organisation: string
  isNamed: boolean
}

export function loadLocalParticipant(preferences: Preferences, random: () => number): StoredParticipant {
  const storedName = preferences.read(PreferenceKey.name)
  const name = storedName === null ? null : normalizeName(storedName)
  let color = preferences.read(PreferenceKey.color)
  if (!isParticipantColor(color)) {
    color = pickParticipantColor(random)
    preferences.write(PreferenceKey.color, color)
  }
  const organisation = cleanAuthorName(preferences.read(PreferenceKey.organisation) ?? '').slice(0, maxOrganisationLength)
  return { name, color, organisation, isNamed: preferences.read(PreferenceKey.isUnnamed) !== 'true' }
}

/** Remembers the name and credit chosen, for the next visit. */
export function storeLocalCredit(preferences: Preferences, credit: ParticipantCredit): void {
  preferences.write(PreferenceKey.name, credit.name)
  preferences.write(PreferenceKey.organisation, credit.organisation)
  preferences.write(PreferenceKey.isUnnamed, String(!credit.isNamed))
}

/** Publishes `participant` as this page's awareness `user` field (what yCursorPlugin and presence read). */
export function publishParticipant(
  awareness: { setLocalStateField(field: string, value: unknown): void },
  participant: Participant,
): void {
  awareness.setLocalStateField('user', { name: participant.name, color: participant.color })
}
