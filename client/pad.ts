/**
 * Composition root of the pad page (`pad.html`, served at `/p/<key>`): reads
 * the key from the path, fetches the pad's settings, then wires the shared
 * document (Y.Doc kept in IndexedDB so that a participant who loses Wi-Fi
 * keeps writing), the connection to the relay, the editor and its toolbar,
 * the presence list, the status line, the links panel and the participant's
 * name. Everything it starts is listed in `disposers` and stopped on
 * `pagehide`. The pieces live in their own modules; this file only connects
 * them and decides what a read-only or closed pad looks like.
 */
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import type { PadSettings } from '../shared/api'
import { CloseCode } from '../shared/close-codes'
import { readPadKeyFromPath } from '../shared/pad-link'
import { canWrite, Role } from '../shared/roles'
import { bodyFragmentName } from '../shared/schema'
import { ApiError, fetchPadSettings, NetworkError } from './api-client'
import type { Connection } from './connection'
import { createConnection, defaultRateLimitRetryMs } from './connection'
import { askDisplayName } from './display-name'
import type { NameDialogElements } from './display-name'
import { createEditor } from './editor'
import type { Localization, MessageKey, MessageParams } from './i18n'
import { createLocalization, localizeTree, pickLanguage } from './i18n'
import { mountLanguageSelect } from './language-select'
import { mountLinksPanel } from './links-panel'
import { loadLocalParticipant, publishParticipant, storeLocalName } from './local-participant'
import type { Participant } from './participant'
import type { Preferences } from './preferences'
import { createPreferences, openLocalStorage, PreferenceKey } from './preferences'
import { mountPresenceList } from './presence-list'
import { requireElement } from './required-element'
import { mountStatusView } from './status'
import { buildToolbar } from './toolbar'

/** Longest wait between two attempts to fetch the settings while the server cannot be reached. */
const maxSettingsRetryMs = 10_000

interface PageMessage {
  key: MessageKey
  params?: MessageParams
}

function readPageElements() {
  return {
    skipLink: requireElement('skip-to-editor', HTMLAnchorElement),
    title: requireElement('pad-title', HTMLElement),
    readOnlyBadge: requireElement('read-only-badge', HTMLElement),
    lockedBadge: requireElement('locked-badge', HTMLElement),
    status: requireElement('connection-status', HTMLElement),
    statusAnnouncer: requireElement('status-announcer', HTMLElement),
    changeNameButton: requireElement('change-name-button', HTMLButtonElement),
    languageSelect: requireElement('language-select', HTMLSelectElement),
    loading: requireElement('pad-loading', HTMLElement),
    error: requireElement('pad-error', HTMLElement),
    errorMessage: requireElement('pad-error-message', HTMLElement),
    main: requireElement('pad-main', HTMLElement),
    toolbar: requireElement('toolbar', HTMLElement),
    editor: requireElement('editor', HTMLElement),
    presence: requireElement('presence', HTMLElement),
    presenceCount: requireElement('presence-count', HTMLElement),
    links: requireElement('links', HTMLElement),
    nameDialog: {
      dialog: requireElement('name-dialog', HTMLDialogElement),
      form: requireElement('name-form', HTMLFormElement),
      input: requireElement('name-input', HTMLInputElement),
      error: requireElement('name-error', HTMLElement),
    } satisfies NameDialogElements,
  }
}

type PageElements = ReturnType<typeof readPageElements>

async function startPadPage(): Promise<void> {
  const disposers: (() => void)[] = []
  window.addEventListener('pagehide', (event) => {
    if (event.persisted) return
    for (const dispose of disposers.splice(0).reverse()) dispose()
  })

  const preferences = createPreferences(openLocalStorage())
  const localization = createLocalization(
    pickLanguage(preferences.read(PreferenceKey.language), navigator.languages ?? [navigator.language]),
  )
  const elements = readPageElements()
  let padTitle: string | null = null
  let pageError: PageMessage | null = null
  let loadingMessage: PageMessage | null = { key: 'pad.loading' }

  const renderPage = (): void => {
    localizeTree(document, localization)
    const title = padTitle === null ? null : padTitle || localization.t('pad.untitled')
    elements.title.textContent = title ?? ''
    elements.title.hidden = title === null
    document.title = title === null ? localization.t('app.name') : localization.t('pad.documentTitle', { title })
    elements.loading.hidden = loadingMessage === null
    elements.loading.textContent = loadingMessage === null ? '' : localization.t(loadingMessage.key)
    elements.error.hidden = pageError === null
    elements.errorMessage.textContent = pageError === null ? '' : localization.t(pageError.key, pageError.params)
  }
  disposers.push(localization.onChange(renderPage))
  disposers.push(mountLanguageSelect(elements.languageSelect, localization, preferences))
  renderPage()

  const key = readPadKeyFromPath(location.pathname)
  if (key === null) {
    loadingMessage = null
    pageError = { key: 'pad.error.badLink' }
    renderPage()
    return
  }

  let settings: PadSettings
  try {
    settings = await fetchSettingsPatiently(key, () => {
      loadingMessage = { key: 'pad.retrying' }
      renderPage()
    })
  } catch (error) {
    loadingMessage = null
    pageError = describeSettingsError(error)
    renderPage()
    return
  }

  loadingMessage = null
  padTitle = settings.title
  renderPage()
  openPad({ key, settings, elements, localization, preferences, disposers, renderPage })
}

interface OpenPadContext {
  key: string
  settings: PadSettings
  elements: PageElements
  localization: Localization
  preferences: Preferences
  disposers: (() => void)[]
  renderPage: () => void
}

