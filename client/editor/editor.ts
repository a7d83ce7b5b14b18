/**
 * The pad's ProseMirror editor, bound to the shared document: y-prosemirror
 * keeps the view and the `body` fragment in step (`ySyncPlugin`), draws other
 * participants' cursors from awareness (`yCursorPlugin`) and gives an undo that
 * only reverts this participant's own changes (`yUndoPlugin`; prosemirror-history
 * is deliberately not used, it would undo a neighbour's text), and makes
 * initiative cards behave like labelled forms (`initiative-plugin.ts`), and
 * keeps Escape-then-Tab a way out that always works (`leave-editor.ts`),
 * which the editable element tells assistive technology through
 * `aria-describedby` (a visually hidden hint beside it, in the interface
 * language). It does not create the Y.Doc, the provider or the toolbar:
 * `pad.ts` and `pad/editor-mount.ts` wire those.
 */
import { baseKeymap } from 'prosemirror-commands'
import { keymap } from 'prosemirror-keymap'
import type { Mark, Node } from 'prosemirror-model'
import { EditorState, Plugin } from 'prosemirror-state'
import type { Command } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import type { MarkView } from 'prosemirror-view'
import type { Awareness } from 'y-protocols/awareness'
import { initProseMirrorDoc, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror'
import type * as Y from 'yjs'
import type { PadLanguage } from '../../shared/protocol/api'
import { padSchema } from '../../shared/pad/schema'
import { buildInputRules } from './input-rules'
import { buildEditorKeymap } from './keyboard/keymap'
import { buildPlaceholder } from './placeholder'
import type { Localization } from '../i18n/i18n'
import { buildInitiativePlugin } from './initiative/initiative-plugin'
import { isSafeLinkHref } from './links/link-href'
import { editLink } from './links/link-prompt'
import { buildLeaveEditorPlugin } from './keyboard/leave-editor'
import { buildRemoteCursor, buildRemoteSelection, isDrawnRemoteState } from './remote-cursors'
import { describeKeys, isApplePlatform, shortcuts } from './keyboard/shortcuts'

export interface EditorOptions {
  /** The editable `.ProseMirror` element is appended to it (e.g. `#editor`). */
  container: HTMLElement
  fragment: Y.XmlFragment
  awareness: Awareness
  localization: Localization
  /** The pad's own language (`settings.language`): spell checking, screen reader voices, initiative card labels. */
  contentLanguage: PadLanguage
  isEditable: boolean
  /** Further plugins, e.g. the toolbar's, added after the editor's own. */
  plugins?: readonly Plugin[]
}

export interface Editor {
  readonly view: EditorView
  setEditable(isEditable: boolean): void
  /**
   * Calls `listener` after each change of the document, local or remote, with
   * the new and the previous version; returns the unsubscribe function.
   */
  onDocChange(listener: (doc: Node, previous: Node) => void): () => void
  focus(): void
  destroy(): void
}

export function createEditor(options: EditorOptions): Editor {
  const { container, localization } = options
  let isEditable = options.isEditable
  const isApple = isApplePlatform()
  const docListeners = new Set<(doc: Node, previous: Node) => void>()
  const state = createEditorState(options, {
    isEditable: () => isEditable,
    openLinkPrompt: (_state, _dispatch, view) => view !== undefined && isEditable && editLink(view, localization),
    docListeners,
    isApple,
  })
  const keysHint = createKeysHint(localization, isApple)

  const view = new EditorView(
    container,
    {
      state,
      editable: () => isEditable,
      attributes: () => ({
        role: 'textbox',
        'aria-label': localization.t('editor.label'),
        'aria-multiline': 'true',
        'aria-readonly': String(!isEditable),
        // How to leave: said while it can be written in (a read-only editor lets Tab go).
        ...(isEditable ? { 'aria-describedby': keysHint.element.id } : {}),
        spellcheck: 'true',
        lang: options.contentLanguage,
      }),
      markViews: { link: renderSafeLink },
    },
  )
  container.append(keysHint.element)
  const renderHint = (): void => keysHint.render(isEditable)
  renderHint()

  // Re-reads the label, placeholder and hint, which follow the interface language.
  const stopListening = localization.onChange(() => {
    renderHint()
    view.setProps({})
  })

  let isDestroyed = false
  return {
    view,
    setEditable(next) {
      // The page calls it after every settings or connection change; a view
      // update runs every plugin view and redraws the decorations.
      if (next === isEditable) return
      isEditable = next
      renderHint()
      view.setProps({})
    },
    onDocChange(listener) {
      docListeners.add(listener)
      return () => docListeners.delete(listener)
    },
    focus() {
      view.focus()
    },
    destroy() {
      if (isDestroyed) return
      isDestroyed = true
      docListeners.clear()
      stopListening()
      view.destroy()
      keysHint.element.remove()
    },
  }
}

/** The hint the editable element is described by: « Échap puis Tab pour quitter l’éditeur… », from the shortcuts table. */
function createKeysHint(localization: Localization, isApple: boolean): { element: HTMLElement; render(isEditable: boolean): void } {
  const element = document.createElement('p')
  element.id = `editor-keys-hint-${crypto.randomUUID()}`
  element.className = 'visually-hidden editor-keys-hint'
  return {
    element,
    render(isEditable) {
      element.hidden = !isEditable
      const t = localization.t.bind(localization)
      element.textContent = localization.t('editor.keysHint', {
        leave: describeKeys(shortcuts.leaveForward.keys, t, isApple),
        help: describeKeys(shortcuts.help.keys, t, isApple),
      })
    },
  }
}

/** What the editor's first state needs from the editor around it. */
interface EditorStateParts {
  isEditable(): boolean
  openLinkPrompt: Command
  /** Told each new document, with the one before (`onDocChange`). */
  docListeners: ReadonlySet<(doc: Node, previous: Node) => void>
  /** Whether Mod is ⌘ here. */
  isApple: boolean
}

/** The editor's first state: the pad already in the doc, if any, and every plugin in order. */
function createEditorState(options: EditorOptions, parts: EditorStateParts): EditorState {
  const { fragment, awareness, localization } = options
  // A pad already in the doc (the pad page puts its prefetched content in
  // first) is converted once, as the editor's first state, and y-prosemirror
  // is handed the mapping it would otherwise build by rendering an empty
  // editor and then replacing all of its content in one transaction.
  const converted = fragment.length > 0 ? initProseMirrorDoc(fragment, padSchema) : null
  const initial = converted !== null && padSchema.topNodeType.validContent(converted.doc.content) ? converted : null
  // y-prosemirror's plugin factories are typed `any`; these annotations are the seam.
  const syncPlugin: Plugin = ySyncPlugin(fragment, initial === null ? {} : { mapping: initial.mapping })
  const cursorPlugin: Plugin = yCursorPlugin(awareness, {
    awarenessStateFilter: isDrawnRemoteState,
    cursorBuilder: buildRemoteCursor,
    selectionBuilder: buildRemoteSelection,
  })
  const undoPlugin: Plugin = yUndoPlugin()
  const docWatchPlugin = buildDocWatchPlugin(parts.docListeners)

  return EditorState.create({
    schema: padSchema,
    ...(initial === null ? {} : { doc: initial.doc }),
    plugins: [
      // First: after Escape, Tab must reach no keymap.
      buildLeaveEditorPlugin(parts.isApple),
      syncPlugin,
      cursorPlugin,
      undoPlugin,
      // Before the other keymaps: inside an initiative card, Tab, Enter and Backspace are the card's.
      buildInitiativePlugin(options.localization),
      buildEditorKeymap({ editLink: parts.openLinkPrompt }),
      keymap(baseKeymap),
      buildInputRules(),
      // "Start writing here" is not said to a page that cannot write (view link, locked pad).
      buildPlaceholder(() => (parts.isEditable() ? localization.t('editor.placeholder') : '')),
      docWatchPlugin,
      ...(options.plugins ?? []),
    ],
  })
}

/** A plugin that tells `listeners` each new document, with the one before. */
function buildDocWatchPlugin(listeners: ReadonlySet<(doc: Node, previous: Node) => void>): Plugin {
  return new Plugin({
    view: () => ({
      update(view, previousState) {
        if (view.state.doc === previousState.doc) return
        for (const listener of [...listeners]) listener(view.state.doc, previousState.doc)
      },
    }),
  })
}

/**
 * A link as an `<a>` whose href is set only when it is a safe one: pasted HTML
 * and peers can store any. Every view of the pad's content uses it.
 */
export function renderSafeLink(mark: Mark): MarkView {
  const anchor = document.createElement('a')
  const href: unknown = mark.attrs.href
  if (isSafeLinkHref(href)) anchor.href = href
  const title: unknown = mark.attrs.title
  if (typeof title === 'string' && title !== '') anchor.title = title
  anchor.rel = 'noopener noreferrer nofollow'
  return { dom: anchor }
}
