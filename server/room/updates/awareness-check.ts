/**
 * Reads and writes awareness updates (y-protocols/awareness) entry by entry,
 * so that the room can check an untrusted peer's presence before applying it:
 * every entry must be well formed with a JSON state, and the room decides
 * which entries the peer may set (nobody may rename or move someone else's
 * cursor). Format:
 *
 *   update = count:varUint { clientId:varUint clock:varUint state:varString(JSON) }
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { CloseCode } from '../../../shared/protocol/close-codes'
import { ProtocolError } from '../../../shared/protocol/messages'

export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state as the peer wrote it (checked to be JSON), relayed as it is: nobody re-encodes it. */
  json: string
  /** The state is `null`: the entry removes that client's presence. */
  isRemoval: boolean
}

export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const entries: AwarenessEntry[] = []
  try {
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      const state: unknown = JSON.parse(json)
      entries.push({ clientId, clock, json, isRemoval: state === null })
    }
  } catch {
    throw new ProtocolError('malformed awareness update', CloseCode.invalidPayload)
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes in awareness update', CloseCode.invalidPayload)
  return entries
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, json)
  }
  return encoding.toUint8Array(encoder)
}
