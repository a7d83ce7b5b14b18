/**
 * Tells screen reader users who joins and who leaves the pad, politely and
 * sparingly: changes are gathered and said at most once every few seconds,
 * in one sentence (« Awa et Binta ont rejoint le pad. »), in a live region of
 * their own. Who is here is always in the presence list, on demand.
 *
 * People are counted by name, not by connection: a second tab of the same
 * person is no arrival, and someone who leaves and comes back within one
 * window is no news. Nothing is said for the people already there when the
 * page connects, nor for everyone coming back after this page's own
 * reconnection (the awareness of others is cleared while offline): each time
 * the connection is up again, the announcer waits a moment and takes who is
 * there as its new starting point.
 */
import type { Awareness } from 'y-protocols/awareness'
import { formattingLocale, type Localization } from '../../i18n/i18n'
import type { Connection } from '../../connection/connection'
import { parseParticipant } from '../participant'

/** Shortest time between two announcements. */
export const presenceAnnouncementIntervalMs = 5000
/** How long after (re)connecting the people who appear are taken as already there. */
export const presenceSettleMs = 3000
/** Beyond this many names, a sentence gives the number instead. */
export const maxNamesSaid = 3

/** How many connections each name has, other than this page's own. */
export type PresentNames = ReadonlyMap<string, number>

export function presentNames(states: ReadonlyMap<number, Readonly<Record<string, unknown>>>, selfClientId: number): PresentNames {
  const names = new Map<string, number>()
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue
    const participant = parseParticipant(state.user)
    if (participant !== null) names.set(participant.name, (names.get(participant.name) ?? 0) + 1)
  }
  return names
}

export interface PresenceChange {
  joined: string[]
  left: string[]
}

/** The names present now and not before, and before and not now. */
export function presenceChange(before: PresentNames, now: PresentNames): PresenceChange {
  return {
    joined: [...now.keys()].filter((name) => !before.has(name)),
    left: [...before.keys()].filter((name) => !now.has(name)),
  }
}

/** The sentence for `change` in the interface language, or null when there is nothing to say. */
export function describePresenceChange(change: PresenceChange, localization: Pick<Localization, 't' | 'language'>): string | null {
  const names = (list: string[]): string => new Intl.ListFormat(formattingLocale(localization.language), { type: 'conjunction' }).format(list)
  const sentences: string[] = []
  const { joined, left } = change
  if (joined.length === 1) sentences.push(localization.t('presence.joined.name', { name: joined[0] ?? '' }))
  else if (joined.length > maxNamesSaid) sentences.push(localization.t('presence.joined.count', { count: joined.length }))
  else if (joined.length > 1) sentences.push(localization.t('presence.joined.names', { names: names(joined) }))
  if (left.length === 1) sentences.push(localization.t('presence.left.name', { name: left[0] ?? '' }))
  else if (left.length > maxNamesSaid) sentences.push(localization.t('presence.left.count', { count: left.length }))
  else if (left.length > 1) sentences.push(localization.t('presence.left.names', { names: names(left) }))
  return sentences.length === 0 ? null : sentences.join(' ')
}

export interface PresenceAnnouncerOptions {
  /** A visually hidden polite live region of its own. */
  region: HTMLElement
  awareness: Awareness
  connection: Connection
  localization: Localization
}

/** Starts announcing; returns the function that stops it. */
export function mountPresenceAnnouncer({ region, awareness, connection, localization }: PresenceAnnouncerOptions): () => void {
  /** Who was there at the last announcement (or the starting point); null while settling. */
  let said: PresentNames | null = null
  let lastSaidAt = -Infinity
  let flushTimer: ReturnType<typeof setTimeout> | undefined
  let settleTimer: ReturnType<typeof setTimeout> | undefined
  const current = (): PresentNames => presentNames(awareness.getStates(), awareness.clientID)

  const flush = (): void => {
    flushTimer = undefined
    if (said === null) return
    const now = current()
    const sentence = describePresenceChange(presenceChange(said, now), localization)
    said = now
    if (sentence === null) return
    region.textContent = sentence
    lastSaidAt = performance.now()
  }
  const onAwarenessChange = (): void => {
    if (said === null || flushTimer !== undefined) return
    const wait = Math.max(0, lastSaidAt + presenceAnnouncementIntervalMs - performance.now())
    flushTimer = setTimeout(flush, wait)
  }
  let wasConnected = false
  const onConnectionChange = (): void => {
    const isConnected = connection.state.phase === 'connected'
    if (isConnected === wasConnected) return
    wasConnected = isConnected
    clearTimeout(settleTimer)
    clearTimeout(flushTimer)
    flushTimer = undefined
    said = null
    if (isConnected) {
      settleTimer = setTimeout(() => {
        said = current()
      }, presenceSettleMs)
    }
  }
  onConnectionChange()
  awareness.on('change', onAwarenessChange)
  const stopConnection = connection.onChange(onConnectionChange)
  return () => {
    clearTimeout(settleTimer)
    clearTimeout(flushTimer)
    awareness.off('change', onAwarenessChange)
    stopConnection()
  }
}
