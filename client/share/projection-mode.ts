/**
 * Projection mode, for the room's projector (`#projection`, opened by
 * `#projection-button`): the pad read-only in large type in a modal dialog
 * that covers the screen — full screen too when the browser allows it — with
 * the pad's title and event, a QR code of the link to join
 * (`#projection-qr`, the edit link, or the view link on a read-only page),
 * that link in short form (`#projection-link`) and how many people are
 * connected (`#projection-count`). The text is a second, read-only
 * ProseMirror view (`#projection-document .ProseMirror`) that mirrors the
 * editor's document and scrolls so that the latest change stays visible. It
 * is left with `#projection-exit`, Escape, or by leaving full screen. It
 * never writes to the document.
 */
import { EditorState } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import type { Awareness } from 'y-protocols/awareness'
import type { Editor } from '../editor/editor'
import { renderSafeLink } from '../editor/editor'
import { buildInitiativeFieldView } from '../editor/initiative-field-view'
import type { Localization } from '../i18n/i18n'
import { findChangedPosition } from './latest-change'
import type { LiveSettings } from '../settings/live-settings'
import { formatEventLine } from '../settings/pad-details'
import { createNameCollator, listPresence } from '../people/presence-list'
import { drawQrCode } from './qr-code'
import { pickSharedLink } from './share-panel'
import { formatShortLink, showShortLink } from './short-link'

/** Pixels of the projected QR canvas: more than it is shown at, even on a 4K screen (see qr-code.ts). */
const projectionQrSizePx = 1000

export interface ProjectionElements {
  /** `#projection-button` */
  button: HTMLButtonElement
  /** `#projection`: a `<dialog>` shown modal while projecting. */
  dialog: HTMLDialogElement
  /** `#projection-title` */
  title: HTMLElement
  /** `#projection-event` */
  event: HTMLElement
  /** `#projection-document`: the scrolling box that receives the read-only view. */
  document: HTMLElement
  /** `#projection-qr` */
  qr: HTMLCanvasElement
  /** `#projection-qr-caption` */
  qrCaption: HTMLElement
  /** `#projection-link` */
  link: HTMLElement
  /** `#projection-count` */
  count: HTMLElement
  /** `#projection-exit` */
  exit: HTMLButtonElement
}

export interface ProjectionOptions {
  elements: ProjectionElements
  editor: Editor
  awareness: Awareness
  settings: LiveSettings
  localization: Localization
  /** Base for links the server gave as paths. */
  baseUrl: string
}

export interface ProjectionMode {
  /** Leaves projection mode if it is on. */
  exit(): void
  /** Leaves projection mode and stops listening to the button; idempotent. */
  close(): void
}

