/**
 * Every keyboard shortcut of the pad page, written once: its keys, what it
 * does (a message key) and where the help lists it. Nothing binds a key of
 * its own: the editor's keymap (`keymap.ts`), the initiative cards'
 * (`initiative-plugin.ts`), the help's own keys (`shortcut-help.ts`) and the
 * rules typed at the start of a line (`input-rules.ts`) each take the
 * entries whose `boundBy` names them, by id, with one command per id (a
 * `Record` TypeScript checks both ways: a shortcut without its command, or a
 * command without its entry, does not compile); the way out of the editor
 * (`leave-editor.ts`) binds every `leave` entry, and the big-deletion
 * notice (`history/big-deletion-notice.ts`) its `history` one. The toolbar's tooltips show
 * these keys, the editor's screen-reader hint says two of them, and the help
 * dialog lists the whole table.
 *
 * Keys are written in prosemirror-keymap notation (`Mod-Shift-z`: Mod is
 * Ctrl, or ⌘ on Apple devices); a space separates presses made one after
 * the other (`Escape Tab`). `quietKeys` are variants bound to the same
 * command that the help leaves out (Mod-Backspace does in a card what
 * Backspace does). This module also says keys the way people read them
 * (`Ctrl+Maj+Z`, `Échap puis Tab`) and tells whether a key press is one.
 */
import type { MessageKey, MessageParams } from '../../i18n/i18n'

/** Where the help lists a shortcut, in this order. */
export const shortcutSections = ['page', 'leave', 'text', 'auto', 'list', 'card'] as const
export type ShortcutSection = (typeof shortcutSections)[number]

/**
 * Who binds a shortcut: the editor's keymap, the initiative cards' plugin,
 * the leave-the-editor plugin, the page's help, the big-deletion notice
 * (`history`); `input-rule`: typed text that
 * `input-rules.ts` turns into a block; `browser`: the browser's own
 * behaviour, which the editor keeps by declining the key.
 */
export type ShortcutBinder = 'editor' | 'card' | 'leave' | 'page' | 'history' | 'input-rule' | 'browser'

export interface Shortcut {
  readonly keys: readonly string[]
  readonly quietKeys?: readonly string[]
  readonly action: MessageKey
  readonly section: ShortcutSection
  readonly boundBy: ShortcutBinder
}

