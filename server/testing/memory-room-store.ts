/**
 * The store calls a room makes (RoomStore), in memory, for room unit tests:
 * an update log and a snapshot per pad (compacted or folded), every append recorded with its time,
 * the versions its checkpoints write, thinned by the real rule, and its
 * facilitation by compare-and-set. Durable
 * only as long as the test.
 */
import { selectVersionsToDrop } from '../history/thinning'
import * as Y from 'yjs'
import { summaryOfCaptured, type CapturedVersion } from '../history/version'
import type { RoomStore } from '../room/storage/storage'
import type { StoredDocument, StoredFacilitation } from '../store/store'

export interface MemoryRoomStore extends RoomStore {
  /** Every append, in order, with the time the room gave it. */
  readonly appends: Array<{ padId: string; update: Uint8Array; atMs: number }>
  /** The versions kept, oldest first (as captured: whole, or the change since their base), the dropped ones taken out. */
  readonly versions: CapturedVersion[]
  /** While set, writing a version fails with it (a store that is down). */
  versionWriteError: Error | null
}

export function createMemoryRoomStore(initial: Record<string, Uint8Array[]> = {}): MemoryRoomStore {
  const pads = new Map<string, { snapshot: Uint8Array | null; updates: Array<{ seq: number; update: Uint8Array }>; lastSeq: number }>()
  const padOf = (padId: string) => {
    let pad = pads.get(padId)
    if (pad === undefined) {
      pad = { snapshot: null, updates: [], lastSeq: 0 }
      pads.set(padId, pad)
    }
    return pad
  }
  for (const [padId, updates] of Object.entries(initial)) for (const update of updates) padOf(padId).updates.push({ seq: ++padOf(padId).lastSeq, update })
  const appends: MemoryRoomStore['appends'] = []
  const versions: CapturedVersion[] = []
  /** Dropped versions a kept one may still build on. */
  const dropped = new Map<string, CapturedVersion>()
  const findVersion = (versionId: string | null): CapturedVersion | undefined =>
    versionId === null ? undefined : (versions.find((version) => version.id === versionId) ?? dropped.get(versionId))
  const facilitations = new Map<string, StoredFacilitation>()
  const store: MemoryRoomStore = {
    appends,
    versions,
    versionWriteError: null,
    async loadDocument(padId): Promise<StoredDocument> {
      const pad = padOf(padId)
      return { snapshot: pad.snapshot, updates: pad.updates.map((entry) => entry.update), lastSeq: pad.lastSeq }
    },
    async appendUpdate(padId, update, atMs) {
      const pad = padOf(padId)
      pad.lastSeq += 1
      pad.updates.push({ seq: pad.lastSeq, update })
      appends.push({ padId, update, atMs })
      return pad.lastSeq
    },
    async compact(padId, snapshot, throughSeq) {
      const pad = padOf(padId)
      pad.snapshot = snapshot
      pad.updates = pad.updates.filter((entry) => entry.seq > throughSeq)
    },
    async foldUpdates(padId, folded, fromSeq, throughSeq, count) {
      const pad = padOf(padId)
      const inRange = (entry: { seq: number }): boolean => entry.seq >= fromSeq && entry.seq <= throughSeq
      if (pad.updates.filter(inRange).length !== count) return false
      const before = pad.updates.filter((entry) => entry.seq < fromSeq)
      const after = pad.updates.filter((entry) => entry.seq > throughSeq)
      pad.updates = [...before, { seq: throughSeq, update: folded }, ...after]
      return true
    },
    async writeVersion(version) {
      if (store.versionWriteError !== null) throw store.versionWriteError
      versions.push(version)
    },
    async listVersions(padId) {
      return versions.filter((version) => version.padId === padId).reverse()
    },
    async readVersion(padId, versionId) {
      const version = versions.find((candidate) => candidate.padId === padId && candidate.id === versionId)
      if (version === undefined) return null
      const chain: Uint8Array[] = []
      for (let link: CapturedVersion | undefined = version; link !== undefined; link = findVersion(link.baseVersionId)) chain.unshift(link.storedState)
      return { ...summaryOfCaptured(version), state: Y.mergeUpdates(chain) }
    },
    withPadLock: (_padId, work) => work(),
    async newestVersionBase(padId) {
      const newest = versions.filter((version) => version.padId === padId).at(-1)
      return newest === undefined ? null : { id: newest.id, createdAtMs: newest.createdAtMs, stateVector: newest.stateVector, chainLength: newest.chainLength }
    },
    async thinVersions(padId, nowMs) {
      const thinned = selectVersionsToDrop(
        versions.filter((version) => version.padId === padId).map((version) => ({ ...version, isNamed: version.name !== null })),
        nowMs,
      )
      for (const id of thinned) {
        const [version] = versions.splice(versions.findIndex((candidate) => candidate.id === id), 1)
        if (version !== undefined) dropped.set(id, version)
      }
      return thinned
    },
    async readFacilitation(padId) {
      return facilitations.get(padId) ?? null
    },
    async writeFacilitation(padId, state, expectedRevision) {
      if ((facilitations.get(padId)?.revision ?? 0) !== expectedRevision) return false
      facilitations.set(padId, { revision: expectedRevision + 1, state: structuredClone(state) })
      return true
    },
  }
  return store
}
