/**
 * The pad page's code (`pad.html`, served at `/p/<key>`), started by its
 * entry script (`pad-boot.ts`) with the participant it read, and the
 * settings and the content it asked for while this code loaded. It puts the content into the shared document,
 * then wires the document's copy in IndexedDB (so that a participant who
 * loses Wi-Fi keeps writing), the connection to the relay and its live
 * settings, the editor and its toolbar, the presence list, the status line,
 * projection mode, the colours by author and their legend, the facilitator
 * panel (admin link only), the history panel with its restore and publish
 * actions, the notice that offers to undo a big deletion and the list of
 * keyboard shortcuts (writing links)
 * and the participant's name, which a writing page records as the author of
 * its changes; the pad's details (event, license, expiry), the share panel
 * and the export menu follow once the editor is on screen. Everything it starts is listed in `disposers` and stopped on
 * `pagehide`. The pieces live in their own modules, what a read-only, locked
 * or closed pad looks like in `pad-access.ts`; this file only connects them.
 */
import type { Plugin } from 'prosemirror-state'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import type { PadSettings } from '../shared/protocol/api'
import { maxEventFieldLength, maxTitleLength } from '../shared/protocol/api'
import { authorsMapName, participantsMapName } from '../shared/pad/attribution'
import { CloseCode } from '../shared/protocol/close-codes'
import { Role } from '../shared/protocol/roles'
import { bodyFragmentName } from '../shared/pad/schema'
import { createAuthorColors } from './people/authors/author-colors'
import { mountAuthorLegend } from './people/authors/author-legend'
import { createAuthorship } from './people/authors/authorship'
import { creditLegacyTextOnSync } from './people/authors/legacy-credits'
import { createAuthorshipPlugin, followServerCredit } from './people/authors/authorship-plugin'
import { createPromptPlugin } from './editor/prompt-plugin'
import type { Connection } from './connection/connection'
import { createConnection, defaultRateLimitRetryMs } from './connection/connection'
import type { Editor } from './editor/editor'
import { createEditor } from './editor/editor'
import { exportUrl, mountExportMenu } from './share/export-menu'
import { mountFacilitatorPanel } from './settings/facilitator-panel'
import { createDeletionWatch } from './history/deletion-watch'
import type { ParticipantIdentity } from './people/participant-secret'
import { createLocalization, pickLanguage } from './i18n/i18n'
import { mountLanguageSelect } from './i18n/language-select'
import { createLiveSettings } from './settings/live-settings'
import { LoadPhase, markLoadPhase } from './load-marks'
import { introduceParticipant } from './people/name-introduction'
import { mountPadDetails } from './settings/pad-details'
import { createPreferences, openLocalStorage, PreferenceKey } from './people/preferences'
import { mountPresenceList } from './people/presence/presence-list'
import { mountPresenceAnnouncer } from './people/presence/presence-announcer'
import { createProjectionMode } from './share/projection-mode'
import type { PadAccess } from './pad-access'
import { createPadAccess, renderPadAccess } from './pad-access'
import { readPageElements } from './pad-elements'
import { mountPadMenu } from './pad-menu'
import { followPadState } from './connection/settings-feed'
import { createFacilitationChannel, facilitationParams } from './facilitation/facilitation-channel'
import { mountRoundPage } from './facilitation/round/round-page'
import { createDotVote } from './facilitation/vote/dot-vote'
import { mountSharePanel } from './share/share-panel'
import { mountStatusView } from './connection/status'
import { buildToolbar } from './editor/toolbar'
import { buildCaretClearance } from './editor/caret-clearance'
import { mountShortcutHelp } from './editor/shortcut-help'
import { isApplePlatform } from './editor/shortcuts'
import { recipePath, relayUrlOf } from '../shared/protocol/pad-link'
import { createPageShell } from './page-shell'
import { mountBigDeletionNotice, mountPadHistory } from './history/history-mount'
import type { OpenPadContext } from './pad-context'
import { describeSettingsError, fetchSettingsPatiently, refreshLinks } from './settings/settings-fetch'

