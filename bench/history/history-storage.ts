/**
 * How much a pad's history weighs: a realistic 3-hour workshop replayed on
 * simulated time (no server, no clock), its automatic checkpoints taken by
 * the room's own policy and thinned by the stores' own rule
 * (server/history/). The workshop: 30 participants, of whom 3 type at any
 * moment, 2 characters a second each (a backspace for every 20), each into
 * a paragraph of their own that ends after about 240 characters; a
 * 15-minute break in the middle where nobody writes. Every checkpoint is
 * the pad's whole state (Y.encodeStateAsUpdate), so the bytes kept are the
 * sum of those states. It reports the bytes written per hour of writing and
 * what thinning keeps at the end, a day later and eight days later.
 */
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { participantsMapName } from '../../shared/pad/attribution'
import { bodyFragmentName } from '../../shared/pad/schema'
import { encodeParticipantSecret, participantIdOf } from '../../shared/protocol/participant-id'
import { createCheckpointPolicy, defaultCheckpointPolicyOptions } from '../../server/history/checkpoint-policy'
import { selectVersionsToDrop, type ThinnableVersion } from '../../server/history/thinning'

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
  /** Sum of every checkpoint's state, as written over the workshop. */
  writtenBytes: number
  writtenBytesPerHour: number
  kept: { label: string; versions: number; bytes: number }[]
}

const minuteMs = 60_000
const hourMs = 60 * minuteMs
const dayMs = 24 * hourMs

/** Replays the workshop and applies thinning as the stores would. */
export function simulateWorkshopHistory(): HistoryStorageResult {
  const replay = workshopReplay
  const doc = new Y.Doc()
  const body = doc.getXmlFragment(bodyFragmentName)
  const people = Array.from({ length: replay.participants }, (_, index) => {
    const id = participantIdOf(encodeParticipantSecret(randomBytes(32)))
    doc.getMap(participantsMapName).set(id, { name: `Personne ${index + 1}`, organisation: '', isNamed: true })
    return { id, paragraph: null as Y.XmlText | null }
  })
  const policy = createCheckpointPolicy(defaultCheckpointPolicyOptions)
  const versions: (ThinnableVersion & { bytes: number })[] = []
  const startMs = Date.UTC(2027, 2, 12, 9, 0, 0)
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
    if (policy.due(nowMs)) {
      const bytes = Y.encodeStateAsUpdate(doc).length
      versions.push({ id: String(versions.length), createdAtMs: nowMs, kind: 'auto', isNamed: false, bytes })
      policy.taken(nowMs)
    }
  }
  const endMs = startMs + replay.hours * hourMs
  // The last quiet minutes after the workshop give the checkpoint still owed.
  const owedAtMs = policy.nextWakeUp()
  if (owedAtMs !== null) {
    versions.push({ id: String(versions.length), createdAtMs: owedAtMs, kind: 'auto', isNamed: false, bytes: Y.encodeStateAsUpdate(doc).length })
    policy.taken(owedAtMs)
  }

  let kept = versions
  const keptAt = (label: string, atMs: number): { label: string; versions: number; bytes: number } => {
    const dropped = new Set(selectVersionsToDrop(kept, atMs))
    kept = kept.filter((version) => !dropped.has(version.id))
    return { label, versions: kept.length, bytes: kept.reduce((sum, version) => sum + version.bytes, 0) }
  }
  const writtenBytes = versions.reduce((sum, version) => sum + version.bytes, 0)
  const text = body.toArray().reduce((sum, element) => sum + ((element as Y.XmlElement).get(0) as Y.XmlText).length, 0)
  return {
    hours: replay.hours,
    characters: text,
    finalStateBytes: Y.encodeStateAsUpdate(doc).length,
    checkpoints: versions.length,
    writtenBytes,
    writtenBytesPerHour: writtenBytes / replay.hours,
    kept: [keptAt('at the end', endMs + 10 * minuteMs), keptAt('a day later', endMs + dayMs), keptAt('8 days later', endMs + 8 * dayMs)],
  }
}
