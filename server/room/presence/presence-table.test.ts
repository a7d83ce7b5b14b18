import { describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { readAwarenessEntries, type AwarenessEntry } from '../updates/awareness-check'
import { createPresenceTable } from './presence-table'

const entry = (clientId: number, clock: number, state: unknown): AwarenessEntry => ({
  clientId,
  clock,
  json: JSON.stringify(state),
  isRemoval: state === null,
})

function statesOf(update: Uint8Array | null): Map<number, unknown> {
  const awareness = new Awareness(new Y.Doc())
  if (update !== null) applyAwarenessUpdate(awareness, update, null)
  const states = new Map(awareness.getStates())
  awareness.destroy()
  return states
}

describe('presence table', () => {
  it('relays the JSON each peer sent, as the awareness protocol reads it', () => {
    const table = createPresenceTable()
    expect(table.apply([entry(1, 1, { user: { name: 'Awa' } }), entry(2, 4, { user: { name: 'Basile' } })], 0)).toEqual([1, 2])
    const states = statesOf(table.encodeAll())
    expect(states.get(1)).toEqual({ user: { name: 'Awa' } })
    expect(states.get(2)).toEqual({ user: { name: 'Basile' } })
    expect(readAwarenessEntries(table.encode([2]) as Uint8Array)).toEqual([entry(2, 4, { user: { name: 'Basile' } })])
  })

  it('keeps the clock of a removed presence and encodes the removal with it', () => {
    const table = createPresenceTable()
    table.apply([entry(7, 3, { user: { name: 'Chloé' } })], 0)
    expect(table.remove([7, 8])).toEqual([7])
    expect(table.has(7)).toBe(false)
    expect(table.clockOf(7)).toBe(3)
    expect(readAwarenessEntries(table.encode([7]) as Uint8Array)).toEqual([entry(7, 3, null)])
    expect(table.encodeAll()).toBeNull()
  })

  it('drops presences not renewed within the outdated time', () => {
    const table = createPresenceTable(30_000)
    table.apply([entry(1, 1, { a: 1 })], 0)
    table.apply([entry(2, 1, { b: 1 })], 20_000)
    expect(table.expire(29_999)).toEqual([])
    expect(table.expire(30_000)).toEqual([1])
    expect(table.size()).toBe(1)
    expect(table.expire(50_000)).toEqual([2])
  })
})