/** What the entry script (pad-boot.ts) asked the server for before this code was loaded. */
export interface EarlyRequests {
  key: string
  /** This browser's participant, which the content's request presented too. */
  participant: ParticipantIdentity
  /** The first attempt at the pad's settings. */
  settings: Promise<PadSettings>
  /** The pad's content as one update, or null when the prefetch failed (content-prefetch.ts). */
  content: Promise<Uint8Array | null>
}

/** Starts the page; `early` is null when the path holds no pad key. */
export async function startPadPage(early: EarlyRequests | null): Promise<void> {
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
  const shell = createPageShell(elements, localization)
  disposers.push(localization.onChange(shell.render))
  disposers.push(mountLanguageSelect(elements.languageSelect, localization, preferences))
  disposers.push(mountPadMenu(elements.padMenu))
  shell.render()

  if (early === null) {
    shell.setLoading(null)
    shell.setError({ key: 'pad.error.badLink' })
    shell.render()
    return
  }

  const { key, participant } = early
  let settings: PadSettings
  try {
    settings = await fetchSettingsPatiently(key, early.settings, () => {
      shell.setLoading({ key: 'pad.retrying' })
      shell.render()
    })
  } catch (error) {
    shell.setLoading(null)
    shell.setError(describeSettingsError(error))
    shell.render()
    return
  }
  // A reader of a pad whose recipe is published reads that recipe (DESIGN.md, "History"), not the pad behind it.
  if (settings.role === Role.view && settings.publishedVersion !== null) {
    location.replace(recipePath(key))
    return
  }
  const padSettings = createLiveSettings(settings)
  shell.setSettings(padSettings)
  disposers.push(padSettings.onChange(shell.render))
  shell.render()

  // The prefetched content (a megabyte after a long workshop) goes into the
  // doc before anything listens to it, and before the connection opens: the
  // provider then asks the relay only for what is newer, and the editor is
  // built once, with the whole pad, instead of filling up in front of people.
  const doc = new Y.Doc()
  disposers.push(() => doc.destroy())
  const content = await early.content
  if (content !== null) {
    Y.applyUpdate(doc, content, early)
    markLoadPhase(LoadPhase.doc)
  }
  shell.setLoading(null)
  shell.render()
  openPad({ key, participant, doc, settings: padSettings, elements, localization, preferences, disposers, renderPage: shell.render })
  markLoadPhase(LoadPhase.editor)

  // The panels that need only the settings come in a task of their own, once
  // the editor with the pad is on screen: that is what the page is opened
  // for, and the share panel's QR code and the details' dates cost tens of
  // milliseconds the first time.
  const panelsTimer = setTimeout(() => {
    disposers.push(mountExportMenu(elements.exportMenu, key, localization))
    elements.deleteExportLink.href = exportUrl(key, 'html')
    disposers.push(mountPadDetails(elements.details, padSettings, localization))
    disposers.push(mountSharePanel({ elements: elements.share, settings: padSettings, localization, baseUrl: location.origin }))
  }, 0)
  disposers.push(() => clearTimeout(panelsTimer))
}

