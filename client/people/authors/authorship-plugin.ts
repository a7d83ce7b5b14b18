/**
 * Credits what this page writes: text that a local change brings into the
 * pad gets the author mark (shared/pad/author-mark.ts) of this page's
 * participant, so the recipe names whoever typed it. Text that only moves
 * keeps its writer: a change may carry someone else's credit over as long as
 * it removes at least as much of that person's text, now (a drag, a card
 * moved, a block rebuilt) or earlier in this session (a cut, then a paste).
 * Anything beyond that — a copy pasted twice, another pad's text — credits
 * the person who pasted it. Typing is always the typist's, even in the
 * middle of someone's word (ProseMirror hands new text the marks around it).
 *
 * The server enforces the same rule on every update (server/room/), so a page
 * never sends what it would refuse. Changes that come from Yjs (other
 * people's, undo and redo, which restore text with its attribute) are left
 * alone. It does not colour anything (people/author-colors.ts).
 */
import type { Mark, MarkType } from 'prosemirror-model'
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state'
import { ReplaceStep, type Step } from 'prosemirror-transform'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import { ySyncPluginKey } from 'y-prosemirror'
import type { Connection } from '../../connection/connection'
import { authorMarkName } from '../../../shared/pad/author-mark'
import { CloseCode } from '../../../shared/protocol/close-codes'
import { insertedRanges, type Range } from '../../editor/inserted-ranges'

/** Characters of each author's text this page removed and may bring back credited to them. */
export type MovedText = ReadonlyMap<string, number>

interface AuthorshipState {
  /** What this connection removed of other people's text: a later paste may credit them up to that much. */
  moved: MovedText
  /** Where this page carried someone's credit over, until the server has stored it: what to re-credit if it refuses. */
  carried: DecorationSet
}

/** What a transaction tells the plugin. */
type AuthorshipMeta =
  /** A new connection: the server's count of what was moved starts afresh. */
  | { kind: 'forget' }
  /** The plugin carried credit over: `spent` of the budget, at `ranges`. */
  | { kind: 'carried'; spent: MovedText; ranges: readonly Range[] }
  /** The server stored everything this page wrote, or the carried credit was taken back: nothing to re-credit. */
  | { kind: 'settled' }

export const authorshipKey = new PluginKey<AuthorshipState>('authorship')

export function createAuthorshipPlugin(participantId: string): Plugin<AuthorshipState> {
  return new Plugin<AuthorshipState>({
    key: authorshipKey,
    state: {
      init: () => ({ moved: new Map(), carried: DecorationSet.empty }),
      apply(tr, value) {
        const meta = tr.getMeta(authorshipKey) as AuthorshipMeta | undefined
        const carried = value.carried.map(tr.mapping, tr.doc)
        if (meta?.kind === 'forget') return { moved: new Map(), carried }
        if (meta?.kind === 'settled') return { moved: value.moved, carried: DecorationSet.empty }
        const moved = new Map(value.moved)
        if (meta?.kind === 'carried') {
          for (const [author, characters] of meta.spent) moved.set(author, (moved.get(author) ?? 0) - characters)
          const marks = meta.ranges.map((range) => Decoration.inline(range.from, range.to, {}))
          return { moved, carried: carried.add(tr.doc, marks) }
        }
        if (!isLocalEdit(tr)) return { moved: value.moved, carried }
        for (const [author, characters] of removedText(tr)) {
          if (author !== null && author !== participantId) moved.set(author, (moved.get(author) ?? 0) + characters)
        }
        return { moved, carried }
      },
    },
    appendTransaction(transactions, _oldState, newState) {
      const markType = newState.schema.marks[authorMarkName]
      if (markType === undefined) return null
      const budget = new Map(authorshipKey.getState(newState)?.moved ?? [])
      const tr = newState.tr
      const spent = new Map<string, number>()
      const ranges: Range[] = []
      for (const transaction of transactions) {
        if (!isLocalEdit(transaction)) continue
        // What this change removed was already added to the budget by `apply`.
        for (const range of insertedRanges(transaction, transactions, newState.doc)) {
          creditRange(tr, range, { markType, participantId, isTyping: isTyping(transaction), budget, spent, carried: ranges })
        }
      }
      if (!tr.docChanged && spent.size === 0) return null
      // Not kept out of the undo history: y-prosemirror takes the last transaction's word for the whole change, typing included.
      const meta: AuthorshipMeta = { kind: 'carried', spent, ranges }
      return tr.setMeta(authorshipKey, meta)
    },
  })
}

/**
 * Follows what the server says of this page's credits: a new connection
 * starts its count of moved text afresh (so the page forgets its own, and
 * never carries over more than the server allows); once everything the page
 * wrote is stored, nothing carried over can be refused any more; and if the
 * server refused a write's credits (4422: a paste whose cut the server no
 * longer counts, its room reloaded meanwhile), the credit carried over is
 * taken back — given to this participant — before the page reconnects, so
 * that the write it sends again is one the server accepts.
 */
