/**
 * What the pad page lets its participant do right now, and how the page says
 * so. The link's role is fixed; on top of it come the facilitator's lock —
 * from the live settings, or since the server refused a write with 4409 until
 * a settings message says unlocked — and a link that stopped working for good
 * (the close code that ended the connection). `renderPadAccess` shows it: the
 * read-only and locked badges, the lock and closed notices, the toolbar,
 * `data-*` on `<body>` for the stylesheet, and whether the editor takes
 * input. It listens to nothing: `access-updates.ts` tells it what the
 * connection and the settings said.
 */
import { canWrite, Role } from '../../shared/protocol/roles'
import { closeMessageKeys } from '../connection/status'
import type { Editor } from '../editor/editor'
import type { Localization, MessageKey } from '../i18n/i18n'
import type { Authorship } from '../people/authors/authorship'
import type { LiveSettings } from '../settings/live-settings'

export interface PadAccess {
  readonly role: Role
  /** Whether the link may write at all (an edit or admin link). */
  readonly isWriter: boolean
  /** The close code that ended this page's connection for good (the link is dead), if any. */
  readonly finalCloseCode: number | null
  /** The pad is locked as this page sees it: by the settings, or since the server refused a write with 4409. */
  isLocked(): boolean
  isReadOnly(): boolean
  /** The server closed the connection with 4409: read-only until a settings message says unlocked. Returns whether that is news. */
  refuseByLock(): boolean
  /** A settings message said the pad is unlocked: a refusal by the lock is over. */
  endRefusalByLock(): void
  /** The link stopped working for good, with `code`; returns whether that is news. */
  closeForGood(code: number): boolean
}

export function createPadAccess(settings: LiveSettings): PadAccess {
  const { role } = settings.current
  const isWriter = canWrite(role)
  let isRefusedByLock = false
  let finalCloseCode: number | null = null
  const isLocked = (): boolean => settings.current.locked || isRefusedByLock
  return {
    role,
    isWriter,
    get finalCloseCode() {
      return finalCloseCode
    },
    isLocked,
    isReadOnly: () => !isWriter || (role === Role.edit && isLocked()) || finalCloseCode !== null,
    refuseByLock() {
      if (isRefusedByLock) return false
      isRefusedByLock = true
      return true
    },
    endRefusalByLock() {
      isRefusedByLock = false
    },
    closeForGood(code) {
      if (finalCloseCode !== null) return false
      finalCloseCode = code
      return true
    },
  }
}

export interface PadAccessElements {
  readOnlyBadge: HTMLElement
  lockedBadge: HTMLElement
  toolbar: HTMLElement
  lockNotice: HTMLElement
  closedNotice: HTMLElement
}

export interface PadAccessView {
  elements: PadAccessElements
  access: PadAccess
  settings: LiveSettings
  localization: Localization
  editor: Pick<Editor, 'setEditable'>
  authorship: Pick<Authorship, 'refresh'>
}

export function renderPadAccess(view: PadAccessView): void {
  const { elements, access, localization } = view
  const { role, finalCloseCode } = access
  const { locked } = view.settings.current
  elements.readOnlyBadge.hidden = role !== Role.view
  elements.lockedBadge.hidden = !access.isLocked() || finalCloseCode !== null
  elements.toolbar.hidden = access.isReadOnly()
  document.body.dataset.role = role
  document.body.dataset.readOnly = String(access.isReadOnly())
  document.body.dataset.locked = String(locked)
  view.editor.setEditable(!access.isReadOnly())
  // A pad that opens up again may now hear who writes on this page.
  view.authorship.refresh()

  const lockNoticeKey = lockNoticeKeyOf(access)
  elements.lockNotice.hidden = lockNoticeKey === null
  elements.lockNotice.textContent = lockNoticeKey === null ? '' : localization.t(lockNoticeKey)

  const closedKey = finalCloseCode === null ? undefined : closeMessageKeys[finalCloseCode]
  elements.closedNotice.hidden = closedKey === undefined
  elements.closedNotice.textContent = closedKey === undefined ? '' : localization.t(closedKey)
  // The stylesheet hides what a dead link no longer offers (sharing it, the facilitator panel).
  if (finalCloseCode !== null) document.body.dataset.closeCode = String(finalCloseCode)
}

/** What the lock notice says to this page, if anything: nothing to a view link or a dead one. */
function lockNoticeKeyOf(access: PadAccess): MessageKey | null {
  if (access.finalCloseCode !== null || access.role === Role.view || !access.isLocked()) return null
  return access.role === Role.admin ? 'lock.notice.admin' : 'lock.notice.edit'
}
