/**
 * Everything that makes initiative cards behave like cards in the editor, as
 * one ProseMirror plugin: the labelled field view, the keys of a form (Enter
 * and Shift-Enter to the next field, Backspace and Delete stopping at a
 * field's edges) and pastes flattened into one line. Put it before the other
 * keymaps, so that its keys win inside a card; outside a card it declines
 * and they keep their usual meaning. The commands live in
 * `initiative-commands.ts`.
 */
import { keydownHandler } from 'prosemirror-keymap'
import { Plugin } from 'prosemirror-state'
import type { Command } from 'prosemirror-state'
import {
  backspaceAtInitiativeFieldStart,
  deleteAtInitiativeFieldEnd,
  goToNextInitiativeField,
  pasteIntoInitiativeField,
} from './initiative-commands'
import { buildInitiativeFieldView, type LabelLanguage } from './initiative-field-view'

/** The plugin that makes initiative cards behave as forms, labelled in the interface language `labels` speaks. */
export function buildInitiativePlugin(labels: LabelLanguage): Plugin {
  const bindings: Record<string, Command> = {
    Enter: goToNextInitiativeField,
    // A field holds one line: a line break would not fit the schema.
    'Shift-Enter': goToNextInitiativeField,
    'Mod-Enter': goToNextInitiativeField,
    Backspace: backspaceAtInitiativeFieldStart,
    'Mod-Backspace': backspaceAtInitiativeFieldStart,
    'Shift-Backspace': backspaceAtInitiativeFieldStart,
    Delete: deleteAtInitiativeFieldEnd,
    'Mod-Delete': deleteAtInitiativeFieldEnd,
  }
  return new Plugin({
    props: {
      handleKeyDown: keydownHandler(bindings),
      handlePaste(view, _event, slice) {
        const tr = pasteIntoInitiativeField(view.state, slice)
        if (tr === null) return false
        view.dispatch(tr)
        return true
      },
      nodeViews: { initiative_field: buildInitiativeFieldView(labels) },
    },
  })
}
