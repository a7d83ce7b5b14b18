/**
 * Knows whether this page's changes are safe on the server, so that the
 * status line can say "not yet saved on the server" and mean it, deletions
 * included. It follows the server's *stored* ack (`shared/protocol/messages.ts`, type
 * 100): after storing each write message of a connection (an update or a sync
 * step 2) the server answers with how many it has stored from that connection
 * so far, in order. So the page counts the writes it sends on the current
 * connection and remembers which one must be acked for everything to be safe:
 *
 * - a change sent as an update is safe once the ack reaches that update;
 * - a change made while no connection could carry it (offline, connecting),
 *   or sent on a connection that closed before its ack, is safe only once a
 *   later sync step 2 — which carries everything the server lacks — is acked.
 *
 * Pure and synchronous: `connection.ts` feeds it from the socket and the doc.
 */
import { decodeMessage } from '../../shared/protocol/messages'

export interface SyncTracker {
  /** A write message went out on the current connection; a sync step 2 covers every earlier change. */
  recordWriteSent(kind: WriteKind): void
  /** A local change was made while no connection could carry it. */
  recordUnsentChange(): void
  /** The server's stored ack on the current connection: it holds this many of its writes. */
  recordStored(writeCount: number): void
  /** The current connection closed: its unacked writes must be covered by the next sync step 2. */
  recordConnectionClosed(): void
  readonly hasUnsyncedChanges: boolean
}

export type WriteKind = 'update' | 'sync-step-2'

export function createSyncTracker(): SyncTracker {
  /** Writes sent on the current connection. */
  let sentCount = 0
  /** Writes the server acked on the current connection. */
  let storedCount = 0
  /** The write of the current connection that must be acked for every change sent on it to be safe. */
  let requiredCount = 0
  /** Some change is not carried by any write of the current connection: it waits for a sync step 2. */
  let awaitsSyncStep2 = false

  return {
    recordWriteSent(kind) {
      sentCount += 1
      requiredCount = sentCount
      if (kind === 'sync-step-2') awaitsSyncStep2 = false
    },
    recordUnsentChange() {
      awaitsSyncStep2 = true
    },
    recordStored(writeCount) {
      if (writeCount > storedCount) storedCount = writeCount
    },
    recordConnectionClosed() {
      if (storedCount < requiredCount) awaitsSyncStep2 = true
      sentCount = 0
      storedCount = 0
      requiredCount = 0
    },
    get hasUnsyncedChanges() {
      return awaitsSyncStep2 || storedCount < requiredCount
    },
  }
}

/** Whether an outgoing y-websocket frame is a write the server acks, and which kind; null otherwise. */
export function classifyOutgoingFrame(frame: Uint8Array): WriteKind | null {
  try {
    const message = decodeMessage(frame)
    return message.type === 'update' || message.type === 'sync-step-2' ? message.type : null
  } catch {
    // Not ours to judge: a frame we cannot read is not a write we count.
    return null
  }
}
