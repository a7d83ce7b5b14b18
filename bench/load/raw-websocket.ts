/**
 * A minimal WebSocket client (RFC 6455) for the load process: binary
 * messages, no extensions, over a `net.Socket` read with `onread` into one
 * buffer shared by every connection. With thousands of simulated receivers
 * on one core, `ws`'s stream machinery cost more per frame than most servers
 * spend relaying it; this reader keeps the load process well below saturation,
 * so that latencies measure the server. Each message is handed over as a
 * range of a buffer (no copy, no view allocated), valid only during the
 * callback; a frame split across reads is gathered in a per-socket buffer
 * that grows once, not copied again on every read, and a handler that needs
 * only the head of a long message (a presence frame of thousands of entries)
 * may have its rest dropped as it arrives, never copied. Client frames are masked
 * with the all-zero key: RFC 6455 §5.3 asks for an unpredictable key to keep
 * browsers from being turned against proxies, which is no concern on
 * loopback, and servers unmask every frame the same way whatever the key, so
 * their work is unchanged while this process only copies the payload. It
 * answers pings and close frames; it does not reconnect. The stock `ws`
 * client is used wherever fidelity matters more than cost (cold load and the
 * browser use real providers).
 */
import { createHash, randomBytes } from 'node:crypto'
import net from 'node:net'

export interface RawSocketHandlers {
  onOpen(): void
  /** The message is `data[start, end)`, only valid during the call. */
  onMessage(data: Buffer, start: number, end: number): void
  /**
   * Called when only the head of a message has arrived (`data[start, end)`,
   * at least `messageHeadBytes`, of `length` bytes in all): returning true
   * takes the message as handled and drops the rest of it unread. Without
   * this handler, or when it returns false, the message is gathered whole.
   */
  onMessageHead?(data: Buffer, start: number, end: number, length: number): boolean
  onClose(code: number, reason: string): void
  onError(error: Error): void
}

export interface RawSocket {
  readonly isOpen: boolean
  send(payload: Uint8Array): void
  /** Drops the connection without a closing handshake. */
  terminate(): void
}

const websocketGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const
/** How much of a message's head `onMessageHead` is shown at least. */
export const messageHeadBytes = 64
/** One read buffer for every socket of the process: `onread` callbacks run one at a time. */
const sharedReadBuffer = Buffer.allocUnsafe(256 * 1024)

/** A client frame (FIN, `opcode`, masked with the zero key) carrying `payload`. */
export function encodeClientFrame(opcode: number, payload: Uint8Array): Buffer {
  const length = payload.length
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10
  const frame = Buffer.allocUnsafe(headerBytes + 4 + length)
  frame[0] = 0x80 | opcode
  if (length < 126) {
    frame[1] = 0x80 | length
  } else if (length < 65_536) {
    frame[1] = 0x80 | 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 0x80 | 127
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2)
    frame.writeUInt32BE(length >>> 0, 6)
  }
  // The zero masking key: XOR with it leaves the payload as it is (see the file's comment).
  frame.writeUInt32BE(0, headerBytes)
  frame.set(payload, headerBytes + 4)
  return frame
}

/** Bytes of a frame's header before its payload (the 7-bit length says which of the three forms it is). */
export function frameHeaderBytes(data: Uint8Array, position: number): number {
  const length = (data[position + 1] as number) & 0x7f
  return length === 126 ? 4 : length === 127 ? 10 : 2
}

/** The payload length of the frame at `data[position]`, whose header must be there. */
export function readPayloadLength(data: Uint8Array, position: number): number {
  const headerBytes = frameHeaderBytes(data, position)
  if (headerBytes === 2) return (data[position + 1] as number) & 0x7f
  if (headerBytes === 4) return ((data[position + 2] as number) << 8) | (data[position + 3] as number)
  let length = 0
  for (let i = 2; i < 10; i++) length = length * 256 + (data[position + i] as number)
  return length
}

/** Where the frame starting at `data[position]` ends, or -1 when `data[position, end)` does not hold all of it yet. */
export function findFrameEnd(data: Uint8Array, position: number, end: number): number {
  const available = end - position
  if (available < 2) return -1
  const headerBytes = frameHeaderBytes(data, position)
  if (available < headerBytes) return -1
  const length = readPayloadLength(data, position)
  return available < headerBytes + length ? -1 : position + headerBytes + length
}

