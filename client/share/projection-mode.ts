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
import { buildInitiativeFieldView } from '../editor/initiative/initiative-field-view'
import type { Localization } from '../i18n/i18n'
import { findChangedPosition } from './latest-change'
import type { LiveSettings } from '../settings/live-settings'
import { formatEventLine } from '../settings/pad-details'
import { createNameCollator, listPresence } from '../people/presence/presence-list'
import { drawQrCode } from './qr-code'
import { pickSharedLink, qrWording } from './share-panel'
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
  const { elements } = options
  const { dialog } = elements
  let endSession: (() => void) | null = null

  const enter = (): void => {
    if (dialog.open) return
    // Full screen must be asked for within the click; the layout works without it.
    const fullscreen = askForFullscreen()
    dialog.showModal()
    endSession = startSession(options, fullscreen)
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

/** Full screen for the whole page where the browser allows it; resolves to whether it was granted. */
function askForFullscreen(): Promise<boolean> {
  if (!document.fullscreenEnabled || document.fullscreenElement !== null) return Promise.resolve(false)
  return document.documentElement.requestFullscreen({ navigationUI: 'hide' }).then(
    () => true,
    () => false,
  )
}

/** One projection, from the dialog's opening to its closing; returns the function that ends it. */
function startSession(options: ProjectionOptions, fullscreen: Promise<boolean>): () => void {
  const { elements, editor, awareness, settings, localization } = options
  const disposers: (() => void)[] = []
  const view = createProjectedView(options)
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

  const renderDetails = createDetailsRenderer(options, view)
  const renderCount = createCountRenderer(options)
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
  disposers.push(followFullscreen(elements.dialog, fullscreen))
  disposers.push(keepScreenAwake())

  return () => {
    for (const dispose of disposers.splice(0).reverse()) dispose()
  }
}

/** The second, read-only view of the editor's document, in `#projection-document`. */
function createProjectedView({ elements, editor, settings, localization }: ProjectionOptions): EditorView {
  return new EditorView(elements.document, {
    state: EditorState.create({ doc: editor.view.state.doc }),
    editable: () => false,
    // A document to read, not a field: `aria-readonly` belongs to fields (textbox), not to it.
    attributes: () => ({
      role: 'document',
      'aria-label': localization.t('projection.document'),
      lang: settings.current.language,
    }),
    markViews: { link: renderSafeLink },
    nodeViews: { initiative_field: buildInitiativeFieldView(localization) },
  })
}

/** Renders the title, the event and the link to join (QR code, short form); the QR code is drawn again only for a new link. */
function createDetailsRenderer(options: ProjectionOptions, view: EditorView): () => void {
  const { elements, settings, localization, baseUrl } = options
  let drawnQrLink: string | null = null
  return () => {
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
    const wording = qrWording(shared?.kind ?? 'edit', current.locked)
    elements.qrCaption.textContent = shared === null ? '' : localization.t(wording.projection)
    elements.qr.setAttribute('aria-label', localization.t(wording.label, { link: shortLink }))
    view.setProps({})
  }
}

/** Renders how many people are connected (`#projection-count`). */
function createCountRenderer({ elements, awareness, localization }: ProjectionOptions): () => void {
  const collator = createNameCollator(localization)
  return () => {
    const count = listPresence(awareness.getStates(), awareness.clientID, collator).length
    elements.count.textContent = localization.plural('projection.count', count)
    elements.count.dataset.count = String(count)
  }
}

/**
 * Escape in full screen is taken by the browser to leave full screen: leave
 * projection with it. Returns the function that leaves the full screen this
 * projection asked for, if it got it, and stops listening.
 */
function followFullscreen(dialog: HTMLDialogElement, fullscreen: Promise<boolean>): () => void {
  let isFullscreenOurs = false
  let isEnded = false
  const onFullscreenChange = (): void => {
    if (document.fullscreenElement === null && isFullscreenOurs) {
      isFullscreenOurs = false
      dialog.close()
    }
  }
  document.addEventListener('fullscreenchange', onFullscreenChange)
  void fullscreen.then((isFullscreen) => {
    isFullscreenOurs = isFullscreen && !isEnded
    if (isFullscreen && isEnded && document.fullscreenElement !== null) void document.exitFullscreen()
  })
  return () => {
    isEnded = true
    if (isFullscreenOurs && document.fullscreenElement !== null) void document.exitFullscreen()
    isFullscreenOurs = false
    document.removeEventListener('fullscreenchange', onFullscreenChange)
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
