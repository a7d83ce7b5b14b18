/**
 * Says in the pad how this page's participant is credited, so that the
 * recipe and the author colours name them: `recordParticipant` of
 * shared/pad/attribution.ts (participant id → name, in the doc's
 * `participants` map), called once the page is connected and synced, again
 * whenever the name changes — renaming yourself renames your credit
 * everywhere — and again when a locked pad opens up. It writes only while
 * the page may write: a view link's or a locked pad's write would be refused
 * by the server (and a write into a lock closes the connection). Which text
 * is theirs is the author mark's business (authorship-plugin.ts).
 */
import type * as Y from 'yjs'
import { recordParticipant, type ParticipantCredit } from '../../../shared/pad/attribution'
import type { ConnectionPhase, ConnectionState } from '../../connection/connection'

export interface AuthorshipOptions {
  doc: Y.Doc
  /** This page's participant (people/participant-secret.ts). */
  participantId: string
  /** The page's connection to the relay, or anything that tells the same. */
  connection: {
    readonly state: Pick<ConnectionState, 'phase'>
    onChange(listener: (state: ConnectionState) => void): () => void
  }
  /** Whether the page may write now (not a view link, not locked, not closed for good). */
  canWrite(): boolean
}

export interface Authorship {
  /** How the participant is credited, once known and after each change. */
  setCredit(credit: ParticipantCredit): void
  /** Tries again after a change of what the page may do (e.g. the pad was unlocked). */
  refresh(): void
  close(): void
}

const connected: ConnectionPhase = 'connected'

export function createAuthorship(options: AuthorshipOptions): Authorship {
  const { doc, participantId, connection, canWrite } = options
  let credit: ParticipantCredit | null = null
  let isClosed = false

  const record = (): void => {
    if (isClosed || credit === null || connection.state.phase !== connected || !canWrite()) return
    // recordParticipant writes only when the recorded credit differs: calling it often costs nothing.
    recordParticipant(doc, participantId, credit)
  }
  const stopConnection = connection.onChange(record)

  return {
    setCredit(next) {
      credit = next
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
