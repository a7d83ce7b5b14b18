/**
 * The history panel of the pad page (edit and admin links; a view link never
 * sees the history): a modal `<dialog>`, built here, opened by the
 * « Historique » button of the pad's menu. It lists the pad's versions as
 * the server keeps them, newest first, as a list of buttons (one line each,
 * version-line.ts; the chosen one `aria-current`), with a slider
 * (`<input type="range">`, oldest to newest, its `aria-valuetext` the
 * version's time and kind) to move through them by keyboard or by finger.
 * The chosen version is shown read-only (version-preview.ts) with what
 * changed since the one before marked and said per person (version-diff.ts),
 * and announced politely. The list is read again each time the panel opens;
 * versions' states are kept in memory while the page lives, a few at a
 * time. Escape or « Fermer » closes it and focus goes back to the button.
 *
 * Actions on the chosen version (restoring it, publishing it) go beside the
 * preview, actions on the pad as it is now (publishing it) above the
 * timeline: `versionActions` and `padActions` plug them in (version-actions.ts);
 * the panel has none of its own. It says which version is published as the
 * recipe, and `refresh` re-renders it when the settings change.
 */
import { buildHistoryPanelElements, lineOfSpans, listItem, span } from './history-panel-elements'
import type { PadLanguage, PadVersionListing } from '../../shared/protocol/api'
import { readCredits, type AuthorKey } from '../../shared/pad/attribution'
import type * as Y from 'yjs'
import type { Localization } from '../i18n/i18n'
import { fetchPadVersions, fetchVersionState } from './history-api'
import { diffVersions } from './version-diff'
import { describeVersion, type VersionLine } from './version-line'
import { createVersionPreview, readVersionContent, summarizeChanges, type VersionContent } from './version-preview'

/** How many versions' states are kept in memory (a long workshop's pad weighs a megabyte). */
const keptStates = 6

/** What an action may ask of the panel. */
export interface HistoryPanelControl {
  /** Says `text` in the panel's status line (a polite live region). */
  announce(text: string): void
  /** Reads the list of versions again, keeping the one shown, then says `text`. */
  reload(text: string): Promise<void>
}

/**
 * Actions offered on the version shown (restore, publish): given the version,
 * its line, a container beside the preview and the panel, renders its
 * controls; returns what removes them. The container is hidden while it is
 * empty.
 */
export type VersionActions = (version: PadVersionListing, line: VersionLine, container: HTMLElement, panel: HistoryPanelControl) => () => void

/** Actions on the pad as it is now (publish it), above the timeline; the same contract. */
export type PadActions = (container: HTMLElement, panel: HistoryPanelControl) => () => void

export interface HistoryPanelOptions {
  /** `#history-button`, in the pad's menu. */
  button: HTMLButtonElement
  padKey: string
  /** The live pad: its credits name the authors as they choose to be credited now, like the listing. */
  doc: Y.Doc
  localization: Localization
  contentLanguage(): PadLanguage
  versionActions?: VersionActions
  padActions?: PadActions
  /** The id of the version published as the recipe, marked in the timeline. */
  publishedVersion?: () => string | null
  /** The time, for « aujourd’hui » and « hier ». */
  now?: () => number
}

export interface HistoryPanel {
  readonly dialog: HTMLDialogElement
  open(): void
  close(): void
  /** Renders the timeline and the actions again (the settings changed: lock, restore role, published version). */
  refresh(): void
  destroy(): void
}

