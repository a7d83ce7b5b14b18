/**
 * The tour de table and dot votes against a real server (SQLite, real
 * sockets), driven by raw protocol clients as any page or script would:
 * what every page sees, what each link may do, and what a hostile client
 * cannot do — vote beyond its dots, for someone else, after the close, from
 * a view link, or drive the round without the admin link — and that it all
 * survives a restart.
 */
import { describe, expect, it } from 'vitest'
import type { CreatePadResponse } from '../../shared/protocol/api'
import { CloseCode } from '../../shared/protocol/close-codes'
import { MessageType } from '../../shared/protocol/messages'
import { participantIdOf, participantSecretParam } from '../../shared/protocol/participant-id'
import type { Recipe } from '../../shared/export/recipe'
import * as Y from 'yjs'
import { closeCode, createTestPad, makeTempDir, newParticipantSecret, waitUntil, whenSynced, type TestServer } from '../testing/harness'
import { addInitiativeCards, asFacilitationClient, facilitationPath, type FacilitationClient } from '../testing/facilitation-client'
import { useTestResources } from '../testing/resources'

const resources = useTestResources()

async function page(server: TestServer | string, key: string, secret: string | null = newParticipantSecret()): Promise<FacilitationClient> {
  return asFacilitationClient(await resources.joinedRaw(server, facilitationPath(key, secret)), secret)
}

/** A server, a pad with `cards` initiative cards written by a stock client (named as given, else empty), and the facilitator's page. */
async function padWithCards(cards: number | string[], env: Record<string, string> = {}, dataDir?: string): Promise<{ server: TestServer; pad: CreatePadResponse; cardIds: string[]; facilitator: FacilitationClient }> {
  const server = await resources.startServer(env, dataDir)
  const pad = await createTestPad(server.url)
  const secret = newParticipantSecret()
  const writer = resources.client(server, pad.keys.edit, new Y.Doc(), { [participantSecretParam]: secret })
  await whenSynced(writer)
  const names = typeof cards === 'number' ? Array.from({ length: cards }, () => '') : cards
  const cardIds = addInitiativeCards(writer, names, participantIdOf(secret))
  const facilitator = await page(server, pad.keys.admin)
  // A dot reaches the room after the cards: the facilitator's vote opens once they are stored and relayed.
  const reader = await resources.syncedClient(server, pad.keys.view)
  await waitUntil('the cards are relayed', () => reader.doc.getXmlFragment('body').length >= names.length)
  return { server, pad, cardIds, facilitator }
}

const ok = { ok: true }

