/**
 * The behaviour every `Store` must have, as a vitest suite that each store's
 * test file runs against a real instance (`describeStore('sqlite', open)`).
 * `open` returns a fresh, empty store; `reopen` the same data after a close.
 * Its helpers (`newPad`, `docOf`, `textOf`) serve store-specific tests too.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateKey, generatePadId, hashKey } from '../api/pad-keys'
import { selectVersionsToDrop } from '../history/thinning'
import { captureVersion, summaryOfCaptured, type CapturedVersion, type PadVersion, type VersionBase, type VersionKind } from '../history/version'
import type { PadKeyHashes, PadRecord, Store } from '../store/store'
import { describeFacilitationStore } from './facilitation-store-suite'

export interface StoreFixture {
  open(): Promise<Store>
  reopen(): Promise<Store>
  /**
   * Writes `pad`, its key hashes and `content` (its one update) into this
   * fixture's fresh database as the version before edit-key tombstones left
   * it — that schema, those rows — without opening a store; `reopen` then
   * opens (and migrates) it.
   */
  writeBeforeTombstones(pad: PadRecord, hashes: PadKeyHashes, content: Uint8Array): Promise<void>
  /** The same, as the version before pad histories (versions) left it. */
  writeBeforeVersions(pad: PadRecord, hashes: PadKeyHashes, content: Uint8Array): Promise<void>
  /**
   * The same, as the version before restores and published recipes left it,
   * with `version` (its state, summary and name) in its history.
   */
  writeBeforeRestores(pad: PadRecord, hashes: PadKeyHashes, content: Uint8Array, version: PadVersion): Promise<void>
}

