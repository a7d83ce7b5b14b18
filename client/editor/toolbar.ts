/**
 * The formatting toolbar above the editor (and the « Initiative » button that
 * adds an initiative card, and « Raccourcis clavier », which opens the list
 * of shortcuts), as a ProseMirror plugin whose view
 * keeps the buttons in step with the selection: `aria-pressed` on the active
 * mark, block or list, `disabled` where a command cannot run. It follows the
 * ARIA toolbar pattern (one Tab stop, arrow keys move between buttons) so that
 * keyboard users reach the editor quickly. The glyphs are localized through
 * `data-i18n` with the rest of the page (`pad.ts`); the names and tooltips
 * here, on each language change, a tooltip showing the keys `shortcuts.ts`
 * gives the button's shortcut.
 */
import type { Command, EditorState, PluginView } from 'prosemirror-state'
import { Plugin } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { redoCommand, undoCommand } from 'y-prosemirror'
import {
  isInBlockquote,
  isInList,
  isMarkActive,
  isTextblockActive,
  outdentItem,
  setParagraph,
  sinkItem,
  toggleBlockquote,
  toggleBold,
  toggleHeading,
  toggleItalic,
  toggleBulletList,
  toggleOrderedList,
} from './commands'
import type { Localization, MessageKey } from '../i18n/i18n'
import { insertInitiative } from './initiative/initiative-commands'
import { editLink } from './links/link-prompt'
import { padMarks, padNodes } from './schema-types'
import { describeKeys, isApplePlatform, shortcuts, type ShortcutId } from './keyboard/shortcuts'

/** What a button may need besides the editor. */
export interface ToolbarContext {
  localization: Localization
  /** The participant's display name, which a new initiative card credits in « Cité par ». */
  readDisplayName(): string
  /** Opens the list of keyboard shortcuts (`shortcut-help.ts`). */
  openShortcutHelp(): void
}

interface ToolbarItem {
  /** `data-command` of the button, stable for tests and CSS. */
  name: string
  labelKey: MessageKey
  glyphKey: MessageKey
  /** The shortcut that does the same (`shortcuts.ts`); its keys are shown in the tooltip. */
  shortcut: ShortcutId | null
  run(view: EditorView, context: ToolbarContext): void
  isEnabled(state: EditorState): boolean
  /** False for a button that does not edit (the help): enabled in a read-only editor, and focus stays where its action puts it. */
  edits?: boolean
  /** Whether the button reflects an on/off state; absent for plain actions such as undo. */
  isActive?: (state: EditorState) => boolean
}

function commandItem(
  item: Omit<ToolbarItem, 'run' | 'isEnabled'> & { command: Command },
): ToolbarItem {
  const { command, ...rest } = item
  return {
    ...rest,
    run: (view) => {
      command(view.state, view.dispatch, view)
    },
    isEnabled: (state) => command(state),
  }
}

