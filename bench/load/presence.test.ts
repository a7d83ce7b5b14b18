import { describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { createPresenceEncoder, presenceState } from './presence'

describe('createPresenceEncoder', () => {
  it('writes an awareness update that y-protocols applies as the y-prosemirror cursor state', () => {
    const user = { name: 'Participant 12', color: '#30bced' }
    const encode = createPresenceEncoder(4242, user)
    const room = new Awareness(new Y.Doc())
    applyAwarenessUpdate(room, encode(1, 7), 'peer')
    const position = { type: null, tname: null, item: { client: 4242, clock: 7 }, assoc: 0 }
    expect(room.getStates().get(4242)).toEqual({ user, cursor: { anchor: position, head: position } })
    // A later clock replaces the state; the same clock again would be ignored.
    applyAwarenessUpdate(room, encode(2, 8), 'peer')
    expect(room.meta.get(4242)?.clock).toBe(2)
  })

  it('writes the same JSON as JSON.stringify of the state object', () => {
    const user = { name: 'Participant "3"', color: '#6eeb83' }
    const position = { type: null, tname: null, item: { client: 9, clock: 12 }, assoc: 0 }
    expect(presenceState(9, user, 12)).toBe(JSON.stringify({ user, cursor: { anchor: position, head: position } }))
  })
})
