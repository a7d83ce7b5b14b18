/**
 * What the history panel offers to do, plugged in as its `versionActions`
 * and `padActions`: restore the version shown (edit and admin links, once
 * confirmed; where the pad's settings keep restores from this link, a
 * sentence says who can), and for the facilitator, publish the version
 * shown as the recipe or stop publishing it (`PATCH publishedVersion`), and
 * publish the pad as it is now (named first: `POST …/versions`, then
 * published). The restored text reaches every page through the live
 * connection like any change; this module only asks the server, says how it
 * went in the panel's status line and has the list read again. Buttons are
 * `aria-disabled` while a call is under way (clicks meanwhile are ignored).
 */
import type { PadVersionListing } from '../../shared/protocol/api'
import { Role } from '../../shared/protocol/roles'
import { formattingLocale, type Localization, type MessageKey } from '../i18n/i18n'
import { updatePadSettings } from '../settings/api-client'
import type { LiveSettings } from '../settings/live-settings'
import { nameCurrentVersion, restoreVersion } from './history-api'
import type { HistoryDialogs } from './history-dialogs'
import type { HistoryPanelControl, PadActions, VersionActions } from './history-panel'
import { describeHistoryFailure } from './restore-failure'
import { RestorePermission, restorePermissionOf } from './restore-permission'
import type { VersionLine } from './version-line'

export interface VersionActionsOptions {
  padKey: string
  role: Role
  settings: LiveSettings
  localization: Localization
  /** This page's participant secret: the server records who restored. */
  participantSecret: string
  dialogs: HistoryDialogs
  /** The time, for the default name « Recette du 12 mars ». */
  now?: () => number
}

export interface HistoryActions {
  versionActions: VersionActions
  /** For the admin link only. */
  padActions: PadActions | undefined
}

const explanationKeys: Readonly<Partial<Record<RestorePermission, MessageKey>>> = {
  [RestorePermission.adminOnly]: 'restore.adminOnly',
  [RestorePermission.locked]: 'restore.locked',
}

export function createHistoryActions(options: VersionActionsOptions): HistoryActions {
  const { padKey, settings, localization, dialogs } = options
  const t = localization.t.bind(localization)
  const now = options.now ?? Date.now
  /** One call at a time, across re-renders of the controls. */
  let isBusy = false
  const buttons = new Set<HTMLButtonElement>()

  const setBusy = (busy: boolean): void => {
    isBusy = busy
    for (const button of buttons) button.setAttribute('aria-disabled', String(busy))
  }

  /** Runs `call` unless another is under way, saying `running`, then the outcome. */
  const run = async (panel: HistoryPanelControl, running: MessageKey, failed: MessageKey, call: () => Promise<void>): Promise<void> => {
    setBusy(true)
    panel.announce(t(running))
    try {
      await call()
    } catch (error) {
      const reason = describeHistoryFailure(error)
      panel.announce(t(failed, { reason: t(reason.key, reason.params) }))
    } finally {
      setBusy(false)
    }
  }

  const button = (action: string, key: MessageKey, className: string, onClick: () => void): HTMLButtonElement => {
    const created = document.createElement('button')
    created.type = 'button'
    created.className = className
    created.dataset.action = action
    created.textContent = t(key)
    created.setAttribute('aria-disabled', String(isBusy))
    created.addEventListener('click', () => {
      if (!isBusy) onClick()
    })
    buttons.add(created)
    return created
  }

  const restoreControls = (version: PadVersionListing, line: VersionLine, panel: HistoryPanelControl): HTMLElement[] => {
    const permission = restorePermissionOf(options.role, settings.current)
    const explanation = explanationKeys[permission]
    if (explanation !== undefined) {
      const sentence = document.createElement('p')
      sentence.className = 'field-hint history-restore-explanation'
      sentence.textContent = t(explanation)
      return [sentence]
    }
    if (permission !== RestorePermission.allowed) return []
    return [
      button('restore', 'restore.button', 'primary-button', () => {
        void dialogs.confirmRestore(line.whenInSentence).then((isConfirmed) => {
          if (!isConfirmed || isBusy) return
          return run(panel, 'restore.running', 'restore.failed', async () => {
            await restoreVersion(padKey, version.id, options.participantSecret)
            await panel.reload(t('restore.done'))
          })
        })
      }),
    ]
  }

  const publishControls = (version: PadVersionListing, panel: HistoryPanelControl): HTMLElement[] => {
    if (options.role !== Role.admin) return []
    const isPublished = settings.current.publishedVersion === version.id
    return [
      button('publish', isPublished ? 'publish.unpublish' : 'publish.button', 'secondary-button', () => {
        void run(panel, 'publish.running', 'publish.failed', async () => {
          settings.applyState(await updatePadSettings(padKey, { publishedVersion: isPublished ? null : version.id }))
          panel.announce(t(isPublished ? 'publish.undone' : 'publish.done'))
        })
      }),
    ]
  }

  const versionActions: VersionActions = (version, line, container, panel) => {
    container.append(...restoreControls(version, line, panel), ...publishControls(version, panel))
    return () => {
      for (const each of container.querySelectorAll('button')) buttons.delete(each)
    }
  }

  const padActions: PadActions = (container, panel) => {
    const help = document.createElement('p')
    help.className = 'field-hint'
    help.id = 'publish-current-help'
    help.textContent = t('publish.help')
    const publishCurrent = button('publish-current', 'publish.current', 'secondary-button', () => {
      const date = new Intl.DateTimeFormat(formattingLocale(localization.language), { day: 'numeric', month: 'long' }).format(now())
      void dialogs.askVersionName(t('publish.name.default', { date })).then((name) => {
        if (name === null || isBusy) return
        return run(panel, 'publish.running', 'publish.failed', async () => {
          const version = await nameCurrentVersion(padKey, name)
          settings.applyState(await updatePadSettings(padKey, { publishedVersion: version.id }))
          await panel.reload(t('publish.done'))
        })
      })
    })
    publishCurrent.setAttribute('aria-describedby', help.id)
    container.append(publishCurrent, help)
    return () => buttons.delete(publishCurrent)
  }

  return { versionActions, padActions: options.role === Role.admin ? padActions : undefined }
}
