/**
 * Colouring the pad's text by author (Etherpad's "authorship colours"), as a
 * ProseMirror plugin of inline decorations: each run of text found by
 * `author-ranges.ts` gets the class of its author's palette colour
 * (`author-palette.ts`), the author being named as the recipe credits them
 * (shared/pad/attribution.ts: the participant's entry, or for older text the
 * name recorded for its Yjs client), so what the page tints is what the
 * export credits. Text nobody is credited for (a template, written by the
 * server) stays as it is. Off by default; while on, it colours again 200 ms
 * after the last change of the document, of the participants' credits or of
 * someone's cursor colour, and keeps a legend (one entry per
 * author whose text is in the pad) for `author-legend.ts` to draw. Colour is
 * never the only cue: each run carries its author's name as a tooltip, and
 * the name of the author of the text at the caret is kept (`caretAuthor`)
 * for the page to show beside the legend, so a keyboard or screen reader
 * user can ask whose text this is. It never writes to the document.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { Awareness } from 'y-protocols/awareness'
import { Decoration, DecorationSet } from 'prosemirror-view'
import type * as Y from 'yjs'
import { cleanAuthorName, readCredits } from '../../../shared/pad/attribution'
import { assignAuthorColors, authorColorClass } from './author-palette'
import { findAuthorRanges } from './author-ranges'
import { parseParticipant } from '../participant'

/** How long the document must stay still before it is coloured again. */
const authorColorsDelayMs = 200

export interface AuthorLegendEntry {
  name: string
  /** Index into the palette; the class is `authorColorClass(colorIndex)`. */
  colorIndex: number
}

/** A run of one author's text, with its colour. */
export interface ColoredRun {
  from: number
  to: number
  name: string
  colorIndex: number
}

export interface AuthorColoring {
  runs: ColoredRun[]
  /** The authors whose text is coloured, by name order. */
  legend: AuthorLegendEntry[]
}

/** Each present participant's cursor colour by name, from awareness states (untrusted). */
export function readCursorColors(states: ReadonlyMap<number, Readonly<Record<string, unknown>>>): Map<string, string> {
  const colors = new Map<string, string>()
  for (const state of states.values()) {
    const participant = parseParticipant(state.user)
    if (participant === null) continue
    const name = cleanAuthorName(participant.name)
    if (!colors.has(name)) colors.set(name, participant.color)
  }
  return colors
}

/** The coloured runs and the legend for `doc`, the ProseMirror twin of `fragment`. */
export function colorByAuthor(
  doc: ProseMirrorNode,
  fragment: Y.XmlFragment,
  cursorColors: ReadonlyMap<string, string>,
): AuthorColoring {
  const credits = fragment.doc === null ? () => null : readCredits(fragment.doc)
  const named: { from: number; to: number; name: string }[] = []
  for (const range of findAuthorRanges(fragment, doc)) {
    const credit = credits(range.author)
    // Someone who chose not to be named is not named here either.
    if (credit === null || !credit.isNamed) continue
    const name = credit.name
    const last = named[named.length - 1]
    // One person's successive visits are several clients: one run for the eye.
    if (last !== undefined && last.name === name && last.to === range.from) last.to = range.to
    else named.push({ from: range.from, to: range.to, name })
  }
  const colorIndexes = assignAuthorColors(
    named.map((range) => range.name),
    cursorColors,
  )
  const runs = named.map((run) => ({ ...run, colorIndex: colorIndexes.get(run.name) ?? 0 }))
  const legend = [...colorIndexes].map(([name, colorIndex]) => ({ name, colorIndex }))
  return { runs, legend }
}

export interface AuthorColorsOptions {
  fragment: Y.XmlFragment
  /** The doc's maps of credits: `participants` and, for older text, `authors`. */
  credits: readonly Y.Map<unknown>[]
  /** Where present participants' cursor colours come from. */
  awareness: Awareness
  delayMs?: number
}

export interface AuthorColors {
  /** Add it to the editor's plugins. */
  readonly plugin: Plugin
  readonly isShown: boolean
  readonly legend: readonly AuthorLegendEntry[]
  /** Who wrote the text at the caret, while the colours are shown; null when nobody named or hidden. */
  readonly caretAuthor: string | null
  setShown(isShown: boolean): void
  /** Calls `listener` when `isShown` or the legend changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void
  /** Calls `listener` when `caretAuthor` changes; returns the unsubscribe function. */
  onCaretAuthorChange(listener: () => void): () => void
}

const authorColorsKey = new PluginKey<DecorationSet>('authorColors')