export function describeStore(name: string, makeFixture: () => Promise<StoreFixture>): void {
  describe(`${name} store`, () => {
    const opened: Store[] = []
    let fixture: StoreFixture
    const open = async (): Promise<Store> => {
      fixture = await makeFixture()
      const store = await fixture.open()
      opened.push(store)
      return store
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()))
    })

    it('finds a pad by the hash of each of its keys, with the role of that key', async () => {
      const store = await open()
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
      const store = await open()
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
      const store = await open()
      const { pad, hashes } = newPad('')
      await store.createPad(pad, hashes, null)
      const writer = new Y.Doc()
      const pending: Uint8Array[] = []
      writer.on('update', (update: Uint8Array) => pending.push(update))
      for (let i = 0; i < 50; i++) writer.getText('t').insert(i, String(i % 10))
      let lastSeq = 0
      for (const update of pending.splice(0)) lastSeq = await store.appendUpdate(pad.id, update, Date.now())
      const before = await store.loadDocument(pad.id)
      await store.compact(pad.id, Y.encodeStateAsUpdate(docOf(before)), lastSeq)

      const after = await store.loadDocument(pad.id)
      expect(after.snapshot).not.toBeNull()
      expect(after.updates).toHaveLength(0)
      expect(after.lastSeq).toBe(lastSeq)
      expect(textOf(after)).toBe(textOf(before))

      writer.getText('t').insert(0, '!')
      for (const update of pending.splice(0)) await store.appendUpdate(pad.id, update, Date.now())
      const tail = await store.loadDocument(pad.id)
      expect(tail.updates).toHaveLength(1)
      expect(tail.lastSeq).toBeGreaterThan(lastSeq)
      expect(textOf(tail)).toBe(writer.getText('t').toString())
    })

    it('keeps pads and documents across a close and reopen', async () => {
      const store = await open()
      const { pad, hashes } = newPad('Persistant')
      const writer = new Y.Doc()
      writer.getText('t').insert(0, 'gardé')
      await store.createPad(pad, hashes, Y.encodeStateAsUpdate(writer))
      await store.close()
      const reopened = await fixture.reopen()
      opened.push(reopened)
      expect((await reopened.findPadByKeyHash(hashes.admin))?.pad.title).toBe('Persistant')
      expect(textOf(await reopened.loadDocument(pad.id))).toBe('gardé')
    })

    it('updates settings, rotates the edit key and deletes pads with everything they hold', async () => {
      const store = await open()
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
      const store = await open()
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
      const reopened = await fixture.reopen()
      opened.push(reopened)
      expect(await reopened.isReplacedEditKey(hashes.edit)).toBe(true)
      expect((await reopened.findPadByKeyHash(hashKey(keys.admin)))?.pad.editKeyGeneration).toBe(2)
    })

    it('forgets a pad’s tombstones with the pad, deleted or expired, and no other pad’s', async () => {
      const store = await open()
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
      fixture = await makeFixture()
      const { pad, keys, hashes } = newPad('D’avant')
      const before: PadRecord = { ...pad, locked: true, eventPlace: 'Lyon', editKeyGeneration: 3, extraContributors: ['Zoé'] }
      const writer = new Y.Doc()
      writer.getText('t').insert(0, 'écrit avant')
      await fixture.writeBeforeTombstones(before, hashes, Y.encodeStateAsUpdate(writer))
      const store = await fixture.reopen()
      opened.push(store)
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

    it('writes versions and lists them newest first without their state, and reads each back with the same bytes', async () => {
      const store = await open()
      const { pad, hashes } = newPad('Histoire')
      await store.createPad(pad, hashes, null)
      const writer = new Y.Doc()
      const first = versionOf(pad.id, writer, 'Bonjour', pad.createdAtMs + 1000, 'auto', ['p-alice'])
      const second = versionOf(pad.id, writer, ' tout le monde', pad.createdAtMs + 2000, 'before-lock', ['p-alice', 'p-bob'])
      // Taken in the same millisecond as the second, written after it: listed before it.
      const third = { ...versionOf(pad.id, writer, '!', pad.createdAtMs + 2000, 'named'), name: 'fin de l’atelier' }
      for (const version of [first, second, third]) await store.writeVersion(version)

      const listed = await store.listVersions(pad.id)
      expect(listed.map((version) => version.id)).toEqual([third.id, second.id, first.id])
      for (const summary of listed) expect(summary).not.toHaveProperty('state')
      expect(listed[1]).toEqual(summaryOfCaptured(second))
      expect(listed[0]?.name).toBe('fin de l’atelier')
      expect(listed[2]?.presentParticipantIds).toEqual(['p-alice'])

      const read = await store.readVersion(pad.id, first.id)
      expect(read).toEqual(asRead(first))
      expect(Buffer.from(read?.state ?? []).equals(Buffer.from(first.storedState))).toBe(true)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, read?.state ?? new Uint8Array())
      expect(doc.getText('t').toString()).toBe('Bonjour')
      expect((await store.readVersion(pad.id, third.id))?.state).toEqual(third.storedState)
    })

    it('reads, renames and deletes a version only through its own pad', async () => {
      const store = await open()
      const mine = newPad('Mien')
      const theirs = newPad('Sien')
      await store.createPad(mine.pad, mine.hashes, null)
      await store.createPad(theirs.pad, theirs.hashes, null)
      const version = versionOf(mine.pad.id, new Y.Doc(), 'secret', mine.pad.createdAtMs, 'auto')
      await store.writeVersion(version)
      expect(await store.readVersion(theirs.pad.id, version.id)).toBeNull()
      expect(await store.readVersion(mine.pad.id, 'AAAAAAAAAAAAAAAAAAAAAA')).toBeNull()
      expect(await store.renameVersion(theirs.pad.id, version.id, 'pirate')).toBe(false)
      expect(await store.deleteVersions(theirs.pad.id, [version.id])).toBe(0)
      expect(await store.listVersions(theirs.pad.id)).toEqual([])

      expect(await store.renameVersion(mine.pad.id, version.id, 'recette relue')).toBe(true)
      expect((await store.listVersions(mine.pad.id))[0]?.name).toBe('recette relue')
      expect(await store.renameVersion(mine.pad.id, version.id, null)).toBe(true)
      expect((await store.readVersion(mine.pad.id, version.id))?.name).toBeNull()
      expect(await store.deleteVersions(mine.pad.id, [])).toBe(0)
      expect(await store.deleteVersions(mine.pad.id, [version.id, 'AAAAAAAAAAAAAAAAAAAAAA'])).toBe(1)
      expect(await store.readVersion(mine.pad.id, version.id)).toBeNull()
    })

    it('keeps versions as changes along a chain, reads each back whole, and frees a dropped link once nothing builds on it', async () => {
      const store = await open()
      const { pad, hashes } = newPad('Chaîne')
      await store.createPad(pad, hashes, null)
      expect(await store.newestVersionBase(pad.id)).toBeNull()
      const writer = new Y.Doc()
      const first = versionOf(pad.id, writer, 'Bonjour', pad.createdAtMs + 1000, 'auto')
      await store.writeVersion(first)
      const firstBase = await store.newestVersionBase(pad.id)
      expect(firstBase).toEqual({ id: first.id, createdAtMs: first.createdAtMs, stateVector: first.stateVector, chainLength: 0 })
      const second = versionOf(pad.id, writer, ' tout le monde', pad.createdAtMs + 2000, 'auto', [], firstBase)
      await store.writeVersion(second)
      writer.getText('t').delete(0, 3)
      const third = versionOf(pad.id, writer, ' !', pad.createdAtMs + 3000, 'named', [], await store.newestVersionBase(pad.id))
      await store.writeVersion(third)
      expect([second.baseVersionId, second.chainLength, third.baseVersionId, third.chainLength]).toEqual([first.id, 1, second.id, 2])
      expect(third.storedState.length).toBeLessThan(Y.encodeStateAsUpdate(writer).length)
      const textRead = async (versionId: string): Promise<string | null> => {
        const read = await store.readVersion(pad.id, versionId)
        return read === null ? null : docOf({ snapshot: read.state, updates: [] }).getText('t').toString()
      }
      expect([await textRead(first.id), await textRead(second.id), await textRead(third.id)]).toEqual(['Bonjour', 'Bonjour tout le monde', 'jour tout le monde !'])
      expect((await store.readVersion(pad.id, third.id))?.byteSize).toBe(third.storedState.length)

      // Dropping the middle one hides it: the third still reads whole through it.
      expect(await store.deleteVersions(pad.id, [second.id])).toBe(1)
      expect((await store.listVersions(pad.id)).map((version) => version.id)).toEqual([third.id, first.id])
      expect(await store.readVersion(pad.id, second.id)).toBeNull()
      expect(await store.renameVersion(pad.id, second.id, 'caché')).toBe(false)
      expect(await store.deleteVersions(pad.id, [second.id])).toBe(0)
      expect(await textRead(third.id)).toBe('jour tout le monde !')
      expect((await store.newestVersionBase(pad.id))?.id).toBe(third.id)
      // Dropping the last frees the hidden one too; the first stays whole.
      expect(await store.deleteVersions(pad.id, [third.id])).toBe(1)
      expect(await store.newestVersionBase(pad.id)).toEqual(firstBase)
      expect(await textRead(first.id)).toBe('Bonjour')
      // A pad's chain goes with the pad.
      await store.writeVersion(versionOf(pad.id, writer, '.', pad.createdAtMs + 4000, 'auto', [], firstBase))
      expect(await store.deletePad(pad.id)).toBe(true)
      expect(await store.newestVersionBase(pad.id)).toBeNull()
    })

    it('thins a pad’s versions by the rule, keeping named ones and those taken before a lock, and no other pad’s', async () => {
      const store = await open()
      const { pad, hashes } = newPad('Mince')
      const other = newPad('Voisin')
      await store.createPad(pad, hashes, null)
      await store.createPad(other.pad, other.hashes, null)
      const hour = 3600_000
      const now = Date.UTC(2025, 5, 20, 12)
      const writer = new Y.Doc()
      const take = (ageMs: number, kind: VersionKind = 'auto', padId = pad.id): CapturedVersion => versionOf(padId, writer, '.', now - ageMs, kind)
      // Four checkpoints in one hour, about nine hours ago, newest last; two in one day, ten days ago; one recent.
      const hourly = [take(10 * hour - 5 * 60_000), take(10 * hour - 20 * 60_000), take(10 * hour - 40 * 60_000), take(10 * hour - 55 * 60_000)]
      const daily = [take(240 * hour - hour), take(240 * hour - 5 * hour)]
      const recent = take(hour)
      const beforeLock = take(10 * hour - 30 * 60_000, 'before-lock')
      const renamed = take(240 * hour - 3 * hour)
      const neighbour = take(10 * hour - 50 * 60_000, 'auto', other.pad.id)
      const neighbourOlder = take(10 * hour - 49 * 60_000, 'auto', other.pad.id)
      const all = [...hourly, ...daily, recent, beforeLock, renamed, neighbour, neighbourOlder]
      for (const version of [...all].sort((a, b) => a.createdAtMs - b.createdAtMs)) await store.writeVersion(version)
      expect(await store.renameVersion(pad.id, renamed.id, 'avant la pause')).toBe(true)

      const expected = selectVersionsToDrop(
        all.filter((version) => version.padId === pad.id).map((version) => ({ ...version, isNamed: version === renamed })),
        now,
      )
      expect(expected.sort()).toEqual([hourly[0], hourly[1], hourly[2], daily[0]].map((version) => version?.id).sort())
      expect((await store.thinVersions(pad.id, now)).sort()).toEqual(expected)
      const left = (await store.listVersions(pad.id)).map((version) => version.id)
      expect(left.sort()).toEqual([hourly[3], daily[1], recent, beforeLock, renamed].map((version) => version?.id).sort())
      expect(await store.thinVersions(pad.id, now)).toEqual([])
      expect((await store.listVersions(other.pad.id)).map((version) => version.id)).toEqual([neighbour.id, neighbourOlder.id])
    })

    it('keeps who may restore and the published version with the other settings, across a reopen', async () => {
      const store = await open()
      const { pad, hashes } = newPad('Recette')
      await store.createPad(pad, hashes, null)
      expect((await store.findPadByKeyHash(hashes.admin))?.pad).toMatchObject({ restoreRole: 'edit', publishedVersion: null })
      const updated = await store.updatePad(pad.id, { restoreRole: 'admin', publishedVersion: 'AAAAAAAAAAAAAAAAAAAAAA' }, pad.createdAtMs + 5)
      expect(updated).toMatchObject({ restoreRole: 'admin', publishedVersion: 'AAAAAAAAAAAAAAAAAAAAAA', title: 'Recette' })
      const other = await store.updatePad(pad.id, { title: 'Recette relue' }, pad.createdAtMs + 6)
      expect(other).toMatchObject({ restoreRole: 'admin', publishedVersion: 'AAAAAAAAAAAAAAAAAAAAAA' })
      await store.close()
      const reopened = await fixture.reopen()
      opened.push(reopened)
      expect((await reopened.findPadByKeyHash(hashes.view))?.pad).toEqual({ ...pad, title: 'Recette relue', updatedAtMs: pad.createdAtMs + 6, restoreRole: 'admin', publishedVersion: 'AAAAAAAAAAAAAAAAAAAAAA' })
      expect((await reopened.updatePad(pad.id, { publishedVersion: null }, pad.createdAtMs + 7))?.publishedVersion).toBeNull()
    })

    it('pins a version only through its own pad, and thinning keeps it; a restore’s checkpoint says what it restored and who asked', async () => {
      const store = await open()
      const { pad, hashes } = newPad('Épinglée')
      const other = newPad('Voisine')
      await store.createPad(pad, hashes, null)
      await store.createPad(other.pad, other.hashes, null)
      const now = Date.UTC(2025, 5, 20, 12)
      const day = 24 * 3600_000
      const writer = new Y.Doc()
      // Two checkpoints of one day, long ago: thinning keeps only the newer, unless the older is pinned.
      const older = versionOf(pad.id, writer, 'a', now - 30 * day - 3600_000, 'auto')
      const newer = versionOf(pad.id, writer, 'b', now - 30 * day, 'auto')
      const restoredWith = { versionId: older.id, participantId: 'p-alice' }
      const beforeRestore = captureVersion(writer, { padId: pad.id, kind: 'before-restore', atMs: now, presentParticipantIds: [], restore: restoredWith })
      for (const version of [older, newer, beforeRestore]) await store.writeVersion(version)
      expect(older.isPinned).toBe(false)
      expect(await store.pinVersion(other.pad.id, older.id)).toBe(false)
      expect(await store.pinVersion(pad.id, 'AAAAAAAAAAAAAAAAAAAAAA')).toBe(false)
      expect((await store.readVersion(pad.id, older.id))?.isPinned).toBe(false)
      expect(await store.pinVersion(pad.id, older.id)).toBe(true)
      expect(await store.thinVersions(pad.id, now)).toEqual([])
      const listed = await store.listVersions(pad.id)
      expect(listed.map((version) => [version.id, version.isPinned])).toEqual([[beforeRestore.id, false], [newer.id, false], [older.id, true]])
      expect(listed[0]?.restore).toEqual(restoredWith)
      expect(listed[1]?.restore).toBeNull()
      expect(await store.readVersion(pad.id, beforeRestore.id)).toEqual(asRead(beforeRestore))
      const anonymous = captureVersion(writer, { padId: pad.id, kind: 'before-restore', atMs: now, presentParticipantIds: [], restore: { versionId: newer.id, participantId: null } })
      await store.writeVersion(anonymous)
      expect((await store.readVersion(pad.id, anonymous.id))?.restore).toEqual({ versionId: newer.id, participantId: null })
    })

    it('opens a database of the version before restores with its pads and versions whole, and restores and publishes from then on', async () => {
      fixture = await makeFixture()
      const { pad, keys, hashes } = newPad('Avant les restaurations')
      const before: PadRecord = { ...pad, eventPlace: 'Grenoble', extraContributors: ['Inès'] }
      const writer = new Y.Doc()
      const version = { ...versionOf(pad.id, writer, 'écrit avant', Date.now() - 1000, 'auto', ['p-ines']), name: 'fin de l’atelier' }
      await fixture.writeBeforeRestores(before, hashes, Y.encodeStateAsUpdate(writer), asRead(version))
      const store = await fixture.reopen()
      opened.push(store)
      for (const role of ['edit', 'view', 'admin'] as const) expect((await store.findPadByKeyHash(hashKey(keys[role])))?.pad).toEqual(before)
      expect(before.restoreRole).toBe('edit')
      expect(before.publishedVersion).toBeNull()
      expect(textOf(await store.loadDocument(pad.id))).toBe('écrit avant')
      expect(await store.readVersion(pad.id, version.id)).toEqual(asRead(version))
      // Written before versions had state vectors: the next version is whole.
      expect(await store.newestVersionBase(pad.id)).toBeNull()

      expect(await store.pinVersion(pad.id, version.id)).toBe(true)
      expect(await store.updatePad(pad.id, { publishedVersion: version.id, restoreRole: 'admin' }, Date.now())).toMatchObject({ publishedVersion: version.id, restoreRole: 'admin' })
      expect((await store.readVersion(pad.id, version.id))?.isPinned).toBe(true)
    })

    it('forgets a pad’s versions with the pad, deleted or expired, and no other pad’s', async () => {
      const store = await open()
      const day = 24 * 3600 * 1000
      const now = Date.now()
      const withVersion = async (lifetime: 'day' | 'year'): Promise<{ padId: string; version: CapturedVersion }> => {
        const { pad, hashes } = newPad(lifetime)
        await store.createPad({ ...pad, lifetime, createdAtMs: now - 2 * day, updatedAtMs: now - 2 * day }, hashes, null)
        const version = { ...versionOf(pad.id, new Y.Doc(), 'gardé ?', now - 2 * day, 'named'), name: 'nommée' }
        await store.writeVersion(version)
        return { padId: pad.id, version }
      }
      const deleted = await withVersion('year')
      const expiring = await withVersion('day')
      const kept = await withVersion('year')
      expect(await store.deletePad(deleted.padId)).toBe(true)
      expect(await store.deleteExpiredPads(now)).toEqual([expiring.padId])
      for (const gone of [deleted, expiring]) {
        expect(await store.listVersions(gone.padId)).toEqual([])
        expect(await store.readVersion(gone.padId, gone.version.id)).toBeNull()
      }
      expect((await store.readVersion(kept.padId, kept.version.id))?.state).toEqual(kept.version.storedState)
      await expect(store.writeVersion(versionOf(deleted.padId, new Y.Doc(), 'trop tard', now, 'auto'))).rejects.toThrow()
    })

    it('opens a database of the version before histories with its pads whole, and keeps their versions from then on', async () => {
      fixture = await makeFixture()
      const { pad, keys, hashes } = newPad('Sans histoire')
      const before: PadRecord = { ...pad, eventPlace: 'Lyon', editKeyGeneration: 2, extraContributors: ['Zoé'] }
      const writer = new Y.Doc()
      writer.getText('t').insert(0, 'écrit avant l’histoire')
      await fixture.writeBeforeVersions(before, hashes, Y.encodeStateAsUpdate(writer))
      const store = await fixture.reopen()
      opened.push(store)
      for (const role of ['edit', 'view', 'admin'] as const) expect((await store.findPadByKeyHash(hashKey(keys[role])))?.pad).toEqual(before)
      expect(textOf(await store.loadDocument(pad.id))).toBe('écrit avant l’histoire')
      expect(await store.listVersions(pad.id)).toEqual([])

      const version = versionOf(pad.id, writer, '', Date.now(), 'auto', ['p-zoe'])
      await store.writeVersion(version)
      expect(await store.readVersion(pad.id, version.id)).toEqual(asRead(version))
      expect(await store.deletePad(pad.id)).toBe(true)
      expect(await store.listVersions(pad.id)).toEqual([])
    })

    it('deletes exactly the pads whose lifetime since their last change has run out', async () => {
      const store = await open()
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
      const store = await open()
      await store.checkHealth()
      await store.close()
      await expect(store.checkHealth()).rejects.toThrow(/closed/)
    })

    describeFacilitationStore(makeFixture)
  })
}