export function createProjectionMode(options: ProjectionOptions): ProjectionMode {
  const { elements, editor, awareness, settings, localization, baseUrl } = options
  const { dialog } = elements
  let endSession: (() => void) | null = null

  const enter = (): void => {
    if (dialog.open) return
    // Full screen must be asked for within the click; the layout works without it.
    const fullscreen =
      document.fullscreenEnabled && document.fullscreenElement === null
        ? document.documentElement.requestFullscreen({ navigationUI: 'hide' }).then(
            () => true,
            () => false,
          )
        : Promise.resolve(false)
    dialog.showModal()
    endSession = startSession(fullscreen)
  }

  const startSession = (fullscreen: Promise<boolean>): (() => void) => {
    const disposers: (() => void)[] = []
    const view = new EditorView(elements.document, {
      state: EditorState.create({ doc: editor.view.state.doc }),
      editable: () => false,
      attributes: () => ({
        'aria-label': localization.t('projection.document'),
        'aria-readonly': 'true',
        lang: settings.current.language,
      }),
      markViews: { link: renderSafeLink },
      nodeViews: { initiative_field: buildInitiativeFieldView(settings.current.language) },
    })
    disposers.push(() => {
      view.destroy()
      elements.document.replaceChildren()
    })
    disposers.push(
      editor.onDocChange((doc, previous) => {
        view.updateState(EditorState.create({ doc }))
        const position = findChangedPosition(previous, doc)
        if (position !== null) revealPosition(view, elements.document, position)
      }),
    )
    // Notes grow at the end: that is where the room is looking when projection starts.
    revealPosition(view, elements.document, view.state.doc.content.size)

    let drawnQrLink: string | null = null
    const renderDetails = (): void => {
      const current = settings.current
      elements.title.textContent = current.title === '' ? localization.t('pad.untitled') : current.title
      const eventLine = formatEventLine(current.event, localization.language)
      elements.event.textContent = eventLine
      elements.event.hidden = eventLine === ''
      const shared = pickSharedLink(current.links, baseUrl)
      elements.qr.hidden = shared === null
      if (shared !== null && shared.href !== drawnQrLink) {
        drawQrCode(elements.qr, shared.href, projectionQrSizePx)
        drawnQrLink = shared.href
      }
      const shortLink = shared === null ? '' : formatShortLink(shared.href)
      showShortLink(elements.link, shared?.href ?? '')
      elements.qrCaption.textContent =
        shared === null ? '' : localization.t(shared.kind === 'edit' ? 'projection.scan.edit' : 'projection.scan.view')
      elements.qr.setAttribute(
        'aria-label',
        localization.t(shared?.kind === 'view' ? 'share.qr.label.view' : 'share.qr.label.edit', { link: shortLink }),
      )
      view.setProps({})
    }
    const collator = createNameCollator(localization)
    const renderCount = (): void => {
      const count = listPresence(awareness.getStates(), awareness.clientID, collator).length
      elements.count.textContent = localization.plural('projection.count', count)
      elements.count.dataset.count = String(count)
    }
    renderDetails()
    renderCount()
    disposers.push(settings.onChange(renderDetails))
    awareness.on('change', renderCount)
    disposers.push(() => awareness.off('change', renderCount))
    disposers.push(
      localization.onChange(() => {
        renderDetails()
        renderCount()
      }),
    )

    // Escape in full screen is taken by the browser to leave full screen: leave projection with it.
    let isFullscreenOurs = false
    const onFullscreenChange = (): void => {
      if (document.fullscreenElement === null && isFullscreenOurs) {
        isFullscreenOurs = false
        dialog.close()
      }
    }
    document.addEventListener('fullscreenchange', onFullscreenChange)
    disposers.push(() => document.removeEventListener('fullscreenchange', onFullscreenChange))
    let isEnded = false
    void fullscreen.then((isFullscreen) => {
      isFullscreenOurs = isFullscreen && !isEnded
      if (isFullscreen && isEnded && document.fullscreenElement !== null) void document.exitFullscreen()
    })
    disposers.push(() => {
      if (isFullscreenOurs && document.fullscreenElement !== null) void document.exitFullscreen()
      isFullscreenOurs = false
    })

    disposers.push(keepScreenAwake())

    return () => {
      isEnded = true
      for (const dispose of disposers.splice(0).reverse()) dispose()
    }
  }

  const onClose = (): void => {
    const end = endSession
    endSession = null
    end?.()
  }
  const onExitClick = (): void => dialog.close()
  const onEnterClick = (): void => enter()
  elements.button.addEventListener('click', onEnterClick)
  elements.exit.addEventListener('click', onExitClick)
  dialog.addEventListener('close', onClose)

  let isClosed = false
  return {
    exit() {
      if (dialog.open) dialog.close()
    },
    close() {
      if (isClosed) return
      isClosed = true
      if (dialog.open) dialog.close()
      onClose()
      elements.button.removeEventListener('click', onEnterClick)
      elements.exit.removeEventListener('click', onExitClick)
      dialog.removeEventListener('close', onClose)
    },
  }
}

/** Scrolls `container` so that `position` sits inside it, away from its edges; no scroll when it already does. */
function revealPosition(view: EditorView, container: HTMLElement, position: number): void {
  const coords = view.coordsAtPos(position)
  const box = container.getBoundingClientRect()
  const margin = Math.min(box.height * 0.15, 120)
  if (coords.bottom > box.bottom - margin) container.scrollTop += coords.bottom - (box.bottom - margin)
  else if (coords.top < box.top + margin) container.scrollTop -= box.top + margin - coords.top
}

/** Asks the browser not to dim the projected screen (where it can); returns the function that lets it. */
function keepScreenAwake(): () => void {
  if (!('wakeLock' in navigator)) return () => {}
  let sentinel: WakeLockSentinel | null = null
  let isReleased = false
  navigator.wakeLock.request('screen').then(
    (granted) => {
      if (isReleased) void granted.release()
      else sentinel = granted
    },
    () => {
      // Refused (battery saver, insecure origin, hidden page): the projection works without it.
    },
  )
  return () => {
    isReleased = true
    if (sentinel !== null) void sentinel.release()
  }
}
