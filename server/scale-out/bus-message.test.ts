import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BusMessageError, decodeBusFrame, encodeBusFrame, instanceIdBytes, type BusMessage } from './bus-message'
import type { PadRecord } from '../store/store'

const instanceId = randomBytes(instanceIdBytes).toString('hex')
const pad: PadRecord = {
  id: 'pad-1',
  title: 'Collecte « Quartier Nord »',
  language: 'fr',
  eventName: '',
  eventDate: '2026-11-21',
  eventPlace: 'Lyon',
  license: 'CC-BY-SA-4.0',
  dataLicense: 'etalab-2.0',
  locked: true,
  lifetime: 'year',
  viewKey: 'view-key',
  editKeyGeneration: 2,
  createdAtMs: 1,
  updatedAtMs: 2,
  firstEditAtMs: null,
  lastEditAtMs: 3,
  extraContributors: ['Awa'],
  restoreRole: 'edit',
  publishedVersion: null,
}

describe('bus messages', () => {
  it.each<BusMessage>([
    { kind: 'update', update: new Uint8Array([1, 2, 3, 0, 255]) },
    { kind: 'presence', update: new Uint8Array([1, 7, 1, 4, 110, 117, 108, 108]) },
    { kind: 'released', clientIds: [0, 1, 2 ** 31, 4_294_967_295] },
    { kind: 'settings', pad },
    { kind: 'rotated', pad },
    { kind: 'deleted' },
    {
      kind: 'facilitation',
      revision: 12,
      state: {
        round: null,
        pastRounds: [],
        vote: { id: 'v1', openedAtMs: 5, rules: { dotsPerParticipant: 3, allowStacking: true, visibility: 'totals', viewersMayVote: false }, timer: null, ballots: [{ participantId: 'AwaAwaAwaAwaAwaAwaAwa_', cardIds: ['1-0'] }] },
        closedVotes: [],
      },
    },
  ])('carries a $kind message and the instance that sent it', (message) => {
    expect(decodeBusFrame(encodeBusFrame(instanceId, message))).toEqual({ instanceId, message })
  })

  it('refuses frames that do not decode, with a BusMessageError', () => {
    const valid = encodeBusFrame(instanceId, { kind: 'released', clientIds: [5] })
    const broken = [
      new Uint8Array([]),
      new Uint8Array([2, ...valid.subarray(1)]),
      valid.subarray(0, 10),
      new Uint8Array([...valid.subarray(0, 17), 99]),
      new Uint8Array([...valid, 0]),
    ]
    for (const frame of broken) expect(() => decodeBusFrame(frame)).toThrow(BusMessageError)
  })
})
