/**
 * The store of record: what a pad is (its settings and key hashes), its
 * document as an append-only log of Yjs updates plus one snapshot, and its
 * history (versions, thinned by history/thinning.ts), and its facilitation
 * (tour de table and dot votes, one value written by compare-and-set). Every
 * implementation (SQLite now, PostgreSQL later) passes `store-suite.ts`.
 * The store knows nothing of rooms, sockets or roles beyond the key tables.
 */
import type { PadLanguage, PadLifetime, RestoreRole } from '../../shared/protocol/api'
import type { DataLicenseId, LicenseId } from '../../shared/pad/licenses'
import type { Role } from '../../shared/protocol/roles'
import type { CapturedVersion, PadVersion, VersionBase, VersionSummary } from '../history/version'
import type { FacilitationState } from '../facilitation/facilitation-state'

export interface PadRecord {
  id: string
  title: string
  language: PadLanguage
  eventName: string
  /** YYYY-MM-DD, or empty. */
  eventDate: string
  eventPlace: string
  license: LicenseId
  /** The license of the initiatives as open data. */
  dataLicense: DataLicenseId
  locked: boolean
  /** How long the pad lives after its last change. */
  lifetime: PadLifetime
  /** Stored as it is: the view key only grants reading, and exports cite the view link. */
  viewKey: string
  /** Which derivation of the edit key is current (see pad-keys.ts). */
  editKeyGeneration: number
  createdAtMs: number
  /** Last change to the document or the settings: the pad's lifetime counts from here. */
  updatedAtMs: number
  /** First and last change to the document by a participant (not the template), or null before any. */
  firstEditAtMs: number | null
  lastEditAtMs: number | null
  /** Names the facilitator added to the credits: people who took part without typing. */
  extraContributors: string[]
  /** Which links may restore a version. */
  restoreRole: RestoreRole
  /** The id of the version published as the recipe, or null. */
  publishedVersion: string | null
}

/** The settings the facilitator can change. */
export type PadSettingsFields = Pick<
  PadRecord,
  | 'title' | 'eventName' | 'eventDate' | 'eventPlace' | 'license' | 'dataLicense' | 'locked' | 'lifetime' | 'extraContributors'
  | 'restoreRole' | 'publishedVersion'
>

/** A pad found by one of its keys, with the role that key gives. */
export interface PadWithRole {
  pad: PadRecord
  role: Role
}

export interface PadKeyHashes {
  edit: Uint8Array
  view: Uint8Array
  admin: Uint8Array
}

export interface StoredDocument {
  /** A compacted state (a Yjs update), or null when the pad was never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended since the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Sequence number of the last update in the log, 0 when there is none. */
  lastSeq: number
}

/** A pad's facilitation as stored, with its revision: 1 for the first write, one more for each write after it. */
export interface StoredFacilitation {
  revision: number
  state: FacilitationState
}

