/**
 * Dot votes and the tour de table across two instances over PostgreSQL and
 * Redis, each a real `server/main.ts` process: one participant's tabs on
 * both instances share one set of dots (each dot counted once, whichever
 * instance took it), and what one instance stores every page of the other
 * sees.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeMessage, MessageType } from '../../shared/protocol/messages'
import { participantIdOf, participantSecretParam } from '../../shared/protocol/participant-id'
import * as Y from 'yjs'
import { createTestPad, makeTempDir, newParticipantSecret, waitUntil, whenSynced, type ServerProcess } from '../testing/harness'
import { addInitiativeCards, asFacilitationClient, facilitationPath, type FacilitationClient } from '../testing/facilitation-client'
import { useTestResources } from '../testing/resources'
import type { PostgresProcess, RedisProcess } from '../scale-out/local-services'

const services = useTestResources({ scope: 'file' })
const resources = useTestResources()
let postgres: PostgresProcess
let redis: RedisProcess

beforeAll(async () => {
  ;[postgres, redis] = await Promise.all([services.startPostgres(), services.startRedis()])
}, 60_000)

async function twoInstances(): Promise<[ServerProcess, ServerProcess]> {
  const databaseUrl = await postgres.createSchema()
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, LOG_LEVEL: 'warn' }
  const [a, b] = await Promise.all([resources.startProcess(makeTempDir(), env), resources.startProcess(makeTempDir(), env)])
  return [a, b]
}

async function page(instance: ServerProcess, key: string, secret = newParticipantSecret()): Promise<FacilitationClient> {
  return asFacilitationClient(await resources.joinedRaw(instance, facilitationPath(key, secret)), secret)
}

const repliesOf = (client: FacilitationClient): number => client.raw.frames.filter((frame) => frame[0] === MessageType.facilitationReply).length

/** The replies a client got that said its command was taken. */
const acceptedOf = (client: FacilitationClient): number =>
  client.raw.frames.filter((frame) => frame[0] === MessageType.facilitationReply).map((frame) => decodeMessage(frame)).filter((message) => message.type === 'facilitation-reply' && message.reply.ok).length

describe('facilitation across instances', () => {
  it('counts one participant\'s dots once, from tabs on both instances at once, and shows every page the same totals', async () => {
    const [a, b] = await twoInstances()
    const pad = await createTestPad(a.url)
    const writerSecret = newParticipantSecret()
    const writer = resources.client(a, pad.keys.edit, new Y.Doc(), { [participantSecretParam]: writerSecret })
    await whenSynced(writer)
    const [first, second] = addInitiativeCards(writer, ['', ''], participantIdOf(writerSecret)) as [string, string]
    const readerOnB = await resources.syncedClient(b, pad.keys.view)
    await waitUntil('instance b has the cards', () => readerOnB.doc.getXmlFragment('body').length >= 2, 10_000)

    const facilitator = await page(a, pad.keys.admin)
    expect(await facilitator.send({ action: 'vote-open', dotsPerParticipant: 3 })).toMatchObject({ ok: true })
    const secret = newParticipantSecret()
    const [tabOnA, tabOnB, otherOnB] = await Promise.all([page(a, pad.keys.edit, secret), page(b, pad.keys.edit, secret), page(b, pad.keys.edit)])
    await tabOnB.waitForView('instance b shows the open vote', (view) => view.vote !== null)

    // Eight dots from each tab in one burst each, both instances taking them at the same time.
    for (let i = 0; i < 8; i++) {
      tabOnA.sendJson(JSON.stringify({ id: 1 + i, action: 'dot-add', cardId: first }))
      tabOnB.sendJson(JSON.stringify({ id: 1 + i, action: 'dot-add', cardId: second }))
    }
    await waitUntil('every dot is answered', () => repliesOf(tabOnA) === 8 && repliesOf(tabOnB) === 8, 10_000)
    // Three dots taken in all, whichever instance took each: never three on each.
    expect(acceptedOf(tabOnA) + acceptedOf(tabOnB)).toBe(3)
    expect(await otherOnB.send({ action: 'dot-add', cardId: second })).toMatchObject({ ok: true })

    const onA = await facilitator.waitForView('instance a counts four dots', (view) => view.vote?.dotsCast === 4)
    const onB = await otherOnB.waitForView('instance b counts four dots', (view) => view.vote?.dotsCast === 4)
    expect(onA.vote).toMatchObject({ voterCount: 2, dotsCast: 4 })
    expect(onB.vote?.totals).toEqual(onA.vote?.totals)
    const mine = (view: { vote: { myDots: Record<string, number> } | null }): number => Object.values(view.vote?.myDots ?? {}).reduce((sum, dots) => sum + dots, 0)
    expect(mine(await tabOnA.waitForView('tab a sees three dots of its own', (view) => mine(view) === 3))).toBe(3)
    expect(mine(await tabOnB.waitForView('tab b sees three dots of its own', (view) => mine(view) === 3))).toBe(3)

    // The facilitator closes on a: instance b refuses the next dot and shows the frozen results.
    expect(await facilitator.send({ action: 'vote-close' })).toMatchObject({ ok: true })
    await otherOnB.waitForView('instance b shows the results', (view) => view.closedVotes.length === 1)
    expect(await otherOnB.send({ action: 'dot-remove', cardId: second })).toMatchObject({ ok: false, error: 'no_vote' })
    expect(otherOnB.views().at(-1)?.closedVotes[0]?.counts.reduce((sum, count) => sum + count.dots, 0)).toBe(4)
  }, 60_000)

  it('shows a hand raised on one instance in the round driven from the other', async () => {
    const [a, b] = await twoInstances()
    const pad = await createTestPad(a.url)
    const facilitator = await page(a, pad.keys.admin)
    const participant = await page(b, pad.keys.edit)
    expect(await facilitator.send({ action: 'round-start', speakers: [{ name: 'Marcel' }] })).toMatchObject({ ok: true })
    await participant.waitForView('instance b shows the round', (view) => view.round !== null)
    expect(await participant.send({ action: 'hand-raise' })).toMatchObject({ ok: true })
    await facilitator.waitForView('instance a shows the raised hand', (view) => view.round?.queue.length === 1)
    expect(await facilitator.send({ action: 'round-next' })).toMatchObject({ ok: true })
    const view = await participant.waitForView('instance b shows the hand speaking', (candidate) => candidate.round?.turns.length === 1)
    expect(view.round?.current?.speaker).toEqual({ participantId: participantIdOf(participant.secret ?? '') })
  }, 60_000)
})