function openPad(context: OpenPadContext): void {
  const { key, participant, doc, settings, elements, localization, disposers } = context
  const access = createPadAccess(settings)

  // Kept per pad id, not per key: the edit and view links of one pad share it,
  // and a rotated edit link finds its unsaved changes again.
  const persistence = new IndexeddbPersistence(`atelier-pad:${settings.current.id}`, doc)
  disposers.push(() => void persistence.destroy())

  const connection = createConnection({
    serverUrl: relayUrlOf(location.origin),
    padKey: key,
    // A view link presents it too: the facilitator may let readers place dots (the server checks who votes by it).
    participantSecret: participant.secret,
    params: facilitationParams,
    doc,
    tracksUnsyncedChanges: access.isWriter,
    rateLimitRetryMs: defaultRateLimitRetryMs,
  })
  disposers.push(() => connection.close())
  // One channel per page: the provider has one handler per message type, so
  // every facilitation view (round, votes) shares this one.
  const facilitation = createFacilitationChannel(connection.provider, { pageNowMs: Date.now })
  disposers.push(() => facilitation.close())
  const dotVote = createDotVote({ facilitation, fragment: doc.getXmlFragment(bodyFragmentName), role: access.role, localization, projectionDialog: elements.projection.dialog })
  disposers.push(() => dotVote.close())

  /** The participant's display name, once chosen: new initiative cards credit it. */
  let displayName = ''
  const deletionNotice = access.isWriter ? mountBigDeletionNotice(context, access, participant) : null
  const editor = mountEditor(context, connection, access, {
    participantId: participant.id,
    readDisplayName: () => displayName,
    onBigDeletion: () => deletionNotice?.onBigDeletion(),
  }, [dotVote.cardPlugin])
  const authorship = createAuthorship({
    doc,
    participantId: participant.id,
    connection,
    canWrite: () => access.isWriter && !access.isReadOnly(),
  })
  disposers.push(() => authorship.close())

  const projection = createProjectionMode({
    elements: elements.projection,
    editor,
    awareness: connection.awareness,
    settings,
    localization,
    baseUrl: location.origin,
  })
  disposers.push(() => projection.close())

  disposers.push(
    mountRoundPage({
      elements: elements.round,
      channel: facilitation,
      awareness: connection.awareness,
      doc,
      editor,
      localization,
      participantId: participant.id,
      isFacilitator: access.role === Role.admin,
      mayRaiseHand: access.isWriter,
      mayWrite: () => access.isWriter && !access.isReadOnly(),
    }),
  )

  const renderAccess = (): void => renderPadAccess({ elements, access, settings, localization, editor, authorship })
  renderAccess()
  disposers.push(localization.onChange(renderAccess))

  const closeForGood = (code: number): void => {
    if (!access.closeForGood(code)) return
    if (code === CloseCode.deleted) {
      // The facilitator deleted the pad: its copy in this browser goes too.
      void persistence.clearData()
      projection.exit()
    }
    renderAccess()
  }
  followAccess({ context, connection, access, renderAccess, closeForGood })
  if (access.isWriter) disposers.push(...followCredits(connection, editor, participant.id, () => !access.isReadOnly()))
  if (access.isWriter) mountPadHistory(context, access, participant)
  mountConnectionViews(context, connection, access)
  if (access.role === Role.admin) mountAdminPanel(context, () => closeForGood(CloseCode.deleted))

  elements.skipLink.addEventListener('click', (event) => {
    event.preventDefault()
    editor.focus()
  })

  elements.main.hidden = false
  // Static labels the modules above added (toolbar, share panel) are localized here.
  context.renderPage()
  void introduceParticipant({
    elements,
    awareness: connection.awareness,
    localization,
    preferences: context.preferences,
    disposers,
    // A reader has no cursor and no text to credit: nobody asks their name (they may give one from the button).
    asksOnFirstVisit: access.isWriter,
    // The dialog hands focus back to where it was, the page itself on arrival: writing starts in the editor.
    afterFirstVisit: () => {
      if (access.isWriter && !access.isReadOnly()) editor.focus()
    },
    onCredit: (credit) => {
      displayName = credit.name
      authorship.setCredit(credit)
    },
  })
}

/** What keeps this writer's credits right: the server's word on them, and the old text of pads from before participants. */
function followCredits(connection: Connection, editor: Editor, participantId: string, mayWrite: () => boolean): (() => void)[] {
  const fragment = connection.provider.doc.getXmlFragment(bodyFragmentName)
  return [followServerCredit(connection, editor.view, participantId), creditLegacyTextOnSync(connection, editor.view, fragment, mayWrite)]
}

/** Who writes in this page's editor. */
interface EditorWriter {
  participantId: string
  /** The participant's display name, once chosen: new initiative cards credit it. */
  readDisplayName(): string
  /** One change, local or remote, removed most of the pad. */
  onBigDeletion(): void
}

