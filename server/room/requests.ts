/**
 * Requests to a room from outside its connections (the API: a version of the
 * pad now, a restore), queued in its inbox like its messages so that each
 * sees the writes received before it stored, and answered by a promise. A
 * request is refused at once while the room closes, and rejected if the
 * room fails before its turn (the inbox is then dropped). A request's own
 * refusal rejects it alone; a `RoomFailure` also fails the room (its doc
 * may differ from the store). It does not know what a request does
 * (history.ts).
 */
import type { RoomInbox } from './inbox'

/** The room cannot take requests now (it is closing or failed, or this instance holds too many pads): try again. */
export class RoomUnavailableError extends Error {
  override readonly name = 'RoomUnavailableError'
}

/** What a request met after it changed the room's doc: the room fails with `cause`, the request is rejected with it. */
export class RoomFailure extends Error {
  override readonly name = 'RoomFailure'
  constructor(override readonly cause: unknown) {
    super('the room failed while handling a request', { cause })
  }
}

export interface RoomRequests {
  /** Runs `work` in the inbox, in turn; resolves with what it returns. */
  request<T>(work: () => Promise<T>): Promise<T>
  /** The inbox was dropped: every request still waiting is rejected. */
  rejectWaiting(): void
}

export function createRoomRequests(deps: { inbox: () => RoomInbox; isClosing: () => boolean }): RoomRequests {
  const waiting = new Set<(error: Error) => void>()
  return {
    request<T>(work: () => Promise<T>): Promise<T> {
      if (deps.isClosing()) return Promise.reject(new RoomUnavailableError('the pad is being unloaded here; try again'))
      return new Promise<T>((resolve, reject) => {
        waiting.add(reject)
        deps.inbox().push({
          kind: 'task',
          run: async () => {
            if (!waiting.delete(reject)) return
            try {
              resolve(await work())
            } catch (error) {
              if (!(error instanceof RoomFailure)) return reject(error)
              reject(error.cause)
              throw error.cause
            }
          },
        })
      })
    },
    rejectWaiting() {
      for (const reject of waiting) reject(new RoomUnavailableError('the pad was reloaded on the server; try again'))
      waiting.clear()
    },
  }
}
