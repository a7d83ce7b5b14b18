/** A settings frame from the relay becomes a checked state; nothing is answered. */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import type { PadState } from '../../shared/protocol/api'
import { encodeMessage, MessageType } from '../../shared/protocol/messages'
import { followPadState } from './settings-feed'

const state: PadState = {
  title: 'Café projets',
  language: 'fr',
  event: { name: 'Rencontre', date: '2026-11-21', place: 'Lyon' },
  license: 'CC-BY-SA-4.0',
  dataLicense: 'etalab-2.0',
  locked: true,
  lifetime: 'month',
  createdAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T11:00:00.000Z',
  expiresAt: '2026-12-22T11:00:00.000Z',
  extraContributors: [],
  restoreRole: 'edit',
  publishedVersion: null,
}

/** Feeds `frame` to the handler the way y-websocket does: the type is read first. */
function deliver(provider: Pick<WebsocketProvider, 'messageHandlers'>, frame: Uint8Array): encoding.Encoder {
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  const encoder = encoding.createEncoder()
  const handler = provider.messageHandlers[type]
  if (handler === undefined) throw new Error(`no handler for ${type}`)
  handler(encoder, decoder, {} as WebsocketProvider, true, type)
  return encoder
}

describe('followPadState', () => {
  it('hands each settings message on, checked, and writes nothing back', () => {
    const provider: Pick<WebsocketProvider, 'messageHandlers'> = { messageHandlers: [] }
    const received: PadState[] = []
    followPadState(provider, (next) => received.push(next))
    const encoder = deliver(provider, encodeMessage({ type: 'settings', settings: state }))
    expect(received).toEqual([state])
    expect(encoding.length(encoder)).toBe(0)
    expect(MessageType.settings).toBe(101)
  })

  it('stops handing on once stopped', () => {
    const provider: Pick<WebsocketProvider, 'messageHandlers'> = { messageHandlers: [] }
    const received: PadState[] = []
    const stop = followPadState(provider, (next) => received.push(next))
    stop()
    deliver(provider, encodeMessage({ type: 'settings', settings: state }))
    expect(received).toEqual([])
  })
})