export function createAuthorColors(options: AuthorColorsOptions): AuthorColors {
  const { fragment, credits, awareness } = options
  const delayMs = options.delayMs ?? authorColorsDelayMs
  const listeners = new Set<() => void>()
  const caretListeners = new Set<() => void>()
  let caretAuthor: string | null = null
  const haveCursorColorsChanged = watchCursorColors(awareness)
  let editorView: EditorView | null = null
  let isShown = false
  let legend: AuthorLegendEntry[] = []
  let timer: ReturnType<typeof setTimeout> | null = null

  const notify = (): void => {
    for (const listener of [...listeners]) listener()
  }

  const cancel = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  const recolor = (): void => {
    cancel()
    const view = editorView
    if (view === null) return
    const coloring = isShown
      ? colorByAuthor(view.state.doc, fragment, readCursorColors(awareness.getStates()))
      : { runs: [], legend: [] }
    view.dispatch(view.state.tr.setMeta(authorColorsKey, decorateRuns(view.state.doc, coloring.runs)))
    if (JSON.stringify(coloring.legend) !== JSON.stringify(legend)) {
      legend = coloring.legend
      notify()
    }
  }

  const schedule = (): void => {
    if (!isShown || editorView === null) return
    cancel()
    timer = setTimeout(recolor, delayMs)
  }

  const onCreditsChange = (): void => schedule()
  const onAwarenessChange = (): void => {
    if (haveCursorColorsChanged()) schedule()
  }

  const plugin = buildAuthorColorsPlugin({
    attach(view) {
      editorView = view
      for (const map of credits) map.observe(onCreditsChange)
      awareness.on('change', onAwarenessChange)
    },
    onDocChange: schedule,
    onStateChange(state) {
      const next = isShown ? authorAt(state, state.selection.head) : null
      if (next === caretAuthor) return
      caretAuthor = next
      for (const listener of [...caretListeners]) listener()
    },
    detach() {
      cancel()
      for (const map of credits) map.unobserve(onCreditsChange)
      awareness.off('change', onAwarenessChange)
      editorView = null
    },
  })

  return {
    plugin,
    get isShown() {
      return isShown
    },
    get legend() {
      return legend
    },
    get caretAuthor() {
      return caretAuthor
    },
    setShown(next) {
      if (next === isShown) return
      isShown = next
      recolor()
      notify()
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onCaretAuthorChange(listener) {
      caretListeners.add(listener)
      return () => caretListeners.delete(listener)
    },
  }
}

/** The author's name the coloured run at `position` carries: the character before it, else the one after. */
export function authorAt(state: EditorState, position: number): string | null {
  const decorations = authorColorsKey.getState(state)
  if (decorations === undefined) return null
  const around = decorations.find(Math.max(0, position - 1), position + 1)
  const before = around.find((decoration) => decoration.from < position && decoration.to >= position)
  const after = around.find((decoration) => decoration.from <= position && decoration.to > position)
  const name: unknown = (before ?? after)?.spec.author
  return typeof name === 'string' ? name : null
}

/**
 * Whether a present participant's name or cursor colour changed since the
 * last call: awareness changes with every cursor move, and only a new name or
 * colour matters here.
 */
function watchCursorColors(awareness: Awareness): () => boolean {
  let seen = ''
  return () => {
    const next = JSON.stringify([...readCursorColors(awareness.getStates())].sort())
    if (next === seen) return false
    seen = next
    return true
  }
}

function decorateRuns(doc: ProseMirrorNode, runs: readonly ColoredRun[]): DecorationSet {
  const decorations = runs.map(({ from, to, name, colorIndex }) =>
    // The tooltip names the author for a mouse; the spec keeps the name for `authorAt`.
    Decoration.inline(from, to, { class: `author-text ${authorColorClass(colorIndex)}`, title: name }, { author: name }),
  )
  return DecorationSet.create(doc, decorations)
}

/** What the plugin's view tells the colouring: the editor it is in, each new document, and its end. */
interface ColoringHooks {
  attach(view: EditorView): void
  onDocChange(): void
  /** After every update: the selection or the colours may have moved. */
  onStateChange(state: EditorState): void
  detach(): void
}

/** The plugin that holds the decorations (set through its meta, mapped through other changes). */
function buildAuthorColorsPlugin(hooks: ColoringHooks): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: authorColorsKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, decorations) {
        const next: unknown = tr.getMeta(authorColorsKey)
        if (next instanceof DecorationSet) return next
        return tr.docChanged ? decorations.map(tr.mapping, tr.doc) : decorations
      },
    },
    props: {
      decorations: (state) => authorColorsKey.getState(state),
    },
    view(view) {
      hooks.attach(view)
      return {
        update(updated, previousState) {
          if (updated.state.doc !== previousState.doc) hooks.onDocChange()
          hooks.onStateChange(updated.state)
        },
        destroy() {
          hooks.detach()
        },
      }
    },
  })
}
