/**
 * The export menu of the pad page (`#export-menu`, a `<details>` whose
 * summary opens it): one plain download link per format of
 * shared/export/formats.ts — Markdown, HTML (a web page that prints as a
 * clean PDF), JSON, CSV (the initiatives alone, as open data) and its
 * metadata (their license, for an open-data portal), ODT
 * (LibreOffice) — to `GET /api/pads/<key>/export?format=…`, which any key may
 * call; the server names the file. Escape or a click elsewhere closes the
 * menu. `exportUrl` also serves the delete dialog's « export first » link.
 */
import type { ExportFormatId } from '../../shared/export/formats'
import { exportFormatIds } from '../../shared/export/formats'
import type { Localization, MessageKey } from '../i18n/i18n'

/** The path that downloads the pad of `key` as `format`. */
export function exportUrl(key: string, format: ExportFormatId): string {
  return `/api/pads/${encodeURIComponent(key)}/export?format=${format}`
}

const formatTexts: Readonly<Record<ExportFormatId, { label: MessageKey; help: MessageKey }>> = {
  md: { label: 'export.md', help: 'export.md.help' },
  html: { label: 'export.html', help: 'export.html.help' },
  json: { label: 'export.json', help: 'export.json.help' },
  csv: { label: 'export.csv', help: 'export.csv.help' },
  'csv-metadata': { label: 'export.csvMetadata', help: 'export.csvMetadata.help' },
  odt: { label: 'export.odt', help: 'export.odt.help' },
}

/** The order of the menu: the formats people print or read first. */
const menuOrder: readonly ExportFormatId[] = ['html', 'odt', 'md', 'csv', 'csv-metadata', 'json']

export interface ExportMenuElements {
  /** `#export-menu`: a `<details>`. */
  menu: HTMLDetailsElement
  /** `#export-links`: the list that receives one item per format. */
  links: HTMLElement
}

/** Fills the menu with the links of the pad of `key`; returns the function that stops it. */
export function mountExportMenu(elements: ExportMenuElements, key: string, localization: Localization): () => void {
  const { menu, links } = elements
  const missing = exportFormatIds.filter((format) => !menuOrder.includes(format))
  if (missing.length > 0) throw new RangeError(`export menu has no place for ${missing.join(', ')}`)

  const render = (): void => {
    links.replaceChildren(
      ...menuOrder.map((format) => {
        const item = document.createElement('li')
        item.className = 'export-item'
        const anchor = document.createElement('a')
        anchor.className = 'export-link'
        anchor.href = exportUrl(key, format)
        anchor.download = ''
        anchor.dataset.format = format
        const label = document.createElement('span')
        label.className = 'export-label'
        label.textContent = localization.t(formatTexts[format].label)
        // Inside the link: the whole line is one large target on a phone.
        const help = document.createElement('span')
        help.className = 'export-help'
        help.textContent = localization.t(formatTexts[format].help)
        anchor.append(label, help)
        item.append(anchor)
        return item
      }),
    )
  }

  const summary = menu.querySelector('summary')
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !menu.open) return
    event.preventDefault()
    menu.open = false
    summary?.focus()
  }
  const onDocumentClick = (event: MouseEvent): void => {
    if (menu.open && event.target instanceof Node && !menu.contains(event.target)) menu.open = false
  }
  menu.addEventListener('keydown', onKeyDown)
  document.addEventListener('click', onDocumentClick)
  const stopLocalization = localization.onChange(render)
  render()
  menu.hidden = false
  return () => {
    menu.removeEventListener('keydown', onKeyDown)
    document.removeEventListener('click', onDocumentClick)
    stopLocalization()
  }
}
