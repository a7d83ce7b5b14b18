import { describe, expect, it } from 'vitest'
import { CloseCode } from './close-codes'
import * as encoding from 'lib0/encoding'
import { decodeMessage, encodeMessage, isFacilitateFrame, isSyncRequestFrame, isWriteFrame, ProtocolError, type Message } from './messages'

const samples: Message[] = [
  { type: 'sync-step-1', stateVector: new Uint8Array([1, 2, 3]) },
  { type: 'sync-step-2', update: new Uint8Array([0, 0]) },
  { type: 'update', update: new Uint8Array(300).fill(7) },
  { type: 'awareness', update: new Uint8Array([1, 5]) },
  { type: 'query-awareness' },
  { type: 'stored', writeCount: 123_456 },
  {
    type: 'settings',
    settings: {
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
      extraContributors: ['Zoé'],
      restoreRole: 'edit',
      publishedVersion: null,
    },
  },
  {
    type: 'facilitation',
    view: {
      revision: 3,
      nowMs: 1_700_000_000_000,
      round: null,
      vote: {
        id: 'v1', openedAtMs: 1_700_000_000_000, dotsPerParticipant: 3, allowStacking: true, visibility: 'totals', viewersMayVote: false,
        timer: null, totals: { '12-0': 2 }, dotsCast: 2, voterCount: 1, myDots: { '12-0': 2 },
      },
      closedVotes: [],
    },
  },
  { type: 'facilitate', request: { id: 4, command: { action: 'dot-add', cardId: '12-0' } } },
  { type: 'facilitate', request: { id: null, command: { action: 'hand-raise' } } },
  { type: 'facilitation-reply', reply: { id: 4, ok: false, error: 'no_dots_left', message: 'You have placed all your dots.' } },
  { type: 'facilitation-reply', reply: { id: null, ok: true } },
]

describe('protocol', () => {
  it('decodes what it encodes, for every message type', () => {
    for (const message of samples) expect(decodeMessage(encodeMessage(message))).toEqual(message)
  })

  it('writes the y-websocket frame layout', () => {
    expect([...encodeMessage({ type: 'update', update: new Uint8Array([9]) })]).toEqual([0, 2, 1, 9])
    expect([...encodeMessage({ type: 'query-awareness' })]).toEqual([3])
  })

  it('tells write frames from the others', () => {
    const writes = samples.filter((message) => isWriteFrame(encodeMessage(message))).map((message) => message.type)
    expect(writes).toEqual(['sync-step-2', 'update'])
  })

  it('tells sync requests (step 1) from the others', () => {
    expect(samples.filter((message) => isSyncRequestFrame(encodeMessage(message))).map((message) => message.type)).toEqual(['sync-step-1'])
  })

  it('checks the settings it decodes: JSON of an object, each field read with its default', () => {
    const settingsFrame = (json: string): Uint8Array => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 101)
      encoding.writeVarString(encoder, json)
      return encoding.toUint8Array(encoder)
    }
    for (const json of ['{', '[1]', '"titre"', 'null']) {
      expect(() => decodeMessage(settingsFrame(json))).toThrow(ProtocolError)
    }
    const decoded = decodeMessage(settingsFrame('{"title":"Atelier","locked":"oui","license":"GPL-3.0"}'))
    expect(decoded.type === 'settings' && [decoded.settings.title, decoded.settings.locked, decoded.settings.license]).toEqual(['Atelier', false, 'CC-BY-SA-4.0'])
  })

  it('closes a malformed facilitation command with 1007, and a huge one with 1009', () => {
    const facilitateFrame = (json: string): Uint8Array => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 103)
      encoding.writeVarString(encoder, json)
      return encoding.toUint8Array(encoder)
    }
    const codeOf = (frame: Uint8Array): number | null => {
      try {
        decodeMessage(frame)
        return null
      } catch (error) {
        return error instanceof ProtocolError ? error.closeCode : -1
      }
    }
    expect(codeOf(facilitateFrame('{"action":"dot-add"'))).toBe(CloseCode.invalidPayload)
    expect(codeOf(facilitateFrame('{"action":"dot-add","cardId":"1-0","participantId":"AwaAwaAwaAwaAwaAwaAwa_"}'))).toBe(CloseCode.invalidPayload)
    expect(codeOf(facilitateFrame(`{"action":"hand-raise","pad":"${'x'.repeat(40_000)}"}`))).toBe(CloseCode.messageTooBig)
    expect(codeOf(facilitateFrame('{"action":"hand-raise"}'))).toBeNull()
    expect(isFacilitateFrame(facilitateFrame('{}'))).toBe(true)
    expect(samples.filter((message) => isFacilitateFrame(encodeMessage(message))).map((message) => message.type)).toEqual(['facilitate', 'facilitate'])
  })

  it('throws a ProtocolError with a close code for broken frames', () => {
    const broken: [number[], RegExp][] = [
      [[], /truncated/],
      [[0, 2, 5, 1], /truncated/],
      [[0, 7, 0], /unknown sync step 7/],
      [[42], /unknown message type 42/],
      [[3, 0], /trailing bytes/],
      [[0x80, 0x80, 0x80], /truncated/],
    ]
    for (const [bytes, reason] of broken) {
      let error: unknown
      try {
        decodeMessage(new Uint8Array(bytes))
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(ProtocolError)
      expect((error as ProtocolError).message).toMatch(reason)
      expect((error as ProtocolError).closeCode).toBe(CloseCode.protocolError)
    }
  })
})
