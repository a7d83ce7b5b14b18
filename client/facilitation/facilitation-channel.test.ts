/**
 * The channel against a fake provider: views from type-102 frames into the
 * store with the clock offset, commands out as type-103 frames with ids,
 * each settled by its type-104 reply, and nothing left hanging when the
 * socket closes, is not open, or the channel is closed.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import type { FacilitationReply, FacilitationView } from '../../shared/facilitation/facilitation-view'
import { decodeMessage, encodeMessage, MessageType } from '../../shared/protocol/messages'
import { createFacilitationChannel, facilitationParams, type FacilitationProvider } from './facilitation-channel'
import { FacilitationChannelError } from './pending-commands'

const participantId = 'AAAAAAAAAAAAAAAAAAAAAA'

function view(revision: number, nowMs: number): FacilitationView {
  return {
    revision,
    nowMs,
    round: {
      id: 'r1',
      startedAtMs: nowMs,
      turnMs: 120_000,
      current: { speaker: { participantId }, startedAtMs: nowMs, timer: { allowedMs: 120_000, elapsedBeforeMs: 0, runningSinceMs: nowMs } },
      queue: [{ name: 'Binta' }],
      turns: [],
    },
    vote: null,
    closedVotes: [],
  }
}

/** A provider with an open socket that records what is sent, and a way to deliver frames and close the socket. */
function createFakeProvider() {
  const sent: Uint8Array[] = []
  const closeListeners = new Set<() => void>()
  const provider: { -readonly [K in keyof FacilitationProvider]: FacilitationProvider[K] } = {
    messageHandlers: [] as WebsocketProvider['messageHandlers'],
    wsconnected: true,
    ws: { send: (data: Uint8Array) => sent.push(data), readyState: 1, OPEN: 1 } as FacilitationProvider['ws'],
    on: (_name: 'connection-close', listener: () => void) => closeListeners.add(listener),
    off: (_name: 'connection-close', listener: () => void) => {
      closeListeners.delete(listener)
    },
  }
  return {
    provider,
    sent,
    /** Feeds a frame to its handler as y-websocket does (type first); returns what the handler wrote back. */
    deliver(frame: Uint8Array): number {
      const decoder = decoding.createDecoder(frame)
      const type = decoding.readVarUint(decoder)
      const handler = provider.messageHandlers[type]
      if (handler === undefined) throw new Error(`no handler for ${type}`)
      const encoder = encoding.createEncoder()
      handler(encoder, decoder, {} as WebsocketProvider, true, type)
      expect(decoding.hasContent(decoder)).toBe(false)
      return encoding.length(encoder)
    },
    closeSocket() {
      provider.wsconnected = false
      provider.ws = null
      for (const listener of [...closeListeners]) listener()
    },
    reopenSocket() {
      provider.wsconnected = true
      provider.ws = { send: (data: Uint8Array) => sent.push(data), readyState: 1, OPEN: 1 } as FacilitationProvider['ws']
    },
  }
}

function reply(value: FacilitationReply): Uint8Array {
  return encodeMessage({ type: 'facilitation-reply', reply: value })
}

function sentCommand(frame: Uint8Array | undefined) {
  if (frame === undefined) throw new Error('nothing sent')
  const message = decodeMessage(frame)
  if (message.type !== 'facilitate') throw new Error(`sent a ${message.type}`)
  return message.request
}

describe('facilitationParams', () => {
  it('asks the relay for the facilitation messages', () => {
    expect(facilitationParams).toEqual({ facilitation: '1' })
  })
})

