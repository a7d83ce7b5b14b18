/**
 * The commands this page sent and whose reply has not come yet: each gets a
 * fresh id (echoed by the server's `facilitation-reply`), and a promise that
 * settles with that reply, or is rejected when the connection drops before
 * it came (the command may or may not have been applied: the next view
 * says). It does not send anything; facilitation-channel.ts does.
 */
import type { FacilitationRefusalCode, FacilitationReply } from '../../shared/facilitation/facilitation-view'

/** What came of a command: done, or refused for a reason the server names (the connection stays). */
export type FacilitationOutcome = { ok: true } | { ok: false; error: FacilitationRefusalCode; message: string }

/** Why a command got no reply. */
export type FacilitationFailureReason =
  /** The page was not connected: the command was never sent. */
  | 'offline'
  /** The connection dropped before the reply. */
  | 'disconnected'
  /** The channel was closed (the page is going away). */
  | 'closed'

/** A command without a reply: what the page tells the facilitator is in refusal-messages.ts. */
export class FacilitationChannelError extends Error {
  override readonly name = 'FacilitationChannelError'
  constructor(readonly reason: FacilitationFailureReason) {
    super(`facilitation command not answered: ${reason}`)
  }
}

/** Ids are whole numbers the server accepts (up to 2³¹ − 1); a page never sends that many. */
const maxCommandId = 2 ** 31 - 1

export interface PendingCommands {
  /** How many commands await their reply. */
  readonly size: number
  /** A new id and the promise of its outcome. */
  open(): { id: number; outcome: Promise<FacilitationOutcome> }
  /** Settles the command the reply answers; a reply to no pending command (or without id) is ignored. */
  settle(reply: FacilitationReply): void
  /** Rejects every pending command with `reason`. */
  rejectAll(reason: FacilitationFailureReason): void
}

export function createPendingCommands(): PendingCommands {
  const pending = new Map<number, { resolve(outcome: FacilitationOutcome): void; reject(error: Error): void }>()
  let lastId = 0
  return {
    get size() {
      return pending.size
    },
    open() {
      lastId = lastId >= maxCommandId ? 1 : lastId + 1
      const id = lastId
      const outcome = new Promise<FacilitationOutcome>((resolve, reject) => pending.set(id, { resolve, reject }))
      return { id, outcome }
    },
    settle(reply) {
      if (reply.id === null) return
      const waiting = pending.get(reply.id)
      if (waiting === undefined) return
      pending.delete(reply.id)
      waiting.resolve(reply.ok ? { ok: true } : { ok: false, error: reply.error, message: reply.message })
    },
    rejectAll(reason) {
      const waiting = [...pending.values()]
      pending.clear()
      for (const { reject } of waiting) reject(new FacilitationChannelError(reason))
    },
  }
}