describe('tour de table over the wire', () => {
  it('shows every subscribed page who speaks and who is next; raised hands join the queue; a stock client gets none of it', async () => {
    const server = await resources.startServer()
    const pad = await createTestPad(server.url)
    const facilitator = await page(server, pad.keys.admin)
    const awaSecret = newParticipantSecret()
    const awa = await page(server, pad.keys.edit, awaSecret)
    const stock = await resources.joinedRaw(server, pad.keys.edit)

    expect(await facilitator.send({ action: 'round-start', speakers: [{ name: 'Marcel' }, { name: 'Zoé' }], turnMs: 60_000 })).toMatchObject(ok)
    expect(await awa.send({ action: 'hand-raise' })).toMatchObject(ok)
    const seen = await awa.waitForView('awa sees her raised hand', (view) => view.round?.queue.length === 2)
    expect(seen.round).toMatchObject({ turnMs: 60_000, current: { speaker: { name: 'Marcel' } }, queue: [{ name: 'Zoé' }, { participantId: participantIdOf(awaSecret) }] })
    expect(await facilitator.send({ action: 'round-next' })).toMatchObject(ok)
    expect(await facilitator.send({ action: 'round-pause' })).toMatchObject(ok)
    const afterNext = await awa.waitForView('awa sees Zoé speaking, paused', (view) => view.round?.current?.timer.runningSinceMs === null)
    expect(afterNext.round?.current?.speaker).toEqual({ name: 'Zoé' })
    expect(afterNext.round?.turns.map((turn) => turn.speaker)).toEqual([{ name: 'Marcel' }])
    expect(await awa.send({ action: 'hand-lower' })).toMatchObject(ok)
    expect(await facilitator.send({ action: 'round-next' })).toMatchObject(ok)
    expect(await facilitator.send({ action: 'round-next' })).toMatchObject({ ok: false, error: 'no_speaker' })

    // The stock client (no facilitation=1, no command) was sent no facilitation message.
    const ours = [MessageType.facilitation, MessageType.facilitationReply] as number[]
    expect(stock.frames.filter((frame) => ours.includes(frame[0] ?? -1))).toEqual([])
  })

  it('closes with 4403 an edit or view link that drives the round or the vote, or a view link raising a hand, changing nothing', async () => {
    const server = await resources.startServer()
    const pad = await createTestPad(server.url)
    const facilitator = await page(server, pad.keys.admin)
    await facilitator.send({ action: 'round-start', speakers: [{ name: 'Marcel' }, { name: 'Zoé' }] })
    const attempts: Array<[string, Record<string, unknown>]> = [
      [pad.keys.edit, { action: 'round-next' }],
      [pad.keys.edit, { action: 'round-end' }],
      [pad.keys.edit, { action: 'vote-open' }],
      [pad.keys.edit, { action: 'round-remove', speaker: { name: 'Zoé' } }],
      [pad.keys.view, { action: 'round-skip' }],
      [pad.keys.view, { action: 'hand-raise' }],
    ]
    for (const [key, command] of attempts) {
      const intruder = await page(server, key)
      intruder.sendJson(JSON.stringify(command))
      expect(await closeCode(intruder.raw), JSON.stringify(command)).toBe(CloseCode.forbidden)
    }
    const state = await facilitator.send({ action: 'round-turn-length', turnMs: 90_000 })
    expect(state).toMatchObject(ok)
    const view = await facilitator.waitForView('the turn length changed', (candidate) => candidate.round?.turnMs === 90_000)
    expect(view.round).toMatchObject({ current: { speaker: { name: 'Marcel' } }, queue: [{ name: 'Zoé' }], turns: [] })
    expect(view.vote).toBeNull()
  })

  it('closes a malformed command with 1007, alone: the others go on', async () => {
    const server = await resources.startServer()
    const pad = await createTestPad(server.url)
    const facilitator = await page(server, pad.keys.admin)
    for (const json of ['{"action":', '{"action":"round-start"}', '{"action":"dot-add","cardId":"<script>"}', '[]', '{"action":"round-start","speakers":[{"name":"A","participantId":"x"}]}']) {
      const sender = await page(server, pad.keys.admin)
      sender.sendJson(json)
      expect(await closeCode(sender.raw), json).toBe(CloseCode.invalidPayload)
    }
    expect(await facilitator.send({ action: 'round-start', speakers: [] })).toMatchObject(ok)
  })

  it('closes with 4429 a connection sending facilitation commands past its allowance', async () => {
    const server = await resources.startServer({ FACILITATION_COMMAND_BURST: '5', FACILITATION_COMMANDS_PER_MINUTE: '1' })
    const pad = await createTestPad(server.url)
    const flooder = await page(server, pad.keys.edit)
    for (let i = 0; i < 6; i++) flooder.sendJson('{"action":"hand-raise"}')
    expect(await closeCode(flooder.raw)).toBe(CloseCode.rateLimited)
    const other = await page(server, pad.keys.admin)
    expect(await other.send({ action: 'round-start', speakers: [] })).toMatchObject(ok)
  })
})

