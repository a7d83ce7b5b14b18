/**
 * Receives the pad's settings from the relay: right after its sync step 1 the
 * server sends each connection a `settings` message (`shared/protocol/messages.ts`,
 * type 101: a JSON `PadState`) and pushes a new one whenever the facilitator
 * changes something, so every page follows the title, event, license, lock
 * and expiry live. The message is one-way: nothing is written back. A message
 * that is not a settings object throws (the server and the page disagree);
 * the provider and the connection carry on.
 */
import type { WebsocketProvider } from 'y-websocket'
import type { PadState } from '../../shared/protocol/api'
import { MessageType, readSettingsPayload } from '../../shared/protocol/messages'

/** Calls `onState` with each settings message the provider receives; returns the function that stops it. */
export function followPadState(
  provider: Pick<WebsocketProvider, 'messageHandlers'>,
  onState: (state: PadState) => void,
): () => void {
  let isFollowing = true
  provider.messageHandlers[MessageType.settings] = (_encoder, decoder) => {
    // Read even when no longer following, so the frame is consumed whole.
    const state = readSettingsPayload(decoder)
    if (isFollowing) onState(state)
  }
  return () => {
    isFollowing = false
  }
}
