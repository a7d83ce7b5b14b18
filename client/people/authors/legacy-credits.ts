/**
 * Gives the text of a pad from before participants a credit that survives
 * reformatting: such text has no author attribute and is credited to the Yjs
 * client that inserted it, named in the doc's old `authors` map; once a page
 * that may write is synced, each such run gets the author mark of its
 * client's legacy id (shared/pad/attribution.ts), which reads the same name.
 * Without it, the first reformat by a newer page would rebuild the text
 * under that page's client and the credit would go to nobody. The server
 * lets any page do this for an old client's own text, and nothing more
 * (server/room/updates/credit-check.ts). Done again on every sync: pages
 * merging old offline text bring more.
 */
import type { EditorState, Transaction } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type * as Y from 'yjs'
import { authorsMapName, cleanAuthorName, legacyParticipantId } from '../../../shared/pad/attribution'
import { authorMarkName } from '../../../shared/pad/author-mark'
import type { Connection } from '../../connection/connection'
import { findAuthorRanges } from './author-ranges'

/** The transaction that gives each named old client's text its legacy id, or null when there is none. */
export function creditLegacyText(state: EditorState, fragment: Y.XmlFragment): Transaction | null {
  const authors = fragment.doc?.getMap<unknown>(authorsMapName)
  const markType = state.schema.marks[authorMarkName]
  if (authors === undefined || authors.size === 0 || markType === undefined) return null
  const tr = state.tr
  for (const range of findAuthorRanges(fragment, state.doc)) {
    if (!range.author.startsWith('client:')) continue
    const client = Number(range.author.slice('client:'.length))
    const name = authors.get(String(client))
    if (typeof name !== 'string' || cleanAuthorName(name) === '') continue
    tr.addMark(range.from, range.to, markType.create({ id: legacyParticipantId(client) }))
  }
  return tr.docChanged ? tr : null
}

/** Runs `creditLegacyText` each time the page is connected and may write. */
export function creditLegacyTextOnSync(
  connection: Pick<Connection, 'state' | 'onChange'>,
  view: Pick<EditorView, 'state' | 'dispatch'>,
  fragment: Y.XmlFragment,
  mayWrite: () => boolean,
): () => void {
  return connection.onChange((state) => {
    if (state.phase !== 'connected' || !mayWrite()) return
    const tr = creditLegacyText(view.state, fragment)
    if (tr !== null) view.dispatch(tr)
  })
}