describe('dot votes over the wire', () => {
  it('gives one participant one set of N dots, across their tabs, whatever a raw client sends at once', async () => {
    const { server, pad, cardIds, facilitator } = await padWithCards(3)
    const [first, second] = cardIds as [string, string]
    expect(await facilitator.send({ action: 'vote-open', dotsPerParticipant: 3, allowStacking: true })).toMatchObject(ok)
    const secret = newParticipantSecret()
    const tab1 = await page(server, pad.keys.edit, secret)
    const tab2 = await page(server, pad.keys.edit, secret)
    // Ten dots in one burst from one tab and five from the other: three are taken.
    for (let i = 0; i < 10; i++) tab1.sendJson(JSON.stringify({ id: 100 + i, action: 'dot-add', cardId: first }))
    const replies = await Promise.all(Array.from({ length: 5 }, () => tab2.send({ action: 'dot-add', cardId: second })))
    const view = await facilitator.waitForView('every dot is handled', (candidate) => candidate.vote?.dotsCast === 3)
    await waitUntil('tab 1 has its ten replies', () => tab1.raw.frames.filter((frame) => frame[0] === MessageType.facilitationReply).length === 10)
    expect(view.vote).toMatchObject({ voterCount: 1, dotsCast: 3 })
    expect(Object.values(view.vote?.totals ?? {}).reduce((sum, dots) => sum + dots, 0)).toBe(3)
    expect(replies.filter((reply) => !reply.ok).every((reply) => !reply.ok && reply.error === 'no_dots_left')).toBe(true)
    // Both tabs see the same dots of theirs; the facilitator sees none as theirs.
    const mine = (await tab2.waitForView('tab 2 sees three dots', (candidate) => candidate.vote?.dotsCast === 3)).vote?.myDots
    expect(Object.values(mine ?? {}).reduce((sum, dots) => sum + dots, 0)).toBe(3)
    expect((await tab1.waitForView('tab 1 sees three dots', (candidate) => candidate.vote?.dotsCast === 3)).vote?.myDots).toEqual(mine)
    expect(view.vote?.myDots).toEqual({})
  })

  it('refuses a dot for someone else (closing with 1007), on a card that does not exist, or twice on a card when stacking is off', async () => {
    const { server, pad, cardIds, facilitator } = await padWithCards(2)
    await facilitator.send({ action: 'vote-open', allowStacking: false })
    const victimSecret = newParticipantSecret()
    const victim = await page(server, pad.keys.edit, victimSecret)
    const mallory = await page(server, pad.keys.edit)
    mallory.sendJson(JSON.stringify({ action: 'dot-add', cardId: cardIds[0], participantId: participantIdOf(victimSecret) }))
    expect(await closeCode(mallory.raw)).toBe(CloseCode.invalidPayload)
    const honest = await page(server, pad.keys.edit)
    expect(await honest.send({ action: 'dot-add', cardId: '999999-1' })).toMatchObject({ ok: false, error: 'unknown_card' })
    expect(await honest.send({ action: 'dot-add', cardId: cardIds[1] })).toMatchObject(ok)
    expect(await honest.send({ action: 'dot-add', cardId: cardIds[1] })).toMatchObject({ ok: false, error: 'card_has_your_dot' })
    expect(await honest.send({ action: 'dot-remove', cardId: cardIds[0] })).toMatchObject({ ok: false, error: 'no_dot_here' })
    const view = await victim.waitForView('the honest dot is counted', (candidate) => candidate.vote?.dotsCast === 1)
    expect(view.vote).toMatchObject({ voterCount: 1, myDots: {}, totals: { [cardIds[1] as string]: 1 } })
  })

  it('refuses view links until the facilitator opens the vote to them, then takes their dots by their participant', async () => {
    const { server, pad, cardIds, facilitator } = await padWithCards(1)
    const cardId = cardIds[0] as string
    await facilitator.send({ action: 'vote-open', visibility: 'hidden' })
    const reader = await page(server, pad.keys.view)
    const anonymous = await page(server, pad.keys.view, null)
    expect(await reader.send({ action: 'dot-add', cardId })).toMatchObject({ ok: false, error: 'viewers_may_not_vote' })
    expect(await facilitator.send({ action: 'vote-configure', viewersMayVote: true })).toMatchObject(ok)
    expect(await reader.send({ action: 'dot-add', cardId })).toMatchObject(ok)
    expect(await anonymous.send({ action: 'dot-add', cardId })).toMatchObject({ ok: false, error: 'participant_required' })
    const seen = await reader.waitForView('the reader sees its dot but no totals', (view) => view.vote?.dotsCast === 1)
    expect(seen.vote).toMatchObject({ totals: null, myDots: { [cardId]: 1 } })
  })

  it('freezes the results at the close: later dots are refused, and the counts stay', async () => {
    const { server, pad, cardIds, facilitator } = await padWithCards(2)
    await facilitator.send({ action: 'vote-open' })
    const voter = await page(server, pad.keys.edit)
    await voter.send({ action: 'dot-add', cardId: cardIds[1] })
    await voter.send({ action: 'dot-add', cardId: cardIds[1] })
    expect(await facilitator.send({ action: 'vote-close', order: 'document' })).toMatchObject(ok)
    expect(await voter.send({ action: 'dot-add', cardId: cardIds[0] })).toMatchObject({ ok: false, error: 'no_vote' })
    expect(await voter.send({ action: 'dot-remove', cardId: cardIds[1] })).toMatchObject({ ok: false, error: 'no_vote' })
    const view = await voter.waitForView('the results are shown', (candidate) => candidate.closedVotes.length === 1)
    expect(view.vote).toBeNull()
    expect(view.closedVotes[0]).toMatchObject({ voterCount: 1, order: 'document', counts: [{ cardId: cardIds[1], dots: 2 }] })
  })

  it('keeps the round, the open vote and each participant\'s dots through a restart on the same SQLite file', async () => {
    const dataDir = makeTempDir()
    const first = await padWithCards(2, {}, dataDir)
    const secret = newParticipantSecret()
    const voter = await page(first.server, first.pad.keys.edit, secret)
    await first.facilitator.send({ action: 'round-start', speakers: [{ name: 'Marcel' }, { name: 'Zoé' }] })
    await first.facilitator.send({ action: 'vote-open', dotsPerParticipant: 2 })
    await voter.send({ action: 'dot-add', cardId: first.cardIds[0] })
    await first.server.close()

    const server = await resources.startServer({}, dataDir)
    const again = await page(server, first.pad.keys.edit, secret)
    const view = await again.waitForView('the state is back', (candidate) => candidate.vote !== null)
    expect(view.round).toMatchObject({ current: { speaker: { name: 'Marcel' } }, queue: [{ name: 'Zoé' }] })
    expect(view.vote).toMatchObject({ dotsPerParticipant: 2, dotsCast: 1, myDots: { [first.cardIds[0] as string]: 1 } })
    expect(await again.send({ action: 'dot-add', cardId: first.cardIds[1] })).toMatchObject(ok)
    expect(await again.send({ action: 'dot-add', cardId: first.cardIds[1] })).toMatchObject({ ok: false, error: 'no_dots_left' })
  })
})