describe('createFacilitationChannel', () => {
  it('keeps each view with the offset of the server clock, and writes nothing back', () => {
    const fake = createFakeProvider()
    let pageNow = 1_000_000
    const channel = createFacilitationChannel(fake.provider, { pageNowMs: () => pageNow })
    const seen: number[] = []
    channel.store.onChange((snapshot) => seen.push(snapshot.view?.revision ?? -1))
    expect(fake.deliver(encodeMessage({ type: 'facilitation', view: view(3, 1_005_000) }))).toBe(0)
    expect(channel.store.current).toMatchObject({ clockOffsetMs: 5_000, isLive: true })
    expect(channel.store.current.view?.round?.queue).toEqual([{ name: 'Binta' }])
    pageNow += 2_000
    expect(channel.store.serverNowMs()).toBe(1_007_000)
    expect(seen).toEqual([3])
    expect(MessageType.facilitation).toBe(102)
  })

  it('sends each command with a fresh id and resolves it on its own reply, in any order', async () => {
    const fake = createFakeProvider()
    const channel = createFacilitationChannel(fake.provider, { pageNowMs: () => 0 })
    const next = channel.send({ action: 'round-next' })
    const extend = channel.send({ action: 'round-extend', ms: 60_000 })
    const [first, second] = [sentCommand(fake.sent[0]), sentCommand(fake.sent[1])]
    expect(first.command).toEqual({ action: 'round-next' })
    expect(second.command).toEqual({ action: 'round-extend', ms: 60_000 })
    expect(first.id).not.toBe(second.id)
    expect(fake.sent[0]?.[0]).toBe(MessageType.facilitate)
    fake.deliver(reply({ id: second.id, ok: false, error: 'no_round', message: 'No round is in progress.' }))
    fake.deliver(reply({ id: first.id, ok: true }))
    await expect(next).resolves.toEqual({ ok: true })
    await expect(extend).resolves.toEqual({ ok: false, error: 'no_round', message: 'No round is in progress.' })
  })

  it('ignores replies to nothing it sent', async () => {
    const fake = createFakeProvider()
    const channel = createFacilitationChannel(fake.provider, { pageNowMs: () => 0 })
    const raise = channel.send({ action: 'hand-raise' })
    const { id } = sentCommand(fake.sent[0])
    fake.deliver(reply({ id: null, ok: true }))
    fake.deliver(reply({ id: (id ?? 0) + 100, ok: true }))
    fake.deliver(reply({ id, ok: true }))
    await expect(raise).resolves.toEqual({ ok: true })
  })

  it('rejects what waits when the socket closes, keeps the view as not live, and takes the new one after reconnecting', async () => {
    const fake = createFakeProvider()
    const channel = createFacilitationChannel(fake.provider, { pageNowMs: () => 0 })
    fake.deliver(encodeMessage({ type: 'facilitation', view: view(3, 10) }))
    const next = channel.send({ action: 'round-next' })
    fake.closeSocket()
    await expect(next).rejects.toEqual(new FacilitationChannelError('disconnected'))
    expect(channel.store.current).toMatchObject({ isLive: false, view: { revision: 3 } })
    await expect(channel.send({ action: 'round-skip' })).rejects.toMatchObject({ reason: 'offline' })
    fake.reopenSocket()
    fake.deliver(encodeMessage({ type: 'facilitation', view: view(4, 20) }))
    expect(channel.store.current).toMatchObject({ isLive: true, view: { revision: 4 }, clockOffsetMs: 20 })
    const skip = channel.send({ action: 'round-skip' })
    fake.deliver(reply({ id: sentCommand(fake.sent.at(-1)).id, ok: true }))
    await expect(skip).resolves.toEqual({ ok: true })
  })

  it('ignores a view older than the one it holds', () => {
    const fake = createFakeProvider()
    const channel = createFacilitationChannel(fake.provider, { pageNowMs: () => 0 })
    fake.deliver(encodeMessage({ type: 'facilitation', view: view(5, 10) }))
    fake.deliver(encodeMessage({ type: 'facilitation', view: view(4, 20) }))
    expect(channel.store.current.view?.revision).toBe(5)
    fake.deliver(encodeMessage({ type: 'facilitation', view: view(5, 30) }))
    expect(channel.store.current.clockOffsetMs).toBe(30)
  })

  it('once closed, rejects what waits and what comes, and reads frames without keeping them', async () => {
    const fake = createFakeProvider()
    const channel = createFacilitationChannel(fake.provider, { pageNowMs: () => 0 })
    const next = channel.send({ action: 'round-next' })
    channel.close()
    channel.close()
    await expect(next).rejects.toMatchObject({ reason: 'closed' })
    await expect(channel.send({ action: 'round-next' })).rejects.toMatchObject({ reason: 'closed' })
    fake.deliver(encodeMessage({ type: 'facilitation', view: view(1, 0) }))
    expect(channel.store.current.view).toBeNull()
    expect(fake.sent).toHaveLength(1)
  })
})
