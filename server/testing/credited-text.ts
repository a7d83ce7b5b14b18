/**
 * Text credited to a participant, written the way the page writes it (the
 * pad's first paragraph in the body fragment, each run carrying its
 * writer's author attribute, and the writer's entry in the participants
 * map), and read back as plain text: for tests of what the server keeps of
 * who wrote what (checkpoints, history).
 */
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { participantsMapName } from '../../shared/pad/attribution'
import { bodyFragmentName } from '../../shared/pad/schema'
import { encodeParticipantSecret, participantIdOf } from '../../shared/protocol/participant-id'
import type { TestClient } from './harness'

export interface Participant {
  secret: string
  id: string
}

export function newParticipant(): Participant {
  const secret = encodeParticipantSecret(randomBytes(32))
  return { secret, id: participantIdOf(secret) }
}

/** Types `text` into the pad's first paragraph, credited to `who`, as the page does. */
export function typeCredited(client: TestClient, who: Participant, name: string, text: string): void {
  const { doc } = client
  doc.transact(() => {
    const body = doc.getXmlFragment(bodyFragmentName)
    if (body.length === 0) {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText()])
      body.insert(0, [paragraph])
    }
    doc.getMap(participantsMapName).set(who.id, { name, organisation: '', isNamed: true })
    const paragraphText = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText
    paragraphText.insert(paragraphText.length, text, { author: { id: who.id } })
  })
}

export function plainText(state: Uint8Array): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const paragraph = doc.getXmlFragment(bodyFragmentName).get(0)
  if (!(paragraph instanceof Y.XmlElement)) return ''
  return ((paragraph.get(0) as Y.XmlText).toDelta() as { insert: unknown }[]).map((part) => (typeof part.insert === 'string' ? part.insert : '')).join('')
}

