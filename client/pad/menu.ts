/**
 * The pad page's menu on a phone: the participant's name, the language, the
 * pad's details, the export menu and the colours by author fold behind one
 * « Menu » button in the header, so that the pad's text is on screen when a
 * participant arrives from the QR code. On a wide screen the same elements
 * sit in the header and the toggle is not displayed (`style.css` decides
 * which, by width); this module only keeps the disclosure's state: the
 * button's `aria-expanded` and the menu's `data-open`. Escape inside the open
 * menu closes it and gives focus back to the button.
 */

export interface PadMenuElements {
  toggle: HTMLButtonElement
  menu: HTMLElement
}

/** Wires the disclosure; returns what stops it. */
export function mountPadMenu({ toggle, menu }: PadMenuElements): () => void {
  const setOpen = (open: boolean): void => {
    toggle.setAttribute('aria-expanded', String(open))
    menu.dataset.open = String(open)
  }
  const onToggle = (): void => setOpen(toggle.getAttribute('aria-expanded') !== 'true')
  const onKeyDown = (event: KeyboardEvent): void => {
    // An open export menu inside takes the first Escape (export-menu.ts marks it handled).
    if (event.key !== 'Escape' || event.defaultPrevented || toggle.getAttribute('aria-expanded') !== 'true') return
    setOpen(false)
    toggle.focus()
  }
  setOpen(false)
  toggle.addEventListener('click', onToggle)
  menu.addEventListener('keydown', onKeyDown)
  return () => {
    toggle.removeEventListener('click', onToggle)
    menu.removeEventListener('keydown', onKeyDown)
  }
}
