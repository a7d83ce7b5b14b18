/**
 * A simulated participant's presence (a y-protocols awareness update with
 * one entry) shaped like y-prosemirror's: the user's name and colour and a
 * cursor of two relative positions. Every client of a big room sends one a
 * second; the parts that never change are written once per client, and each
 * move only fills in the clock and the cursor. It does not send anything.
 *
 *   awareness update = 1:varUint clientId:varUint clock:varUint state:varString (JSON)
 */
import * as encoding from 'lib0/encoding'

export interface PresenceUser {
  name: string
  color: string
}

/** The JSON state y-prosemirror's cursor plugin sets, for a cursor at `cursor` (what JSON.stringify writes). */
export function presenceState(clientId: number, user: PresenceUser, cursor: number): string {
  return createStateTemplate(clientId, user)(cursor)
}

function createStateTemplate(clientId: number, user: PresenceUser): (cursor: number) => string {
  // Y.relativePositionToJSON of an item position, for both ends of the selection.
  const before = `{"type":null,"tname":null,"item":{"client":${clientId},"clock":`
  const after = '},"assoc":0}'
  const opening = `{"user":${JSON.stringify(user)},"cursor":{"anchor":${before}`
  const middle = `${after},"head":${before}`
  const closing = `${after}}}`
  return (cursor) => `${opening}${cursor}${middle}${cursor}${closing}`
}

/** Encodes a client's presence update for `clock` (which must grow with each one) and `cursor`. */
export function createPresenceEncoder(clientId: number, user: PresenceUser): (clock: number, cursor: number) => Uint8Array {
  const stateOf = createStateTemplate(clientId, user)
  return (clock, cursor) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, stateOf(cursor))
    return encoding.toUint8Array(encoder)
  }
}