export function followServerCredit(
  connection: Pick<Connection, 'state' | 'onChange'>,
  view: Pick<EditorView, 'state' | 'dispatch'>,
  participantId: string,
): () => void {
  let wasConnected = connection.state.phase === 'connected'
  return connection.onChange((state) => {
    const isConnected = state.phase === 'connected'
    const dispatch = (meta: AuthorshipMeta, tr = view.state.tr): void => view.dispatch(tr.setMeta(authorshipKey, meta))
    if (state.closeCode === CloseCode.creditRefused && hasCarried(view.state)) dispatch({ kind: 'settled' }, recreditCarried(view.state, participantId))
    if (isConnected && !wasConnected) dispatch({ kind: 'forget' })
    if (isConnected && !state.hasUnsyncedChanges && hasCarried(view.state)) dispatch({ kind: 'settled' })
    wasConnected = isConnected
  })
}

function hasCarried(state: EditorState): boolean {
  return (authorshipKey.getState(state)?.carried.find().length ?? 0) > 0
}

/** Gives this participant the text whose credit the page carried over. */
function recreditCarried(state: EditorState, participantId: string): Transaction {
  const tr = state.tr
  const markType = state.schema.marks[authorMarkName]
  for (const range of authorshipKey.getState(state)?.carried.find() ?? []) {
    if (markType !== undefined) tr.addMark(range.from, range.to, markType.create({ id: participantId }))
  }
  return tr
}

/** A change this page made to the document (not one that came from Yjs). */
function isLocalEdit(tr: Transaction): boolean {
  if (!tr.docChanged) return false
  const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined
  return sync?.isChangeOrigin !== true && tr.getMeta(authorshipKey) === undefined
}

/** Typing: one replacement whose new content is text alone (a key press, an input rule, an IME composition). */
function isTyping(tr: Transaction): boolean {
  if (tr.steps.length !== 1 || tr.getMeta('uiEvent') !== undefined) return false
  const step = tr.steps[0]
  if (!(step instanceof ReplaceStep)) return false
  let isText = step.slice.openStart === step.slice.openEnd
  step.slice.content.forEach((node) => {
    if (!node.isText) isText = false
  })
  return isText && step.slice.size > 0
}

/** Characters of text each author lost in `tr`, read in the documents before each step. */
function removedText(tr: Transaction): Map<string | null, number> {
  const removed = new Map<string | null, number>()
  tr.steps.forEach((step: Step, index) => {
    const before = tr.docs[index]
    if (before === undefined) return
    step.getMap().forEach((oldStart, oldEnd) => {
      if (oldEnd <= oldStart) return
      before.nodesBetween(oldStart, oldEnd, (node, position) => {
        if (!node.isText) return true
        const from = Math.max(oldStart, position)
        const to = Math.min(oldEnd, position + node.nodeSize)
        if (to > from) {
          const author = authorOf(node.marks)
          removed.set(author, (removed.get(author) ?? 0) + to - from)
        }
        return false
      })
    })
  })
  return removed
}

interface CreditRules {
  markType: MarkType
  participantId: string
  /** Typed text is the typist's, whatever marks ProseMirror gave it. */
  isTyping: boolean
  /** Characters of each author that may still be credited to them; spent as text is. */
  budget: Map<string, number>
  /** What this round credited to others, to take from the budget. */
  spent: Map<string, number>
  /** Where this round carried credit over. */
  carried: Range[]
}

/** Gives each text node in `range` its author mark: kept while the budget allows, else this participant's. */
function creditRange(tr: Transaction, range: Range, rules: CreditRules): void {
  const { markType, participantId, budget, spent } = rules
  tr.doc.nodesBetween(range.from, range.to, (node, position) => {
    if (!node.isText) return true
    const from = Math.max(range.from, position)
    const to = Math.min(range.to, position + node.nodeSize)
    const author = authorOf(node.marks)
    if (to <= from || author === participantId) return false
    const length = to - from
    const allowed = author === null || rules.isTyping ? 0 : Math.min(length, budget.get(author) ?? 0)
    if (author !== null && allowed > 0) {
      budget.set(author, (budget.get(author) ?? 0) - allowed)
      spent.set(author, (spent.get(author) ?? 0) + allowed)
      rules.carried.push({ from, to: from + allowed })
    }
    // The part beyond what may be carried over is this participant's.
    if (allowed < length) tr.addMark(from + allowed, to, markType.create({ id: participantId }))
    return false
  })
}

function authorOf(marks: readonly Mark[]): string | null {
  const mark = marks.find((candidate) => candidate.type.name === authorMarkName)
  const id: unknown = mark?.attrs['id']
  return typeof id === 'string' ? id : null
}
