/**
 * The list of people in the pad (`#presence`): one `li` per awareness state
 * that carries a valid participant, with their color and name, this page's
 * own entry first and marked "(vous)". Awareness comes from other browsers, so
 * names are only ever inserted as text and colors go through
 * `parseParticipant`.
 */
import type { Awareness } from 'y-protocols/awareness'
import type { Localization } from '../../i18n/i18n'
import { formattingLocale } from '../../i18n/i18n'
import type { Participant } from '../participant'
import { parseParticipant } from '../participant'

export interface PresenceEntry extends Participant {
  clientId: number
  isSelf: boolean
}

/**
 * The entries to show for these awareness states: valid participants only,
 * self first, then by name in the order of `collator` (built for the
 * interface language); it is only asked for when there is something to sort.
 */
export function listPresence(
  states: ReadonlyMap<number, Readonly<Record<string, unknown>>>,
  selfClientId: number,
  collator: () => Intl.Collator,
): PresenceEntry[] {
  const entries: PresenceEntry[] = []
  for (const [clientId, state] of states) {
    const participant = parseParticipant(state.user)
    if (participant !== null) entries.push({ ...participant, clientId, isSelf: clientId === selfClientId })
  }
  if (entries.length < 2) return entries
  const { compare } = collator()
  return entries.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || compare(a.name, b.name))
}

/**
 * A collator for names in the interface language, built on first use and
 * again when the language changes: building one costs tens of milliseconds the
 * first time (the browser loads its collation data), and the presence list is
 * sorted again at every cursor move of every participant.
 */
export function createNameCollator(localization: Pick<Localization, 'language'>): () => Intl.Collator {
  let built: { language: string; collator: Intl.Collator } | null = null
  return () => {
    if (built === null || built.language !== localization.language) {
      built = { language: localization.language, collator: new Intl.Collator(formattingLocale(localization.language), { sensitivity: 'base' }) }
    }
    return built.collator
  }
}

export interface PresenceListOptions {
  /** The `ul#presence`. */
  list: HTMLElement
  /** Where "3 personnes" goes. */
  count: HTMLElement
  awareness: Awareness
  localization: Localization
}

/** Keeps the list in step with awareness; returns the function that stops it. */
export function mountPresenceList(options: PresenceListOptions): () => void {
  const { list, count, awareness, localization } = options
  const collator = createNameCollator(localization)
  const render = (): void => {
    const entries = listPresence(awareness.getStates(), awareness.clientID, collator)
    list.replaceChildren(...entries.map((entry) => renderEntry(entry, localization)))
    count.textContent = localization.plural('presence.count', entries.length)
  }
  render()
  awareness.on('change', render)
  const stopLocalization = localization.onChange(render)
  return () => {
    awareness.off('change', render)
    stopLocalization()
  }
}

function renderEntry(entry: PresenceEntry, localization: Localization): HTMLLIElement {
  const item = document.createElement('li')
  item.className = 'presence-entry'
  item.dataset.clientId = String(entry.clientId)
  if (entry.isSelf) item.dataset.self = 'true'
  const swatch = document.createElement('span')
  swatch.className = 'presence-swatch'
  swatch.setAttribute('aria-hidden', 'true')
  swatch.style.backgroundColor = entry.color
  const name = document.createElement('span')
  name.className = 'presence-name'
  name.textContent = entry.name
  item.append(swatch, name)
  if (entry.isSelf) {
    const you = document.createElement('span')
    you.className = 'presence-you'
    you.textContent = ` ${localization.t('presence.you')}`
    item.append(you)
  }
  return item
}