export function connectRawSocket(url: string, handlers: RawSocketHandlers, handshakeTimeoutMs: number): RawSocket {
  const target = new URL(url)
  if (target.protocol !== 'ws:') throw new RangeError(`only ws: URLs are supported, got ${url}`)
  const port = Number(target.port || 80)
  const key = randomBytes(16).toString('base64')
  const expectedAccept = createHash('sha1').update(key + websocketGuid).digest('base64')
  let state: 'handshake' | 'open' | 'closed' = 'handshake'
  /** Bytes of an incomplete frame (or handshake) kept from earlier reads: carry[0, carried). */
  let carry: Buffer | null = null
  let carried = 0
  /** Bytes still to come of a message its handler took from its head alone. */
  let skipping = 0
  let fragments: Buffer[] | null = null
  let closeCode = 1006
  let closeReason = ''

  const socket = net.connect({
    host: target.hostname,
    port,
    noDelay: true,
    onread: {
      buffer: sharedReadBuffer,
      callback: (bytes: number) => {
        receive(sharedReadBuffer, bytes)
        return true
      },
    },
  })
  const handshakeTimer = setTimeout(() => fail(new Error(`no WebSocket handshake after ${handshakeTimeoutMs} ms`)), handshakeTimeoutMs)
  socket.on('connect', () => {
    socket.write(
      `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    )
  })
  socket.on('error', (error) => fail(error))
  socket.on('close', () => {
    clearTimeout(handshakeTimer)
    if (state === 'closed') return
    state = 'closed'
    handlers.onClose(closeCode, closeReason)
  })

  function fail(error: Error): void {
    if (state === 'closed') return
    handlers.onError(error)
    socket.destroy()
  }

  /** Keeps `data[from, end)` for the next read, after what is already carried. */
  function keep(data: Buffer, from: number, end: number): void {
    const needed = carried + (end - from)
    if (carry === null || carry.length < needed) {
      const grown = Buffer.allocUnsafe(Math.max(needed, 2 * (carry?.length ?? 0), 4096))
      if (carry !== null) carry.copy(grown, 0, 0, carried)
      carry = grown
    }
    data.copy(carry, carried, from, end)
    carried = needed
  }

  function receive(chunk: Buffer, bytes: number): void {
    let position = 0
    if (skipping > 0) {
      position = Math.min(skipping, bytes)
      skipping -= position
      if (position === bytes) return
    }
    let data = chunk
    let end = bytes
    if (carried > 0) {
      keep(chunk, position, bytes)
      data = carry as Buffer
      position = 0
      end = carried
      carried = 0
    }
    if (state === 'handshake') {
      const headEnd = data.subarray(0, end).indexOf('\r\n\r\n', position)
      if (headEnd < 0) return keep(data, position, end)
      const head = data.subarray(position, headEnd).toString('latin1')
      if (!/^HTTP\/1\.1 101 /.test(head)) return fail(new Error(`handshake refused: ${head.split('\r\n')[0] ?? ''}`))
      const accept = /\r\nsec-websocket-accept:\s*(\S+)/i.exec(head)?.[1]
      if (accept !== expectedAccept) return fail(new Error('handshake answered with a wrong Sec-WebSocket-Accept'))
      clearTimeout(handshakeTimer)
      state = 'open'
      handlers.onOpen()
      position = headEnd + 4
    }
    while (state === 'open' && position < end) {
      // Servers never mask (RFC 6455 §5.1); a masked frame is a protocol error.
      if (end - position >= 2 && ((data[position + 1] as number) & 0x80) !== 0) return fail(new Error('the server sent a masked frame'))
      const frameEnd = findFrameEnd(data, position, end)
      if (frameEnd < 0) {
        if (isSkippingRest(data, position, end)) return
        break
      }
      const first = data[position] as number
      const payloadStart = position + frameHeaderBytes(data, position)
      position = frameEnd
      handleFrame((first & 0x80) !== 0, first & 0x0f, data, payloadStart, frameEnd)
    }
    if (state !== 'open' || position >= end) return
    if (data === carry) {
      carry.copyWithin(0, position, end)
      carried = end - position
    } else {
      keep(data, position, end)
    }
  }

  /** Whether the incomplete message at `data[position, end)` was handled from its head, its rest to be skipped. */
  function isSkippingRest(data: Buffer, position: number, end: number): boolean {
    if (handlers.onMessageHead === undefined || end - position < 2) return false
    const first = data[position] as number
    const payloadStart = position + frameHeaderBytes(data, position)
    const isWholeBinary = (first & 0x80) !== 0 && (first & 0x0f) === Opcode.binary
    if (!isWholeBinary || end - payloadStart < messageHeadBytes) return false
    const length = readPayloadLength(data, position)
    if (!handlers.onMessageHead(data, payloadStart, end, length)) return false
    skipping = length - (end - payloadStart)
    return true
  }

  function handleFrame(isFinal: boolean, opcode: number, data: Buffer, start: number, end: number): void {
    switch (opcode) {
      case Opcode.binary:
      case Opcode.text:
        if (isFinal) handlers.onMessage(data, start, end)
        else fragments = [Buffer.from(data.subarray(start, end))]
        return
      case Opcode.continuation: {
        if (fragments === null) return fail(new Error('continuation frame without a first fragment'))
        fragments.push(Buffer.from(data.subarray(start, end)))
        if (!isFinal) return
        const message = Buffer.concat(fragments)
        fragments = null
        handlers.onMessage(message, 0, message.length)
        return
      }
      case Opcode.ping:
        socket.write(encodeClientFrame(Opcode.pong, data.subarray(start, end)))
        return
      case Opcode.pong:
        return
      case Opcode.close:
        closeCode = end - start >= 2 ? data.readUInt16BE(start) : 1005
        closeReason = data.subarray(start + 2, end).toString('utf8')
        socket.write(encodeClientFrame(Opcode.close, data.subarray(start, Math.min(end, start + 2))))
        socket.end()
        return
      default:
        fail(new Error(`unknown opcode ${opcode}`))
    }
  }

  return {
    get isOpen() {
      return state === 'open'
    },
    send(payload) {
      if (state === 'open') socket.write(encodeClientFrame(Opcode.binary, payload))
    },
    terminate() {
      clearTimeout(handshakeTimer)
      socket.destroy()
    },
  }
}
