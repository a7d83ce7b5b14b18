/**
 * The list of keyboard shortcuts, in a native modal `<dialog>` built here
 * (the page's markup does not hold it): a heading, a sentence on how to
 * leave the editor, then one table per section of `shortcuts.ts` — keys
 * (`<kbd>`) as row headers, what they do — in the interface language, with
 * the keys this device writes (⌘ on Apple devices). It opens from the
 * toolbar's « Raccourcis clavier » button, with Mod-/ anywhere on the page,
 * and with ? outside a text field (where ? is something typed: in the
 * editor, an input, a select); not over another open dialog. Escape or the
 * « Fermer » button closes it, and focus goes back where it was (the editor
 * gets its caret back). Mod-/ avoids the browsers' and screen readers' own
 * keys: F1 opens the browser's help, and screen readers use Insert, Caps
 * Lock or Ctrl+Option.
 */
import type { Localization } from '../../i18n/i18n'
import {
  keyNames,
  listShortcuts,
  matchesPress,
  shortcutSections,
  shortcuts,
  type ShortcutIdOf,
  type Translate,
} from './shortcuts'

export interface ShortcutHelpOptions {
  localization: Localization
  isApple: boolean
}

export interface ShortcutHelp {
  /** The dialog, appended to the body. */
  readonly dialog: HTMLDialogElement
  open(): void
  /** Stops listening to keys and language, and removes the dialog. */
  destroy(): void
}

export function mountShortcutHelp({ localization, isApple }: ShortcutHelpOptions): ShortcutHelp {
  const dialog = document.createElement('dialog')
  dialog.id = 'shortcut-help'
  dialog.className = 'shortcut-help'
  dialog.setAttribute('aria-labelledby', 'shortcut-help-title')
  document.body.append(dialog)

  const render = (): void => renderHelp(dialog, localization.t.bind(localization), isApple, () => dialog.close())
  render()
  const stopListening = localization.onChange(render)

  let returnFocusTo: HTMLElement | null = null
  const open = (): void => {
    if (dialog.open) return
    returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null
    dialog.showModal()
  }
  const onClose = (): void => {
    const target = returnFocusTo
    returnFocusTo = null
    if (target !== null && target.isConnected) target.focus({ preventScroll: true })
  }
  dialog.addEventListener('close', onClose)

  const keys: Record<ShortcutIdOf<'page'>, (event: KeyboardEvent) => boolean> = {
    help: () => true,
    helpOutsideText: (event) => !isTextEntry(event.target),
  }
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing || document.querySelector('dialog[open]') !== null) return
    const wanted = Object.entries(keys).some(([id, applies]) =>
      shortcuts[id as ShortcutIdOf<'page'>].keys.some((key) => matchesPress(event, key, isApple)) && applies(event),
    )
    if (!wanted) return
    event.preventDefault()
    open()
  }
  document.addEventListener('keydown', onKeyDown)

  return {
    dialog,
    open,
    destroy() {
      document.removeEventListener('keydown', onKeyDown)
      dialog.removeEventListener('close', onClose)
      stopListening()
      dialog.remove()
    },
  }
}

/** Whether a key typed at `target` is text: an editable field, a select (whose letters pick an option) or editable content. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (!(target instanceof HTMLInputElement)) return false
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(target.type)
}

/** Fills `dialog` with the heading, the close button, the intro and one table per section. */
function renderHelp(dialog: HTMLDialogElement, t: Translate, isApple: boolean, close: () => void): void {
  const header = document.createElement('div')
  header.className = 'shortcut-help-header'
  const title = document.createElement('h2')
  title.id = 'shortcut-help-title'
  title.textContent = t('shortcuts.title')
  const closeButton = document.createElement('button')
  closeButton.type = 'button'
  closeButton.className = 'secondary-button shortcut-help-close'
  closeButton.textContent = t('shortcuts.close')
  closeButton.addEventListener('click', close)
  header.append(title, closeButton)

  const intro = document.createElement('p')
  intro.className = 'shortcut-help-intro'
  intro.append(...fillWithKeys(t('shortcuts.intro'), { leave: renderKeys(shortcuts.leaveForward.keys, t, isApple) }))

  const sections = shortcutSections.map((section) => {
    const heading = document.createElement('h3')
    heading.id = `shortcut-help-${section}`
    heading.textContent = t(`shortcuts.section.${section}`)
    const table = document.createElement('table')
    table.className = 'shortcut-table'
    table.setAttribute('aria-labelledby', heading.id)
    const head = table.createTHead().insertRow()
    for (const key of ['shortcuts.keys', 'shortcuts.action'] as const) {
      const cell = document.createElement('th')
      cell.scope = 'col'
      cell.textContent = t(key)
      head.append(cell)
    }
    const body = table.createTBody()
    for (const [, shortcut] of listShortcuts().filter(([, entry]) => entry.section === section)) {
      const row = body.insertRow()
      const keys = document.createElement('th')
      keys.scope = 'row'
      keys.append(renderKeys(shortcut.keys, t, isApple))
      const action = row.insertCell()
      action.textContent = t(shortcut.action)
      row.prepend(keys)
    }
    const wrapper = document.createElement('section')
    wrapper.className = 'shortcut-section'
    wrapper.append(heading, table)
    return wrapper
  })

  dialog.replaceChildren(header, intro, ...sections)
}

/** Keys as `<kbd>` elements: `<kbd><kbd>Ctrl</kbd>+<kbd>B</kbd></kbd>`, sequences joined by « puis », alternatives by « ou ». */
function renderKeys(keys: readonly string[], t: Translate, isApple: boolean): DocumentFragment {
  const fragment = document.createDocumentFragment()
  keyNames(keys, t, isApple).forEach((sequence, alternative) => {
    if (alternative > 0) fragment.append(` ${t('shortcut.or')} `)
    sequence.forEach((press, step) => {
      if (step > 0) fragment.append(` ${t('shortcut.then')} `)
      const combination = document.createElement('kbd')
      combination.className = 'shortcut-keys'
      press.forEach((name, index) => {
        if (index > 0) combination.append('+')
        const key = document.createElement('kbd')
        key.textContent = name
        combination.append(key)
      })
      fragment.append(combination)
    })
  })
  return fragment
}

/** `template`'s text with each `{name}` replaced by the nodes given for it. */
function fillWithKeys(template: string, values: Readonly<Record<string, Node>>): (string | Node)[] {
  return template.split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1]
    return name !== undefined && values[name] !== undefined ? values[name] : part
  })
}
