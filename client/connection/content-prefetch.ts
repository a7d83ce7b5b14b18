/**
 * Fetches a pad's whole content over a short connection of its own to the
 * relay, opened by the page's entry script (`client/pad/boot.ts`) while the page's
 * code is still loading: a long workshop's pad weighs a megabyte, and its
 * transfer then overlaps the download and parsing of that code instead of
 * following them. It speaks the relay's protocol as a reader does: one sync
 * step 1 with an empty state vector, which the server answers with a sync
 * step 2 holding everything; it writes nothing, ignores the rest (the
 * server's own step 1, settings, presence) and closes once it has the answer.
 * The page's real connection (`connection.ts`) starts from that content and
 * asks only for what is newer. It does not retry: on any failure (refused,
 * closed, a frame it cannot read, too slow) the answer is null and the real
 * connection fetches everything itself.
 *
 * It presents the participant's secret as the page's connection does: the
 * relay refuses an edit or admin connection without one (4426, see
 * server/relay/connection.ts), and a refused prefetch silently costs the
 * page the whole overlap.
 */
import { decodeMessage, encodeMessage } from '../../shared/protocol/messages'
import { participantSecretParam } from '../../shared/protocol/participant-id'

/** A Yjs state vector that knows no client (a varUint count of 0): asking with it gets everything. */
const emptyStateVector = new Uint8Array([0])

/** What is used of a browser WebSocket: a seam for tests (Node 20 has no WebSocket). */
export type PrefetchSocket = Pick<WebSocket, 'binaryType' | 'readyState' | 'onopen' | 'onmessage' | 'onclose' | 'onerror' | 'send' | 'close'>

export interface PrefetchOptions {
  /** WebSocket URL of the relay without the pad key, e.g. `wss://pad.example/ws`, as `connection.ts` takes it. */
  serverUrl: string
  padKey: string
  /** This browser's participant secret (client/people/participant-secret.ts): writing links are refused without it. */
  participantSecret: string
  /** Gives up after this long: a socket that hangs must not keep the page from opening. */
  timeoutMs: number
  openSocket?: (url: string) => PrefetchSocket
}

/** The pad's content as one Yjs update, or null when it could not be had. */
export function prefetchPadContent(options: PrefetchOptions): Promise<Uint8Array | null> {
  const openSocket = options.openSocket ?? ((url: string): PrefetchSocket => new WebSocket(url))
  return new Promise((resolve) => {
    let socket: PrefetchSocket
    try {
      // The URL y-websocket builds for the same key (serverUrl + '/' + room name + '?' + params).
      const query = new URLSearchParams({ [participantSecretParam]: options.participantSecret })
      socket = openSocket(`${options.serverUrl}/${options.padKey}?${query.toString()}`)
    } catch {
      // A URL the browser refuses: the real connection will meet (and report) the same.
      resolve(null)
      return
    }
    let isDone = false
    const finish = (content: Uint8Array | null): void => {
      if (isDone) return
      isDone = true
      clearTimeout(timer)
      socket.onopen = null
      socket.onmessage = null
      socket.onclose = null
      socket.onerror = null
      // 0 CONNECTING, 1 OPEN: a socket that is not closing yet is closed now, normally.
      if (socket.readyState <= 1) socket.close(1000)
      resolve(content)
    }
    const timer = setTimeout(() => finish(null), options.timeoutMs)
    socket.binaryType = 'arraybuffer'
    socket.onopen = () => socket.send(encodeMessage({ type: 'sync-step-1', stateVector: emptyStateVector }))
    socket.onmessage = (event) => {
      if (!(event.data instanceof ArrayBuffer)) return finish(null)
      let message: ReturnType<typeof decodeMessage>
      try {
        message = decodeMessage(new Uint8Array(event.data))
      } catch {
        // Not ours to judge here: the real connection reads the same frames and closes on a bad one.
        return finish(null)
      }
      if (message.type === 'sync-step-2') finish(message.update)
    }
    socket.onclose = () => finish(null)
    socket.onerror = () => finish(null)
  })
}