export const shortcuts = {
  help: { keys: ['Mod-/'], action: 'shortcuts.help', section: 'page', boundBy: 'page' },
  helpOutsideText: { keys: ['?'], action: 'shortcuts.helpOutsideText', section: 'page', boundBy: 'page' },
  // Mod-Shift-Backspace: « un-erase », bound by no browser, screen reader or
  // editor command (Mod-Backspace and Shift-Backspace are, so Ctrl+Alt+Z
  // would be AltGr+Z, a letter on Polish keyboards); the notice takes it
  // before the editor does, so it never deletes anything.
  undoBigDeletion: { keys: ['Mod-Shift-Backspace'], action: 'shortcuts.undoBigDeletion', section: 'page', boundBy: 'history' },

  leaveForward: { keys: ['Escape Tab'], action: 'shortcuts.leaveForward', section: 'leave', boundBy: 'leave' },
  leaveBackward: { keys: ['Escape Shift-Tab'], action: 'shortcuts.leaveBackward', section: 'leave', boundBy: 'leave' },
  tabOut: { keys: ['Tab', 'Shift-Tab'], action: 'shortcuts.tabOut', section: 'leave', boundBy: 'browser' },

  paragraph: { keys: ['Mod-Alt-0'], action: 'shortcuts.paragraph', section: 'text', boundBy: 'editor' },
  heading1: { keys: ['Mod-Alt-1'], action: 'shortcuts.heading1', section: 'text', boundBy: 'editor' },
  heading2: { keys: ['Mod-Alt-2'], action: 'shortcuts.heading2', section: 'text', boundBy: 'editor' },
  heading3: { keys: ['Mod-Alt-3'], action: 'shortcuts.heading3', section: 'text', boundBy: 'editor' },
  bold: { keys: ['Mod-b'], action: 'shortcuts.bold', section: 'text', boundBy: 'editor' },
  italic: { keys: ['Mod-i'], action: 'shortcuts.italic', section: 'text', boundBy: 'editor' },
  link: { keys: ['Mod-k'], action: 'shortcuts.link', section: 'text', boundBy: 'editor' },
  lineBreak: { keys: ['Shift-Enter', 'Mod-Enter'], action: 'shortcuts.lineBreak', section: 'text', boundBy: 'editor' },
  undo: { keys: ['Mod-z'], action: 'shortcuts.undo', section: 'text', boundBy: 'editor' },
  redo: { keys: ['Mod-Shift-z', 'Mod-y'], action: 'shortcuts.redo', section: 'text', boundBy: 'editor' },

  typedHeading: { keys: ['# Space', '## Space', '### Space'], action: 'shortcuts.typedHeading', section: 'auto', boundBy: 'input-rule' },
  typedBulletList: { keys: ['- Space', '* Space'], action: 'shortcuts.typedBulletList', section: 'auto', boundBy: 'input-rule' },
  typedOrderedList: { keys: ['1. Space'], action: 'shortcuts.typedOrderedList', section: 'auto', boundBy: 'input-rule' },
  typedQuote: { keys: ['> Space'], action: 'shortcuts.typedQuote', section: 'auto', boundBy: 'input-rule' },
  undoAutoFormat: { keys: ['Backspace'], action: 'shortcuts.undoAutoFormat', section: 'auto', boundBy: 'editor' },

  newListItem: { keys: ['Enter'], action: 'shortcuts.newListItem', section: 'list', boundBy: 'editor' },
  indent: { keys: ['Tab'], action: 'shortcuts.indent', section: 'list', boundBy: 'editor' },
  outdent: { keys: ['Shift-Tab'], action: 'shortcuts.outdent', section: 'list', boundBy: 'editor' },

  nextField: { keys: ['Tab'], action: 'shortcuts.nextField', section: 'card', boundBy: 'card' },
  previousField: { keys: ['Shift-Tab'], action: 'shortcuts.previousField', section: 'card', boundBy: 'card' },
  // A field holds one line: a line break would not fit the schema.
  fieldEnter: { keys: ['Enter'], quietKeys: ['Shift-Enter', 'Mod-Enter'], action: 'shortcuts.fieldEnter', section: 'card', boundBy: 'card' },
  fieldBackspace: { keys: ['Backspace'], quietKeys: ['Mod-Backspace', 'Shift-Backspace'], action: 'shortcuts.fieldBackspace', section: 'card', boundBy: 'card' },
  fieldDelete: { keys: ['Delete'], quietKeys: ['Mod-Delete'], action: 'shortcuts.fieldDelete', section: 'card', boundBy: 'card' },
} as const satisfies Record<string, Shortcut>

export type ShortcutId = keyof typeof shortcuts

/** The ids of the shortcuts `binder` binds. */
export type ShortcutIdOf<B extends ShortcutBinder> = {
  [Id in ShortcutId]: (typeof shortcuts)[Id]['boundBy'] extends B ? Id : never
}[ShortcutId]

/** Every shortcut, in the table's order. */
export function listShortcuts(): [ShortcutId, Shortcut][] {
  return Object.entries(shortcuts) as [ShortcutId, Shortcut][]
}

/**
 * The prosemirror-keymap bindings of one binder: every key (quiet ones too)
 * of each of its shortcuts, mapped to that shortcut's command. Throws when a
 * key would be bound twice: one key, one meaning, in one place.
 */
export function bindShortcuts<B extends ShortcutBinder, C>(binder: B, commands: Readonly<Record<ShortcutIdOf<B>, C>>): Record<string, C> {
  const bindings: Record<string, C> = {}
  for (const [id, shortcut] of listShortcuts()) {
    if (shortcut.boundBy !== binder) continue
    const command = (commands as Readonly<Record<string, C>>)[id]
    if (command === undefined) throw new RangeError(`no command for the shortcut ${id}`)
    for (const key of [...shortcut.keys, ...(shortcut.quietKeys ?? [])]) {
      if (Object.hasOwn(bindings, key)) throw new RangeError(`${key} is bound twice by ${binder}`)
      bindings[key] = command
    }
  }
  return bindings
}

