import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { captureVersion, maxChainLength, VersionKind, type VersionBase } from './version'

const capture = { padId: 'pad', kind: VersionKind.auto, atMs: 0, presentParticipantIds: [] }

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return doc
}

describe('captureVersion', () => {
  it('captures the change since its base while the chain has room, and the whole state once it is full', () => {
    const doc = docWith('Bonjour')
    const stateVector = Y.encodeStateVector(doc)
    const baseState = Y.encodeStateAsUpdate(doc)
    const base = (chainLength: number): VersionBase => ({ id: 'base', createdAtMs: 0, stateVector, chainLength })
    doc.getText('t').insert(7, ' tout le monde')
    const whole = Y.encodeStateAsUpdate(doc)

    const continuing = captureVersion(doc, capture, base(maxChainLength - 2))
    expect(continuing).toMatchObject({ baseVersionId: 'base', chainLength: maxChainLength - 1 })
    expect(continuing.storedState.length).toBeLessThan(whole.length)
    expect(continuing.byteSize).toBe(continuing.storedState.length)
    // The base and the change make the whole state.
    const rebuilt = new Y.Doc()
    Y.applyUpdate(rebuilt, Y.mergeUpdates([baseState, continuing.storedState]))
    expect(rebuilt.getText('t').toString()).toBe('Bonjour tout le monde')

    const restarting = captureVersion(doc, capture, base(maxChainLength - 1))
    expect(restarting).toMatchObject({ baseVersionId: null, chainLength: 0 })
    expect(restarting.storedState).toEqual(whole)
    expect(captureVersion(doc, capture)).toMatchObject({ baseVersionId: null, chainLength: 0, stateVector: Y.encodeStateVector(doc) })
  })
})