/**
 * The editor with its toolbar, the list of keyboard shortcuts and the credit
 * of what is typed (writing links only), and the colours by author, with
 * their legend.
 */
function mountEditor(context: OpenPadContext, connection: Connection, access: PadAccess, writer: EditorWriter, facilitationPlugins: readonly Plugin[]): Editor {
  const { doc, settings, elements, localization, disposers } = context
  const fragment = doc.getXmlFragment(bodyFragmentName)
  const shortcutHelp = access.isWriter ? mountShortcutHelp({ localization, isApple: isApplePlatform() }) : null
  if (shortcutHelp !== null) disposers.push(() => shortcutHelp.destroy())
  const writingPlugins = shortcutHelp !== null
    ? [
        buildToolbar(elements.toolbar, { localization, readDisplayName: writer.readDisplayName, openShortcutHelp: shortcutHelp.open }),
        createAuthorshipPlugin(writer.participantId),
        createPromptPlugin(),
        buildCaretClearance(elements.toolbar),
        createDeletionWatch(writer.onBigDeletion),
      ]
    : []
  const authorColors = createAuthorColors({
    fragment,
    credits: [doc.getMap(participantsMapName), doc.getMap(authorsMapName)],
    awareness: connection.awareness,
  })
  const editor = createEditor({
    container: elements.editor,
    fragment,
    awareness: connection.awareness,
    localization,
    contentLanguage: settings.current.language,
    isEditable: !access.isReadOnly(),
    plugins: [...writingPlugins, authorColors.plugin, ...facilitationPlugins],
  })
  disposers.push(() => editor.destroy())
  disposers.push(mountAuthorLegend(elements.authorLegend, authorColors, localization))
  return editor
}

interface AccessSources {
  context: OpenPadContext
  connection: Connection
  access: PadAccess
  renderAccess(): void
  closeForGood(code: number): void
}

/** What the connection and the pushed settings say about access: a write refused by a lock, a dead link, a lock or an unlock. */
function followAccess({ context, connection, access, renderAccess, closeForGood }: AccessSources): void {
  const { key, settings, disposers } = context
  disposers.push(
    connection.onChange((state) => {
      if (state.closeCode === CloseCode.locked && access.refuseByLock()) renderAccess()
      if (state.isFinal && state.closeCode !== null) closeForGood(state.closeCode)
    }),
  )

  disposers.push(
    followPadState(connection.provider, (state) => {
      const wasLocked = access.isLocked()
      if (!state.locked) access.endRefusalByLock()
      settings.applyState(state)
      renderAccess()
      // Writes the server refused or dropped while the pad was locked go to it now.
      if (wasLocked && !state.locked && access.role === Role.edit) connection.resumeAfterUnlock()
      // Another device of the facilitator may have rotated the edit link: the
      // links are not in the pushed state, so an admin page reads them again.
      if (access.role === Role.admin) void refreshLinks(key, settings)
    }),
  )
  disposers.push(settings.onChange(renderAccess))
}

/** The status line and the presence list, which follow the connection. */
function mountConnectionViews(context: OpenPadContext, connection: Connection, access: PadAccess): void {
  const { elements, localization, disposers } = context
  disposers.push(
    mountStatusView({
      element: elements.status,
      announcer: elements.statusAnnouncer,
      connection,
      localization,
      isReadOnly: access.isReadOnly,
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
    mountPresenceAnnouncer({ region: elements.presenceAnnouncer, awareness: connection.awareness, connection, localization }),
  )
}

/** The facilitator panel, for the admin link: its fields take the server's length limits. */
function mountAdminPanel(context: OpenPadContext, onDeleted: () => void): void {
  const { key, settings, elements, localization, disposers } = context
  elements.facilitator.fields.title.maxLength = maxTitleLength
  elements.facilitator.fields.eventName.maxLength = maxEventFieldLength
  elements.facilitator.fields.eventPlace.maxLength = maxEventFieldLength
  disposers.push(
    mountFacilitatorPanel({
      elements: elements.facilitator,
      adminKey: key,
      settings,
      localization,
      onDeleted,
    }),
  )
}

