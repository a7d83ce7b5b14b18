/**
 * The pad page's history parts for the writing links: the history panel
 * with its restore and publish actions, and the notice that offers to bring
 * the text back after a big deletion, each taken down with the page.
 */
import type { PadAccess } from '../pad/access'
import type { OpenPadContext } from '../pad/context'
import { isApplePlatform } from '../editor/keyboard/shortcuts'
import type { ParticipantIdentity } from '../people/participant-secret'
import { mountDeletionNotice, type DeletionNotice } from './big-deletion-notice'
import { createHistoryDialogs } from './history-dialogs'
import { mountHistoryPanel } from './history-panel'
import { createHistoryActions } from './version-actions'

/**
 * The history panel, for the edit and admin links (a view link never sees
 * the history), with its actions: restore the version shown, and for the
 * facilitator publish it, or the pad as it is now, as the recipe.
 */
export function mountPadHistory(context: OpenPadContext, access: PadAccess, participant: ParticipantIdentity): void {
  const { key, doc, settings, elements, localization, disposers } = context
  const dialogs = createHistoryDialogs(localization)
  const actions = createHistoryActions({ padKey: key, role: access.role, settings, localization, participantSecret: participant.secret, dialogs })
  const history = mountHistoryPanel({
    button: elements.historyButton,
    padKey: key,
    doc,
    localization,
    contentLanguage: () => settings.current.language,
    versionActions: actions.versionActions,
    padActions: actions.padActions,
    publishedVersion: () => settings.current.publishedVersion,
  })
  elements.historyButton.hidden = false
  // The lock, who may restore and what is published change what the panel offers and marks.
  const stopSettings = settings.onChange(history.refresh)
  disposers.push(() => {
    stopSettings()
    history.destroy()
    dialogs.destroy()
    elements.historyButton.hidden = true
  })
}

/** The notice that offers to bring the text back after a big deletion (writing links). */
export function mountBigDeletionNotice(context: OpenPadContext, access: PadAccess, participant: ParticipantIdentity): DeletionNotice {
  const { key, doc, settings, elements, localization, disposers } = context
  const notice = mountDeletionNotice({
    elements: elements.deletionNotice,
    padKey: key,
    role: access.role,
    doc,
    settings,
    localization,
    participantSecret: participant.secret,
    isApple: isApplePlatform(),
  })
  disposers.push(() => notice.destroy())
  return notice
}
