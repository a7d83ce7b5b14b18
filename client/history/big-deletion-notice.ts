/**
 * The « Le texte a été en grande partie effacé. Rétablir ? » notice above
 * the editor (`#deletion-notice`, writing links): shown when one change,
 * this page's or someone else's, removed most of the pad
 * (deletion-watch.ts), polite and not modal — writing goes on around it. Its
 * button, or the `undoBigDeletion` shortcut of shortcuts.ts (Ctrl+Maj+Retour
 * arrière) from anywhere on the page, restores the newest version with more
 * text than the pad now has (big-deletion.ts) as the history panel would,
 * after the same `before-restore` checkpoint, so it can be undone from the
 * history. Versions are the server's automatic checkpoints (after a few
 * minutes of writing, or two quiet ones) and those taken before a lock or an
 * export: when none holds the text yet, the notice says so. Where this link
 * may not restore (the facilitator kept it for the admin link, or the pad is
 * locked), it says who can. Each new text is said through
 * `#deletion-announcer`, a polite live region.
 */
import type * as Y from 'yjs'
import { countCharactersByAuthor } from '../../shared/pad/attribution'
import type { Role } from '../../shared/protocol/roles'
import type { Localization, MessageKey, MessageParams } from '../i18n/i18n'
import { matchesPress, shortcuts } from '../editor/keyboard/shortcuts'
import type { LiveSettings } from '../settings/live-settings'
import { pickVersionToBringBack } from './big-deletion'
import { fetchPadVersions, restoreVersion } from './history-api'
import { describeHistoryFailure } from './restore-failure'
import { RestorePermission, restorePermissionOf } from './restore-permission'
import { formatWhen } from './version-line'

export interface DeletionNoticeElements {
  /** `#deletion-notice`: hidden while there is nothing to say. */
  notice: HTMLElement
  /** `#deletion-notice-text` */
  text: HTMLElement
  /** `#deletion-restore` */
  restore: HTMLButtonElement
  /** `#deletion-dismiss` */
  dismiss: HTMLButtonElement
  /** `#deletion-announcer`: a polite live region, always in the page. */
  announcer: HTMLElement
}

export interface DeletionNoticeOptions {
  elements: DeletionNoticeElements
  padKey: string
  role: Role
  doc: Y.Doc
  settings: LiveSettings
  localization: Localization
  participantSecret: string
  isApple: boolean
  /** The time, for « aujourd’hui » in the restored version's time. */
  now?: () => number
}

/** What the notice says; `hidden` when nothing. */
type NoticeState =
  | { kind: 'hidden' }
  | { kind: 'offered' }
  | { kind: 'not-allowed'; permission: RestorePermission }
  | { kind: 'searching' }
  | { kind: 'none' }
  | { kind: 'restored'; createdAt: string }
  | { kind: 'failed'; reason: { key: MessageKey; params?: MessageParams } }

export interface DeletionNotice {
  /** A big deletion just happened (the editor's deletion watch calls this). */
  onBigDeletion(): void
  /** Brings the text back, as the button and the shortcut do. */
  bringBack(): Promise<void>
  destroy(): void
}

export function mountDeletionNotice(options: DeletionNoticeOptions): DeletionNotice {
  const { elements, localization, settings } = options
  const t = localization.t.bind(localization)
  const now = options.now ?? Date.now
  let state: NoticeState = { kind: 'hidden' }

  const textOf = (current: NoticeState): string => {
    switch (current.kind) {
      case 'hidden':
        return ''
      case 'offered':
        return t('deletion.notice')
      case 'not-allowed':
        return t(current.permission === RestorePermission.locked ? 'deletion.locked' : 'deletion.adminOnly')
      case 'searching':
        return t('deletion.running')
      case 'none':
        return t('deletion.none')
      case 'restored':
        return t('deletion.done', { when: formatWhen(Date.parse(current.createdAt), { language: localization.language, t, nowMs: now() }) })
      case 'failed':
        return t('deletion.failed', { reason: t(current.reason.key, current.reason.params) })
    }
  }

  const render = (): void => {
    const text = textOf(state)
    elements.notice.hidden = state.kind === 'hidden'
    elements.text.textContent = text
    const offersRestore = state.kind === 'offered' || state.kind === 'searching' || state.kind === 'failed'
    elements.restore.hidden = !offersRestore
    elements.restore.textContent = t('deletion.restore')
    elements.restore.setAttribute('aria-disabled', String(state.kind === 'searching'))
    elements.dismiss.textContent = t(state.kind === 'offered' ? 'deletion.dismiss' : 'deletion.close')
    elements.notice.dataset.state = state.kind
  }

  const show = (next: NoticeState): void => {
    const hadFocus = elements.notice.contains(document.activeElement)
    state = next
    render()
    elements.announcer.textContent = textOf(state)
    // The button pressed may be gone (the text is back): the keyboard keeps its place in the notice.
    if (hadFocus && !elements.notice.contains(document.activeElement) && !elements.notice.hidden) elements.dismiss.focus()
  }

  const onBigDeletion = (): void => {
    const permission = restorePermissionOf(options.role, settings.current)
    show(permission === RestorePermission.allowed ? { kind: 'offered' } : { kind: 'not-allowed', permission })
  }

  const bringBack = async (): Promise<void> => {
    if (state.kind === 'searching') return
    if (state.kind !== 'offered' && state.kind !== 'failed') {
      // The shortcut with nothing to bring back: say so, change nothing.
      if (state.kind === 'hidden') elements.announcer.textContent = t('deletion.nothing')
      return
    }
    show({ kind: 'searching' })
    try {
      const charactersNow = [...countCharactersByAuthor(options.doc).values()].reduce((sum, count) => sum + count, 0)
      const version = pickVersionToBringBack(await fetchPadVersions(options.padKey), charactersNow)
      if (version === null) {
        show({ kind: 'none' })
        return
      }
      await restoreVersion(options.padKey, version.id, options.participantSecret)
      show({ kind: 'restored', createdAt: version.createdAt })
    } catch (error) {
      show({ kind: 'failed', reason: describeHistoryFailure(error) })
    }
  }

  const onRestoreClick = (): void => {
    if (elements.restore.getAttribute('aria-disabled') !== 'true') void bringBack()
  }
  const onDismiss = (): void => {
    show({ kind: 'hidden' })
  }
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing || document.querySelector('dialog[open]') !== null) return
    if (!shortcuts.undoBigDeletion.keys.some((key) => matchesPress(event, key, options.isApple))) return
    // Taken before the editor sees it: the key must not delete anything there.
    event.preventDefault()
    event.stopPropagation()
    void bringBack()
  }
  // A change of settings (lock, restore role) changes what the notice may offer.
  const stopSettings = settings.onChange(() => {
    if (state.kind !== 'offered' && state.kind !== 'not-allowed') return
    const permission = restorePermissionOf(options.role, settings.current)
    const wasAllowed = state.kind === 'offered'
    if (wasAllowed !== (permission === RestorePermission.allowed) || (state.kind === 'not-allowed' && state.permission !== permission)) onBigDeletion()
  })
  const stopLocalization = localization.onChange(render)
  elements.restore.addEventListener('click', onRestoreClick)
  elements.dismiss.addEventListener('click', onDismiss)
  document.addEventListener('keydown', onKeyDown, { capture: true })
  render()

  return {
    onBigDeletion,
    bringBack,
    destroy() {
      stopSettings()
      stopLocalization()
      elements.restore.removeEventListener('click', onRestoreClick)
      elements.dismiss.removeEventListener('click', onDismiss)
      document.removeEventListener('keydown', onKeyDown, { capture: true })
    },
  }
}
