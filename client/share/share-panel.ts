/**
 * The share panel (`#share-panel`): a QR code of the link to hand on — the
 * edit link, or the view link on a read-only page — drawn big enough to scan
 * from the back of a room (`#share-qr`), with that link under it in short
 * readable form (`#share-qr-link`); then each link this key may share
 * (`settings.links`) in a read-only field (`[data-link="edit|view|admin"]`)
 * with a copy button and a sentence saying who it is for, and the published
 * recipe's link (`[data-link="recipe"]`, `/r/<view key>`) while a version is
 * published. It follows the live settings, so a rotated edit link replaces
 * the old one everywhere and the recipe's link comes and goes with publishing.
 * Copying uses the async clipboard; where it is refused, the text is
 * selected for a manual copy.
 */
import type { PadLinks } from '../../shared/protocol/api'
import type { Localization, MessageKey } from '../i18n/i18n'
import type { LiveSettings } from '../settings/live-settings'
import { drawQrCode } from './qr-code'
import { formatShortLink, showShortLink } from './short-link'

export type LinkKind = keyof PadLinks | 'recipe'

interface LinkDescription {
  kind: LinkKind
  labelKey: MessageKey
  helpKey: MessageKey
}

/** In the order they are shown: the one to share most first. */
const linkDescriptions: readonly LinkDescription[] = [
  { kind: 'edit', labelKey: 'links.edit.label', helpKey: 'links.edit.help' },
  { kind: 'view', labelKey: 'links.view.label', helpKey: 'links.view.help' },
  { kind: 'admin', labelKey: 'links.admin.label', helpKey: 'links.admin.help' },
  { kind: 'recipe', labelKey: 'links.recipe.label', helpKey: 'links.recipe.help' },
]

/** Pixels of the QR canvas: more than the stylesheet shows, even on a HiDPI screen (see qr-code.ts). */
const shareQrSizePx = 520

export interface SharePanelElements {
  /** `#share-panel`: hidden when there is no link to show. */
  panel: HTMLElement
  /** `#share-qr` */
  qr: HTMLCanvasElement
  /** `#share-qr-caption`: what scanning gives. */
  qrCaption: HTMLElement
  /** `#share-qr-link`: the link in short form. */
  qrLink: HTMLElement
  /** `#share-links`: receives the link rows. */
  links: HTMLElement
}

export interface SharePanelOptions {
  elements: SharePanelElements
  settings: LiveSettings
  localization: Localization
  /** Base for links the server gave as paths. */
  baseUrl: string
}

/** The link a QR code should carry for these links: the edit link where this key may share it, else the view link. */
export function pickSharedLink(links: Partial<PadLinks>, baseUrl: string): { kind: 'edit' | 'view'; href: string } | null {
  const edit = readLink(links.edit, baseUrl)
  if (edit !== null) return { kind: 'edit', href: edit }
  const view = readLink(links.view, baseUrl)
  return view === null ? null : { kind: 'view', href: view }
}

/** What the QR code's words say: its caption in the panel, its line in projection, its accessible name. */
export interface QrWording {
  caption: MessageKey
  projection: MessageKey
  label: MessageKey
}

/**
 * The words for a QR code of the `kind` link: on a locked pad the edit link
 * only lets people read, and the caption says so instead of « Scannez pour
 * écrire ».
 */
export function qrWording(kind: 'edit' | 'view', isLocked: boolean): QrWording {
  if (kind === 'view') return { caption: 'share.qr.caption.view', projection: 'projection.scan.view', label: 'share.qr.label.view' }
  if (isLocked) return { caption: 'share.qr.caption.locked', projection: 'projection.scan.locked', label: 'share.qr.label.locked' }
  return { caption: 'share.qr.caption.edit', projection: 'projection.scan.edit', label: 'share.qr.label.edit' }
}

