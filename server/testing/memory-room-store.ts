/**
 * The three store calls a room makes (RoomStore), in memory, for room unit
 * tests: an update log and a snapshot per pad, and every append recorded
 * with its time. Durable only as long as the test.
 */
import type { RoomStore } from '../room/storage'
import type { StoredDocument } from '../store/store'

export interface MemoryRoomStore extends RoomStore {
  /** Every append, in order, with the time the room gave it. */
  readonly appends: Array<{ padId: string; update: Uint8Array; atMs: number }>
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
  return {
    appends,
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
  }
}