/** Whether this device writes Mod as ⌘ (and prosemirror-keymap reads it as Meta). */
export function isApplePlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent)
}

/** The message function of the page (`Localization.t`). */
export type Translate = (key: MessageKey, params?: MessageParams) => string

const namedKeys: Readonly<Record<string, MessageKey>> = {
  Enter: 'shortcut.key.enter',
  Escape: 'shortcut.key.escape',
  Backspace: 'shortcut.key.backspace',
  Delete: 'shortcut.key.delete',
  Tab: 'shortcut.key.tab',
  Space: 'shortcut.key.space',
}

const appleModifiers: Readonly<Record<string, string>> = { Mod: '⌘', Alt: '⌥', Shift: '⇧', Ctrl: '⌃' }

/** The parts of one press in prosemirror-keymap notation: `Mod-Shift-z` → Mod, Shift, z; `Mod--` → Mod, -. */
function splitPress(press: string): string[] {
  return press.split(/-(?!$)/)
}

/**
 * A key as people read it, in parts: alternatives, each a sequence of
 * presses, each the names of the keys held together. `Escape Shift-Tab` →
 * [[['Échap'], ['Maj', 'Tab']]].
 */
export function keyNames(keys: readonly string[], t: Translate, isApple: boolean): string[][][] {
  const modifiers: Readonly<Record<string, string>> = isApple
    ? appleModifiers
    : { Mod: t('shortcut.mod'), Alt: t('shortcut.alt'), Shift: t('shortcut.shift'), Ctrl: t('shortcut.mod') }
  return keys.map((key) =>
    key.split(' ').map((press) => {
      const parts = splitPress(press)
      const last = parts.length - 1
      return parts.map((part, index) => {
        if (index < last && modifiers[part] !== undefined) return modifiers[part]
        const named = namedKeys[part]
        if (named !== undefined) return t(named)
        return part.length === 1 ? part.toUpperCase() : part
      })
    }),
  )
}

/** Keys as one line of text: `Ctrl+Maj+Z ou Ctrl+Y`, `Échap puis Tab`. */
export function describeKeys(keys: readonly string[], t: Translate, isApple: boolean): string {
  return keyNames(keys, t, isApple)
    .map((sequence) => sequence.map((press) => press.join('+')).join(` ${t('shortcut.then')} `))
    .join(` ${t('shortcut.or')} `)
}

/** What a key press carries that a shortcut may ask for (a `KeyboardEvent`, or a test's plain object). */
export interface KeyPress {
  readonly key: string
  readonly shiftKey: boolean
  readonly ctrlKey: boolean
  readonly altKey: boolean
  readonly metaKey: boolean
}

/** Keys that only modify the next one: pressing them is no press of their own. */
export function isModifierOnly(event: KeyPress): boolean {
  return ['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'OS'].includes(event.key)
}

/**
 * Whether `event` is the single press `press` (prosemirror-keymap notation).
 * A printable character matches whatever Shift it took to type it (`?` is
 * Shift+/ on a QWERTY keyboard and Shift+, on an AZERTY one); a named key
 * (Tab, Enter…) needs exactly the modifiers written.
 */
export function matchesPress(event: KeyPress, press: string, isApple: boolean): boolean {
  const parts = splitPress(press)
  const name = parts.pop() ?? ''
  const wanted = { shift: false, ctrl: false, alt: false, meta: false }
  for (const part of parts) {
    if (part === 'Shift') wanted.shift = true
    else if (part === 'Alt') wanted.alt = true
    else if (part === 'Ctrl') wanted.ctrl = true
    else if (part === 'Meta') wanted.meta = true
    else if (part === 'Mod') {
      if (isApple) wanted.meta = true
      else wanted.ctrl = true
    }
  }
  const isCharacter = name.length === 1
  const keyMatches = isCharacter ? event.key.toLowerCase() === name.toLowerCase() : event.key === name
  return (
    keyMatches &&
    event.ctrlKey === wanted.ctrl &&
    event.altKey === wanted.alt &&
    event.metaKey === wanted.meta &&
    (isCharacter || event.shiftKey === wanted.shift)
  )
}