/** Buttons in order; `null` separates groups. */
const toolbarItems: readonly (ToolbarItem | null)[] = [
  commandItem({
    name: 'paragraph',
    labelKey: 'toolbar.paragraph',
    glyphKey: 'toolbar.paragraph.glyph',
    shortcut: 'paragraph',
    command: setParagraph,
    isActive: (state) => isTextblockActive(state, padNodes.paragraph),
  }),
  ...([1, 2, 3] as const).map((level) =>
    commandItem({
      name: `heading-${level}`,
      labelKey: `toolbar.heading${level}`,
      glyphKey: `toolbar.heading${level}.glyph`,
      shortcut: `heading${level}`,
      command: toggleHeading(level),
      isActive: (state) => isTextblockActive(state, padNodes.heading, { level }),
    }),
  ),
  null,
  commandItem({
    name: 'bold',
    labelKey: 'toolbar.bold',
    glyphKey: 'toolbar.bold.glyph',
    shortcut: 'bold',
    command: toggleBold,
    isActive: (state) => isMarkActive(state, padMarks.strong),
  }),
  commandItem({
    name: 'italic',
    labelKey: 'toolbar.italic',
    glyphKey: 'toolbar.italic.glyph',
    shortcut: 'italic',
    command: toggleItalic,
    isActive: (state) => isMarkActive(state, padMarks.em),
  }),
  {
    name: 'link',
    labelKey: 'toolbar.link',
    glyphKey: 'toolbar.link.glyph',
    shortcut: 'link',
    run: (view, { localization }) => {
      editLink(view, localization)
    },
    isEnabled: (state) => state.selection.$from.parent.inlineContent,
    isActive: (state) => isMarkActive(state, padMarks.link),
  },
  null,
  commandItem({
    name: 'bullet-list',
    labelKey: 'toolbar.bulletList',
    glyphKey: 'toolbar.bulletList.glyph',
    shortcut: null,
    command: toggleBulletList,
    isActive: (state) => isInList(state, padNodes.bulletList),
  }),
  commandItem({
    name: 'ordered-list',
    labelKey: 'toolbar.orderedList',
    glyphKey: 'toolbar.orderedList.glyph',
    shortcut: null,
    command: toggleOrderedList,
    isActive: (state) => isInList(state, padNodes.orderedList),
  }),
  commandItem({
    name: 'lift-list-item',
    labelKey: 'toolbar.liftListItem',
    glyphKey: 'toolbar.liftListItem.glyph',
    shortcut: 'outdent',
    command: outdentItem,
  }),
  commandItem({
    name: 'sink-list-item',
    labelKey: 'toolbar.sinkListItem',
    glyphKey: 'toolbar.sinkListItem.glyph',
    shortcut: 'indent',
    command: sinkItem,
  }),
  commandItem({
    name: 'blockquote',
    labelKey: 'toolbar.blockquote',
    glyphKey: 'toolbar.blockquote.glyph',
    shortcut: null,
    command: toggleBlockquote,
    isActive: isInBlockquote,
  }),
  null,
  {
    name: 'initiative',
    labelKey: 'toolbar.initiative',
    glyphKey: 'toolbar.initiative.glyph',
    shortcut: null,
    run: (view, { readDisplayName }) => {
      insertInitiative(readDisplayName())(view.state, view.dispatch, view)
    },
    isEnabled: (state) => insertInitiative('')(state),
  },
  null,
  commandItem({
    name: 'undo',
    labelKey: 'toolbar.undo',
    glyphKey: 'toolbar.undo.glyph',
    shortcut: 'undo',
    command: undoCommand,
  }),
  commandItem({
    name: 'redo',
    labelKey: 'toolbar.redo',
    glyphKey: 'toolbar.redo.glyph',
    shortcut: 'redo',
    command: redoCommand,
  }),
  null,
  {
    name: 'shortcuts',
    labelKey: 'toolbar.shortcuts',
    glyphKey: 'toolbar.shortcuts.glyph',
    shortcut: 'help',
    run: (_view, { openShortcutHelp }) => openShortcutHelp(),
    isEnabled: () => true,
    edits: false,
  },
]

interface RenderedItem {
  item: ToolbarItem
  button: HTMLButtonElement
}

/**
 * Fills `container` (an element with `role="toolbar"`) with the buttons and
 * returns the plugin that drives them. Add the plugin to the editor's state.
 */
export function buildToolbar(container: HTMLElement, context: ToolbarContext): Plugin {
  const { localization } = context
  const isApple = isApplePlatform()
  const rendered = renderButtons(container)
  const describe = (): void => describeButtons(rendered, localization, isApple)
  describe()
  const stopListening = localization.onChange(describe)
  return new Plugin({
    view: (view) => createToolbarView(view, { container, rendered, context, stopListening }),
  })
}

/** Puts one button per item into `container`, in groups; only the first button is a Tab stop. */
function renderButtons(container: HTMLElement): RenderedItem[] {
  const rendered: RenderedItem[] = []
  container.replaceChildren()
  let group = createGroup()
  container.append(group)
  for (const item of toolbarItems) {
    if (item === null) {
      group = createGroup()
      container.append(group)
      continue
    }
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'toolbar-button'
    button.dataset.command = item.name
    button.tabIndex = rendered.length === 0 ? 0 : -1
    const glyph = document.createElement('span')
    glyph.setAttribute('aria-hidden', 'true')
    glyph.dataset.i18n = item.glyphKey
    button.append(glyph)
    group.append(button)
    rendered.push({ item, button })
  }
  return rendered
}

/**
 * Each button's accessible name and tooltip: its label, and its shortcut as
 * this platform writes it. A glyph made of letters or digits (« T1 », « 1. »,
 * « «» ») is what a voice-control user says to press the button, so the name
 * holds it too (WCAG 2.5.3, label in name), unless the label already does
 * (« G » in « Gras »); pictographs (¶, •, ↶) are left out of the name.
 */
