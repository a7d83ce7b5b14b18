/**
 * The page records its participant's credit in the pad once connected, again
 * after a rename, and never while it may not write. The connection is a small
 * stand-in that only says its phase; the doc is a real Y.Doc.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { participantsMapName, parseParticipantCredit, type ParticipantCredit } from '../../../shared/pad/attribution'
import { createAuthorship } from './authorship'
import type { ConnectionState } from '../../connection/connection'

function connectionStandIn() {
  const listeners = new Set<(state: ConnectionState) => void>()
  let state: ConnectionState = { phase: 'connecting', hasUnsyncedChanges: false, closeCode: null, isFinal: false }
  return {
    get state() {
      return state
    },
    onChange(listener: (next: ConnectionState) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    setPhase(phase: ConnectionState['phase']) {
      state = { ...state, phase }
      for (const listener of listeners) listener(state)
    },
  }
}

const participantId = 'P'.repeat(22)
const named = (name: string): ParticipantCredit => ({ name, organisation: '', isNamed: true })

function recordedName(doc: Y.Doc): unknown {
  return parseParticipantCredit(doc.getMap(participantsMapName).get(participantId))?.name
}

describe('createAuthorship', () => {
  it('records the name once connected, and the new one after a rename', () => {
    const doc = new Y.Doc()
    const connection = connectionStandIn()
    const authorship = createAuthorship({ doc, participantId, connection, canWrite: () => true })
    authorship.setCredit(named('Awa'))
    expect(recordedName(doc)).toBeUndefined()
    connection.setPhase('connected')
    expect(recordedName(doc)).toBe('Awa')
    authorship.setCredit(named('Awa Diallo'))
    expect(recordedName(doc)).toBe('Awa Diallo')
  })

  it('waits while the page may not write, and records when it may again', () => {
    const doc = new Y.Doc()
    const connection = connectionStandIn()
    let isWritable = false
    const authorship = createAuthorship({ doc, participantId, connection, canWrite: () => isWritable })
    connection.setPhase('connected')
    authorship.setCredit(named('Basile'))
    expect(recordedName(doc)).toBeUndefined()
    isWritable = true
    authorship.refresh()
    expect(recordedName(doc)).toBe('Basile')
  })

  it('writes nothing once closed', () => {
    const doc = new Y.Doc()
    const connection = connectionStandIn()
    const authorship = createAuthorship({ doc, participantId, connection, canWrite: () => true })
    authorship.setCredit(named('Chloé'))
    authorship.close()
    connection.setPhase('connected')
    expect(doc.getMap(participantsMapName).size).toBe(0)
  })
  it('records the organisation and the wish not to be named, as chosen', () => {
    const doc = new Y.Doc()
    const connection = connectionStandIn()
    const authorship = createAuthorship({ doc, participantId, connection, canWrite: () => true })
    connection.setPhase('connected')
    authorship.setCredit({ name: 'Zoé', organisation: 'Tiers-lieu du Moulin', isNamed: false })
    expect(parseParticipantCredit(doc.getMap(participantsMapName).get(participantId))).toEqual({ name: 'Zoé', organisation: 'Tiers-lieu du Moulin', isNamed: false })
  })
})
