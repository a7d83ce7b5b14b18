import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { ProtocolError } from '../../../shared/protocol/messages'
import { encodeAwarenessEntries, readAwarenessEntries } from './awareness-check'

/** An awareness update as y-protocols writes it, for one client with `state`. */
function stockUpdate(state: Record<string, unknown>): { update: Uint8Array; clientId: number } {
  const awareness = new Awareness(new Y.Doc())
  awareness.setLocalState(state)
  const update = encodeAwarenessUpdate(awareness, [awareness.clientID])
  const clientId = awareness.clientID
  awareness.destroy()
  return { update, clientId }
}

/** One entry whose state is the given raw bytes, which need not be UTF-8. */
function rawEntryUpdate(clientId: number, clock: number, state: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, clientId)
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarUint8Array(encoder, state)
  return encoding.toUint8Array(encoder)
}

describe('awareness entries', () => {
  it('writes back exactly the bytes the stock provider sent, accents and emoji included', () => {
    const { update, clientId } = stockUpdate({ user: { name: 'Chloé 🎨', color: '#b3261e' }, cursor: null })
    const entries = readAwarenessEntries(update)
    expect(entries.map((entry) => entry.clientId)).toEqual([clientId])
    expect(encodeAwarenessEntries(entries)).toEqual(update)
  })

  it('refuses a state that is not UTF-8, even when the replacement characters would make it JSON', () => {
    // '"' 0xff '"': a lenient decoder reads it as the JSON string "\uFFFD", and the relayed presence would differ from what was sent.
    const update = rawEntryUpdate(1, 1, new Uint8Array([0x22, 0xff, 0x22]))
    expect(() => readAwarenessEntries(update)).toThrow(ProtocolError)
  })

  it('refuses a state that is not JSON', () => {
    expect(() => readAwarenessEntries(rawEntryUpdate(1, 1, new TextEncoder().encode('{name: Awa}')))).toThrow(ProtocolError)
  })

  it('marks a null state as a removal', () => {
    const [entry] = readAwarenessEntries(rawEntryUpdate(5, 2, new TextEncoder().encode('null')))
    expect(entry).toMatchObject({ clientId: 5, clock: 2, isRemoval: true })
  })
})
