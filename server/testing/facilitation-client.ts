/**
 * A page's side of the facilitation protocol over a raw socket, for
 * integration tests: it asks for the facilitation messages, sends commands
 * (or any JSON, as an attacker would) and waits for their replies, and keeps
 * the views it is sent. Also: initiative cards written through a stock
 * client, as the page's Initiative button writes them.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { facilitationParam } from '../../shared/facilitation/facilitation-command'
import type { FacilitationReply, FacilitationView } from '../../shared/facilitation/facilitation-view'
import { initiativeFields } from '../../shared/pad/initiative'
import { padInitiativeCardIds } from '../../shared/pad/initiative-ids'
import { bodyFragmentName } from '../../shared/pad/schema'
import { decodeMessage, MessageType } from '../../shared/protocol/messages'
import { participantSecretParam } from '../../shared/protocol/participant-id'
import { newParticipantSecret, waitUntil, type RawClient, type TestClient } from './harness'

export interface FacilitationClient {
  raw: RawClient
  /** The participant secret it presented (null for none). */
  secret: string | null
  /** Sends a command (any JSON object) with a fresh id and resolves with its reply. */
  send(command: Record<string, unknown>): Promise<FacilitationReply>
  /** Sends a `facilitate` frame holding exactly `json`, without waiting. */
  sendJson(json: string): void
  /** The views received, oldest first. */
  views(): FacilitationView[]
  /** Waits until the newest view passes `check`, and returns it. */
  waitForView(what: string, check: (view: FacilitationView) => boolean): Promise<FacilitationView>
}

/** The relay path of a page that asks for facilitation: `key?participant=…&facilitation=1` (no participant with `secret` null). */
export function facilitationPath(key: string, secret: string | null = newParticipantSecret()): string {
  const participant = secret === null ? '' : `${participantSecretParam}=${secret}&`
  return `${key}?${participant}${facilitationParam}=1`
}

export function asFacilitationClient(raw: RawClient, secret: string | null): FacilitationClient {
  let nextId = 1
  const decoded = (): Array<ReturnType<typeof decodeMessage>> =>
    raw.frames.filter((frame) => frame[0] === MessageType.facilitation || frame[0] === MessageType.facilitationReply).map((frame) => decodeMessage(frame))
  const views = (): FacilitationView[] => decoded().flatMap((message) => (message.type === 'facilitation' ? [message.view] : []))
  const sendJson = (json: string): void => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.facilitate)
    encoding.writeVarString(encoder, json)
    raw.socket.send(encoding.toUint8Array(encoder))
  }
  return {
    raw,
    secret,
    views,
    sendJson,
    async send(command) {
      const id = nextId++
      sendJson(JSON.stringify({ id, ...command }))
      let reply: FacilitationReply | undefined
      await waitUntil(`the reply to ${JSON.stringify(command)}`, () => {
        for (const message of decoded()) if (message.type === 'facilitation-reply' && message.reply.id === id) reply = message.reply
        return reply !== undefined
      })
      return reply as FacilitationReply
    },
    async waitForView(what, check) {
      await waitUntil(what, () => {
        const last = views().at(-1)
        return last !== undefined && check(last)
      })
      return views().at(-1) as FacilitationView
    },
  }
}

/**
 * Adds one initiative card per name at the end of the pad through a synced
 * stock client whose participant is `participantId` (each name credited to
 * it, as the page does; '' leaves the card empty); resolves with every card
 * id of the pad.
 */
export function addInitiativeCards(client: TestClient, names: readonly string[], participantId: string): string[] {
  const body = client.doc.getXmlFragment(bodyFragmentName)
  client.doc.transact(() => {
    for (const name of names) {
      const card = new Y.XmlElement('initiative')
      const fields = initiativeFields.map((field) => {
        const element = new Y.XmlElement('initiative_field')
        element.setAttribute('field', field)
        return element
      })
      card.insert(0, fields)
      body.insert(body.length, [card])
      if (name === '') continue
      const text = new Y.XmlText()
      ;(fields[0] as Y.XmlElement).insert(0, [text])
      text.insert(0, name, { author: { id: participantId } })
    }
  })
  return padInitiativeCardIds(client.doc)
}
