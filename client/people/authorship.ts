/**
 * Says in the pad who this page's writer is, so that the recipe credits them
 * and the text can be coloured by author: `recordAuthor(doc, name)` of
 * shared/pad/attribution.ts (this doc's Yjs client id → display name, in the
 * doc's `authors` map), called once the page is connected and synced, again
 * whenever the name changes, and again when a locked pad opens up. It writes
 * only while the page may write: a view link's or a locked pad's write would
 * be refused by the server (and a write into a lock closes the connection).
 */
import type * as Y from 'yjs'
import { recordAuthor } from '../../shared/pad/attribution'
import type { ConnectionPhase, ConnectionState } from '../connection/connection'

export interface AuthorshipOptions {
  doc: Y.Doc
  /** The page's connection to the relay, or anything that tells the same. */
  connection: {
    readonly state: Pick<ConnectionState, 'phase'>
    onChange(listener: (state: ConnectionState) => void): () => void
  }
  /** Whether the page may write now (not a view link, not locked, not closed for good). */
  canWrite(): boolean
}

export interface Authorship {
  /** The participant's display name, once known and after each change. */
  setName(name: string): void
  /** Tries again after a change of what the page may do (e.g. the pad was unlocked). */
  refresh(): void
  close(): void
}

const connected: ConnectionPhase = 'connected'

export function createAuthorship(options: AuthorshipOptions): Authorship {
  const { doc, connection, canWrite } = options
  let name = ''
  let isClosed = false

  const record = (): void => {
    if (isClosed || name === '' || connection.state.phase !== connected || !canWrite()) return
    // recordAuthor writes only when the recorded name differs: calling it often costs nothing.
    recordAuthor(doc, name)
  }
  const stopConnection = connection.onChange(record)

  return {
    setName(next) {
      name = next
      record()
    },
    refresh: record,
    close() {
      if (isClosed) return
      isClosed = true
      stopConnection()
    },
  }
}
