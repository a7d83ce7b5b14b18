/**
 * What this browser remembers about its participant between visits: display
 * name, cursor color, interface language and the participant's secret, in
 * `localStorage`. Storage may be
 * missing or refuse writes (private browsing, blocked cookies, full quota);
 * then the page still works and simply forgets at the end of the visit. Values
 * read back are untrusted: callers validate them.
 */

export const PreferenceKey = {
  name: 'atelier-pad:name',
  color: 'atelier-pad:color',
  language: 'atelier-pad:language',
  /** How the recipe credits this participant: their organisation, and whether they are named at all. */
  organisation: 'atelier-pad:organisation',
  isUnnamed: 'atelier-pad:unnamed',
  /** The participant's secret (participant-secret.ts). */
  participantSecret: 'atelier-pad:participant',
} as const

export type PreferenceKey = (typeof PreferenceKey)[keyof typeof PreferenceKey]

export interface Preferences {
  read(key: PreferenceKey): string | null
  write(key: PreferenceKey, value: string): void
}

/** Preferences kept in `storage`, with an in-memory copy for when storage refuses. */
export function createPreferences(storage: Storage | null): Preferences {
  const fallback = new Map<PreferenceKey, string>()
  return {
    read(key) {
      const remembered = fallback.get(key)
      if (remembered !== undefined) return remembered
      try {
        return storage?.getItem(key) ?? null
      } catch {
        // Reading can throw a SecurityError when storage is blocked: nothing remembered.
        return null
      }
    },
    write(key, value) {
      fallback.set(key, value)
      try {
        storage?.setItem(key, value)
      } catch {
        // Blocked or full storage: the in-memory copy keeps this visit consistent.
      }
    },
  }
}

/** The page's `localStorage`, or null where merely touching it throws. */
export function openLocalStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}
