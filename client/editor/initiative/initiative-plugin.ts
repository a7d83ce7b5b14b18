/**
 * Everything that makes initiative cards behave like cards in the editor, as
 * one ProseMirror plugin: the labelled field view, the keys of a form (Tab
 * and Shift-Tab to the next and previous field, Enter to the next one,
 * Backspace and Delete stopping at a field's edges: the `card` shortcuts of
 * `shortcuts.ts`, bound to the keys that table gives) and pastes flattened
 * into one line. Put it before the other keymaps, so that its keys win
 * inside a card; outside a card it declines and they keep their usual
 * meaning. The commands live in `initiative-commands.ts`.
 */
import { keydownHandler } from 'prosemirror-keymap'
import { Plugin } from 'prosemirror-state'
import type { Command } from 'prosemirror-state'
import {
  backspaceAtInitiativeFieldStart,
  deleteAtInitiativeFieldEnd,
  goToNextInitiativeField,
  moveToInitiativeField,
  pasteIntoInitiativeField,
} from './initiative-commands'
import { buildInitiativeFieldView, type LabelLanguage } from './initiative-field-view'
import { bindShortcuts, type ShortcutIdOf } from '../keyboard/shortcuts'

/** The card's bindings, key → command. */
export function initiativeBindings(): Record<string, Command> {
  const commands: Record<ShortcutIdOf<'card'>, Command> = {
    nextField: moveToInitiativeField(1),
    previousField: moveToInitiativeField(-1),
    fieldEnter: goToNextInitiativeField,
    fieldBackspace: backspaceAtInitiativeFieldStart,
    fieldDelete: deleteAtInitiativeFieldEnd,
  }
  return bindShortcuts('card', commands)
}

/** The plugin that makes initiative cards behave as forms, labelled in the interface language `labels` speaks. */
export function buildInitiativePlugin(labels: LabelLanguage): Plugin {
  return new Plugin({
    props: {
      handleKeyDown: keydownHandler(initiativeBindings()),
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
