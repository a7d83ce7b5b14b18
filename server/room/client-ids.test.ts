import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/close-codes'
import { ClientIdConflict, createClientIdOwners } from './client-ids'
import { createPeer } from '../relay/peer'

const socket = { send: () => {}, close: () => {}, probe: () => {} }

describe('client id owners', () => {
  it('gives an id to one connection; another gets a 1013 conflict naming the holder, and nothing of what it asked', () => {
    const owners = createClientIdOwners(() => false)
    const alice = createPeer(1, 'edit', socket)
    const mallory = createPeer(2, 'edit', socket)
    owners.claim(alice, [10])
    owners.claim(alice, [10, 11])
    let conflict: unknown = null
    try {
      owners.claim(mallory, [12, 10])
    } catch (error) {
      conflict = error
    }
    expect(conflict).toBeInstanceOf(ClientIdConflict)
    expect((conflict as ClientIdConflict).holder).toBe(alice)
    expect((conflict as ClientIdConflict).closeCode).toBe(CloseCode.tryAgainLater)
    expect([...mallory.clientIds]).toEqual([])
    expect(owners.isLocal(12)).toBe(false)
  })

  it('frees what a connection held when it leaves, for the next one', () => {
    const owners = createClientIdOwners(() => false)
    const before = createPeer(1, 'edit', socket)
    const after = createPeer(2, 'edit', socket)
    owners.claim(before, [10, 11])
    expect(owners.release(before).sort()).toEqual([10, 11])
    owners.claim(after, [10])
    expect([...owners.localIds()]).toEqual([10])
  })

  it("refuses an id another instance's live peer speaks for, and frees it once that instance is gone", () => {
    let isAlive = true
    const owners = createClientIdOwners((instanceId) => instanceId === 'b' && isAlive)
    const alice = createPeer(1, 'edit', socket)
    owners.noteRemote(10, 'b')
    expect(() => owners.claim(alice, [10])).toThrow(ClientIdConflict)
    isAlive = false
    owners.claim(alice, [10])
    expect(owners.isLocal(10)).toBe(true)
    // Once ours, what another instance says of it changes nothing.
    owners.noteRemote(10, 'b')
    isAlive = true
    expect(() => owners.claim(alice, [10])).not.toThrow()
  })

  it("forgets another instance's ids when it releases them or the link is lost", () => {
    const owners = createClientIdOwners(() => true)
    const alice = createPeer(1, 'edit', socket)
    owners.noteRemote(10, 'b')
    owners.noteRemote(11, 'c')
    owners.forgetRemote([10, 11], 'b')
    expect(() => owners.claim(alice, [10])).not.toThrow()
    expect(() => owners.claim(alice, [11])).toThrow(ClientIdConflict)
    owners.forgetAllRemote()
    expect(() => owners.claim(alice, [11])).not.toThrow()
  })
})
