import { describe, expect, it } from 'vitest'
import { encodeClientFrame, findFrameEnd, frameHeaderBytes, readPayloadLength } from './raw-websocket'

describe('WebSocket frame helpers', () => {
  it('encodes client frames with the zero masking key, in each of the three length forms', () => {
    for (const length of [5, 125, 126, 65_535, 65_536]) {
      const payload = Buffer.alloc(length, 7)
      const frame = encodeClientFrame(0x2, payload)
      expect(frame[0]).toBe(0x82)
      expect((frame[1] as number) & 0x80).toBe(0x80)
      const headerBytes = frameHeaderBytes(frame, 0)
      expect(headerBytes).toBe(length < 126 ? 2 : length < 65_536 ? 4 : 10)
      expect(readPayloadLength(frame, 0)).toBe(length)
      expect(frame.readUInt32BE(headerBytes)).toBe(0)
      expect(frame.subarray(headerBytes + 4).equals(payload)).toBe(true)
    }
  })

  it('says where a server frame ends, or that it has not all arrived', () => {
    // Server frames are not masked: strip the client's mask bit and key to make some.
    const serverFrame = (length: number): Buffer => {
      const frame = encodeClientFrame(0x2, Buffer.alloc(length, 1))
      const headerBytes = frameHeaderBytes(frame, 0)
      frame[1] = (frame[1] as number) & 0x7f
      return Buffer.concat([frame.subarray(0, headerBytes), frame.subarray(headerBytes + 4)])
    }
    const small = serverFrame(10)
    const large = serverFrame(70_000)
    const both = Buffer.concat([Buffer.from([9, 9]), small, large])
    expect(findFrameEnd(both, 2, both.length)).toBe(2 + 12)
    expect(findFrameEnd(both, 14, both.length)).toBe(both.length)
    expect(findFrameEnd(both, 14, both.length - 1)).toBe(-1)
    expect(findFrameEnd(both, 14, 14 + 5)).toBe(-1)
    expect(findFrameEnd(both, 2, 3)).toBe(-1)
  })
})
