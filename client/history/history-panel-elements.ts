/**
 * The history panel's elements (history-panel.ts): the dialog, its header,
 * the timeline (slider and list of versions) and the version shown (heading,
 * changes, legend, actions, preview), with their ids and ARIA wiring, and
 * the small builders the panel's rendering uses. No words (the panel fills
 * them in, in the interface language) and no behaviour.
 */

export type HistoryPanelElements = ReturnType<typeof buildHistoryPanelElements>

/** The panel's elements; its words are filled in by `renderStatic`. */
export function buildHistoryPanelElements() {
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, id?: string): HTMLElementTagNameMap[K] => {
    const created = document.createElement(tag)
    created.className = className
    if (id !== undefined) created.id = id
    return created
  }
  const dialog = element('dialog', 'history-panel', 'history-panel')
  dialog.setAttribute('aria-labelledby', 'history-title')
  dialog.setAttribute('aria-describedby', 'history-intro')

  const header = element('div', 'history-header')
  const title = element('h2', 'history-title', 'history-title')
  const close = element('button', 'secondary-button history-close')
  close.type = 'button'
  header.append(title, close)
  const intro = element('p', 'history-intro field-hint', 'history-intro')
  const status = element('p', 'history-status', 'history-status')
  status.setAttribute('role', 'status')

  const timeline = element('section', 'history-timeline')
  timeline.setAttribute('aria-labelledby', 'history-timeline-heading')
  const timelineHeading = element('h3', 'history-timeline-heading', 'history-timeline-heading')
  const sliderLabel = element('label', 'history-slider-label')
  sliderLabel.htmlFor = 'history-slider'
  const slider = element('input', 'history-slider', 'history-slider')
  slider.type = 'range'
  slider.step = '1'
  const list = element('ol', 'history-versions')
  // Actions on the pad as it is now (publish it): `padActions`.
  const padActions = element('div', 'history-pad-actions')
  padActions.hidden = true
  timeline.append(timelineHeading, padActions, sliderLabel, slider, list)

  const version = element('section', 'history-version')
  version.setAttribute('aria-labelledby', 'history-version-heading')
  version.hidden = true
  const versionHeading = element('h3', 'history-version-heading', 'history-version-heading')
  const versionWhen = element('span', 'history-version-when', 'history-version-when')
  const versionTitle = element('span', 'history-version-title')
  const versionKind = element('span', 'history-version-kind')
  versionHeading.append(versionWhen, versionTitle, versionKind)
  const changesHeading = element('h4', 'history-changes-heading', 'history-changes-heading')
  const changes = element('ul', 'history-changes')
  changes.setAttribute('aria-labelledby', 'history-changes-heading')
  const legend = element('p', 'history-legend')
  legend.setAttribute('aria-hidden', 'true')
  const legendAdded = element('ins', 'history-added history-unnamed history-legend-sample')
  const legendRemoved = element('del', 'history-removed history-unnamed history-legend-sample')
  legend.append(legendAdded, ' ', legendRemoved)
  // Where actions on the version shown go (restore, publish): `versionActions`.
  const actions = element('div', 'history-actions')
  actions.hidden = true
  const preview = element('div', 'history-preview', 'history-preview')
  // Scrollable by keyboard; the document inside is not focusable (it is not editable).
  preview.tabIndex = 0
  version.append(versionHeading, changesHeading, changes, legend, actions, preview)

  const layout = element('div', 'history-layout')
  layout.append(timeline, version)
  dialog.append(header, intro, status, layout)
  return {
    dialog,
    title,
    close,
    intro,
    status,
    timelineHeading,
    sliderLabel,
    slider,
    list,
    padActions,
    version,
    versionWhen,
    versionTitle,
    versionKind,
    changesHeading,
    changes,
    legend,
    legendAdded,
    legendRemoved,
    actions,
    preview,
  }
}

export function lineOfSpans(className: string, ...spans: HTMLSpanElement[]): HTMLSpanElement {
  const line = document.createElement('span')
  line.className = `history-line ${className}`
  line.append(...spans)
  return line
}

export function span(className: string, text: string): HTMLSpanElement {
  const created = document.createElement('span')
  created.className = className
  created.textContent = text
  return created
}

export function listItem(text: string): HTMLLIElement {
  const item = document.createElement('li')
  item.textContent = text
  return item
}
