/**
 * The behaviour every `Store` must have, as a vitest suite that each store's
 * test file runs against a real instance (`describeStore('sqlite', open)`).
 * `open` returns a fresh, empty store; `reopen` the same data after a close.
 * The versions and the facilitation have suites of their own, run from here;
 * the fixtures and helpers (`newPad`, `docOf`, `textOf`) are store-fixtures.ts.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateKey, hashKey } from '../../api/pad-keys'
import type { PadRecord } from '../../store/store'
import { describeFacilitationStore } from './facilitation-store-suite'
import { docOf, newPad, padWithWriter, textOf, useStores, type StoreFixture } from './store-fixtures'
import { describeVersionStore } from './version-store-suite'

export { docOf, newPad, textOf, type StoreFixture } from './store-fixtures'

export function describeStore(name: string, makeFixture: () => Promise<StoreFixture>): void {
  describe(`${name} store`, () => {
    const stores = useStores(makeFixture)

    it('finds a pad by the hash of each of its keys, with the role of that key', async () => {
      const store = await stores.open()
      const { pad, keys, hashes } = newPad('Collecte à Lyon')
      await store.createPad(pad, hashes, null)
      for (const role of ['edit', 'view', 'admin'] as const) {
        const found = await store.findPadByKeyHash(hashKey(keys[role]))
        expect(found?.role).toBe(role)
        expect(found?.pad).toEqual(pad)
      }
      expect(await store.findPadByKeyHash(hashKey(generateKey()))).toBeNull()
    })

    it('loads appended updates in order, with the initial content first', async () => {
      const store = await stores.open()
      const { pad, hashes } = newPad('')
      const writer = new Y.Doc()
      const updates: Uint8Array[] = []
      writer.on('update', (update: Uint8Array) => updates.push(update))
      writer.getText('t').insert(0, 'Bonjour')
      const [initial] = updates
      await store.createPad(pad, hashes, initial ?? null)
      writer.getText('t').insert(7, ' tout le monde')
      writer.getText('t').delete(0, 1)
      let lastSeq = 0
      for (const update of updates.slice(1)) {
        const seq = await store.appendUpdate(pad.id, update, pad.createdAtMs + 10)
        expect(seq).toBeGreaterThan(lastSeq)
        lastSeq = seq
      }
      expect(updates).toHaveLength(3)
      const stored = await store.loadDocument(pad.id)
      expect(stored.snapshot).toBeNull()
      expect(stored.updates).toHaveLength(3)
      expect(stored.lastSeq).toBe(lastSeq)
      expect(textOf(stored)).toBe('onjour tout le monde')
      const found = await store.findPadByKeyHash(hashes.edit)
      expect(found?.pad.updatedAtMs).toBe(pad.createdAtMs + 10)
      expect(found?.pad.firstEditAtMs).toBe(pad.createdAtMs + 10)
      expect(found?.pad.lastEditAtMs).toBe(pad.createdAtMs + 10)
    })

    it('keeps the content identical through compaction, and appends after it', async () => {
      const store = await stores.open()
      const { padId, writer, appendWritten } = await padWithWriter(store)
      for (let i = 0; i < 50; i++) writer.getText('t').insert(i, String(i % 10))
      const lastSeq = (await appendWritten()).at(-1) ?? 0
      const before = await store.loadDocument(padId)
      await store.compact(padId, Y.encodeStateAsUpdate(docOf(before)), lastSeq)

      const after = await store.loadDocument(padId)
      expect(after.snapshot).not.toBeNull()
      expect(after.updates).toHaveLength(0)
      expect(after.lastSeq).toBe(lastSeq)
      expect(textOf(after)).toBe(textOf(before))

      writer.getText('t').insert(0, '!')
      await appendWritten()
      const tail = await store.loadDocument(padId)
      expect(tail.updates).toHaveLength(1)
      expect(tail.lastSeq).toBeGreaterThan(lastSeq)
      expect(textOf(tail)).toBe(writer.getText('t').toString())
    })

    it('folds a range of the log into one update, in its place, and leaves a range it does not hold exactly', async () => {
      const store = await stores.open()
      const { padId, writer, appendWritten } = await padWithWriter(store)
      const seqs: number[] = []
      const write = async (text: string): Promise<void> => {
        writer.getText('t').insert(writer.getText('t').length, text)
        seqs.push(...(await appendWritten()))
      }
      for (const letter of 'abcdefgh') await write(letter)
      const before = await store.loadDocument(padId)
      const [first, , , , fifth, sixth] = seqs as [number, number, number, number, number, number]
      // Updates 2 to 5 (b, c, d, e) as one.
      const folded = Y.mergeUpdates(before.updates.slice(1, 5))
      expect(await store.foldUpdates(padId, folded, seqs[1] as number, fifth, 4)).toBe(true)

      const after = await store.loadDocument(padId)
      expect(after.updates).toHaveLength(5)
      expect(after.updates[1]).toEqual(folded)
      expect(after.lastSeq).toBe(before.lastSeq)
      expect(textOf(after)).toBe('abcdefgh')

      // Updates 1 to 6 are three rows now, not six: nothing changes.
      expect(await store.foldUpdates(padId, Y.mergeUpdates(after.updates.slice(0, 3)), first, sixth, 6)).toBe(false)
      expect((await store.loadDocument(padId)).updates).toHaveLength(5)

      // A compaction through the folded update drops it like any other; the updates after it fold in turn.
      await store.compact(padId, Y.mergeUpdates(after.updates.slice(0, 2)), fifth)
      const compacted = await store.loadDocument(padId)
      expect(compacted.updates).toHaveLength(3)
      expect(textOf(compacted)).toBe('abcdefgh')
      expect(await store.foldUpdates(padId, folded, first, fifth, 2)).toBe(false)
      expect(await store.foldUpdates(padId, Y.mergeUpdates(compacted.updates), sixth, seqs[7] as number, 3)).toBe(true)
      await write('i')
      const last = await store.loadDocument(padId)
      expect(last.updates).toHaveLength(2)
      expect(textOf(last)).toBe('abcdefghi')
    })

    it('keeps pads and documents across a close and reopen', async () => {
      const store = await stores.open()
      const { pad, hashes } = newPad('Persistant')
      const writer = new Y.Doc()
      writer.getText('t').insert(0, 'gardé')
      await store.createPad(pad, hashes, Y.encodeStateAsUpdate(writer))
      await store.close()
      const reopened = await stores.reopen()
      expect((await reopened.findPadByKeyHash(hashes.admin))?.pad.title).toBe('Persistant')
      expect(textOf(await reopened.loadDocument(pad.id))).toBe('gardé')
    })

    it('updates settings, rotates the edit key and deletes pads with everything they hold', async () => {
      const store = await stores.open()
      const { pad, keys, hashes } = newPad('Avant')
      await store.createPad(pad, hashes, Y.encodeStateAsUpdate(new Y.Doc()))
      const updated = await store.updatePad(
        pad.id,
        { title: 'Après', locked: true, eventPlace: 'Lyon', license: 'CC0-1.0', dataLicense: 'ODbL-1.0', extraContributors: ['Zoé', 'Max'] },
        pad.createdAtMs + 5,
      )
      expect(updated).toMatchObject({ title: 'Après', locked: true, eventPlace: 'Lyon', license: 'CC0-1.0', dataLicense: 'ODbL-1.0', updatedAtMs: pad.createdAtMs + 5 })
      expect(updated?.extraContributors).toEqual(['Zoé', 'Max'])
      expect(updated?.lastEditAtMs).toBeNull()
      expect((await store.findPadByKeyHash(hashes.view))?.pad).toEqual(updated)
      expect(await store.updatePad('no-such-pad', { title: 'x' }, 0)).toBeNull()

      const newEdit = generateKey()
      await store.rotateEditKey(pad.id, 1, hashKey(newEdit))
      expect(await store.findPadByKeyHash(hashes.edit)).toBeNull()
      const rotated = await store.findPadByKeyHash(hashKey(newEdit))
      expect(rotated?.role).toBe('edit')
      expect(rotated?.pad.editKeyGeneration).toBe(1)
      expect((await store.findPadByKeyHash(hashKey(keys.admin)))?.role).toBe('admin')

      expect(await store.deletePad(pad.id)).toBe(true)
      expect(await store.deletePad(pad.id)).toBe(false)
      for (const hash of [hashes.view, hashes.admin, hashKey(newEdit)]) expect(await store.findPadByKeyHash(hash)).toBeNull()
      const stored = await store.loadDocument(pad.id)
      expect(stored.snapshot).toBeNull()
      expect(stored.updates).toHaveLength(0)
    })

    it('keeps the hash of each replaced edit key as a tombstone, and only those', async () => {
      const store = await stores.open()
      const { pad, keys, hashes } = newPad('Rotations')
      await store.createPad(pad, hashes, null)
      const other = newPad('Voisin')
      await store.createPad(other.pad, other.hashes, null)
      // No key is a tombstone before a rotation: not the live ones, not one nobody ever gave.
      for (const hash of [...Object.values(hashes), hashKey(generateKey())]) expect(await store.isReplacedEditKey(hash)).toBe(false)

      const second = generateKey()
      await store.rotateEditKey(pad.id, 1, hashKey(second))
      expect(await store.findPadByKeyHash(hashes.edit)).toBeNull()
      expect(await store.isReplacedEditKey(hashes.edit)).toBe(true)
      expect(await store.isReplacedEditKey(hashKey(second))).toBe(false)
      const third = generateKey()
      await store.rotateEditKey(pad.id, 2, hashKey(third))
      // Every edit key the pad had is a tombstone, the live one is not.
      for (const hash of [hashes.edit, hashKey(second)]) {
        expect(await store.findPadByKeyHash(hash)).toBeNull()
        expect(await store.isReplacedEditKey(hash)).toBe(true)
      }
      expect((await store.findPadByKeyHash(hashKey(third)))?.role).toBe('edit')
      for (const hash of [hashKey(third), hashes.view, hashes.admin, ...Object.values(other.hashes)]) {
        expect(await store.isReplacedEditKey(hash)).toBe(false)
      }
      // A brand-new key is unknown, not replaced.
      const stranger = hashKey(generateKey())
      expect(await store.findPadByKeyHash(stranger)).toBeNull()
      expect(await store.isReplacedEditKey(stranger)).toBe(false)
      // A hash that is one byte off a tombstone is no tombstone.
      const nearly = Uint8Array.from(hashes.edit)
      nearly[31] = (nearly[31] ?? 0) ^ 1
      expect(await store.isReplacedEditKey(nearly)).toBe(false)

      await store.close()
      const reopened = await stores.reopen()
      expect(await reopened.isReplacedEditKey(hashes.edit)).toBe(true)
      expect((await reopened.findPadByKeyHash(hashKey(keys.admin)))?.pad.editKeyGeneration).toBe(2)
    })

    it('forgets a pad’s tombstones with the pad, deleted or expired, and no other pad’s', async () => {
      const store = await stores.open()
      const day = 24 * 3600 * 1000
      const now = Date.now()
      const rotated = async (lifetime: 'day' | 'year'): Promise<ReturnType<typeof newPad>> => {
        const made = newPad(lifetime)
        await store.createPad({ ...made.pad, lifetime, createdAtMs: now - 2 * day, updatedAtMs: now - 2 * day }, made.hashes, null)
        await store.rotateEditKey(made.pad.id, 1, hashKey(generateKey()))
        expect(await store.isReplacedEditKey(made.hashes.edit)).toBe(true)
        return made
      }
      const deleted = await rotated('year')
      const expiring = await rotated('day')
      const kept = await rotated('year')

      expect(await store.deletePad(deleted.pad.id)).toBe(true)
      expect(await store.isReplacedEditKey(deleted.hashes.edit)).toBe(false)
      expect(await store.deleteExpiredPads(now)).toEqual([expiring.pad.id])
      expect(await store.isReplacedEditKey(expiring.hashes.edit)).toBe(false)
      expect(await store.isReplacedEditKey(kept.hashes.edit)).toBe(true)
    })

    it('opens a database of the version before tombstones with its pads whole, and tombstones their edit keys from then on', async () => {
      const fixture = await stores.newFixture()
      const { pad, keys, hashes } = newPad('D’avant')
      const before: PadRecord = { ...pad, locked: true, eventPlace: 'Lyon', editKeyGeneration: 3, extraContributors: ['Zoé'] }
      const writer = new Y.Doc()
      writer.getText('t').insert(0, 'écrit avant')
      await fixture.writeBeforeTombstones(before, hashes, Y.encodeStateAsUpdate(writer))
      const store = await stores.reopen()
      for (const role of ['edit', 'view', 'admin'] as const) {
        const found = await store.findPadByKeyHash(hashKey(keys[role]))
        expect(found?.role).toBe(role)
        expect(found?.pad).toEqual(before)
      }
      expect(textOf(await store.loadDocument(pad.id))).toBe('écrit avant')
      expect(await store.isReplacedEditKey(hashes.edit)).toBe(false)

      const next = generateKey()
      await store.rotateEditKey(pad.id, 4, hashKey(next))
      expect(await store.isReplacedEditKey(hashes.edit)).toBe(true)
      expect((await store.findPadByKeyHash(hashKey(next)))?.pad.editKeyGeneration).toBe(4)
      expect(await store.appendUpdate(pad.id, Y.encodeStateAsUpdate(writer), Date.now())).toBeGreaterThan(0)
      expect(await store.deletePad(pad.id)).toBe(true)
      expect(await store.isReplacedEditKey(hashes.edit)).toBe(false)
    })

    it('deletes exactly the pads whose lifetime since their last change has run out', async () => {
      const store = await stores.open()
      const day = 24 * 3600 * 1000
      const now = Date.now()
      const make = async (lifetime: 'day' | 'week' | 'forever', updatedAgoMs: number): Promise<string> => {
        const { pad, hashes } = newPad(lifetime)
        await store.createPad({ ...pad, lifetime, createdAtMs: now - updatedAgoMs, updatedAtMs: now - updatedAgoMs }, hashes, null)
        return pad.id
      }
      const expiredDay = await make('day', 2 * day)
      const freshDay = await make('day', day / 2)
      const freshWeek = await make('week', 3 * day)
      const expiredWeek = await make('week', 8 * day)
      const forever = await make('forever', 1000 * day)
      expect((await store.deleteExpiredPads(now)).sort()).toEqual([expiredDay, expiredWeek].sort())
      expect(await store.deleteExpiredPads(now)).toEqual([])
      for (const id of [freshDay, freshWeek, forever]) expect(await store.deletePad(id)).toBe(true)
    })

    it('refuses work after close with a StoreError', async () => {
      const store = await stores.open()
      await store.checkHealth()
      await store.close()
      await expect(store.checkHealth()).rejects.toThrow(/closed/)
    })

    describeVersionStore(makeFixture)
    describeFacilitationStore(makeFixture)
  })
}
