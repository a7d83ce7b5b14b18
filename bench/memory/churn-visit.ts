/**
 * One participant's short visit to a pad, as the memory churn makes
 * thousands of them: connect over the y-websocket protocol as a page does
 * (its own participant secret), sync, set its presence, write one credited
 * paragraph, and leave 50 ms later. It measures nothing.
 */
import { randomBytes } from 'node:crypto'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import { padMessagesParam } from '../../shared/protocol/messages'
import { encodeParticipantSecret, participantIdOf, participantSecretParam } from '../../shared/protocol/participant-id'

const messageSync = 0
const messageAwareness = 1

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Whether `data` is the server's sync step 2 (the visit's doc is then synced). */
function isSyncStep2(data: Uint8Array): boolean {
  const decoder = decoding.createDecoder(data)
  return decoding.readVarUint(decoder) === messageSync && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2
}

/** Visits the pad whose edit WebSocket URL (without participant) is `padUrl`; rejects after `timeoutMs`. */
export function visitPad(padUrl: string, timeoutMs = 30_000): Promise<void> {
  const secret = encodeParticipantSecret(randomBytes(32))
  const participantId = participantIdOf(secret)
  const socket = new WebSocket(`${padUrl}?${participantSecretParam}=${secret}&${padMessagesParam}=1`, { perMessageDeflate: false })
  const doc = new Y.Doc()
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate()
      reject(new Error('a churn visit timed out'))
    }, timeoutMs)
    const finish = (error: Error | null): void => {
      clearTimeout(timer)
      doc.destroy()
      if (error === null) resolve()
      else reject(error)
    }
    socket.on('error', (error) => finish(error))
    socket.on('open', () => socket.send(frame(messageSync, (encoder) => syncProtocol.writeSyncStep1(encoder, doc))))
    socket.on('message', (data: Buffer) => {
      if (!isSyncStep2(data)) return
      const awareness = new awarenessProtocol.Awareness(doc)
      awareness.setLocalState({ user: { name: 'Visite', color: '#1f6f8b', participant: participantId } })
      socket.send(frame(messageAwareness, (encoder) => encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))))
      awareness.destroy()
      const updates: Uint8Array[] = []
      doc.on('update', (update: Uint8Array) => updates.push(update))
      doc.transact(() => {
        const paragraph = new Y.XmlElement('paragraph')
        const text = new Y.XmlText()
        paragraph.insert(0, [text])
        doc.getXmlFragment('body').insert(0, [paragraph])
        text.insert(0, 'Une initiative du quartier', { author: { id: participantId } })
      })
      for (const update of updates) socket.send(frame(messageSync, (encoder) => syncProtocol.writeUpdate(encoder, update)))
      setTimeout(() => {
        socket.close()
        finish(null)
      }, 50)
    })
  })
}