describe('facilitation in the exports', () => {
  it('carries who spoke, in order and how long, and the closed vote in the facilitator\'s order, into JSON, CSV and Markdown', async () => {
    const { server, pad, cardIds, facilitator } = await padWithCards(['Repair café', 'Jardin partagé'])
    const [repair, garden] = cardIds as [string, string]
    await facilitator.send({ action: 'round-start', speakers: [{ name: 'Marcel' }, { name: 'Zoé' }] })
    await facilitator.send({ action: 'round-skip' })
    await facilitator.send({ action: 'round-end' })
    await facilitator.send({ action: 'vote-open' })
    const voter = await page(server, pad.keys.edit)
    await voter.send({ action: 'dot-add', cardId: garden })
    await voter.send({ action: 'dot-add', cardId: garden })
    await voter.send({ action: 'dot-add', cardId: repair })
    await facilitator.send({ action: 'vote-close', order: 'dots' })

    const exported = (format: string): Promise<Response> => fetch(`${server.url}/api/pads/${pad.keys.view}/export?format=${format}`)
    const recipe = (await (await exported('json')).json()) as Recipe
    expect(recipe.session.rounds.map((round) => round.turns.map((turn) => [turn.speaker, turn.isSkipped]))).toEqual([[['Marcel', true], ['Zoé', false]]])
    expect(recipe.session.votes.map((vote) => vote.results.map((result) => [result.name, result.dots]))).toEqual([[['Jardin partagé', 2], ['Repair café', 1]]])
    expect(recipe.initiatives.map((initiative) => [initiative.name, initiative.votes])).toEqual([['Repair café', 1], ['Jardin partagé', 2]])
    const csv = await (await exported('csv')).text()
    expect(csv.split('\r\n').slice(1, 3).map((row) => [row.split(',')[1], row.split(',').at(-1)])).toEqual([['Jardin partagé', '2'], ['Repair café', '1']])
    const markdown = await (await exported('md')).text()
    expect(markdown).toContain('Marcel (a passé son tour), Zoé (')
    expect(markdown).toContain('Jardin partagé (2), Repair café (1)')
  })
})