/** A pad record with fresh keys, as the API would create it. */
export function newPad(title: string): { pad: PadRecord; keys: Record<'edit' | 'view' | 'admin', string>; hashes: PadKeyHashes } {
  const keys = { edit: generateKey(), view: generateKey(), admin: generateKey() }
  const now = Date.now()
  return {
    pad: {
      id: generatePadId(),
      title,
      language: 'fr',
      locked: false,
      viewKey: keys.view,
      editKeyGeneration: 0,
      createdAtMs: now,
      updatedAtMs: now,
      eventName: '',
      eventDate: '',
      eventPlace: '',
      license: 'CC-BY-SA-4.0',
      dataLicense: 'etalab-2.0',
      lifetime: 'year',
      firstEditAtMs: null,
      lastEditAtMs: null,
      extraContributors: [],
      restoreRole: 'edit',
      publishedVersion: null,
    },
    keys,
    hashes: { edit: hashKey(keys.edit), view: hashKey(keys.view), admin: hashKey(keys.admin) },
  }
}

/** Appends `text` to the Y.Text `t` of `writer`, then captures the version it makes (whole unless `base` is given). */
export function versionOf(padId: string, writer: Y.Doc, text: string, atMs: number, kind: VersionKind, present: string[] = [], base: VersionBase | null = null): CapturedVersion {
  const t = writer.getText('t')
  t.insert(t.length, text)
  return captureVersion(writer, { padId, kind, atMs, presentParticipantIds: present }, base)
}

/** A whole captured version as the store reads it back. */
export function asRead(version: CapturedVersion): PadVersion {
  if (version.baseVersionId !== null) throw new TypeError('only a whole version reads back as it was captured')
  return { ...summaryOfCaptured(version), state: version.storedState }
}

/** The doc a stored snapshot and its updates make. */
export function docOf(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc()
  if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

/** The text `t` of a stored document (the suite writes there). */
export function textOf(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string {
  return docOf(stored).getText('t').toString()
}
