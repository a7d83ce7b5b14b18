/**
 * The facilitation part of the `Store` contract (tour de table and dot
 * votes, one value per pad written by compare-and-set), as a vitest suite
 * that `describeStore` (store-suite.ts) runs against each real store.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyFacilitationState, type FacilitationState } from '../../facilitation/facilitation-state'
import { asRead, newPad, useStores, versionOf, type StoreFixture } from './store-fixtures'

/** A state with a round, an open vote with ballots and a closed vote: every part the store must keep. */
function sampleState(round: string): FacilitationState {
  const t0 = 1_700_000_000_000
  return {
    round: {
      id: round,
      startedAtMs: t0,
      turnMs: 120_000,
      current: { speaker: { name: 'Marcel' }, startedAtMs: t0, timer: { allowedMs: 120_000, elapsedBeforeMs: 5_000, runningSinceMs: null } },
      queue: [{ participantId: 'AwaAwaAwaAwaAwaAwaAwa_' }],
      turns: [],
    },
    pastRounds: [{ id: 'r0', startedAtMs: t0 - 9_000, endedAtMs: t0 - 1_000, turns: [{ speaker: { name: 'Zoé' }, startedAtMs: t0 - 9_000, endedAtMs: t0 - 1_000, spokeMs: 8_000, outcome: 'spoke' }] }],
    vote: {
      id: 'v2',
      openedAtMs: t0,
      rules: { dotsPerParticipant: 3, allowStacking: false, visibility: 'hidden', viewersMayVote: true },
      timer: null,
      ballots: [{ participantId: 'AwaAwaAwaAwaAwaAwaAwa_', cardIds: ['12-0', '14-3'] }],
    },
    closedVotes: [{ id: 'v1', openedAtMs: t0 - 5_000, closedAtMs: t0 - 100, dotsPerParticipant: 3, allowStacking: true, voterCount: 1, order: 'document', counts: [{ cardId: '12-0', dots: 3 }] }],
  }
}

export function describeFacilitationStore(makeFixture: () => Promise<StoreFixture>): void {
  describe('facilitation', () => {
    const stores = useStores(makeFixture)

    it('writes by compare-and-set on the revision, and reads back the same state', async () => {
      const store = await stores.open()
      const { pad, hashes } = newPad('Tour de table')
      await store.createPad(pad, hashes, null)
      expect(await store.readFacilitation(pad.id)).toBeNull()
      expect(await store.writeFacilitation(pad.id, sampleState('r1'), 0)).toBe(true)
      expect(await store.readFacilitation(pad.id)).toEqual({ revision: 1, state: sampleState('r1') })
      // Another write over "nothing stored" or over revision 1 came first: refused, the first one stays.
      expect(await store.writeFacilitation(pad.id, sampleState('lost'), 0)).toBe(false)
      expect(await store.writeFacilitation(pad.id, emptyFacilitationState, 1)).toBe(true)
      expect(await store.writeFacilitation(pad.id, sampleState('lost'), 1)).toBe(false)
      expect(await store.readFacilitation(pad.id)).toEqual({ revision: 2, state: emptyFacilitationState })
    })

    it('lets exactly one of several writes over the same revision win', async () => {
      const store = await stores.open()
      const { pad, hashes } = newPad('Votes simultanés')
      await store.createPad(pad, hashes, null)
      await store.writeFacilitation(pad.id, emptyFacilitationState, 0)
      const results = await Promise.all(['a', 'b', 'c', 'd'].map((round) => store.writeFacilitation(pad.id, sampleState(round), 1)))
      expect(results.filter(Boolean)).toHaveLength(1)
      const stored = await store.readFacilitation(pad.id)
      expect(stored?.revision).toBe(2)
      expect(stored?.state.round?.id).toBe(['a', 'b', 'c', 'd'][results.indexOf(true)])
    })

    it('keeps each pad’s facilitation apart, across a close and reopen', async () => {
      const store = await stores.open()
      const [first, second] = [newPad('Un'), newPad('Deux')]
      for (const { pad, hashes } of [first, second]) await store.createPad(pad, hashes, null)
      await store.writeFacilitation(first.pad.id, sampleState('r1'), 0)
      await store.close()
      const reopened = await stores.reopen()
      expect(await reopened.readFacilitation(first.pad.id)).toEqual({ revision: 1, state: sampleState('r1') })
      expect(await reopened.readFacilitation(second.pad.id)).toBeNull()
    })

    it('forgets a pad’s facilitation with the pad, and writes none for a pad that does not exist', async () => {
      const store = await stores.open()
      const { pad, hashes } = newPad('Éphémère')
      await store.createPad(pad, hashes, null)
      await store.writeFacilitation(pad.id, sampleState('r1'), 0)
      expect(await store.deletePad(pad.id)).toBe(true)
      expect(await store.readFacilitation(pad.id)).toBeNull()
      expect(await store.writeFacilitation(pad.id, sampleState('r2'), 0)).toBe(false)
      expect(await store.readFacilitation(pad.id)).toBeNull()
    })

    it('opens a database of a version before facilitation and keeps its pads’ facilitation from then on', async () => {
      const fixture = await stores.newFixture()
      const { pad, hashes } = newPad('Avant la facilitation')
      const writer = new Y.Doc()
      await fixture.writeBeforeRestores(pad, hashes, Y.encodeStateAsUpdate(writer), asRead(versionOf(pad.id, writer, 'écrit', Date.now() - 1000, 'auto')))
      const store = await stores.reopen()
      expect(await store.readFacilitation(pad.id)).toBeNull()
      expect(await store.writeFacilitation(pad.id, sampleState('r1'), 0)).toBe(true)
      expect((await store.readFacilitation(pad.id))?.state).toEqual(sampleState('r1'))
    })
  })
}
