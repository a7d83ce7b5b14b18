/**
 * Who a speaker is, by name: a participant as they chose to be credited in
 * the doc's `participants` map (the server lets nobody else write their
 * entry), else as their presence shows them; someone without a device by
 * the name the facilitator typed. And who is present to take part in a
 * round: the pages whose presence carries a participant id (each page
 * publishes its own, `presenceParticipantField`). Presence comes from other
 * browsers: names and ids are checked before use. Pure, over plain maps;
 * reading the Y.Doc and the awareness is the caller's.
 */
import { parseParticipantCredit, type ParticipantCredit } from '../../../shared/pad/attribution'
import { speakerKey, type Speaker } from '../../../shared/facilitation/speaker'
import { isParticipantId } from '../../../shared/protocol/participant-id'
import { parseParticipant } from '../../people/participant'

/** The awareness field where a page says which participant it is (beside `user`). */
export const presenceParticipantField = 'participantId'

/** What names come from: the participants map's entries and the awareness states. */
export interface NameSources {
  /** Participant id → the value of its `participants` entry (untrusted): the doc's map, or any map. */
  credits: { get(participantId: string): unknown }
  /** Awareness client id → state (untrusted). */
  presence: ReadonlyMap<number, Readonly<Record<string, unknown>>>
}

/** A speaker with the name to show; `creditName` is what a recipe may print (null: they chose not to be named, or are unknown). */
export interface NamedSpeaker {
  key: string
  speaker: Speaker
  name: string
  creditName: string | null
}

/** Participant id → the name their presence shows, for the pages that say who they are. */
function presentNames(presence: NameSources['presence']): Map<string, string> {
  const names = new Map<string, string>()
  for (const state of presence.values()) {
    const participantId = state[presenceParticipantField]
    const participant = parseParticipant(state['user'])
    if (isParticipantId(participantId) && participant !== null && !names.has(participantId)) names.set(participantId, participant.name)
  }
  return names
}

/**
 * Names `speakers`; a participant known neither by credit nor by presence
 * gets `unknownName` (a page that left before writing anything).
 */
export function nameSpeakers(speakers: readonly Speaker[], sources: NameSources, unknownName: string): NamedSpeaker[] {
  const present = presentNames(sources.presence)
  return speakers.map((speaker) => {
    if ('name' in speaker) return { key: speakerKey(speaker), speaker, name: speaker.name, creditName: speaker.name }
    const credit: ParticipantCredit | null = parseParticipantCredit(sources.credits.get(speaker.participantId))
    const name = credit?.name ?? present.get(speaker.participantId) ?? unknownName
    return { key: speakerKey(speaker), speaker, name, creditName: credit !== null && credit.isNamed ? credit.name : null }
  })
}

/** The participants present, once each, in the order their pages joined (awareness order). */
export function listPresentSpeakers(presence: NameSources['presence']): Speaker[] {
  return [...presentNames(presence).keys()].map((participantId) => ({ participantId }))
}
