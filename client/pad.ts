/**
 * The pad page's code (`pad.html`, served at `/p/<key>`), started by its
 * entry script (`pad/boot.ts`) with the participant it read, and the
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
 * `pagehide`. The pieces live in their own modules, the page's own parts in
 * `pad/` (its entry script, elements, access — what a read-only, locked or
 * closed pad looks like —, the editor as mounted, the connection's views,
 * the facilitator panel); this file only connects them.
 */
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import type { PadSettings } from '../shared/protocol/api'
import { CloseCode } from '../shared/protocol/close-codes'
import { Role } from '../shared/protocol/roles'
import { bodyFragmentName } from '../shared/pad/schema'
import { createAuthorship } from './people/authors/authorship'
import { createConnection, defaultRateLimitRetryMs } from './connection/connection'
import { exportUrl, mountExportMenu } from './share/export-menu'
import type { ParticipantIdentity } from './people/participant-secret'
import { createLocalization, pickLanguage } from './i18n/i18n'
import { mountLanguageSelect } from './i18n/language-select'
import { createLiveSettings } from './settings/live-settings'
import { LoadPhase, markLoadPhase } from './load-marks'
import { introduceParticipant } from './people/name-introduction'
import { mountPadDetails } from './settings/pad-details'
import { createPreferences, openLocalStorage, PreferenceKey } from './people/preferences'
import { createProjectionMode } from './share/projection-mode'
import { createPadAccess, renderPadAccess } from './pad/access'
import { readPageElements } from './pad/elements'
import { mountPadMenu } from './pad/menu'
import { createFacilitationChannel, facilitationParams } from './facilitation/facilitation-channel'
import { mountRoundPage } from './facilitation/round/round-page'
import { createDotVote } from './facilitation/vote/dot-vote'
import { mountSharePanel } from './share/share-panel'
import { recipePath, relayUrlOf } from '../shared/protocol/pad-link'
import { createPageShell } from './page-shell'
import { mountBigDeletionNotice, mountPadHistory } from './history/history-mount'
import type { OpenPadContext } from './pad/context'
import { followAccess } from './pad/access-updates'
import { mountAdminPanel } from './pad/admin-panel'
import { mountConnectionViews } from './pad/connection-views'
import { followCredits, mountEditor } from './pad/editor-mount'
import { describeSettingsError, fetchSettingsPatiently } from './settings/settings-fetch'

/** What the entry script (pad/boot.ts) asked the server for before this code was loaded. */
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
