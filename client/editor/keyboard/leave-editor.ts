/**
 * The way out of the editor that always works: Escape, then Tab (or
 * Shift-Tab), moves focus to the next (or previous) focusable element of the
 * page and changes nothing — whether the caret is in a list, where Tab
 * indents, or in an initiative card, where it goes to the next field. The
 * keys are those of the `leave` shortcuts in `shortcuts.ts`.
 *
 * Escape arms it; the next press (modifier keys alone do not count, so
 * Shift can be pressed for Shift-Tab) is either the second key, which the
 * plugin claims before any keymap sees it and leaves to the browser (a
 * `handleDOMEvents` handler that returns true without `preventDefault`:
 * ProseMirror then does nothing with the event, and the browser's own Tab
 * moves focus along the page's order), or any other key, which disarms it
 * and goes on as usual. A click or losing focus disarms it too. The plugin
 * never dispatches: leaving is not an edit, for the document nor for the
 * other participants.
 */
import { Plugin } from 'prosemirror-state'
import { isModifierOnly, listShortcuts, matchesPress, type KeyPress } from './shortcuts'

/** The keys of every `leave` shortcut as (first press, second press) pairs. */
const sequences: readonly [string, string][] = listShortcuts()
  .flatMap(([, shortcut]) => (shortcut.boundBy === 'leave' ? shortcut.keys : []))
  .map((key) => {
    const [first, second, ...rest] = key.split(' ')
    if (first === undefined || second === undefined || rest.length > 0) throw new RangeError(`${key} is not two presses`)
    return [first, second]
  })

/**
 * What one key press does to the way out: whether it is armed afterwards,
 * and whether this press leaves the editor. Pure, for the plugin and its tests.
 */
export function stepLeaveKeys(isArmed: boolean, event: KeyPress, isApple: boolean): { isArmed: boolean; leaves: boolean } {
  if (isModifierOnly(event)) return { isArmed, leaves: false }
  if (isArmed && sequences.some(([, second]) => matchesPress(event, second, isApple))) return { isArmed: false, leaves: true }
  return { isArmed: sequences.some(([first]) => matchesPress(event, first, isApple)), leaves: false }
}

/** The plugin; give each editor its own (it remembers the Escape of its view). */
export function buildLeaveEditorPlugin(isApple: boolean): Plugin {
  let isArmed = false
  const disarm = (): boolean => {
    isArmed = false
    return false
  }
  return new Plugin({
    props: {
      handleDOMEvents: {
        keydown(_view, event) {
          const step = stepLeaveKeys(isArmed, event, isApple)
          isArmed = step.isArmed
          // True: ProseMirror and its keymaps leave the event alone, and the browser moves focus.
          return step.leaves
        },
        mousedown: disarm,
        blur: disarm,
      },
    },
  })
}
