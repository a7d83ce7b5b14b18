import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PadSettings, PadState, RotateEditLinkResponse } from '../../shared/protocol/api'
import { CloseCode } from '../../shared/protocol/close-codes'
import { decodeMessage, encodeMessage, type Message } from '../../shared/protocol/messages'
import { connectRaw, createTestPad, waitUntil, whenSynced, type RawClient, type TestServer } from '../testing/harness'
import { useTestResources } from '../testing/resources'

const resources = useTestResources()
const { startServer: start, client } = resources

async function raw(server: TestServer, key: string): Promise<RawClient> {
  const made = resources.raw(server, key)
  await made.opened
  return made
}

function messages(client: RawClient): Message[] {
  return client.frames.map((frame) => decodeMessage(frame))
}

function settingsSeen(client: RawClient): PadState[] {
  return messages(client).flatMap((message) => (message.type === 'settings' ? [message.settings] : []))
}

async function patch(server: TestServer, key: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/pads/${key}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

describe('facilitator controls', () => {
  it('lets only the admin key change settings, and pushes them live to every connection', async () => {
    const server = await start()
    const pad = await createTestPad(server.url, 'Avant')
    const participant = await raw(server, pad.keys.edit)
    const reader = await raw(server, pad.keys.view)
    await waitUntil('both got the settings on join', () => settingsSeen(participant).length === 1 && settingsSeen(reader).length === 1)
    expect(settingsSeen(participant)[0]).toMatchObject({ title: 'Avant', locked: false, license: 'CC-BY-SA-4.0', lifetime: 'year' })

    for (const key of [pad.keys.edit, pad.keys.view]) {
      const refused = await patch(server, key, { title: 'Pirate' })
      expect(refused.status).toBe(403)
      expect(await refused.json()).toMatchObject({ error: 'forbidden' })
    }
    const response = await patch(server, pad.keys.admin, {
      title: 'Collecte de Villeurbanne',
      event: { name: 'Café projets', date: '2026-11-21', place: 'La Miete' },
      license: 'CC0-1.0',
      lifetime: 'month',
    })
    expect(response.status).toBe(200)
    const settings = (await response.json()) as PadSettings
    expect(settings).toMatchObject({ role: 'admin', title: 'Collecte de Villeurbanne', license: 'CC0-1.0', lifetime: 'month' })
    expect(settings.event).toEqual({ name: 'Café projets', date: '2026-11-21', place: 'La Miete' })
    expect(Date.parse(settings.expiresAt ?? '') - Date.parse(settings.updatedAt)).toBe(31 * 24 * 3600 * 1000)
    for (const connection of [participant, reader]) {
      await waitUntil('the change is pushed', () => settingsSeen(connection).at(-1)?.title === 'Collecte de Villeurbanne')
      expect(settingsSeen(connection).at(-1)?.event.place).toBe('La Miete')
    }
    const asSeenByEditor = (await (await fetch(`${server.url}/api/pads/${pad.keys.edit}`)).json()) as PadSettings
    expect(asSeenByEditor).toMatchObject({ role: 'edit', title: 'Collecte de Villeurbanne', license: 'CC0-1.0' })
  })

  it('refuses bad settings with a 400 that names the field', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const cases: [unknown, string][] = [
      [{ title: 7 }, 'invalid_title'],
      [{ license: 'GPL-3.0' }, 'invalid_license'],
      [{ locked: 'yes' }, 'invalid_locked'],
      [{ lifetime: 'decade' }, 'invalid_lifetime'],
      [{ event: { date: '21/11/2026' } }, 'invalid_event_date'],
      [{ event: 'Lyon' }, 'invalid_body'],
      [{ colour: 'red' }, 'invalid_body'],
    ]
    for (const [body, code] of cases) {
      const response = await patch(server, pad.keys.admin, body)
      expect(response.status).toBe(400)
      expect(((await response.json()) as { error: string }).error).toBe(code)
    }
  })

  it('cannot be steered through the document or the protocol by an edit connection', async () => {
    const server = await start()
    const pad = await createTestPad(server.url, 'Titre officiel')
    const editor = client(server, pad.keys.edit)
    await whenSynced(editor)
    editor.doc.getMap('settings').set('title', 'Titre pirate')
    editor.doc.getMap('settings').set('locked', true)
    const attacker = await raw(server, pad.keys.edit)
    attacker.socket.send(encodeMessage({ type: 'settings', settings: { ...settingsSeen(attacker)[0], title: 'Pirate', locked: true } as PadState }))
    expect((await attacker.closed).code).toBe(CloseCode.protocolError)
    const settings = (await (await fetch(`${server.url}/api/pads/${pad.keys.admin}`)).json()) as PadSettings
    expect(settings).toMatchObject({ title: 'Titre officiel', locked: false })
  })

  it('makes edit connections read-only on the server while locked, but not the admin', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const reader = client(server, pad.keys.view)
    const participant = await raw(server, pad.keys.edit)
    await whenSynced(reader)
    expect((await patch(server, pad.keys.admin, { locked: true })).status).toBe(200)
    await waitUntil('the lock reached the participant', () => settingsSeen(participant).at(-1)?.locked === true)

    // A sync step 2 (what every provider sends on join) is dropped without closing…
    participant.socket.send(encodeMessage({ type: 'sync-step-2', update: textUpdate('pendant le verrou ') }))
    // …an update means the page wrote after the lock: closed with 4409.
    participant.socket.send(encodeMessage({ type: 'update', update: textUpdate('PIRATE') }))
    expect((await participant.closed).code).toBe(CloseCode.locked)

    const facilitator = client(server, pad.keys.admin)
    await whenSynced(facilitator)
    facilitator.text.insert(0, 'Synthèse')
    await waitUntil('the reader sees the facilitator', () => reader.text.toString() === 'Synthèse')
    // A stock editor joining the locked pad is not closed: its join step 2 is dropped.
    const late = client(server, pad.keys.edit)
    await whenSynced(late)
    expect(late.text.toString()).toBe('Synthèse')
    expect(reader.text.toString()).not.toContain('PIRATE')
    expect(reader.text.toString()).not.toContain('pendant')
  })

  it('acknowledges a join step 2 that adds nothing to a locked pad, and only that', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const writer = client(server, pad.keys.admin)
    await whenSynced(writer)
    writer.text.insert(0, 'abcdef')
    writer.text.delete(0, 2)
    await patch(server, pad.keys.admin, { locked: true })
    const participant = await raw(server, pad.keys.edit)
    await waitUntil('joined', () => settingsSeen(participant).at(-1)?.locked === true)
    const acks = (): number[] => messages(participant).flatMap((m) => (m.type === 'stored' ? [m.writeCount] : []))
    // What a stock provider with the pad's content and nothing new sends: the whole delete set again.
    participant.socket.send(encodeMessage({ type: 'sync-step-2', update: Y.encodeStateAsUpdate(writer.doc) }))
    await waitUntil('the empty step 2 is acknowledged', () => acks().length === 1)
    participant.socket.send(encodeMessage({ type: 'sync-step-2', update: textUpdate('nouveau') }))
    participant.socket.send(encodeMessage({ type: 'sync-step-2', update: Y.encodeStateAsUpdate(writer.doc) }))
    await waitUntil('the next empty one is acknowledged', () => acks().length === 2)
    expect(acks()).toEqual([1, 2])
    expect(writer.text.toString()).toBe('cdef')
  })

  it('asks editors for their changes again when the pad is unlocked', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    await patch(server, pad.keys.admin, { locked: true })
    const participant = await raw(server, pad.keys.edit)
    await waitUntil('joined', () => settingsSeen(participant).length === 1)
    // As a provider does on connecting; the room's own step 1 follows its answer.
    participant.socket.send(encodeMessage({ type: 'sync-step-1', stateVector: new Uint8Array([0]) }))
    const stepOnes = (): number => messages(participant).filter((message) => message.type === 'sync-step-1').length
    await waitUntil('the room asks for what it lacks', () => stepOnes() === 1)
    await patch(server, pad.keys.admin, { locked: false })
    await waitUntil('a new sync step 1 arrives', () => stepOnes() === 2)
    participant.socket.send(encodeMessage({ type: 'sync-step-2', update: textUpdate('écrit hors verrou') }))
    const reader = client(server, pad.keys.view)
    await waitUntil('the change is in', () => reader.text.toString() === 'écrit hors verrou')
  })

  it('rotating the edit link closes its connections with 4411 and retires the old key, nothing else', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const oldEditor = await raw(server, pad.keys.edit)
    const reader = await raw(server, pad.keys.view)
    const facilitator = await raw(server, pad.keys.admin)
    await waitUntil('all joined', () => [oldEditor, reader, facilitator].every((c) => settingsSeen(c).length === 1))
    expect((await fetch(`${server.url}/api/pads/${pad.keys.edit}/rotate`, { method: 'POST' })).status).toBe(403)

    const response = await fetch(`${server.url}/api/pads/${pad.keys.admin}/rotate`, { method: 'POST' })
    expect(response.status).toBe(200)
    const rotated = (await response.json()) as RotateEditLinkResponse
    expect(rotated.keys.edit).not.toBe(pad.keys.edit)
    expect(rotated.links.edit).toBe(`${server.url}/p/${rotated.keys.edit}`)
    expect((await oldEditor.closed).code).toBe(CloseCode.rotated)
    expect((await fetch(`${server.url}/api/pads/${pad.keys.edit}`)).status).toBe(410)
    expect((await connectRawClosed(server, pad.keys.edit)).code).toBe(CloseCode.rotated)
    const settings = (await (await fetch(`${server.url}/api/pads/${pad.keys.admin}`)).json()) as PadSettings
    expect(settings.links.edit).toBe(rotated.links.edit)
    // Other facilitator pages are told, so that they re-read their links.
    await waitUntil('a settings message follows the rotation', () => settingsSeen(facilitator).length === 2)

    const newEditor = client(server, rotated.keys.edit)
    await whenSynced(newEditor)
    newEditor.text.insert(0, 'nouveau lien')
    await waitUntil('the reader sees it', () => messages(reader).some((m) => m.type === 'update'))
    expect(reader.socket.readyState).toBe(reader.socket.OPEN)
    expect(facilitator.socket.readyState).toBe(facilitator.socket.OPEN)
  })

  it('answers an old edit link with 410 link_replaced and 4411, unlike an unknown link or a deleted pad (404, 4404)', async () => {
    const server = await start()
    const pad = await createTestPad(server.url, 'Lien remplacé')
    const first = (await (await fetch(`${server.url}/api/pads/${pad.keys.admin}/rotate`, { method: 'POST' })).json()) as RotateEditLinkResponse
    const second = (await (await fetch(`${server.url}/api/pads/${pad.keys.admin}/rotate`, { method: 'POST' })).json()) as RotateEditLinkResponse
    const unknown = 'AAAAAAAAAAAAAAAAAAAAAA'
    const answer = async (key: string, suffix = ''): Promise<{ status: number; body: unknown }> => {
      const response = await fetch(`${server.url}/api/pads/${key}${suffix}`)
      return { status: response.status, body: await response.json() }
    }
    const replaced = { status: 410, body: { error: 'link_replaced', message: expect.stringMatching(/replaced/) } }
    const unknownPad = { status: 404, body: { error: 'unknown_pad', message: expect.any(String) } }

    // Every edit key the pad had says so, on every route that takes a key; the live one works.
    for (const oldKey of [pad.keys.edit, first.keys.edit]) {
      expect(await answer(oldKey)).toEqual(replaced)
      expect(await answer(oldKey, '/export?format=md')).toEqual(replaced)
      expect((await connectRawClosed(server, oldKey)).code).toBe(CloseCode.rotated)
    }
    expect((await fetch(`${server.url}/api/pads/${second.keys.edit}`)).status).toBe(200)
    const patched = await patch(server, pad.keys.edit, { title: 'Pirate' })
    expect(patched.status).toBe(410)
    // A key nobody ever gave is unknown, not replaced.
    expect(await answer(unknown)).toEqual(unknownPad)
    expect((await connectRawClosed(server, unknown)).code).toBe(CloseCode.unknownPad)

    // Once the pad is deleted, its tombstones go with it: the old link is as unknown as any.
    expect((await fetch(`${server.url}/api/pads/${pad.keys.admin}`, { method: 'DELETE' })).status).toBe(204)
    for (const key of [pad.keys.edit, first.keys.edit, second.keys.edit, pad.keys.view]) {
      expect(await answer(key)).toEqual(unknownPad)
      expect((await connectRawClosed(server, key)).code).toBe(CloseCode.unknownPad)
    }
    await server.close()
    const db = new Database(path.join(server.dataDir, 'atelier-pad.sqlite'), { readonly: true })
    expect(db.prepare('SELECT COUNT(*) AS n FROM pad_replaced_keys').get()).toEqual({ n: 0 })
    db.close()
    // Edit keys themselves are never stored, tombstoned or not, nor logged.
    const written = fs.readdirSync(server.dataDir).map((file) => fs.readFileSync(path.join(server.dataDir, file)).toString('latin1')).join('')
    const logged = JSON.stringify(server.logs)
    for (const key of [pad.keys.edit, first.keys.edit, second.keys.edit]) {
      expect(written).not.toContain(key)
      expect(logged).not.toContain(key)
    }
  })

  it('deleting the pad closes everyone with 4410 and every key answers 404', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const writer = client(server, pad.keys.edit)
    await whenSynced(writer)
    writer.text.insert(0, 'à effacer')
    const connections = [await raw(server, pad.keys.edit), await raw(server, pad.keys.view), await raw(server, pad.keys.admin)]
    expect((await fetch(`${server.url}/api/pads/${pad.keys.edit}`, { method: 'DELETE' })).status).toBe(403)
    const response = await fetch(`${server.url}/api/pads/${pad.keys.admin}`, { method: 'DELETE' })
    expect(response.status).toBe(204)
    for (const connection of connections) expect((await connection.closed).code).toBe(CloseCode.deleted)
    for (const key of Object.values(pad.keys)) {
      expect((await fetch(`${server.url}/api/pads/${key}`)).status).toBe(404)
      expect((await connectRawClosed(server, key)).code).toBe(CloseCode.unknownPad)
    }
    await waitUntil('the room is gone', () => server.server.relay.roomCount === 0)
    await server.close()
    const db = new Database(path.join(server.dataDir, 'atelier-pad.sqlite'), { readonly: true })
    const counts = ['pads', 'pad_keys', 'pad_updates', 'pad_snapshots'].map(
      (table) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    )
    db.close()
    expect(counts).toEqual([0, 0, 0, 0])
  })

  it('deletes pads whose lifetime ran out, by itself', async () => {
    const first = await start()
    const expiring = await createTestPad(first.url, 'Éphémère')
    const kept = await createTestPad(first.url, 'Gardé')
    await patch(first, expiring.keys.admin, { lifetime: 'day' })
    await first.close()
    const db = new Database(path.join(first.dataDir, 'atelier-pad.sqlite'))
    db.prepare('UPDATE pads SET updated_at_ms = ? WHERE title = ?').run(Date.now() - 2 * 24 * 3600 * 1000, 'Éphémère')
    db.close()
    const second = await start({}, first.dataDir)
    await waitUntil('the expired pad is gone', () => second.logs.some((line) => line.msg === 'expired pads deleted'))
    expect((await fetch(`${second.url}/api/pads/${expiring.keys.view}`)).status).toBe(404)
    expect((await fetch(`${second.url}/api/pads/${kept.keys.view}`)).status).toBe(200)
  })

  it('limits pad creation per address with a 429 JSON error', async () => {
    const server = await start({ PAD_CREATION_BURST: '3' })
    for (let i = 0; i < 3; i++) await createTestPad(server.url)
    const refused = await fetch(`${server.url}/api/pads`, { method: 'POST' })
    expect(refused.status).toBe(429)
    expect(await refused.json()).toMatchObject({ error: 'too_many_pads' })
    expect(refused.headers.get('retry-after')).not.toBeNull()
  })

  it('refuses a JSON null body with a 400, and does not count malformed requests against the creation limit', async () => {
    const server = await start({ PAD_CREATION_BURST: '1' })
    const post = (body: string): Promise<Response> =>
      fetch(`${server.url}/api/pads`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
    const nullBody = await post('null')
    expect(nullBody.status).toBe(400)
    expect(await nullBody.json()).toMatchObject({ error: 'invalid_body' })
    for (const malformed of ['[]', '{"language":"xx"}', '{"template":"nope"}', '{']) expect((await post(malformed)).status).toBe(400)
    // The one creation the burst allows is still there.
    expect((await post('{"title":"Enfin"}')).status).toBe(201)
    expect((await post('{}')).status).toBe(429)
  })
})

async function connectRawClosed(server: TestServer, key: string): Promise<{ code: number }> {
  return resources.raw(server, key).closed
}
