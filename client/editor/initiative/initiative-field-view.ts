/**
 * How a field of an initiative card is drawn in the editor and in projection
 * mode: its label (in the reader's interface language, from
 * `initiativeFieldLabels`, changing with it: a label is the page's words, not
 * the pad's) in a non-editable element, then the editable text. The field is a
 * `div.initiative-field[data-field]` as the schema's `toDOM` says; the look
 * of cards (border, background, one field per line) is in `style.css`. A
 * click on a label puts the cursor at the end of its field.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { TextSelection } from 'prosemirror-state'
import type { EditorView, NodeView, NodeViewConstructor } from 'prosemirror-view'
import type { PadLanguage } from '../../../shared/protocol/api'
import { initiativeFieldLabels, isInitiativeField } from '../../../shared/pad/initiative'

/** The interface language, and word of its changes (the page's `Localization`). */
export interface LabelLanguage {
  readonly language: PadLanguage
  onChange(listener: () => void): () => void
}

/** The `nodeViews` entry for `initiative_field`, labelled in the interface language. */
export function buildInitiativeFieldView(labels: LabelLanguage): NodeViewConstructor {
  return (node, view, getPos) => createFieldView(node, view, getPos, labels)
}

function createFieldView(
  node: ProseMirrorNode,
  view: EditorView,
  getPos: () => number | undefined,
  labels: LabelLanguage,
): NodeView {
  const field: unknown = node.attrs.field
  const dom = document.createElement('div')
  dom.className = 'initiative-field'
  const label = document.createElement('span')
  label.className = 'initiative-label'
  label.contentEditable = 'false'
  const value = document.createElement('div')
  value.className = 'initiative-value'
  const renderLabel = (): void => {
    if (isInitiativeField(field)) label.textContent = initiativeFieldLabels[labels.language][field]
  }
  if (isInitiativeField(field)) dom.dataset.field = field
  // A field is a labelled group: a screen reader says « Nom » on entering it, not six labels in a row.
  label.id = `initiative-label-${crypto.randomUUID()}`
  dom.setAttribute('role', 'group')
  dom.setAttribute('aria-labelledby', label.id)
  renderLabel()
  const stopFollowingLanguage = labels.onChange(renderLabel)
  dom.append(label, value)

  const onLabelMouseDown = (event: MouseEvent): void => {
    const position = getPos()
    if (position === undefined || !view.editable) return
    const current = view.state.doc.nodeAt(position)
    if (current === null) return
    event.preventDefault()
    const end = position + 1 + current.content.size
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, end)))
    view.focus()
  }
  label.addEventListener('mousedown', onLabelMouseDown)

  return {
    dom,
    contentDOM: value,
    // A field never changes kind: another kind of field gets a view of its own.
    update: (next) => next.type === node.type && next.attrs.field === field,
    // The label is ours, not the document's: what happens to it is no edit.
    ignoreMutation: (mutation) => mutation.type !== 'selection' && label.contains(mutation.target),
    // Clicks on the label are handled above; ProseMirror would place the cursor from the label's coordinates.
    stopEvent: (event) => event.target instanceof Node && label.contains(event.target),
    destroy: () => {
      label.removeEventListener('mousedown', onLabelMouseDown)
      stopFollowingLanguage()
    },
  }
}
