/**
 * The pad's settings as this page knows them, as a small observable value: it
 * starts from `GET /api/pads/<key>` and follows every `settings` message of
 * the relay, the facilitator's own answers (`PATCH`) and a rotated edit link.
 * Views read `current` and re-render on `onChange`. The role and the id never
 * change; the links change only when the facilitator rotates the edit link.
 */
import type { PadLinks, PadSettings, PadState } from '../../shared/protocol/api'

export interface LiveSettings {
  readonly current: PadSettings
  /** The state pushed by the relay or answered by the API; the role, id and links are kept. */
  applyState(state: PadState): void
  /** Links this page may share, merged over the ones it has (e.g. a new edit link). */
  applyLinks(links: Partial<PadLinks>): void
  /** Calls `listener` with the new and the previous settings after each change; returns the unsubscribe function. */
  onChange(listener: (current: PadSettings, previous: PadSettings) => void): () => void
}

export function createLiveSettings(initial: PadSettings): LiveSettings {
  let current = initial
  const listeners = new Set<(current: PadSettings, previous: PadSettings) => void>()

  const replace = (next: PadSettings): void => {
    if (JSON.stringify(next) === JSON.stringify(current)) return
    const previous = current
    current = next
    for (const listener of [...listeners]) listener(current, previous)
  }

  return {
    get current() {
      return current
    },
    applyState(state) {
      replace({ ...current, ...state, id: current.id, role: current.role, links: current.links })
    },
    applyLinks(links) {
      replace({ ...current, links: { ...current.links, ...links } })
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
