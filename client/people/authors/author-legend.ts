/**
 * The "colours by author" control of the pad page: the toggle
 * (`#author-colors-toggle`, `aria-pressed`) that turns the colouring of
 * `author-colors.ts` on and off, and the legend under it (`#author-legend`,
 * shown while it is on): one entry per author whose text is in the pad, a
 * swatch of their colour and their name (text only: names come from other
 * browsers), and under it whose text the caret is in (`#author-at-caret`),
 * so that colour is not the only way to tell. Colours are classes of
 * style.css, never inline styles.
 */
import { authorColorClass } from './author-palette'
import type { AuthorColors } from './author-colors'
import type { Localization } from '../../i18n/i18n'
import { formattingLocale } from '../../i18n/i18n'

export interface AuthorLegendElements {
  /** `#author-colors-toggle` */
  toggle: HTMLButtonElement
  /** `#author-legend`: a list. */
  legend: HTMLElement
  /** `#author-at-caret`: « Texte au curseur : écrit par Awa ». */
  atCaret: HTMLElement
}

/** Wires the toggle and keeps the legend drawn; returns the function that stops it. */
export function mountAuthorLegend(
  elements: AuthorLegendElements,
  authorColors: AuthorColors,
  localization: Localization,
): () => void {
  const { toggle, legend, atCaret } = elements

  const renderCaretAuthor = (): void => {
    atCaret.hidden = !authorColors.isShown
    const name = authorColors.caretAuthor
    atCaret.textContent = !authorColors.isShown
      ? ''
      : name === null
        ? localization.t('authors.atCaretNone')
        : localization.t('authors.atCaret', { name })
  }

  const render = (): void => {
    renderCaretAuthor()
    toggle.setAttribute('aria-pressed', String(authorColors.isShown))
    toggle.textContent = localization.t('authors.toggle')
    legend.hidden = !authorColors.isShown
    if (!authorColors.isShown) {
      legend.replaceChildren()
      return
    }
    const collator = new Intl.Collator(formattingLocale(localization.language), { sensitivity: 'base' })
    const entries = [...authorColors.legend].sort((a, b) => collator.compare(a.name, b.name))
    if (entries.length === 0) {
      const empty = document.createElement('li')
      empty.className = 'author-legend-empty'
      empty.textContent = localization.t('authors.none')
      legend.replaceChildren(empty)
      return
    }
    legend.replaceChildren(
      ...entries.map((entry) => {
        const item = document.createElement('li')
        item.className = 'author-legend-entry'
        const swatch = document.createElement('span')
        swatch.className = `author-swatch ${authorColorClass(entry.colorIndex)}`
        swatch.setAttribute('aria-hidden', 'true')
        const name = document.createElement('span')
        name.className = 'author-legend-name'
        name.textContent = entry.name
        item.append(swatch, name)
        return item
      }),
    )
  }

  // Hidden in the markup: a page whose pad does not open has nothing to colour.
  toggle.hidden = false
  const onClick = (): void => authorColors.setShown(!authorColors.isShown)
  toggle.addEventListener('click', onClick)
  const stopColors = authorColors.onChange(render)
  const stopCaret = authorColors.onCaretAuthorChange(renderCaretAuthor)
  const stopLocalization = localization.onChange(render)
  render()
  return () => {
    toggle.removeEventListener('click', onClick)
    stopColors()
    stopCaret()
    stopLocalization()
  }
}
