/**
 * The share panel (`#links`): the pad links this key may hand on
 * (`settings.links`), each in a read-only field (`[data-link="edit|view|admin"]`)
 * with a copy button, and a sentence saying who each link is for — participants
 * write, readers and publication get the view link, the facilitator keeps the
 * admin link. Copying uses the async clipboard; where it is refused, the text
 * is selected for a manual copy.
 */
import type { PadLinks } from '../shared/api'
import type { Localization, MessageKey } from './i18n'

export type LinkKind = keyof PadLinks

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
]

export interface LinksPanelOptions {
  /** `#links`: it receives the rows; hidden when there is no link to show. */
  element: HTMLElement
  links: Partial<PadLinks>
  localization: Localization
  /** Base for links the server gave as paths. */
  baseUrl: string
}

/** Renders the panel; returns the function that stops following the language. */
export function mountLinksPanel(options: LinksPanelOptions): () => void {
  const { element, links, localization, baseUrl } = options
  const rows = document.createElement('div')
  rows.className = 'link-rows'
  const feedback = document.createElement('p')
  feedback.className = 'link-feedback'
  feedback.setAttribute('role', 'status')
  const intro = document.createElement('p')
  intro.className = 'link-intro'

  const copyButtons: { button: HTMLButtonElement; labelKey: MessageKey }[] = []
  for (const description of linkDescriptions) {
    const href = readLink(links[description.kind], baseUrl)
    if (href === null) continue
    const row = renderRow(description, href)
    rows.append(row.element)
    copyButtons.push({ button: row.copyButton, labelKey: description.labelKey })
    row.copyButton.addEventListener('click', () => {
      void copyLink(row.input, feedback, localization)
    })
  }
  element.querySelector('.link-rows')?.remove()
  element.querySelector('.link-feedback')?.remove()
  element.querySelector('.link-intro')?.remove()
  element.append(intro, rows, feedback)
  element.hidden = copyButtons.length === 0

  const describe = (): void => {
    intro.textContent = localization.t('links.intro')
    for (const { button, labelKey } of copyButtons) {
      button.setAttribute('aria-label', localization.t('links.copyLabel', { label: localization.t(labelKey) }))
    }
  }
  describe()
  return localization.onChange(describe)
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

  const help = document.createElement('p')
  help.id = helpId
  help.className = 'link-help'
  help.dataset.i18n = description.helpKey

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
  copyButton.dataset.i18n = 'links.copy'
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
