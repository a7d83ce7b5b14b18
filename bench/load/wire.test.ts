import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { createWireCodec, FrameKind, readAwarenessHead, readFrame, readPayload } from './wire'

/** A server's awareness frame as y-protocols writes it: type 1, then the update as a varUint8Array. */
function awarenessFrame(awareness: Awareness, clients: number[], prefix: Uint8Array = new Uint8Array(0)): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeUint8Array(encoder, prefix)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}

describe('readAwarenessHead', () => {
  it('reads how many entries a presence frame holds and whose the first is', () => {
    const others = [new Awareness(new Y.Doc()), new Awareness(new Y.Doc())]
    // What a server holds: every client's presence applied to its own Awareness.
    const room = new Awareness(new Y.Doc())
    for (const other of others) {
      // Long enough that the payload's length takes two bytes.
      other.setLocalState({ user: { name: 'x'.repeat(300) } })
      applyAwarenessUpdate(room, encodeAwarenessUpdate(other, [other.clientID]), 'peer')
    }
    const [first, second] = others.map((other) => other.clientID) as [number, number]
    const one = awarenessFrame(room, [second])
    expect(readAwarenessHead(one, readFrame(one, 0).offset)).toEqual({ count: 1, firstClientId: second })
    const both = awarenessFrame(room, [first, second], new Uint8Array([4, 0x62, 0x65, 0x6e, 0x63]))
    expect(readAwarenessHead(both, readFrame(both, 5).offset)).toEqual({ count: 2, firstClientId: first })
  })
})

describe('readFrame', () => {
  it('finds a frame inside a larger buffer, past the Hocuspocus document name', () => {
    const codec = createWireCodec('hocuspocus', 'bench-pad')
    const update = codec.update(new Uint8Array([1, 2, 3]))
    const buffer = new Uint8Array(7 + update.length)
    buffer.set(update, 7)
    const info = readFrame(buffer, codec.headerBytes, 7)
    expect(info.kind).toBe(FrameKind.update)
    expect([...readPayload(buffer, info.offset)]).toEqual([1, 2, 3])
  })

  it('opens a Hocuspocus connection as a 4.x provider does: empty token, then its version', () => {
    const [auth] = createWireCodec('hocuspocus', 'p').opening()
    // "p", auth (2), token (0), "" , "4.7.0"
    expect([...(auth as Uint8Array)]).toEqual([1, 0x70, 2, 0, 0, 5, ...Buffer.from('4.7.0')])
  })
})
