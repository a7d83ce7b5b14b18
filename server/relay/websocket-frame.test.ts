import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { afterEach, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { createFrameCache, encodeBinaryFrame } from './websocket-frame'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** A server that writes `frames` straight to the raw socket of each upgraded connection, as the relay does. */
async function serveRawFrames(frames: Buffer[]): Promise<string> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
  const server = http.createServer()
  server.on('upgrade', (request, socket: Duplex, head) => {
    wss.handleUpgrade(request, socket, head, () => {
      for (const frame of frames) socket.write(frame)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(async () => {
    for (const client of wss.clients) client.terminate()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
}

it('builds frames a real WebSocket client reads back byte for byte, for every length encoding', async () => {
  // 7-bit, 16-bit and 64-bit lengths, at their edges.
  const payloads = [0, 1, 125, 126, 65_535, 65_536, 200_000].map((length) => Uint8Array.from({ length }, (_, index) => (index * 7 + length) % 256))
  const url = await serveRawFrames(payloads.map(encodeBinaryFrame))
  const client = new WebSocket(url)
  const received: Buffer[] = []
  await new Promise<void>((resolve, reject) => {
    client.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) reject(new Error('a text frame'))
      received.push(data)
      if (received.length === payloads.length) resolve()
    })
    client.on('error', reject)
  })
  client.close()
  expect(received.map((data) => data.length)).toEqual(payloads.map((payload) => payload.length))
  received.forEach((data, index) => expect(new Uint8Array(data)).toEqual(payloads[index]))
})

it('frames a payload once however many sockets it goes to', () => {
  const frameOf = createFrameCache()
  const payload = Uint8Array.of(0, 2, 1, 9)
  const first = frameOf(payload)
  expect(frameOf(payload)).toBe(first)
  expect([...first]).toEqual([0x82, 4, 0, 2, 1, 9])
  // Another payload with the same bytes is another frame.
  expect(frameOf(Uint8Array.of(0, 2, 1, 9))).not.toBe(first)
})
