/**
 * One version of the pad, read-only, in the history panel: its Yjs state
 * made into a ProseMirror document (y-prosemirror, the editor's schema) and
 * drawn by a ProseMirror view with the editor's own link and initiative card
 * views, as a `role="document"` labelled with the version's time. What
 * changed since the version before (version-diff.ts) is drawn over it as
 * decorations: added text as `<ins>` tinted with its author's colour,
 * removed text as `<del>` where it stood, struck through; each says whose
 * text it is in its tooltip, as the credits name them (people who chose not
 * to be named are not named), and `summarizeChanges` says the same in words
 * for the panel, so that colour is never the only cue. Text from the
 * network is only ever inserted as text. It never writes to any document.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { EditorState } from 'prosemirror-state'
import { Decoration, DecorationSet, EditorView } from 'prosemirror-view'
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import type { AuthorKey } from '../../shared/pad/attribution'
import { bodyFragmentName, padSchema } from '../../shared/pad/schema'
import type { PadLanguage } from '../../shared/protocol/api'
import { renderSafeLink } from '../editor/editor'
import { buildInitiativeFieldView } from '../editor/initiative/initiative-field-view'
import type { Localization } from '../i18n/i18n'
import { assignAuthorColors, authorColorClass } from '../people/authors/author-palette'
import { findAuthorRanges } from '../people/authors/author-ranges'
import { lineSeparator, paragraphSeparator, readTextBlocks, type TextBlock, type VersionChanges } from './version-diff'

/** A version read from its state: its document, and its text as the diff compares it. */
export interface VersionContent {
  doc: ProseMirrorNode
  blocks: TextBlock[]
}

/** Reads a version's state (one Yjs update, as the server keeps it). */
export function readVersionContent(state: Uint8Array): VersionContent {
  const ydoc = new Y.Doc()
  try {
    Y.applyUpdate(ydoc, state)
    const fragment = ydoc.getXmlFragment(bodyFragmentName)
    // y-prosemirror's converter is typed `any`; this annotation is the seam.
    const doc: ProseMirrorNode = yXmlFragmentToProseMirrorRootNode(fragment, padSchema)
    return { doc, blocks: readTextBlocks(doc, findAuthorRanges(fragment, doc)) }
  } finally {
    ydoc.destroy()
  }
}

/** The name an author is credited under now, or null when they chose not to be named (or nobody is credited). */
export type NameOf = (author: AuthorKey | null) => string | null

/** One line of « what changed », per person: characters of theirs added and removed. */
export interface ChangeByAuthor {
  /** Null: people not named, and text credited to nobody, together. */
  name: string | null
  added: number
  removed: number
}

/** Characters added and removed, by author name, named people first in name order, then the unnamed. */
export function summarizeChanges(changes: VersionChanges, nameOf: NameOf): ChangeByAuthor[] {
  const byName = new Map<string | null, ChangeByAuthor>()
  const entry = (name: string | null): ChangeByAuthor => {
    const known = byName.get(name)
    if (known !== undefined) return known
    const created = { name, added: 0, removed: 0 }
    byName.set(name, created)
    return created
  }
  for (const insertion of changes.insertions) entry(nameOf(insertion.author)).added += insertion.to - insertion.from
  for (const deletion of changes.deletions) {
    const characters = [...deletion.text].filter((character) => character !== paragraphSeparator).length
    if (characters > 0) entry(nameOf(deletion.author)).removed += characters
  }
  return [...byName.values()].sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name)))
}

export interface VersionPreviewOptions {
  /** The scrolling box the view goes in. */
  container: HTMLElement
  localization: Localization
  /** The pad's language: the text's `lang`. */
  contentLanguage(): PadLanguage
  nameOf: NameOf
}

export interface VersionPreview {
  /** Shows `content`, with `changes` since the version before marked (null: nothing to compare), labelled `label`. */
  show(content: VersionContent, changes: VersionChanges | null, label: string): void
  destroy(): void
}

export function createVersionPreview(options: VersionPreviewOptions): VersionPreview {
  const { container, localization, nameOf } = options
  let label = ''
  let decorations = DecorationSet.empty
  const view = new EditorView(container, {
    state: EditorState.create({ schema: padSchema }),
    editable: () => false,
    decorations: () => decorations,
    // A document to read, not a field: `aria-readonly` belongs to fields (textbox), not to it.
    attributes: () => ({ role: 'document', 'aria-label': label, lang: options.contentLanguage(), class: 'history-document' }),
    markViews: { link: renderSafeLink },
    nodeViews: { initiative_field: buildInitiativeFieldView(localization) },
  })
  return {
    show(content, changes, nextLabel) {
      label = nextLabel
      decorations = changes === null ? DecorationSet.empty : decorateChanges(content.doc, changes, nameOf, localization)
      view.updateState(EditorState.create({ doc: content.doc }))
      container.scrollTop = 0
    },
    destroy() {
      view.destroy()
      container.replaceChildren()
    },
  }
}

/** The `<ins>` and `<del>` decorations of `changes` over `doc`, each in its author's colour and named in its tooltip. */
function decorateChanges(doc: ProseMirrorNode, changes: VersionChanges, nameOf: NameOf, localization: Localization): DecorationSet {
  const names = [...changes.insertions.map((insertion) => nameOf(insertion.author)), ...changes.deletions.map((deletion) => nameOf(deletion.author))]
  const colors = assignAuthorColors(
    names.filter((name): name is string => name !== null),
    new Map(),
  )
  const look = (author: AuthorKey | null): { className: string; name: string } => {
    const name = nameOf(author)
    const color = name === null ? undefined : colors.get(name)
    return { className: color === undefined ? 'history-unnamed' : authorColorClass(color), name: name ?? localization.t('history.unnamed') }
  }
  const decorations: Decoration[] = []
  for (const insertion of changes.insertions) {
    const { className, name } = look(insertion.author)
    decorations.push(
      Decoration.inline(insertion.from, insertion.to, {
        nodeName: 'ins',
        class: `history-added ${className}`,
        title: localization.t('history.mark.added', { name }),
      }),
    )
  }
  changes.deletions.forEach((deletion, index) => {
    const { className, name } = look(deletion.author)
    const title = localization.t('history.mark.deleted', { name })
    // Before anything added at the same place: what was there, then what replaced it.
    decorations.push(Decoration.widget(deletion.at, () => renderDeletion(deletion.text, `history-removed ${className}`, title), { side: -1, key: `removed-${index}`, ignoreSelection: true }))
  })
  return DecorationSet.create(doc, decorations)
}

/** A `<del>` holding removed text (as text), its paragraph breaks shown as ¶ and its line breaks as line breaks. */
function renderDeletion(text: string, className: string, title: string): HTMLElement {
  const element = document.createElement('del')
  element.className = className
  element.title = title
  for (const part of text.split(new RegExp(`([${paragraphSeparator}${lineSeparator}])`, 'u'))) {
    if (part === paragraphSeparator) {
      const mark = document.createElement('span')
      mark.className = 'history-paragraph-mark'
      mark.setAttribute('aria-hidden', 'true')
      mark.textContent = '¶'
      // Spaces so that a screen reader does not run two paragraphs' words together.
      element.append(' ', mark, ' ')
    } else if (part === lineSeparator) {
      element.append(document.createElement('br'))
    } else if (part !== '') {
      element.append(part)
    }
  }
  return element
}