/** Renders the panel and keeps it in step; returns the function that stops it. */
export function mountSharePanel(options: SharePanelOptions): () => void {
  const { elements, settings, localization, baseUrl } = options
  const intro = document.createElement('p')
  intro.className = 'link-intro'
  const rows = document.createElement('div')
  rows.className = 'link-rows'
  const feedback = document.createElement('p')
  feedback.className = 'link-feedback'
  feedback.setAttribute('role', 'status')
  elements.links.replaceChildren(intro, rows, feedback)

  let renderedRows = new Map<LinkKind, { input: HTMLInputElement; copyButton: HTMLButtonElement; labelKey: MessageKey }>()
  let drawnQrLink: string | null = null

  const renderRows = (): void => {
    const hrefs = new Map<LinkKind, string>()
    for (const { kind } of linkDescriptions) {
      // The recipe's link answers 404 until a version is published.
      if (kind === 'recipe' && settings.current.publishedVersion === null) continue
      const href = readLink(settings.current.links[kind], baseUrl)
      if (href !== null) hrefs.set(kind, href)
    }
    const isSameKinds = hrefs.size === renderedRows.size && [...hrefs.keys()].every((kind) => renderedRows.has(kind))
    if (isSameKinds) {
      // Same rows: change values in place, so focus and the copy feedback stay.
      for (const [kind, href] of hrefs) {
        const row = renderedRows.get(kind)
        if (row !== undefined && row.input.value !== href) row.input.value = href
      }
      return
    }
    renderedRows = new Map()
    rows.replaceChildren()
    for (const description of linkDescriptions) {
      const href = hrefs.get(description.kind)
      if (href === undefined) continue
      const row = renderRow(description, href, localization)
      rows.append(row.element)
      renderedRows.set(description.kind, { input: row.input, copyButton: row.copyButton, labelKey: description.labelKey })
      row.copyButton.addEventListener('click', () => {
        void copyLink(row.input, feedback, localization)
      })
    }
  }

  const render = (): void => {
    renderRows()
    const shared = pickSharedLink(settings.current.links, baseUrl)
    elements.panel.hidden = shared === null
    if (shared === null) return
    if (shared.href !== drawnQrLink) {
      drawQrCode(elements.qr, shared.href, shareQrSizePx)
      drawnQrLink = shared.href
    }
    const shortLink = formatShortLink(shared.href)
    showShortLink(elements.qrLink, shared.href)
    const wording = qrWording(shared.kind, settings.current.locked)
    elements.qrCaption.textContent = localization.t(wording.caption)
    elements.qr.setAttribute('aria-label', localization.t(wording.label, { link: shortLink }))
    intro.textContent = localization.t('links.intro')
    for (const { copyButton, labelKey } of renderedRows.values()) {
      copyButton.textContent = localization.t('links.copy')
      copyButton.setAttribute('aria-label', localization.t('links.copyLabel', { label: localization.t(labelKey) }))
    }
  }
  render()
  const stopSettings = settings.onChange((current, previous) => {
    const isPublishedChanged = (current.publishedVersion === null) !== (previous.publishedVersion === null)
    if (current.links !== previous.links || current.locked !== previous.locked || isPublishedChanged) render()
  })
  const stopLocalization = localization.onChange(render)
  return () => {
    stopSettings()
    stopLocalization()
  }
}

/** An absolute http(s) URL for a link from the API, or null when it is missing or odd. */
function readLink(link: unknown, baseUrl: string): string | null {
  if (typeof link !== 'string' || link === '') return null
  try {
    const url = new URL(link, baseUrl)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null
  } catch {
    return null
  }
}

function renderRow(
  description: LinkDescription,
  href: string,
  localization: Localization,
): { element: HTMLElement; input: HTMLInputElement; copyButton: HTMLButtonElement } {
  const inputId = `link-input-${description.kind}`
  const helpId = `link-help-${description.kind}`
  const element = document.createElement('div')
  element.className = 'link-row'
  element.dataset.linkRow = description.kind

  const label = document.createElement('label')
  label.htmlFor = inputId
  label.className = 'link-label'
  label.dataset.i18n = description.labelKey
  label.textContent = localization.t(description.labelKey)

  const help = document.createElement('p')
  help.id = helpId
  help.className = 'link-help'
  help.dataset.i18n = description.helpKey
  help.textContent = localization.t(description.helpKey)

  const field = document.createElement('div')
  field.className = 'link-field'
  const input = document.createElement('input')
  input.id = inputId
  input.type = 'text'
  input.readOnly = true
  input.value = href
  input.dataset.link = description.kind
  input.setAttribute('aria-describedby', helpId)
  input.spellcheck = false
  input.addEventListener('focus', () => input.select())
  const copyButton = document.createElement('button')
  copyButton.type = 'button'
  copyButton.className = 'link-copy'
  copyButton.dataset.copyLink = description.kind
  field.append(input, copyButton)

  element.append(label, field, help)
  return { element, input, copyButton }
}

async function copyLink(input: HTMLInputElement, feedback: HTMLElement, localization: Localization): Promise<void> {
  try {
    if (navigator.clipboard === undefined) throw new Error('no async clipboard')
    await navigator.clipboard.writeText(input.value)
    feedback.textContent = localization.t('links.copied')
  } catch {
    // Insecure origins and some browsers refuse the clipboard: select the text
    // so that one Ctrl+C (or the phone's copy menu) finishes the job.
    input.focus()
    input.select()
    feedback.textContent = localization.t('links.copyFailed')
  }
}
