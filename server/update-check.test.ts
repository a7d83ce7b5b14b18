import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addsNothing, checkUpdate, integratedPart, type DecodedUpdate } from './update-check'

function updatesOf(doc: Y.Doc, edit: () => void): Uint8Array {
  const updates: Uint8Array[] = []
  const collect = (update: Uint8Array): void => void updates.push(update)
  doc.on('update', collect)
  edit()
  doc.off('update', collect)
  return Y.mergeUpdates(updates)
}

const check = (server: Y.Doc, update: Uint8Array): string | null =>
  checkUpdate(server, Y.decodeUpdate(update) as unknown as DecodedUpdate).problem
const writtenClients = (server: Y.Doc, update: Uint8Array): number[] => {
  const result = checkUpdate(server, Y.decodeUpdate(update) as unknown as DecodedUpdate)
  return result.problem === null ? result.writtenClients.sort() : []
}

function applied(server: Y.Doc, update: Uint8Array): { pending: boolean } {
  Y.applyUpdate(server, update)
  return { pending: server.store.pendingStructs !== null || server.store.pendingDs !== null }
}

describe('findUpdateProblem', () => {
  it('accepts ordinary edits, deletions and duplicates', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    const first = updatesOf(client, () => client.getText('t').insert(0, 'bonjour'))
    expect(check(server, first)).toBeNull()
    Y.applyUpdate(server, first)
    const second = updatesOf(client, () => {
      client.getText('t').delete(0, 3)
      client.getText('t').insert(2, 'X')
    })
    expect(check(server, second)).toBeNull()
    expect(check(server, first)).toBeNull()
    expect(applied(server, second).pending).toBe(false)
  })

  it('accepts an update that builds on another client in the same update', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const fromA = updatesOf(a, () => a.getText('t').insert(0, 'aaa'))
    Y.applyUpdate(b, fromA)
    const fromB = updatesOf(b, () => b.getText('t').insert(1, 'b'))
    const server = new Y.Doc()
    const both = Y.mergeUpdates([fromA, fromB])
    expect(check(server, both)).toBeNull()
    expect(applied(server, both).pending).toBe(false)
  })

  it('refuses structs that start past what the pad has (a gap), which Yjs would keep pending', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    updatesOf(client, () => client.getText('t').insert(0, 'premier'))
    const later = updatesOf(client, () => client.getText('t').insert(0, 'second'))
    expect(check(server, later)).toMatch(/starts at clock 7/)
    expect(applied(new Y.Doc(), later).pending).toBe(true)
  })

  it('refuses structs that depend on another client\'s content the pad never got', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdate(b, updatesOf(a, () => a.getText('t').insert(0, 'aaa')))
    const fromB = updatesOf(b, () => b.getText('t').insert(2, 'b'))
    const server = new Y.Doc()
    expect(check(server, fromB)).toMatch(/depends on clock/)
    expect(applied(new Y.Doc(), fromB).pending).toBe(true)
  })

  it('refuses deleting content the pad does not have', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdate(b, updatesOf(a, () => a.getText('t').insert(0, 'aaa')))
    const deletion = updatesOf(b, () => b.getText('t').delete(0, 2))
    const server = new Y.Doc()
    expect(check(server, deletion)).toMatch(/deletes content/)
    expect(applied(new Y.Doc(), deletion).pending).toBe(true)
  })

  it('names the client ids an update writes new structs under, not those it only repeats', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const fromA = updatesOf(a, () => a.getText('t').insert(0, 'aaa'))
    Y.applyUpdate(b, fromA)
    const fromB = updatesOf(b, () => b.getText('t').insert(1, 'b'))
    const server = new Y.Doc()
    expect(writtenClients(server, Y.mergeUpdates([fromA, fromB]))).toEqual([a.clientID, b.clientID].sort())
    Y.applyUpdate(server, fromA)
    expect(writtenClients(server, Y.mergeUpdates([fromA, fromB]))).toEqual([b.clientID])
    const deletionOnly = updatesOf(b, () => b.getText('t').delete(0, 1))
    Y.applyUpdate(server, fromB)
    expect(writtenClients(server, deletionOnly)).toEqual([])
  })

  it('tells an update that adds nothing (a repeated delete set) from one that adds structs or deletions', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    const decoded = (update: Uint8Array): DecodedUpdate => Y.decodeUpdate(update) as unknown as DecodedUpdate
    Y.applyUpdate(server, updatesOf(client, () => client.getText('t').insert(0, 'bonjour tout le monde')))
    Y.applyUpdate(server, updatesOf(client, () => client.getText('t').delete(0, 8)))
    expect(addsNothing(server, decoded(Y.encodeStateAsUpdate(client)))).toBe(true)
    expect(addsNothing(server, decoded(Y.encodeStateAsUpdate(new Y.Doc())))).toBe(true)
    const deletion = updatesOf(client, () => client.getText('t').delete(0, 1))
    expect(addsNothing(server, decoded(deletion))).toBe(false)
    const insertion = updatesOf(client, () => client.getText('t').insert(0, '!'))
    expect(addsNothing(server, decoded(insertion))).toBe(false)
  })
})

describe('isAllNew and integratedPart', () => {
  const decode = (update: Uint8Array): DecodedUpdate => Y.decodeUpdate(update) as unknown as DecodedUpdate

  it('says whether every struct of an update is new to the pad', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    const first = updatesOf(client, () => client.getText('t').insert(0, 'bonjour'))
    const firstCheck = checkUpdate(server, decode(first))
    expect(firstCheck.problem === null && firstCheck.isAllNew).toBe(true)
    Y.applyUpdate(server, first)
    // The same again, or with more after it (a provider's sync step 2): not all new.
    const again = checkUpdate(server, decode(first))
    expect(again.problem === null && again.isAllNew).toBe(false)
    const more = updatesOf(client, () => client.getText('t').insert(7, ' à tous'))
    const overlapping = checkUpdate(server, decode(Y.mergeUpdates([first, more])))
    expect(overlapping.problem === null && overlapping.isAllNew).toBe(false)
    const next = checkUpdate(server, decode(more))
    expect(next.problem === null && next.isAllNew).toBe(true)
  })

  it('keeps of an all-new update only what the pad got, when applying it stopped part way', () => {
    const client = new Y.Doc()
    const base = updatesOf(client, () => client.getText('t').insert(0, 'base '))
    const firstPart = updatesOf(client, () => client.getText('t').insert(5, 'un '))
    const secondPart = updatesOf(client, () => client.getText('t').insert(8, 'deux'))
    const whole = Y.mergeUpdates([firstPart, secondPart])

    const server = new Y.Doc()
    Y.applyUpdate(server, base)
    const check = checkUpdate(server, decode(whole))
    expect(check.problem === null && check.isAllNew).toBe(true)
    // As if Yjs had integrated the first part of `whole`, then thrown.
    Y.applyUpdate(server, firstPart)

    const kept = integratedPart(server, decode(whole))
    const peer = new Y.Doc()
    Y.applyUpdate(peer, base)
    Y.applyUpdate(peer, kept)
    expect(peer.getText('t').toString()).toBe('base un ')
    expect(peer.getText('t').toString()).toBe(server.getText('t').toString())
    expect(peer.store.pendingStructs).toBeNull()
  })
})
