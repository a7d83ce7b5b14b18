/**
 * The facilitator's order of speakers before a round starts: the people
 * present as they arrive, in the order the facilitator made (moved, removed,
 * added by name, shuffled). One piece of state with its listeners; the
 * edits themselves are speaker-order.ts. It lives as long as the page: after
 * a round ends, the next one starts from the same order.
 */
import { speakerKey, type Speaker } from '../../../shared/facilitation/speaker'
import { followPresence, moveSpeaker, moveSpeakerTo, shuffleSpeakers, withoutSpeaker, withSpeaker } from './speaker-order'

export interface RoundDraft {
  readonly speakers: readonly Speaker[]
  /** The people present now: newcomers join the end, unless the facilitator removed them. */
  followPresent(present: readonly Speaker[]): void
  move(key: string, target: { delta: number } | { index: number }): void
  remove(key: string): void
  /** Adds `speaker` at the end; false when already listed. A participant removed earlier may be added back this way. */
  add(speaker: Speaker): boolean
  shuffle(random: () => number): void
  onChange(listener: () => void): () => void
}

export function createRoundDraft(): RoundDraft {
  let speakers: readonly Speaker[] = []
  const removedKeys = new Set<string>()
  const listeners = new Set<() => void>()
  const set = (next: readonly Speaker[]): void => {
    const isSame = next.length === speakers.length && next.every((speaker, index) => speakerKey(speaker) === speakerKey(speakers[index] as Speaker))
    speakers = next
    if (!isSame) for (const listener of [...listeners]) listener()
  }
  return {
    get speakers() {
      return speakers
    },
    followPresent: (present) => set(followPresence(speakers, present, removedKeys)),
    move: (key, target) => set('delta' in target ? moveSpeaker(speakers, key, target.delta) : moveSpeakerTo(speakers, key, target.index)),
    remove(key) {
      removedKeys.add(key)
      set(withoutSpeaker(speakers, key))
    },
    add(speaker) {
      const key = speakerKey(speaker)
      if (speakers.some((listed) => speakerKey(listed) === key)) return false
      removedKeys.delete(key)
      set(withSpeaker(speakers, speaker))
      return true
    },
    shuffle: (random) => set(shuffleSpeakers(speakers, random)),
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