export function mountHistoryPanel(options: HistoryPanelOptions): HistoryPanel {
  const { button, localization } = options
  const now = options.now ?? Date.now
  const t = localization.t.bind(localization)
  const parts = buildHistoryPanelElements()
  document.body.append(parts.dialog)

  // Read when asked: a participant may change how they are credited while the panel is open.
  const nameOf = (author: AuthorKey | null): string | null => {
    const credit = author === null ? null : readCredits(options.doc)(author)
    return credit === null || !credit.isNamed ? null : credit.name
  }
  const preview = createVersionPreview({ container: parts.preview, localization, contentLanguage: options.contentLanguage, nameOf })
  const states = new Map<string, Promise<Uint8Array>>()
  const stateOf = (id: string): Promise<Uint8Array> => {
    const known = states.get(id)
    if (known !== undefined) {
      // Most recently used last: the oldest use goes first.
      states.delete(id)
      states.set(id, known)
      return known
    }
    const fetched = fetchVersionState(options.padKey, id)
    states.set(id, fetched)
    fetched.catch(() => states.delete(id))
    while (states.size > keptStates) states.delete(states.keys().next().value as string)
    return fetched
  }

  /** Newest first, as listed. */
  let versions: PadVersionListing[] = []
  let selected: number | null = null
  /** Counts requests: only the latest one's answer is shown. */
  let request = 0
  let removeActions: (() => void) | null = null
  let removePadActions: (() => void) | null = null

  const lineOf = (index: number): VersionLine =>
    describeVersion(versions[index] as PadVersionListing, index === versions.length - 1, {
      language: localization.language,
      t,
      nowMs: now(),
      findVersion: (id) => versions.find((version) => version.id === id),
      publishedVersion: options.publishedVersion?.() ?? null,
    })

  function renderStatic(): void {
    parts.title.textContent = t('history.title')
    parts.close.textContent = t('history.close')
    parts.intro.textContent = t('history.intro')
    parts.timelineHeading.textContent = t('history.timeline')
    parts.sliderLabel.textContent = t('history.slider')
    parts.changesHeading.textContent = t('history.changes')
    parts.legendAdded.textContent = t('history.legend.added')
    parts.legendRemoved.textContent = t('history.legend.deleted')
  }

  function renderList(): void {
    parts.list.replaceChildren(
      ...versions.map((_, index) => {
        const line = lineOf(index)
        const item = document.createElement('li')
        const choose = document.createElement('button')
        choose.type = 'button'
        choose.className = 'history-version-button'
        choose.dataset.versionId = versions[index]?.id ?? ''
        if (index === selected) choose.setAttribute('aria-current', 'true')
        // Three lines: when; what it is; who changed what (a `·` between parts is the stylesheet's).
        choose.append(
          lineOfSpans('history-line-when', span('history-version-when', line.when)),
          lineOfSpans('history-line-title', span('history-version-title', line.title), ...(line.kind === null ? [] : [span('history-version-kind', line.kind)])),
          ...(line.published === null ? [] : [lineOfSpans('history-line-published', span('history-version-published', line.published))]),
          lineOfSpans('history-line-change', ...(line.authors === '' ? [] : [span('history-version-authors', line.authors)]), span('history-version-change', line.change)),
        )
        choose.addEventListener('click', () => select(index))
        item.append(choose)
        return item
      }),
    )
    const hasVersions = versions.length > 0
    parts.slider.hidden = !hasVersions
    parts.sliderLabel.hidden = !hasVersions
    parts.version.hidden = selected === null
    if (!hasVersions) return
    parts.slider.min = '0'
    parts.slider.max = String(versions.length - 1)
    parts.slider.disabled = versions.length === 1
    renderSlider()
  }

  /** The slider runs from the oldest (0) to the newest. */
  function renderSlider(): void {
    if (selected === null) return
    parts.slider.value = String(versions.length - 1 - selected)
    parts.slider.setAttribute(
      'aria-valuetext',
      t('history.sliderValue', { summary: lineOf(selected).summary, position: versions.length - selected, count: versions.length }),
    )
  }

  function setStatus(text: string): void {
    parts.status.textContent = text
  }

  async function load(): Promise<void> {
    const current = ++request
    setStatus(t('history.loading'))
    try {
      const listed = await fetchPadVersions(options.padKey)
      if (current !== request) return
      const previousId = selected === null ? null : versions[selected]?.id
      versions = listed
      const kept = versions.findIndex((version) => version.id === previousId)
      selected = null
      renderList()
      if (versions.length === 0) {
        setStatus(t('history.empty'))
        return
      }
      setStatus('')
      await select(kept === -1 ? 0 : kept)
    } catch (error) {
      if (current === request) setStatus(t('history.error', { message: errorMessage(error) }))
    }
  }

  async function select(index: number): Promise<void> {
    const version = versions[index]
    if (version === undefined) return
    selected = index
    for (const [position, each] of [...parts.list.querySelectorAll('button')].entries()) {
      if (position === index) each.setAttribute('aria-current', 'true')
      else each.removeAttribute('aria-current')
    }
    renderSlider()
    const line = lineOf(index)
    parts.version.hidden = false
    parts.versionWhen.textContent = line.when
    parts.versionTitle.textContent = line.title
    parts.versionKind.textContent = line.kind ?? ''
    renderActions(version, line)
    const current = ++request
    parts.preview.setAttribute('aria-busy', 'true')
    setStatus(t('history.versionLoading'))
    try {
      const before = versions[index + 1]
      const [state, previousState] = await Promise.all([stateOf(version.id), before === undefined ? null : stateOf(before.id)])
      if (current !== request) return
      const content = readVersionContent(state)
      const previous: VersionContent | null = previousState === null ? null : readVersionContent(previousState)
      const changes = previous === null ? null : diffVersions(previous.blocks, content.blocks)
      preview.show(content, changes, t('history.preview', { when: line.whenInSentence }))
      renderChanges(changes === null ? null : summarizeChanges(changes, nameOf))
      setStatus(t('history.shown', { summary: line.summary }))
    } catch (error) {
      if (current === request) setStatus(t('history.versionError', { message: errorMessage(error) }))
    } finally {
      if (current === request) parts.preview.removeAttribute('aria-busy')
    }
  }

  function renderChanges(summary: ReturnType<typeof summarizeChanges> | null): void {
    parts.legend.hidden = summary === null || summary.length === 0
    if (summary === null) {
      parts.changes.replaceChildren(listItem(t('history.changes.first')))
      return
    }
    if (summary.length === 0) {
      parts.changes.replaceChildren(listItem(t('history.changes.none')))
      return
    }
    const unnamed = t('history.unnamed')
    parts.changes.replaceChildren(
      ...summary.flatMap((entry) => [
        ...(entry.added > 0 ? [listItem(localization.plural('history.changes.added', entry.added, { name: entry.name ?? unnamed }))] : []),
        ...(entry.removed > 0 ? [listItem(localization.plural('history.changes.deleted', entry.removed, { name: entry.name ?? unnamed }))] : []),
      ]),
    )
  }

  const control: HistoryPanelControl = {
    announce: setStatus,
    async reload(text) {
      await load()
      setStatus(text)
    },
  }

  function renderActions(version: PadVersionListing, line: VersionLine): void {
    const focused = focusedAction(parts.actions)
    removeActions?.()
    removeActions = null
    parts.actions.replaceChildren()
    if (options.versionActions !== undefined) removeActions = options.versionActions(version, line, parts.actions, control)
    parts.actions.hidden = parts.actions.childElementCount === 0
    refocusAction(parts.actions, focused)
  }

  function renderPadActions(): void {
    const focused = focusedAction(parts.padActions)
    removePadActions?.()
    removePadActions = null
    parts.padActions.replaceChildren()
    if (options.padActions !== undefined) removePadActions = options.padActions(parts.padActions, control)
    parts.padActions.hidden = parts.padActions.childElementCount === 0
    refocusAction(parts.padActions, focused)
  }

  /** The list and the shown version's title and actions, as the settings now say, without fetching anything. */
  function refresh(): void {
    if (!parts.dialog.open) return
    renderPadActions()
    renderList()
    if (selected === null) return
    const version = versions[selected]
    if (version === undefined) return
    const line = lineOf(selected)
    parts.versionTitle.textContent = line.title
    parts.versionKind.textContent = line.kind ?? ''
    renderActions(version, line)
  }

  const open = (): void => {
    if (parts.dialog.open) return
    renderStatic()
    renderPadActions()
    parts.dialog.showModal()
    void load()
  }
  const onClose = (): void => {
    // An answer that comes after closing is not shown.
    request++
    if (button.isConnected) button.focus({ preventScroll: true })
  }
  const onSlide = (): void => {
    const index = versions.length - 1 - Number(parts.slider.value)
    if (index !== selected) void select(index)
  }
  const closeDialog = (): void => parts.dialog.close()
  const onLanguage = (): void => {
    renderStatic()
    if (!parts.dialog.open) return
    renderPadActions()
    renderList()
    if (selected !== null) void select(selected)
  }
  button.addEventListener('click', open)
  parts.close.addEventListener('click', closeDialog)
  parts.slider.addEventListener('input', onSlide)
  parts.dialog.addEventListener('close', onClose)
  const stopListening = localization.onChange(onLanguage)
  renderStatic()

  return {
    dialog: parts.dialog,
    open,
    close() {
      if (parts.dialog.open) parts.dialog.close()
    },
    refresh,
    destroy() {
      stopListening()
      button.removeEventListener('click', open)
      parts.dialog.removeEventListener('close', onClose)
      removeActions?.()
      removePadActions?.()
      preview.destroy()
      parts.dialog.remove()
    },
  }
}

/** The `data-action` of the control focused inside `container`, if any: re-rendering it must not drop the keyboard's place. */
function focusedAction(container: HTMLElement): string | null {
  const focused = document.activeElement
  return focused instanceof HTMLElement && container.contains(focused) ? (focused.dataset.action ?? null) : null
}

function refocusAction(container: HTMLElement, action: string | null): void {
  if (action === null) return
  const control = container.querySelector<HTMLElement>(`[data-action="${action}"]`)
  control?.focus({ preventScroll: true })
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
