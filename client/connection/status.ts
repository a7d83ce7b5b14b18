/**
 * The connection status line (`#connection-status`): a sentence for people and
 * `data-state` / `data-unsynced` / `data-close-code` attributes for CSS and
 * tests. When the server closed the connection for a reason, the sentence is
 * that reason. Screen readers hear changes of phase and of reason at once,
 * through a separate polite live region; the flips of "not yet saved", which
 * can change at each keystroke, are not read one by one, but once they have
 * settled the region catches up with the line, so that what it said last is
 * always true (after a reconnection it said "not yet saved" and then stayed
 * silent when the changes were saved).
 */
import { CloseCode } from '../../shared/protocol/close-codes'
import type { Connection, ConnectionState } from './connection'
import type { Localization, MessageKey } from '../i18n/i18n'

/** What the user is told for each close code the server gives a reason with. */
export const closeMessageKeys: Readonly<Record<number, MessageKey>> = {
  [CloseCode.forbidden]: 'status.closed.forbidden',
  [CloseCode.unknownPad]: 'status.closed.unknownPad',
  [CloseCode.locked]: 'status.closed.locked',
  [CloseCode.deleted]: 'status.closed.deleted',
  // The same sentence as the old link's page says when it is opened later (a 410).
  [CloseCode.rotated]: 'pad.error.linkReplaced',
  [CloseCode.rateLimited]: 'status.closed.rateLimited',
  [CloseCode.messageTooBig]: 'status.closed.tooBig',
  [CloseCode.storeUnavailable]: 'status.closed.storeUnavailable',
  [CloseCode.participantRequired]: 'status.closed.participantRequired',
}

/** How long "not yet saved" must stay unchanged before the live region catches up with it. */
export const announcementSettleMs = 2000

/** The sentence for `state`; `isReadOnly` pads have nothing of their own to keep while offline. */
export function describeConnection(state: ConnectionState, isReadOnly: boolean): MessageKey {
  const reason = state.closeCode === null ? undefined : closeMessageKeys[state.closeCode]
  if (reason !== undefined) return reason
  switch (state.phase) {
    case 'connecting':
      return 'status.connecting'
    case 'offline':
      return isReadOnly ? 'status.offlineReadOnly' : 'status.offline'
    case 'connected':
      return state.hasUnsyncedChanges ? 'status.unsynced' : 'status.connected'
  }
}

export interface StatusViewOptions {
  element: HTMLElement
  /** A visually hidden `role="status"` element. */
  announcer: HTMLElement
  connection: Connection
  localization: Localization
  isReadOnly: () => boolean
}

/** Keeps `element` in step with the connection; returns the function that stops it. */
export function mountStatusView(options: StatusViewOptions): () => void {
  const { element, announcer, connection, localization } = options
  const text = document.createElement('span')
  text.className = 'status-text'
  const dot = document.createElement('span')
  dot.className = 'status-dot'
  dot.setAttribute('aria-hidden', 'true')
  element.replaceChildren(dot, text)

  let lastAnnounced = ''
  let settleTimer: ReturnType<typeof setTimeout> | undefined
  const catchUp = (): void => {
    settleTimer = undefined
    if (announcer.textContent !== text.textContent) announcer.textContent = text.textContent
  }
  const render = (): void => {
    const state = connection.state
    element.dataset.state = state.phase
    element.dataset.unsynced = String(state.hasUnsyncedChanges)
    if (state.closeCode === null) delete element.dataset.closeCode
    else element.dataset.closeCode = String(state.closeCode)
    text.textContent = localization.t(describeConnection(state, options.isReadOnly()))

    const announcement = `${state.phase}:${state.closeCode ?? ''}`
    clearTimeout(settleTimer)
    if (announcement !== lastAnnounced) {
      lastAnnounced = announcement
      announcer.textContent = text.textContent
    } else if (announcer.textContent !== text.textContent) {
      settleTimer = setTimeout(catchUp, announcementSettleMs)
    }
  }
  render()
  const stopConnection = connection.onChange(render)
  const stopLocalization = localization.onChange(render)
  return () => {
    clearTimeout(settleTimer)
    stopConnection()
    stopLocalization()
  }
}
