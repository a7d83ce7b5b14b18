/**
 * The history part of the `Store` contract (versions written, listed,
 * chained as changes, thinned by the rule, named and pinned ones kept,
 * migrations from the schemas before), as a vitest suite that
 * `describeStore` (store-suite.ts) runs against each real store.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { hashKey } from '../../api/pad-keys'
import { selectVersionsToDrop } from '../../history/thinning'
import { captureVersion, summaryOfCaptured, type CapturedVersion, type VersionKind } from '../../history/version'
import type { PadRecord } from '../../store/store'
import { asRead, docOf, newPad, textOf, useStores, versionOf, type StoreFixture } from './store-fixtures'

export function describeVersionStore(makeFixture: () => Promise<StoreFixture>): void {
  describe('versions', () => {
    const stores = useStores(makeFixture)

    it('writes versions and lists them newest first without their state, and reads each back with the same bytes', async () => {
      const store = await stores.open()
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
      const store = await stores.open()
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
      const store = await stores.open()
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
      const store = await stores.open()
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
      const store = await stores.open()
      const { pad, hashes } = newPad('Recette')
      await store.createPad(pad, hashes, null)
      expect((await store.findPadByKeyHash(hashes.admin))?.pad).toMatchObject({ restoreRole: 'edit', publishedVersion: null })
      const updated = await store.updatePad(pad.id, { restoreRole: 'admin', publishedVersion: 'AAAAAAAAAAAAAAAAAAAAAA' }, pad.createdAtMs + 5)
      expect(updated).toMatchObject({ restoreRole: 'admin', publishedVersion: 'AAAAAAAAAAAAAAAAAAAAAA', title: 'Recette' })
      const other = await store.updatePad(pad.id, { title: 'Recette relue' }, pad.createdAtMs + 6)
      expect(other).toMatchObject({ restoreRole: 'admin', publishedVersion: 'AAAAAAAAAAAAAAAAAAAAAA' })
      await store.close()
      const reopened = await stores.reopen()
      expect((await reopened.findPadByKeyHash(hashes.view))?.pad).toEqual({ ...pad, title: 'Recette relue', updatedAtMs: pad.createdAtMs + 6, restoreRole: 'admin', publishedVersion: 'AAAAAAAAAAAAAAAAAAAAAA' })
      expect((await reopened.updatePad(pad.id, { publishedVersion: null }, pad.createdAtMs + 7))?.publishedVersion).toBeNull()
    })

    it('pins a version only through its own pad, and thinning keeps it; a restore’s checkpoint says what it restored and who asked', async () => {
      const store = await stores.open()
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
      const fixture = await stores.newFixture()
      const { pad, keys, hashes } = newPad('Avant les restaurations')
      const before: PadRecord = { ...pad, eventPlace: 'Grenoble', extraContributors: ['Inès'] }
      const writer = new Y.Doc()
      const version = { ...versionOf(pad.id, writer, 'écrit avant', Date.now() - 1000, 'auto', ['p-ines']), name: 'fin de l’atelier' }
      await fixture.writeBeforeRestores(before, hashes, Y.encodeStateAsUpdate(writer), asRead(version))
      const store = await stores.reopen()
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
      const store = await stores.open()
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
      const fixture = await stores.newFixture()
      const { pad, keys, hashes } = newPad('Sans histoire')
      const before: PadRecord = { ...pad, eventPlace: 'Lyon', editKeyGeneration: 2, extraContributors: ['Zoé'] }
      const writer = new Y.Doc()
      writer.getText('t').insert(0, 'écrit avant l’histoire')
      await fixture.writeBeforeVersions(before, hashes, Y.encodeStateAsUpdate(writer))
      const store = await stores.reopen()
      for (const role of ['edit', 'view', 'admin'] as const) expect((await store.findPadByKeyHash(hashKey(keys[role])))?.pad).toEqual(before)
      expect(textOf(await store.loadDocument(pad.id))).toBe('écrit avant l’histoire')
      expect(await store.listVersions(pad.id)).toEqual([])

      const version = versionOf(pad.id, writer, '', Date.now(), 'auto', ['p-zoe'])
      await store.writeVersion(version)
      expect(await store.readVersion(pad.id, version.id)).toEqual(asRead(version))
      expect(await store.deletePad(pad.id)).toBe(true)
      expect(await store.listVersions(pad.id)).toEqual([])
    })
  })
}