function describeButtons(rendered: readonly RenderedItem[], localization: Localization, isApple: boolean): void {
  const t = localization.t.bind(localization)
  for (const { item, button } of rendered) {
    const label = localization.t(item.labelKey)
    const glyph = localization.t(item.glyphKey)
    const isSpokenGlyph = /[\p{L}\p{N}«»]/u.test(glyph) && !label.toLowerCase().includes(glyph.toLowerCase())
    button.setAttribute('aria-label', isSpokenGlyph ? `${glyph} ${label}` : label)
    button.title =
      item.shortcut === null
        ? label
        : localization.t('toolbar.shortcut', { label, shortcut: describeKeys(shortcuts[item.shortcut].keys.slice(0, 1), t, isApple) })
  }
}

interface ToolbarViewParts {
  container: HTMLElement
  rendered: readonly RenderedItem[]
  context: ToolbarContext
  /** Stops describing the buttons again on a language change. */
  stopListening(): void
}

/** The plugin's view: runs the clicked button's item, moves focus with the keys, and keeps the buttons' states. */
function createToolbarView(view: EditorView, parts: ToolbarViewParts): PluginView {
  const { container, rendered, context } = parts
  const onMouseDown = (event: MouseEvent): void => {
    // Keeps the editor's selection: a click on a button must not blur the text.
    if (event.target instanceof Element && event.target.closest('button') !== null) event.preventDefault()
  }
  const onClick = (event: MouseEvent): void => {
    const entry = findRendered(rendered, event.target)
    if (entry === undefined || entry.button.getAttribute('aria-disabled') === 'true') return
    entry.item.run(view, context)
    if (entry.item.edits !== false) view.focus()
  }
  const onKeyDown = (event: KeyboardEvent): void => moveFocus(rendered, event)
  container.addEventListener('mousedown', onMouseDown)
  container.addEventListener('click', onClick)
  container.addEventListener('keydown', onKeyDown)
  let shown: { state: EditorState; isEditable: boolean } | null = null
  const update = (current: EditorView): void => {
    // Every transaction updates the plugin views, remote cursors' included:
    // the buttons only depend on the document, the selection, the stored
    // marks and whether the editor is editable.
    const { state, editable } = current
    if (
      shown !== null &&
      shown.isEditable === editable &&
      shown.state.doc === state.doc &&
      shown.state.selection.eq(state.selection) &&
      shown.state.storedMarks === state.storedMarks
    ) {
      return
    }
    shown = { state, isEditable: editable }
    renderButtonStates(rendered, current)
  }
  update(view)
  return {
    update,
    destroy() {
      parts.stopListening()
      container.removeEventListener('mousedown', onMouseDown)
      container.removeEventListener('click', onClick)
      container.removeEventListener('keydown', onKeyDown)
    },
  }
}

/** `aria-pressed` on what is active at the selection, `aria-disabled` where a command cannot run. */
function renderButtonStates(rendered: readonly RenderedItem[], current: EditorView): void {
  for (const { item, button } of rendered) {
    const isActive = item.isActive?.(current.state) ?? false
    // An active button stays enabled: it shows where the cursor is, and may toggle back.
    const isEnabled = (current.editable || item.edits === false) && (isActive || item.isEnabled(current.state))
    // aria-disabled rather than disabled keeps the button focusable in the toolbar.
    button.setAttribute('aria-disabled', String(!isEnabled))
    if (item.isActive !== undefined) button.setAttribute('aria-pressed', String(isActive))
  }
}

function createGroup(): HTMLElement {
  const group = document.createElement('div')
  group.className = 'toolbar-group'
  group.setAttribute('role', 'group')
  return group
}

function findRendered(rendered: readonly RenderedItem[], target: EventTarget | null): RenderedItem | undefined {
  if (!(target instanceof Element)) return undefined
  const button = target.closest('button')
  return rendered.find((entry) => entry.button === button)
}

/** Arrow keys, Home and End move focus along the toolbar (roving tabindex). */
function moveFocus(rendered: readonly RenderedItem[], event: KeyboardEvent): void {
  const current = rendered.findIndex((entry) => entry.button === document.activeElement)
  if (current === -1) return
  const last = rendered.length - 1
  const targets: Record<string, number> = {
    ArrowRight: current === last ? 0 : current + 1,
    ArrowLeft: current === 0 ? last : current - 1,
    Home: 0,
    End: last,
  }
  const next = targets[event.key]
  if (next === undefined) return
  event.preventDefault()
  for (const [index, entry] of rendered.entries()) entry.button.tabIndex = index === next ? 0 : -1
  rendered[next]?.button.focus()
}
