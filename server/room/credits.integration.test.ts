/**
 * Credit on the wire, against a real server and SQLite: a participant's page
 * writes text credited to itself; a raw client that credits its text to
 * someone else, takes someone's credit or writes someone's entry of the
 * participants map is closed with 4422 and nothing of its write is stored or
 * relayed; an honest move (removed and re-inserted in one write) passes.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { participantsMapName } from '../../shared/pad/attribution'
import { bodyFragmentName } from '../../shared/pad/schema'
import { CloseCode } from '../../shared/protocol/close-codes'
import { encodeMessage, padMessagesParam } from '../../shared/protocol/messages'
import { encodeParticipantSecret, participantIdOf, participantSecretParam } from '../../shared/protocol/participant-id'
import { closedWithin, createTestPad, loadStoredDoc, waitUntil, whenJoined, type RawClient } from '../testing/harness'
import { useTestResources } from '../testing/resources'

const resources = useTestResources()

interface Participant {
  secret: string
  id: string
}

function newParticipant(): Participant {
  const secret = encodeParticipantSecret(randomBytes(32))
  return { secret, id: participantIdOf(secret) }
}

/** A stock provider that presents the participant's secret, as the page does. */
function pageOf(wsUrl: string, key: string, participant: Participant): { doc: Y.Doc; provider: WebsocketProvider } {
  const client = resources.client(wsUrl, key, new Y.Doc(), { [participantSecretParam]: participant.secret })
  return { doc: client.doc, provider: client.provider }
}

/** The first paragraph's characters, without their formatting. */
function plainText(doc: Y.Doc): string {
  const delta = (bodyText(doc)?.toDelta() ?? []) as { insert: unknown }[]
  return delta.map((part) => (typeof part.insert === 'string' ? part.insert : '')).join('')
}

function bodyText(doc: Y.Doc): Y.XmlText | null {
  const paragraph = doc.getXmlFragment(bodyFragmentName).get(0)
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  return text instanceof Y.XmlText ? text : null
}

/** Alice's page writes a paragraph credited to her; resolves once the server stored it. */
async function padWithAlicesParagraph(): Promise<{ server: { url: string; wsUrl: string; dataDir: string }; key: string; padId: string; alice: Participant; aliceDoc: Y.Doc }> {
  const server = await resources.startServer()
  const pad = await createTestPad(server.url, 'Crédits')
  const alice = newParticipant()
  const page = pageOf(server.wsUrl, pad.keys.edit, alice)
  await waitUntil('alice synced', () => page.provider.synced)
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  page.doc.transact(() => {
    page.doc.getXmlFragment(bodyFragmentName).insert(page.doc.getXmlFragment(bodyFragmentName).length, [paragraph])
    text.insert(0, 'Une épicerie solidaire.', { author: { id: alice.id } })
    page.doc.getMap(participantsMapName).set(alice.id, { name: 'Alice', organisation: '', isNamed: true })
  })
  const stored = async (): Promise<boolean> => (await loadStoredDoc(server.dataDir, pad.id)).getMap(participantsMapName).has(alice.id)
  let isStored = false
  await waitUntil('alice’s paragraph stored', () => {
    void stored().then((value) => (isStored = value))
    return isStored
  })
  return { server, key: pad.keys.edit, padId: pad.id, alice, aliceDoc: page.doc }
}

/** A raw connection presenting `participant`'s secret, joined. */
async function rawAs(wsUrl: string, key: string, participant: Participant): Promise<RawClient> {
  const raw = resources.raw(wsUrl, `${key}?${participantSecretParam}=${participant.secret}`)
  await whenJoined(raw)
  return raw
}

/** An update made on a copy of `base` by a fresh client. */
function updateOn(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

describe('credits on the wire', () => {
  it('closes with 4422 a connection that credits its text to someone else, and stores none of it', async () => {
    const { server, key, padId, alice, aliceDoc } = await padWithAlicesParagraph()
    const mallory = await rawAs(server.wsUrl, key, newParticipant())
    const forged = updateOn(aliceDoc, (doc) => bodyText(doc)?.insert(0, 'Alice n’a jamais écrit ceci. ', { author: { id: alice.id } }))
    mallory.socket.send(encodeMessage({ type: 'update', update: forged }))
    const closed = await closedWithin(mallory)
    expect(closed.code).toBe(CloseCode.creditRefused)
    expect(closed.reason).toMatch(/credits \d+ characters to someone else/)
    const stored = await loadStoredDoc(server.dataDir, padId)
    expect(plainText(stored)).not.toContain('jamais')
    expect(plainText(stored)).toBe('Une épicerie solidaire.')
    expect(plainText(aliceDoc)).toBe('Une épicerie solidaire.')
  })

  it('closes with 4422 a connection that takes the credit of someone’s text, or writes their entry of the participants map', async () => {
    const { server, key, padId, alice, aliceDoc } = await padWithAlicesParagraph()
    const mallory = newParticipant()
    const taker = await rawAs(server.wsUrl, key, mallory)
    taker.socket.send(encodeMessage({ type: 'update', update: updateOn(aliceDoc, (doc) => bodyText(doc)?.format(0, 12, { author: { id: mallory.id } })) }))
    expect((await closedWithin(taker)).code).toBe(CloseCode.creditRefused)
    const renamer = await rawAs(server.wsUrl, key, mallory)
    const rename = updateOn(aliceDoc, (doc) => doc.getMap(participantsMapName).set(alice.id, { name: 'Mallory', organisation: '', isNamed: true }))
    renamer.socket.send(encodeMessage({ type: 'update', update: rename }))
    expect((await closedWithin(renamer)).code).toBe(CloseCode.creditRefused)
    const stored = await loadStoredDoc(server.dataDir, padId)
    expect(stored.getMap(participantsMapName).get(alice.id)).toMatchObject({ name: 'Alice' })
  })

  it('accepts a move of someone’s text within one write, and relays it', async () => {
    const { server, key, padId, alice, aliceDoc } = await padWithAlicesParagraph()
    const bruno = newParticipant()
    const page = pageOf(server.wsUrl, key, bruno)
    await waitUntil('bruno synced', () => page.provider.synced && bodyText(page.doc) !== null)
    const text = bodyText(page.doc)
    page.doc.transact(() => {
      text?.delete(0, 4)
      text?.insert(text.length, ' Une', { author: { id: alice.id } })
    })
    await waitUntil('alice sees the move', () => plainText(aliceDoc).endsWith(' Une'))
    let stored = ''
    await waitUntil('the move is stored', () => {
      void loadStoredDoc(server.dataDir, padId).then((doc) => (stored = plainText(doc)))
      return stored.endsWith(' Une')
    })
    expect(page.provider.wsconnected).toBe(true)
  })
  it('refuses an edit connection that presents no participant (a page of the version before), and lets a view connection read', async () => {
    const server = await resources.startServer()
    const pad = await createTestPad(server.url, 'Ancienne page')
    const anonymous = resources.raw(server.wsUrl, `${pad.keys.edit}?`)
    const closed = await closedWithin(anonymous)
    expect(closed.code).toBe(CloseCode.participantRequired)
    // It asks for the settings, which the server sends as it joins.
    const reader = resources.raw(server.wsUrl, `${pad.keys.view}?${padMessagesParam}=1`)
    await whenJoined(reader)
    expect(reader.socket.readyState).toBe(reader.socket.OPEN)
  })
})
