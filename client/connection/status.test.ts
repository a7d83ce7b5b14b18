/** What the status line says for each connection state. */
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/close-codes'
import type { ConnectionState } from './connection'
import { closeMessageKeys, describeConnection } from './status'

function stateOf(overrides: Partial<ConnectionState>): ConnectionState {
  return { phase: 'connected', hasUnsyncedChanges: false, closeCode: null, isFinal: false, ...overrides }
}

describe('describeConnection', () => {
  it('says connected, or not yet saved while changes are unsynced', () => {
    expect(describeConnection(stateOf({}), false)).toBe('status.connected')
    expect(describeConnection(stateOf({ hasUnsyncedChanges: true }), false)).toBe('status.unsynced')
  })

  it('tells writers offline that their changes stay on the device', () => {
    expect(describeConnection(stateOf({ phase: 'offline', hasUnsyncedChanges: true }), false)).toBe('status.offline')
    expect(describeConnection(stateOf({ phase: 'offline' }), true)).toBe('status.offlineReadOnly')
  })

  it('gives the reason the server closed the connection', () => {
    const reasons: [number, string][] = [
      [CloseCode.unknownPad, 'status.closed.unknownPad'],
      [CloseCode.deleted, 'status.closed.deleted'],
      [CloseCode.rotated, 'pad.error.linkReplaced'],
      [CloseCode.locked, 'status.closed.locked'],
      [CloseCode.forbidden, 'status.closed.forbidden'],
      [CloseCode.rateLimited, 'status.closed.rateLimited'],
      [CloseCode.messageTooBig, 'status.closed.tooBig'],
      [CloseCode.storeUnavailable, 'status.closed.storeUnavailable'],
      [CloseCode.participantRequired, 'status.closed.participantRequired'],
    ]
    for (const [closeCode, key] of reasons) {
      expect(describeConnection(stateOf({ phase: 'offline', closeCode, isFinal: true }), false)).toBe(key)
    }
    expect(Object.keys(closeMessageKeys)).toHaveLength(reasons.length)
  })

  it('falls back to the phase for codes without a reason', () => {
    expect(describeConnection(stateOf({ phase: 'offline', closeCode: CloseCode.goingAway }), false)).toBe(
      'status.offline',
    )
  })
})
