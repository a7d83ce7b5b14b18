/**
 * A minimal WebSocket client (RFC 6455) for the load process: binary
 * messages, no extensions, over a `net.Socket` read with `onread` into one
 * buffer shared by every connection. With thousands of simulated receivers
 * on one core, `ws`'s stream machinery cost more per frame than most servers
 * spend relaying it; this reader keeps the load process well below saturation,
 * so that latencies measure the server. Messages are handed over as views
 * valid only during the callback. It answers pings and close frames; it does
 * not reconnect. The stock `ws` client is used wherever fidelity matters more
 * than cost (cold load and the browser use real providers).
 */
import { createHash, randomBytes } from 'node:crypto'
import net from 'node:net'

export interface RawSocketHandlers {
  onOpen(): void
  /** `payload` is only valid during the call. */
  onMessage(payload: Uint8Array): void
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
/** One read buffer for every socket of the process: `onread` callbacks run one at a time. */
const sharedReadBuffer = Buffer.allocUnsafe(256 * 1024)

export function connectRawSocket(url: string, handlers: RawSocketHandlers, handshakeTimeoutMs: number): RawSocket {
  const target = new URL(url)
  if (target.protocol !== 'ws:') throw new RangeError(`only ws: URLs are supported, got ${url}`)
  const port = Number(target.port || 80)
  const key = randomBytes(16).toString('base64')
  const expectedAccept = createHash('sha1').update(key + websocketGuid).digest('base64')
  let state: 'handshake' | 'open' | 'closed' = 'handshake'
  let pending: Buffer | null = null
  let fragments: Buffer[] | null = null
  let closeCode = 1006
  let closeReason = ''

  const socket = net.connect({
    host: target.hostname,
    port,
    noDelay: true,
    onread: {
      buffer: sharedReadBuffer,
      callback: (bytes: number, buffer: Uint8Array) => {
        receive(Buffer.from(buffer.buffer, buffer.byteOffset, bytes))
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

  function receive(chunk: Buffer): void {
    let data = pending === null ? chunk : Buffer.concat([pending, chunk])
    pending = null
    if (state === 'handshake') {
      const end = data.indexOf('\r\n\r\n')
      if (end < 0) {
        pending = Buffer.from(data)
        return
      }
      const head = data.subarray(0, end).toString('latin1')
      if (!/^HTTP\/1\.1 101 /.test(head)) return fail(new Error(`handshake refused: ${head.split('\r\n')[0] ?? ''}`))
      const accept = /\r\nsec-websocket-accept:\s*(\S+)/i.exec(head)?.[1]
      if (accept !== expectedAccept) return fail(new Error('handshake answered with a wrong Sec-WebSocket-Accept'))
      clearTimeout(handshakeTimer)
      state = 'open'
      handlers.onOpen()
      data = data.subarray(end + 4)
    }
    let position = 0
    while (state === 'open') {
      const available = data.length - position
      if (available < 2) break
      const first = data[position] as number
      const second = data[position + 1] as number
      let length = second & 0x7f
      let headerBytes = 2
      if (length === 126) {
        if (available < 4) break
        length = data.readUInt16BE(position + 2)
        headerBytes = 4
      } else if (length === 127) {
        if (available < 10) break
        length = data.readUInt32BE(position + 2) * 2 ** 32 + data.readUInt32BE(position + 6)
        headerBytes = 10
      }
      // Servers never mask (RFC 6455 §5.1); a masked frame is a protocol error.
      if ((second & 0x80) !== 0) return fail(new Error('the server sent a masked frame'))
      if (available < headerBytes + length) break
      const payload = data.subarray(position + headerBytes, position + headerBytes + length)
      position += headerBytes + length
      handleFrame((first & 0x80) !== 0, first & 0x0f, payload)
    }
    if (state === 'open' && position < data.length) pending = Buffer.from(data.subarray(position))
  }

  function handleFrame(isFinal: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case Opcode.binary:
      case Opcode.text:
        if (isFinal) handlers.onMessage(payload)
        else fragments = [Buffer.from(payload)]
        return
      case Opcode.continuation:
        if (fragments === null) return fail(new Error('continuation frame without a first fragment'))
        fragments.push(Buffer.from(payload))
        if (isFinal) {
          const message = Buffer.concat(fragments)
          fragments = null
          handlers.onMessage(message)
        }
        return
      case Opcode.ping:
        writeFrame(Opcode.pong, payload)
        return
      case Opcode.pong:
        return
      case Opcode.close:
        closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005
        closeReason = payload.subarray(2).toString('utf8')
        writeFrame(Opcode.close, payload.subarray(0, 2))
        socket.end()
        return
      default:
        fail(new Error(`unknown opcode ${opcode}`))
    }
  }

  function writeFrame(opcode: number, payload: Uint8Array): void {
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
    // Client frames are masked (RFC 6455 §5.3); the key need not be secret here, only varied.
    const mask = (Math.random() * 0x100000000) >>> 0
    frame.writeUInt32BE(mask, headerBytes)
    const maskBytes = [mask >>> 24, (mask >>> 16) & 0xff, (mask >>> 8) & 0xff, mask & 0xff]
    const start = headerBytes + 4
    for (let i = 0; i < length; i++) frame[start + i] = (payload[i] as number) ^ (maskBytes[i & 3] as number)
    socket.write(frame)
  }

  return {
    get isOpen() {
      return state === 'open'
    },
    send(payload) {
      if (state === 'open') writeFrame(Opcode.binary, payload)
    },
    terminate() {
      clearTimeout(handshakeTimer)
      socket.destroy()
    },
  }
}
