/**
 * A typist's keystrokes as the Yjs update (v1) a Y.Doc would emit for them,
 * written without a Y.Doc: each is text appended to the end of the typist's
 * own paragraph, an item whose left origin is the last character the typist
 * wrote and which has nothing to its right. In big rooms hundreds of typists
 * each ran a Yjs transaction per keystroke (state vectors, observers, update
 * encoding) in the load process; these bytes are the same update at a tiny
 * fraction of the cost (typed-update.test.ts compares them with Yjs's own).
 * It covers ASCII text only (one UTF-16 unit, one clock tick and one byte per
 * character), which is all the load clients type. It does not start the
 * paragraph: the first insertion into it comes from a real Y.Doc.
 *
 *   update = 1:varUint (one client) 1:varUint (one struct) client:varUint clock:varUint
 *            info:uint8 (0x84: a string item with a left origin)
 *            originClient:varUint originClock:varUint text:varString
 *            0:varUint (an empty delete set)
 */
import * as encoding from 'lib0/encoding'

/** ContentString's ref (yjs structs/ContentString.js) with the "has a left origin" bit (yjs structs/Item.js). */
const stringItemWithOrigin = 0x04 | 0x80

/** Where the typist's next append goes: its client id and the clock its next character gets. */
export interface TypingPosition {
  client: number
  nextClock: number
}

/** The update that appends `text` after the character at `nextClock - 1`, and the position after it. */
export function encodeAppend(position: TypingPosition, text: string): { update: Uint8Array; next: TypingPosition } {
  if (position.nextClock < 1) throw new RangeError(`an append needs a character before it; nextClock is ${position.nextClock}`)
  if (!/^[\x20-\x7e]*$/.test(text)) throw new RangeError(`only printable ASCII is encoded here, got ${JSON.stringify(text)}`)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, position.client)
  encoding.writeVarUint(encoder, position.nextClock)
  encoding.writeUint8(encoder, stringItemWithOrigin)
  encoding.writeVarUint(encoder, position.client)
  encoding.writeVarUint(encoder, position.nextClock - 1)
  encoding.writeVarString(encoder, text)
  encoding.writeVarUint(encoder, 0)
  return { update: encoding.toUint8Array(encoder), next: { client: position.client, nextClock: position.nextClock + text.length } }
}
