import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { createWireCodec, FrameKind, readFrame } from '../load/wire'
import { createSyncClient } from './sync-client'

/**
 * A server that answers a client's sync step 1 as y-websocket 0.1.1 does
 * while it still loads the pad from its store: an empty step 2 at once, the
 * pad as an update `lateMs` later.
 */
async function serverStillLoading(pad: Y.Doc, lateMs: number): Promise<{ url: string; close: () => Promise<void> }> {
  const codec = createWireCodec('y-websocket', '')
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  server.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => {
      if (readFrame(data, 0).kind !== FrameKind.syncStep1) return
      socket.send(codec.syncStep2(Y.encodeStateAsUpdate(new Y.Doc())))
      setTimeout(() => socket.send(codec.update(Y.encodeStateAsUpdate(pad))), lateMs)
    })
  })
  const { port } = server.address() as AddressInfo
  return { url: `ws://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

describe('a storm client', () => {
  const closing: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of closing.splice(0)) await close()
  })

  it('is synced only once it holds the pad, not at a step 2 that lacks it', async () => {
    const pad = new Y.Doc()
    pad.getText('body').insert(0, 'la collecte du territoire')
    const lateMs = 150
    const server = await serverStillLoading(pad, lateMs)
    closing.push(server.close)
    const client = createSyncClient('y-websocket', { url: server.url, documentName: '' }, 'joiner')
    const timing = await client.connect(5000, new Map([[pad.clientID, Y.getState(pad.store, pad.clientID)]]))
    client.close()
    expect(timing.answerMs).toBeGreaterThanOrEqual(lateMs - 5)
    expect(timing.syncedMs).toBeGreaterThanOrEqual(timing.openingMs + timing.answerMs)
    expect(timing.syncedMs).toBeCloseTo(timing.openingMs + timing.answerMs + timing.applyMs, 5)
  })

  it('without a pad to hold, is synced at the first step 2', async () => {
    const server = await serverStillLoading(new Y.Doc(), 2000)
    closing.push(server.close)
    const client = createSyncClient('y-websocket', { url: server.url, documentName: '' }, 'joiner')
    const timing = await client.connect(5000)
    client.close()
    expect(timing.answerMs).toBeLessThan(1000)
  })
})
