/**
 * The page's end of the facilitation messages (README, *Facilitation*): it
 * asks for them with `facilitation=1` in the relay URL
 * (`facilitationParams`, given to the provider with the participant
 * secret), keeps every `facilitation` view (type 102) in a
 * `FacilitationStore`, and sends commands (`facilitate`, type 103), each
 * with an id, resolving it on its `facilitation-reply` (type 104).
 *
 * Reconnects need nothing more: the parameter stays in the provider's URL,
 * so every new socket gets the view on joining. A command is sent on the
 * open socket only; one given while the page is offline, or still waiting
 * for its reply when the socket closes, is rejected with a
 * `FacilitationChannelError` (the next view says whether it was applied).
 * It renders nothing and decides nothing: the server decides, the panels show.
 */
import type { WebsocketProvider } from 'y-websocket'
import { facilitationParam, type FacilitationCommand } from '../../shared/facilitation/facilitation-command'
import { encodeMessage, MessageType, readFacilitationPayload, readFacilitationReplyPayload } from '../../shared/protocol/messages'
import { createFacilitationStore, type FacilitationStore } from './facilitation-store'
import { createPendingCommands, FacilitationChannelError, type FacilitationOutcome } from './pending-commands'

/** The relay URL's parameters by which a page asks for the facilitation messages (beside `participant`). */
export const facilitationParams: Readonly<Record<string, string>> = { [facilitationParam]: '1' }

/** What the channel needs of the y-websocket provider (a fake one in tests). */
export interface FacilitationProvider {
  readonly messageHandlers: WebsocketProvider['messageHandlers']
  readonly wsconnected: boolean
  readonly ws: Pick<WebSocket, 'send' | 'readyState' | 'OPEN'> | null
  on(name: 'connection-close', listener: () => void): unknown
  off(name: 'connection-close', listener: () => void): void
}

export interface FacilitationChannel {
  readonly store: FacilitationStore
  /** Sends `command`; resolves with the server's reply, rejects with a `FacilitationChannelError` when none can come. */
  send(command: FacilitationCommand): Promise<FacilitationOutcome>
  /** Stops receiving and rejects what is pending; idempotent. */
  close(): void
}

export interface FacilitationChannelOptions {
  /** The page's clock, in ms since the epoch (`Date.now`). */
  pageNowMs(): number
}

export function createFacilitationChannel(provider: FacilitationProvider, options: FacilitationChannelOptions): FacilitationChannel {
  const store = createFacilitationStore(options.pageNowMs)
  const pending = createPendingCommands()
  let isClosed = false

  // Frames are read whole even once closed, so that the provider's decoder stays in step.
  provider.messageHandlers[MessageType.facilitation] = (_encoder, decoder) => {
    const view = readFacilitationPayload(decoder)
    if (!isClosed) store.receive(view, options.pageNowMs())
  }
  provider.messageHandlers[MessageType.facilitationReply] = (_encoder, decoder) => {
    const reply = readFacilitationReplyPayload(decoder)
    if (!isClosed) pending.settle(reply)
  }
  const onConnectionClose = (): void => {
    pending.rejectAll('disconnected')
    store.markOffline()
  }
  provider.on('connection-close', onConnectionClose)

  return {
    store,
    send(command) {
      if (isClosed) return Promise.reject(new FacilitationChannelError('closed'))
      const socket = provider.ws
      if (!provider.wsconnected || socket === null || socket.readyState !== socket.OPEN) {
        return Promise.reject(new FacilitationChannelError('offline'))
      }
      const { id, outcome } = pending.open()
      socket.send(encodeMessage({ type: 'facilitate', request: { id, command } }))
      return outcome
    },
    close() {
      if (isClosed) return
      isClosed = true
      provider.off('connection-close', onConnectionClose)
      pending.rejectAll('closed')
    },
  }
}
