/**
 * Escape, then Tab or Shift-Tab, leaves the editor: the plugin claims the
 * second key before any keymap (so Tab neither indents a list item nor
 * moves to a card's next field), does not prevent its default (so the
 * browser moves focus), and dispatches nothing (so the document is as it
 * was). Moving focus itself is the browser's: e2e/keyboard.spec.ts sees it.
 */
import { EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { describe, expect, it } from 'vitest'
import { padSchema } from '../../../shared/pad/schema'
import { buildLeaveEditorPlugin, stepLeaveKeys } from './leave-editor'
import type { KeyPress } from './shortcuts'

const press = (key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...modifiers,
})

/** Presses `keys` in turn; what each one did. */
function pressAll(keys: readonly KeyPress[]): boolean[] {
  let isArmed = false
  return keys.map((key) => {
    const step = stepLeaveKeys(isArmed, key, false)
    isArmed = step.isArmed
    return step.leaves
  })
}

describe('stepLeaveKeys', () => {
  it('leaves on Tab or Shift-Tab right after Escape, Shift pressed on its own in between', () => {
    expect(pressAll([press('Escape'), press('Tab')])).toEqual([false, true])
    expect(pressAll([press('Escape'), press('Shift', { shiftKey: true }), press('Tab', { shiftKey: true })])).toEqual([false, false, true])
  })

  it('leaves Tab alone without Escape, or when another key came in between', () => {
    expect(pressAll([press('Tab')])).toEqual([false])
    expect(pressAll([press('Escape'), press('a'), press('Tab')])).toEqual([false, false, false])
    expect(pressAll([press('Escape'), press('Tab'), press('Tab')])).toEqual([false, true, false])
    expect(pressAll([press('Escape', { ctrlKey: true }), press('Tab')])).toEqual([false, false])
  })
})

describe('the leave-the-editor plugin', () => {
  /** A view as far as the plugin's handlers see it: a state, and a dispatch that must not be called. */
  function fakeView(): { view: EditorView; dispatched: () => number } {
    let count = 0
    const state = EditorState.create({ schema: padSchema })
    const view = { state, dispatch: () => count++ } as unknown as EditorView
    return { view, dispatched: () => count }
  }

  function keydown(key: string, shiftKey = false) {
    let isPrevented = false
    const event = {
      ...press(key, { shiftKey }),
      get defaultPrevented() {
        return isPrevented
      },
      preventDefault: () => {
        isPrevented = true
      },
    }
    return { event: event as unknown as KeyboardEvent, isPrevented: () => isPrevented }
  }

  it('claims the Tab after Escape without preventing it or editing anything, and only that one', () => {
    const plugin = buildLeaveEditorPlugin(false)
    const handlers = plugin.props.handleDOMEvents
    const { view, dispatched } = fakeView()
    const escape = keydown('Escape')
    expect(handlers?.keydown?.call(plugin, view, escape.event)).toBe(false)
    const tab = keydown('Tab')
    // True: ProseMirror's keymaps never see it; not prevented: the browser moves focus.
    expect(handlers?.keydown?.call(plugin, view, tab.event)).toBe(true)
    expect(tab.isPrevented()).toBe(false)
    expect(escape.isPrevented()).toBe(false)
    expect(handlers?.keydown?.call(plugin, view, keydown('Tab').event)).toBe(false)
    expect(dispatched()).toBe(0)
  })

  it('forgets the Escape after a click', () => {
    const plugin = buildLeaveEditorPlugin(false)
    const handlers = plugin.props.handleDOMEvents
    const { view } = fakeView()
    handlers?.keydown?.call(plugin, view, keydown('Escape').event)
    handlers?.mousedown?.call(plugin, view, {} as MouseEvent)
    expect(handlers?.keydown?.call(plugin, view, keydown('Tab', true).event)).toBe(false)
  })
})