export interface Store {
  /** Creates a pad with its key hashes and, optionally, its initial content. */
  createPad(pad: PadRecord, keyHashes: PadKeyHashes, initialUpdate: Uint8Array | null): Promise<void>
  /** The pad and role a key hash opens, or null for an unknown key (a replaced edit key included). */
  findPadByKeyHash(keyHash: Uint8Array): Promise<PadWithRole | null>
  /**
   * Whether `keyHash` was an edit key of a pad that still exists, replaced
   * since by `rotateEditKey`: its tombstone, so that the old link can say it
   * was replaced rather than that no pad answers. Says nothing of the pad.
   */
  isReplacedEditKey(keyHash: Uint8Array): Promise<boolean>
  loadDocument(padId: string): Promise<StoredDocument>
  /** Appends an update durably (it survives a crash of the process once this resolves); returns its sequence number. */
  appendUpdate(padId: string, update: Uint8Array, atMs: number): Promise<number>
  /**
   * Replaces the snapshot by `snapshot`, which holds every update up to
   * `throughSeq`, and drops those updates. Does nothing when the stored
   * snapshot already reaches further (another instance compacted meanwhile).
   */
  compact(padId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>
  /**
   * Replaces the `count` updates numbered `fromSeq` through `throughSeq` by
   * `folded`, one update that holds exactly them, numbered `throughSeq`: the
   * log shrinks without the snapshot being rewritten (on a big pad that is
   * the whole pad). Changes nothing and resolves false when the store does
   * not hold exactly `count` updates in that range (a compaction took them
   * meanwhile, or another instance appended among them).
   */
  foldUpdates(padId: string, folded: Uint8Array, fromSeq: number, throughSeq: number, count: number): Promise<boolean>
  /** Changes settings; resolves with the updated pad, or null if it no longer exists. */
  updatePad(padId: string, fields: Partial<PadSettingsFields>, atMs: number): Promise<PadRecord | null>
  /**
   * Replaces the pad's edit key by the one of `generation`; the old key stops
   * opening the pad, and its hash is kept as a tombstone (`isReplacedEditKey`)
   * for as long as the pad lives.
   */
  rotateEditKey(padId: string, generation: number, editKeyHash: Uint8Array): Promise<void>
  /** Keeps a version of the pad (whole, or as the change since its base); rejects if the pad or the base no longer exists. */
  writeVersion(version: CapturedVersion): Promise<void>
  /** The pad's versions without their state, newest first (of two taken at the same time, the one written last first). */
  listVersions(padId: string): Promise<VersionSummary[]>
  /** A version of this pad with its whole state, or null when this pad has none with that id (another pad's included). */
  readVersion(padId: string, versionId: string): Promise<PadVersion | null>
  /** Where the pad's newest version stands, for the next to build on; null when it has none (or none with a state vector). */
  newestVersionBase(padId: string): Promise<VersionBase | null>
  /** Names a version of the pad (null: no name any more); false when the pad has no such version. */
  renameVersion(padId: string, versionId: string, name: string | null): Promise<boolean>
  /** Marks a version of the pad as kept whatever thinning says (it is published); false when the pad has no such version. */
  pinVersion(padId: string, versionId: string): Promise<boolean>
  /**
   * Drops those of these versions the pad has: they are listed and read no
   * more, and their bytes go once no later version builds on them; resolves
   * with how many it dropped.
   */
  deleteVersions(padId: string, versionIds: readonly string[]): Promise<number>
  /**
   * Drops the versions the thinning rule (history/thinning.ts) drops at
   * `nowMs`, deciding and dropping in one transaction; resolves with their ids.
   */
  thinVersions(padId: string, nowMs: number): Promise<string[]>
  /**
   * Runs `work` while no other instance runs work under this pad's lock, and
   * resolves with what it gave: restores take it, so that two restores asked
   * on two instances at once apply one after the other, each over all the
   * other stored. A store only one process opens (SQLite) runs `work` at once.
   */
  withPadLock<T>(padId: string, work: () => Promise<T>): Promise<T>
  /** The pad's facilitation, or null when none was ever written (or the pad does not exist). */
  readFacilitation(padId: string): Promise<StoredFacilitation | null>
  /**
   * Writes the pad's facilitation as revision `expectedRevision + 1`, only
   * if the stored one is still `expectedRevision` (0: none written yet), in
   * one atomic step: two instances applying commands to the same pad at once
   * cannot both win, so no dot is counted twice. False when another write
   * came first (read it and try again) or the pad no longer exists.
   */
  writeFacilitation(padId: string, state: FacilitationState, expectedRevision: number): Promise<boolean>
  /** Forgets the pad, its keys (replaced ones too), its document, its versions and its facilitation; false if it did not exist. */
  deletePad(padId: string): Promise<boolean>
  /** Deletes pads whose lifetime has run out at `nowMs`; resolves with their ids. */
  deleteExpiredPads(nowMs: number): Promise<string[]>
  /** Resolves when the store answers a trivial query. */
  checkHealth(): Promise<void>
  close(): Promise<void>
}

/** The store could not do what was asked (disk full, database gone…). */
export class StoreError extends Error {
  override readonly name = 'StoreError'
}

/** An append a store groups with the others asked for in the same turn (both stores commit them together), waiting to be committed. */
export interface PendingAppend {
  padId: string
  update: Uint8Array
  atMs: number
  resolve: (seq: number) => void
  reject: (error: StoreError) => void
}