function openPad(context: OpenPadContext): void {
  const { key, settings, elements, localization, preferences, disposers } = context
  const isWriter = canWrite(settings.role)
  let isLocked = settings.locked
  let isClosedForGood = false
  const isReadOnly = (): boolean => !isWriter || isLocked || isClosedForGood

  const doc = new Y.Doc()
  disposers.push(() => doc.destroy())
  // Kept per pad id, not per key: the edit and view links of one pad share it,
  // and a rotated edit link finds its unsaved changes again.
  const persistence = new IndexeddbPersistence(`atelier-pad:${settings.id}`, doc)
  disposers.push(() => void persistence.destroy())

  const connection = createConnection({
    serverUrl: `${location.origin.replace(/^http/, 'ws')}/ws`,
    padKey: key,
    doc,
    tracksUnsyncedChanges: isWriter,
    rateLimitRetryMs: defaultRateLimitRetryMs,
  })
  disposers.push(() => connection.close())

  const toolbarPlugin = isWriter ? buildToolbar(elements.toolbar, localization) : null
  const editor = createEditor({
    container: elements.editor,
    fragment: doc.getXmlFragment(bodyFragmentName),
    awareness: connection.awareness,
    localization,
    contentLanguage: settings.language,
    isEditable: !isReadOnly(),
    plugins: toolbarPlugin === null ? [] : [toolbarPlugin],
  })
  disposers.push(() => editor.destroy())

  const renderAccess = (): void => {
    elements.readOnlyBadge.hidden = settings.role !== Role.view
    elements.lockedBadge.hidden = !isLocked
    elements.toolbar.hidden = isReadOnly()
    document.body.dataset.role = settings.role
    document.body.dataset.readOnly = String(isReadOnly())
    editor.setEditable(!isReadOnly())
  }
  renderAccess()

  disposers.push(
    connection.onChange((state) => {
      if (!state.isFinal || isClosedForGood) return
      isClosedForGood = true
      if (state.closeCode === CloseCode.locked) isLocked = true
      if (state.closeCode === CloseCode.deleted) {
        // The facilitator deleted the pad: its copy in this browser goes too.
        void persistence.clearData()
      }
      renderAccess()
    }),
  )

  disposers.push(
    mountStatusView({
      element: elements.status,
      announcer: elements.statusAnnouncer,
      connection,
      localization,
      isReadOnly,
    }),
  )
  disposers.push(
    mountPresenceList({
      list: elements.presence,
      count: elements.presenceCount,
      awareness: connection.awareness,
      localization,
    }),
  )
  disposers.push(
    mountLinksPanel({ element: elements.links, links: settings.links, localization, baseUrl: location.origin }),
  )

  elements.skipLink.addEventListener('click', (event) => {
    event.preventDefault()
    editor.focus()
  })

  elements.main.hidden = false
  // Static labels the modules above added (toolbar, links panel) are localized here.
  context.renderPage()
  void introduceParticipant(elements, connection, localization, preferences, disposers)
}

/** Publishes who is typing; asks for a name on a first visit, and lets it be changed later. */
async function introduceParticipant(
  elements: PageElements,
  connection: Connection,
  localization: Localization,
  preferences: Preferences,
  disposers: (() => void)[],
): Promise<void> {
  const stored = loadLocalParticipant(preferences, Math.random)
  const participant: Participant = { name: stored.name ?? '', color: stored.color }
  const { changeNameButton } = elements
  const swatch = changeNameButton.querySelector<HTMLElement>('.name-swatch')
  const nameText = changeNameButton.querySelector<HTMLElement>('.name-text')

  const renderButton = (): void => {
    changeNameButton.hidden = participant.name === ''
    if (swatch !== null) swatch.style.backgroundColor = participant.color
    if (nameText !== null) nameText.textContent = participant.name
    changeNameButton.setAttribute('aria-label', localization.t('name.change', { name: participant.name }))
  }
  disposers.push(localization.onChange(renderButton))

  if (stored.name === null) {
    const chosen = await askDisplayName(elements.nameDialog, localization, null)
    if (chosen !== null) storeLocalName(preferences, chosen)
    // Dismissed: a guest name for this visit only, so the question comes back next time.
    participant.name = chosen ?? localization.t('name.guest', { number: 1 + Math.floor(Math.random() * 99) })
  } else {
    participant.name = stored.name
  }
  publishParticipant(connection.awareness, participant)
  renderButton()

  changeNameButton.addEventListener('click', () => {
    void askDisplayName(elements.nameDialog, localization, participant.name).then((chosen) => {
      if (chosen === null) return
      participant.name = chosen
      storeLocalName(preferences, chosen)
      publishParticipant(connection.awareness, participant)
      renderButton()
    })
  })
}

/**
 * The pad's settings; while the server cannot be reached (network error, 5xx,
 * 429) it tries again with growing waits, calling `onRetry` each time. Throws
 * for answers that will not change (404, other 4xx).
 */
async function fetchSettingsPatiently(key: string, onRetry: () => void): Promise<PadSettings> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchPadSettings(key)
    } catch (error) {
      const isTransient =
        error instanceof NetworkError || (error instanceof ApiError && (error.status >= 500 || error.status === 429))
      if (!isTransient) throw error
      onRetry()
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, maxSettingsRetryMs)))
    }
  }
}

function describeSettingsError(error: unknown): PageMessage {
  if (error instanceof ApiError && error.status === 404) return { key: 'pad.error.unknownPad' }
  const message = error instanceof Error ? error.message : String(error)
  return { key: 'pad.error.generic', params: { message } }
}

void startPadPage()
