/**
 * WebSocket frames built once for many sockets. A relay sends the same
 * update to every peer of a pad; ws would build a header for it per socket
 * and write header and payload as two chunks each time. Here the whole frame
 * (RFC 6455 §5.2: final, binary, unmasked as a server's frames are) is built
 * once per payload and the same bytes are written to every socket.
 */

const finalBinaryFrame = 0x82

/** The bytes of one final, unmasked binary frame carrying `payload`. */
export function encodeBinaryFrame(payload: Uint8Array): Buffer {
  const length = payload.length
  const headerLength = length < 126 ? 2 : length < 0x10000 ? 4 : 10
  const frame = Buffer.allocUnsafe(headerLength + length)
  frame[0] = finalBinaryFrame
  if (length < 126) {
    frame[1] = length
  } else if (length < 0x10000) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeBigUInt64BE(BigInt(length), 2)
  }
  frame.set(payload, headerLength)
  return frame
}

/** Frames each payload once, however many sockets it is sent to, for as long as the payload is alive. */
export function createFrameCache(): (payload: Uint8Array) => Buffer {
  const framed = new WeakMap<Uint8Array, Buffer>()
  return (payload) => {
    let frame = framed.get(payload)
    if (frame === undefined) {
      frame = encodeBinaryFrame(payload)
      framed.set(payload, frame)
    }
    return frame
  }
}
