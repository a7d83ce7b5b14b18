/**
 * How much a pad's history weighs: a realistic 3-hour workshop replayed on
 * simulated time (no server, no clock), its automatic checkpoints taken by
 * the room's own policy and thinned by the stores' own rule
 * (server/history/). The workshop: 30 participants, of whom 3 type at any
 * moment, 2 characters a second each (a backspace for every 20), each into
 * a paragraph of their own that ends after about 240 characters; a
 * 15-minute break in the middle where nobody writes. Each checkpoint is
 * captured as the room captures it (the change since the newest version,
 * whole once in `maxChainLength`) and written to a real SQLite store, which
 * thins after each as a room does. It reports the bytes written per hour of
 * writing and what the store's file holds at the end, a day later and eight
 * days later (versions listed, and bytes of every stored state, the hidden
 * links that later versions still build on included).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { participantsMapName } from '../../shared/pad/attribution'
import { bodyFragmentName } from '../../shared/pad/schema'
import { encodeParticipantSecret, participantIdOf } from '../../shared/protocol/participant-id'
import { createCheckpointPolicy, defaultCheckpointPolicyOptions } from '../../server/history/checkpoint-policy'
import { captureVersion, VersionKind } from '../../server/history/version'
import { createSqliteStore } from '../../server/store/sqlite-store'
import type { Store } from '../../server/store/store'
import { newPad } from '../../server/testing/store/store-suite'

export const workshopReplay = {
  hours: 3,
  participants: 30,
  typistsAtOnce: 3,
  charactersPerSecond: 2,
  backspaceEvery: 20,
  paragraphCharacters: 240,
  /** Nobody writes during the break, from 1 h 30 to 1 h 45. */
  breakFromS: 90 * 60,
  breakToS: 105 * 60,
}

export interface HistoryStorageResult {
  hours: number
  /** Characters in the pad at the end. */
  characters: number
  /** Bytes of the pad's final state. */
  finalStateBytes: number
  checkpoints: number
  /** Of which whole (the others are the change since the one before). */
  wholeCheckpoints: number
  /** Sum of every checkpoint's stored state, as written over the workshop. */
  writtenBytes: number
  writtenBytesPerHour: number
  kept: KeptHistory[]
}

export interface KeptHistory {
  label: string
  /** Versions listed. */
  versions: number
  /** Versions dropped but kept while a later one builds on them. */
  hidden: number
  /** Bytes of every stored state. */
  bytes: number
}

const minuteMs = 60_000
const hourMs = 60 * minuteMs
const dayMs = 24 * hourMs

/** Replays the workshop into a SQLite store in a scratch folder (removed after). */
export async function simulateWorkshopHistory(): Promise<HistoryStorageResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-history-bench-'))
  const file = path.join(dir, 'history.sqlite')
  const store = createSqliteStore({ file })
  try {
    return await replayInto(store, file)
  } finally {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** What the SQLite file holds of the pad's history. */
function keptIn(file: string, label: string): KeptHistory {
  const db = new Database(file, { readonly: true })
  try {
    const row = db
      .prepare<[], { listed: number; hidden: number; bytes: number }>(
        'SELECT COUNT(*) FILTER (WHERE is_hidden = 0) AS listed, COUNT(*) FILTER (WHERE is_hidden = 1) AS hidden, COALESCE(SUM(LENGTH(state)), 0) AS bytes FROM pad_versions',
      )
      .get()
    return { label, versions: row?.listed ?? 0, hidden: row?.hidden ?? 0, bytes: row?.bytes ?? 0 }
  } finally {
    db.close()
  }
}

async function replayInto(store: Store, file: string): Promise<HistoryStorageResult> {
  const replay = workshopReplay
  const startMs = Date.UTC(2027, 2, 12, 9, 0, 0)
  const { pad, hashes } = newPad('Atelier de trois heures')
  await store.createPad({ ...pad, createdAtMs: startMs, updatedAtMs: startMs }, hashes, null)
  const doc = new Y.Doc()
  const body = doc.getXmlFragment(bodyFragmentName)
  const people = Array.from({ length: replay.participants }, (_, index) => {
    const id = participantIdOf(encodeParticipantSecret(randomBytes(32)))
    doc.getMap(participantsMapName).set(id, { name: `Personne ${index + 1}`, organisation: '', isNamed: true })
    return { id, paragraph: null as Y.XmlText | null }
  })
  const policy = createCheckpointPolicy(defaultCheckpointPolicyOptions)
  let checkpoints = 0
  let wholeCheckpoints = 0
  let writtenBytes = 0
  let keystrokes = 0

  const type = (person: (typeof people)[number]): void => {
    doc.transact(() => {
      if (person.paragraph === null || person.paragraph.length >= replay.paragraphCharacters) {
        const element = new Y.XmlElement('paragraph')
        const text = new Y.XmlText()
        element.insert(0, [text])
        body.insert(body.length, [element])
        person.paragraph = text
      }
      const text = person.paragraph
      keystrokes += 1
      if (keystrokes % replay.backspaceEvery === 0 && text.length > 0) text.delete(text.length - 1, 1)
      else text.insert(text.length, 'abcdefghij'.charAt(keystrokes % 10), { author: { id: person.id } })
    })
  }
  const checkpoint = async (atMs: number): Promise<void> => {
    const base = await store.newestVersionBase(pad.id)
    const version = captureVersion(doc, { padId: pad.id, kind: VersionKind.auto, atMs, presentParticipantIds: people.map((person) => person.id) }, base)
    await store.writeVersion(version)
    await store.thinVersions(pad.id, atMs)
    policy.taken(atMs)
    checkpoints += 1
    if (version.baseVersionId === null) wholeCheckpoints += 1
    writtenBytes += version.byteSize
  }

  for (let second = 0; second < replay.hours * 3600; second += 1) {
    const nowMs = startMs + second * 1000
    const isBreak = second >= replay.breakFromS && second < replay.breakToS
    if (!isBreak) {
      // The typists change every 10 minutes: everyone writes at some point.
      const shift = Math.floor(second / 600)
      for (let typist = 0; typist < replay.typistsAtOnce; typist += 1) {
        const person = people[(shift * replay.typistsAtOnce + typist) % people.length]
        if (person === undefined) continue
        for (let character = 0; character < replay.charactersPerSecond; character += 1) type(person)
      }
      policy.onUpdate(nowMs)
    }
    if (policy.due(nowMs)) await checkpoint(nowMs)
  }
  const endMs = startMs + replay.hours * hourMs
  // The last quiet minutes after the workshop give the checkpoint still owed.
  const owedAtMs = policy.nextWakeUp()
  if (owedAtMs !== null) await checkpoint(owedAtMs)

  const keptAt = async (label: string, atMs: number): Promise<KeptHistory> => {
    await store.thinVersions(pad.id, atMs)
    return keptIn(file, label)
  }
  const text = body.toArray().reduce((sum, element) => sum + ((element as Y.XmlElement).get(0) as Y.XmlText).length, 0)
  return {
    hours: replay.hours,
    characters: text,
    finalStateBytes: Y.encodeStateAsUpdate(doc).length,
    checkpoints,
    wholeCheckpoints,
    writtenBytes,
    writtenBytesPerHour: writtenBytes / replay.hours,
    kept: [
      await keptAt('at the end', endMs + 10 * minuteMs),
      await keptAt('a day later', endMs + dayMs),
      await keptAt('8 days later', endMs + 8 * dayMs),
    ],
  }
}
