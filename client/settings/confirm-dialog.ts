/**
 * Asks the facilitator to confirm an action that cannot be undone (rotating
 * the edit link, deleting the pad) in a native modal `<dialog>`: focus is
 * trapped inside and returned afterwards, Escape cancels. The dialog's markup
 * holds a `<form method="dialog">` whose confirm button has `value="confirm"`;
 * any other way of closing it is a no.
 */

export function askConfirmation(dialog: HTMLDialogElement): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = (): void => {
      dialog.removeEventListener('close', onClose)
      resolve(dialog.returnValue === 'confirm')
    }
    dialog.addEventListener('close', onClose)
    dialog.returnValue = ''
    dialog.showModal()
  })
}
