/**
 * The store calls a room makes (RoomStore), in memory, for room unit tests:
 * an update log and a snapshot per pad, every append recorded with its time,
 * the versions its checkpoints write, thinned by the real rule, and its
 * facilitation by compare-and-set. Durable
 * only as long as the test.
 */
import { selectVersionsToDrop } from '../history/thinning'
import type { PadVersion } from '../history/version'
import type { RoomStore } from '../room/storage'
import type { StoredDocument, StoredFacilitation } from '../store/store'

export interface MemoryRoomStore extends RoomStore {
  /** Every append, in order, with the time the room gave it. */
  readonly appends: Array<{ padId: string; update: Uint8Array; atMs: number }>
  /** The versions kept, oldest first. */
  readonly versions: PadVersion[]
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
  const versions: PadVersion[] = []
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
    async writeVersion(version) {
      if (store.versionWriteError !== null) throw store.versionWriteError
      versions.push(version)
    },
    async listVersions(padId) {
      return versions.filter((version) => version.padId === padId).reverse()
    },
    async readVersion(padId, versionId) {
      return versions.find((version) => version.padId === padId && version.id === versionId) ?? null
    },
    async thinVersions(padId, nowMs) {
      const dropped = selectVersionsToDrop(
        versions.filter((version) => version.padId === padId).map((version) => ({ ...version, isNamed: version.name !== null })),
        nowMs,
      )
      for (const id of dropped) versions.splice(versions.findIndex((version) => version.id === id), 1)
      return dropped
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
