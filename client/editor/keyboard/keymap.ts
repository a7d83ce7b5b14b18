/**
 * The editor's key bindings, on top of prosemirror-commands' `baseKeymap`:
 * one command per shortcut of the `editor` kind in `shortcuts.ts`, bound to
 * the keys that table gives (so the help dialog lists exactly what is bound
 * here). Undo and redo are y-prosemirror's: they only revert this
 * participant's own changes.
 *
 * The keyboard rules, which the help and the README repeat:
 * - Tab and Shift-Tab, in a list item, indent and outdent it, and nothing
 *   else: where that means nothing (Tab on the first item of a list,
 *   Shift-Tab on a top-level item) the key is still taken and the document
 *   is left as it is — it never lifts an item out of its list, and a caret
 *   pressed back to the top level stays in the editor instead of jumping to
 *   the toolbar. In an initiative card they go to the next or previous field
 *   (`initiative-plugin.ts`). Elsewhere the editor declines them and the
 *   browser moves focus.
 * - Escape, then Tab (or Shift-Tab), always leaves the editor, changing
 *   nothing, wherever the caret is (`leave-editor.ts`); the editable element
 *   says so to assistive technology (`aria-describedby`, `editor.ts`).
 * - Mod-/ anywhere, and ? outside a text field, open the list of shortcuts
 *   (`shortcut-help.ts`).
 */
import { chainCommands, exitCode } from 'prosemirror-commands'
import { undoInputRule } from 'prosemirror-inputrules'
import { keymap } from 'prosemirror-keymap'
import { splitListItem } from 'prosemirror-schema-list'
import type { Command, Plugin } from 'prosemirror-state'
import { redoCommand, undoCommand } from 'y-prosemirror'
import {
  indentListItemKey,
  outdentListItemKey,
  setHeading,
  setParagraph,
  toggleBold,
  toggleItalic,
} from '../commands'
import { padNodes } from '../schema-types'
import { bindShortcuts, type ShortcutIdOf } from './shortcuts'

const insertHardBreak: Command = chainCommands(exitCode, (state, dispatch) => {
  if (dispatch) dispatch(state.tr.replaceSelectionWith(padNodes.hardBreak.create()).scrollIntoView())
  return true
})

export interface EditorKeymapOptions {
  /** Opens the link prompt; a key binding has no other way to reach the page's dialogs. */
  editLink: Command
}

/** The editor's bindings, key → command, as `keymap` receives them. */
export function editorBindings({ editLink }: EditorKeymapOptions): Record<string, Command> {
  const commands: Record<ShortcutIdOf<'editor'>, Command> = {
    paragraph: setParagraph,
    heading1: setHeading(1),
    heading2: setHeading(2),
    heading3: setHeading(3),
    bold: toggleBold,
    italic: toggleItalic,
    link: editLink,
    lineBreak: insertHardBreak,
    undo: undoCommand,
    redo: redoCommand,
    undoAutoFormat: undoInputRule,
    newListItem: splitListItem(padNodes.listItem),
    indent: indentListItemKey,
    outdent: outdentListItemKey,
  }
  return bindShortcuts('editor', commands)
}

export function buildEditorKeymap(options: EditorKeymapOptions): Plugin {
  return keymap(editorBindings(options))
}
