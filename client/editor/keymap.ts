/**
 * The editor's keyboard shortcuts, on top of prosemirror-commands'
 * `baseKeymap`: Mod-b/Mod-i marks, Mod-z undo, Mod-y and Mod-Shift-z redo
 * (y-prosemirror's, so that undo only reverts this participant's own changes),
 * Mod-Alt-0…3 paragraph and headings, Mod-k link, Enter splitting list items,
 * Shift-Enter a line break, and Tab/Shift-Tab changing list nesting.
 *
 * Tab is only taken inside list items: elsewhere the command declines and the
 * browser moves focus, so that keyboard users can leave the editor.
 */
import { chainCommands, exitCode } from 'prosemirror-commands'
import { undoInputRule } from 'prosemirror-inputrules'
import { keymap } from 'prosemirror-keymap'
import { splitListItem } from 'prosemirror-schema-list'
import type { Command, Plugin } from 'prosemirror-state'
import { redoCommand, undoCommand } from 'y-prosemirror'
import { headingLevels } from '../../shared/pad/schema'
import {
  isInListItem,
  liftItem,
  setHeading,
  setParagraph,
  sinkItem,
  toggleBold,
  toggleItalic,
} from './commands'
import { padNodes } from './schema-types'

const insertHardBreak: Command = chainCommands(exitCode, (state, dispatch) => {
  if (dispatch) dispatch(state.tr.replaceSelectionWith(padNodes.hardBreak.create()).scrollIntoView())
  return true
})

/** Runs `command` inside list items; elsewhere declines, so the key keeps its default. */
function onlyInListItem(command: Command): Command {
  return (state, dispatch, view) => isInListItem(state) && command(state, dispatch, view)
}

export interface EditorKeymapOptions {
  /** Opens the link prompt; a key binding has no other way to reach the page's dialogs. */
  editLink: Command
}

export function buildEditorKeymap({ editLink }: EditorKeymapOptions): Plugin {
  const bindings: Record<string, Command> = {
    'Mod-z': undoCommand,
    'Mod-y': redoCommand,
    'Mod-Shift-z': redoCommand,
    'Mod-b': toggleBold,
    'Mod-i': toggleItalic,
    'Mod-k': editLink,
    'Mod-Alt-0': setParagraph,
    Enter: splitListItem(padNodes.listItem),
    'Shift-Enter': insertHardBreak,
    'Mod-Enter': insertHardBreak,
    Backspace: undoInputRule,
    Tab: onlyInListItem(sinkItem),
    'Shift-Tab': onlyInListItem(liftItem),
  }
  for (const level of headingLevels) bindings[`Mod-Alt-${level}`] = setHeading(level)
  return keymap(bindings)
}
