/**
 * The dot control on each initiative card in the editor, as a ProseMirror
 * widget decoration at the top of the card (inside its `section`, before
 * its first field): never part of the document, so y-prosemirror, the
 * exports and other people see nothing of it, and drawn by
 * vote-card-control.ts, whose element ProseMirror neither edits nor reads
 * events or selection from (`stopEvent`, `ignoreSelection`; mutations in a
 * widget are ignored). Each widget is keyed by its card's id, so that
 * ProseMirror keeps its DOM while the text around it changes and the
 * composition updates it in place.
 *
 * Card ids live in the shared document, nodes in ProseMirror: the widgets
 * are placed by joining the two (vote-cards.ts) when the shared document is
 * known to match the editor — on start, after a change that came from it,
 * and after this page's own change has been written to it (checked after
 * the sync plugin's view update, which writes it) — and are mapped through
 * every other change. This plugin also tells `onCards` the pad's cards and
 * titles whenever they change: the panel lists the same cards.
 */
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state'
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { Decoration, DecorationSet } from 'prosemirror-view'
import { ySyncPluginKey } from 'y-prosemirror'
import type * as Y from 'yjs'
import { initiativeCardIds } from '../../../shared/pad/initiative-ids'
import { placeVoteCards, type VoteCard } from './vote-cards'

/** Where the widgets' elements come from: the composition makes each one and keeps it up to date until it is released. */
export interface VoteCardControls {
  create(cardId: string): HTMLElement
  release(element: HTMLElement): void
}

export interface VoteCardPluginOptions {
  /** The pad's `body` fragment, which the editor is bound to. */
  fragment: Y.XmlFragment
  controls: VoteCardControls
  /** Told the pad's cards, in order, whenever the editor's document changed (the listener compares). */
  onCards(cards: VoteCard[]): void
}

interface VoteCardState {
  decorations: DecorationSet
  /** The ids the widgets were placed with, in document order. */
  cardIds: readonly string[]
}

const voteCardKey = new PluginKey<VoteCardState>('vote-cards')
const refreshMeta = 'refresh'

export function createVoteCardPlugin(options: VoteCardPluginOptions): Plugin<VoteCardState> {
  const { fragment, controls } = options
  const place = (doc: ProseMirrorNode): VoteCardState => {
    const cardIds = initiativeCardIds(fragment)
    const cards = placeVoteCards(doc, cardIds)
    if (cards === null) return { decorations: DecorationSet.empty, cardIds: [] }
    const widgets = cards.map((card) =>
      Decoration.widget(card.position + 1, () => controls.create(card.id), {
        key: `vote-card:${card.id}`,
        side: -1,
        ignoreSelection: true,
        stopEvent: () => true,
        destroy: (node) => {
          if (node instanceof HTMLElement) controls.release(node)
        },
      }),
    )
    return { decorations: DecorationSet.create(doc, widgets), cardIds }
  }

  return new Plugin<VoteCardState>({
    key: voteCardKey,
    state: {
      init: (_config, state) => place(state.doc),
      apply(tr, value, _old, state) {
        if (tr.getMeta(voteCardKey) === refreshMeta || isFromSharedDocument(tr)) return place(state.doc)
        if (!tr.docChanged) return value
        return { decorations: value.decorations.map(tr.mapping, tr.doc), cardIds: value.cardIds }
      },
    },
    props: {
      decorations: (state) => voteCardKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
    view(view) {
      let isRefreshPending = false
      const check = (): void => {
        const placedWith = voteCardKey.getState(view.state)?.cardIds ?? []
        const cardIds = initiativeCardIds(fragment)
        if (sameIds(cardIds, placedWith)) {
          const cards = placeVoteCards(view.state.doc, cardIds)
          if (cards !== null) options.onCards(cards.map(({ id, title }) => ({ id, title })))
          return
        }
        if (isRefreshPending) return
        isRefreshPending = true
        // Not from inside this view update: ProseMirror's views are updated after the state is set.
        queueMicrotask(() => {
          isRefreshPending = false
          if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(voteCardKey, refreshMeta))
        })
      }
      check()
      return {
        // The state is a new value after every change of the document and every placing.
        update(updated, previous) {
          if (voteCardKey.getState(updated.state) !== voteCardKey.getState(previous)) check()
        },
      }
    },
  })
}

/** A change y-prosemirror made from the shared document (a peer's, an undo): the shared document and the editor match. */
function isFromSharedDocument(tr: Transaction): boolean {
  const meta: unknown = tr.getMeta(ySyncPluginKey)
  return typeof meta === 'object' && meta !== null && 'isChangeOrigin' in meta && meta.isChangeOrigin === true
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index])
}
