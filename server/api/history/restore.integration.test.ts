/**
 * Naming and restoring versions against a real server, SQLite file and
 * stock y-websocket clients: the admin link names versions (bounded, trimmed
 * names); a restore reaches every connected client as one change, only once
 * it is stored, after a `before-restore` checkpoint that undoes it; text
 * typed offline during a restore survives the reconnection; the restored text
 * keeps its writers' credits; `restoreRole`, the lock and the view link
 * refuse whom they should, and restores are rate-limited per address.
 */
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { participantsMapName } from '../../../shared/pad/attribution'
import { bodyFragmentName } from '../../../shared/pad/schema'
import type { PadVersionResponse, PadVersionsResponse, RestoreVersionResponse } from '../../../shared/protocol/api'
import { CloseCode } from '../../../shared/protocol/close-codes'
import { participantSecretParam } from '../../../shared/protocol/participant-id'
import { loadConfig } from '../../config'
import { createLogger } from '../../log'
import { createPadServer, type PadServer } from '../../pad-server'
import { createSqliteStore } from '../../store/sqlite-store'
import { StoreError, type Store } from '../../store/store'
import { newParticipant, plainText, typeCredited, type Participant } from '../../testing/credited-text'
import { createTestPad, loadStoredDoc, makeTempDir, waitUntil, type TestClient } from '../../testing/harness'
import { useTestResources, type ServerTarget } from '../../testing/resources'

const resources = useTestResources()

/** A stock client presenting `who`'s secret, without presence. */
function pageOf(target: ServerTarget, key: string, who: Participant): TestClient {
  const client = resources.client(target, key, new Y.Doc(), { [participantSecretParam]: who.secret })
  client.provider.awareness.setLocalState(null)
  return client
}

const textOf = (client: TestClient): string => plainText(Y.encodeStateAsUpdate(client.doc))

async function post(url: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  })
}

async function patch(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
}

/** Empties the pad's body from `client`, as a select-all-and-delete does. */
function deleteEverything(client: TestClient): void {
  const body = client.doc.getXmlFragment(bodyFragmentName)
  body.delete(0, body.length)
}

/** A pad where Alice wrote a sentence, seen by a reader, and named by the facilitator. */
async function padWithNamedVersion(env: Record<string, string> = {}) {
  const server = await resources.startServer(env)
  const pad = await createTestPad(server.url, 'Restaurations')
  const alice = newParticipant()
  const aliceClient = pageOf(server, pad.keys.edit, alice)
  const reader = pageOf(server, pad.keys.view, newParticipant())
  await waitUntil('both synced', () => aliceClient.provider.synced && reader.provider.synced)
  typeCredited(aliceClient, alice, 'Alice', 'Une épicerie solidaire')
  await waitUntil('the reader has Alice’s text', () => textOf(reader) === 'Une épicerie solidaire')
  const named = await post(`${server.url}/api/pads/${pad.keys.admin}/versions`, { name: 'avant la pause' })
  expect(named.status).toBe(201)
  const { version } = (await named.json()) as PadVersionResponse
  return { server, pad, alice, aliceClient, reader, version }
}

describe('naming versions', () => {
  it('takes a named version of the pad now with the admin link, renames one, and bounds the names', async () => {
    const { server, pad, aliceClient, alice, version } = await padWithNamedVersion()
    expect(version).toMatchObject({ kind: 'named', name: 'avant la pause', authors: [{ name: 'Alice', characters: 'Une épicerie solidaire'.length }] })
    const versionsUrl = `${server.url}/api/pads/${pad.keys.admin}/versions`
    // Trimmed; 80 characters at most once trimmed.
    const longest = 'é'.repeat(80)
    const trimmed = (await (await post(versionsUrl, { name: `  ${longest}  ` })).json()) as PadVersionResponse
    expect(trimmed.version.name).toBe(longest)
    for (const body of [{ name: '' }, { name: '   ' }, { name: 'x'.repeat(81) }, { name: 12 }, { name: 'a\u0007b' }, {}, undefined]) {
      const refused = await post(versionsUrl, body)
      expect(refused.status).toBe(400)
      expect(await refused.json()).toEqual({ error: 'invalid_name', message: expect.any(String) })
    }
    // The pad as it is when named: a later change is not in it.
    typeCredited(aliceClient, alice, 'Alice', ' à Lyon')
    const renamed = await patch(`${versionsUrl}/${version.id}`, { name: ' recette relue ' })
    expect(renamed.status).toBe(200)
    expect(((await renamed.json()) as PadVersionResponse).version).toMatchObject({ id: version.id, name: 'recette relue', kind: 'named' })
    const exported = await (await fetch(`${server.url}/api/pads/${pad.keys.edit}/export?format=md&version=${version.id}`)).text()
    expect(exported).toContain('Une épicerie solidaire')
    expect(exported).not.toContain('à Lyon')

    expect((await patch(`${versionsUrl}/AAAAAAAAAAAAAAAAAAAAAA`, { name: 'x' })).status).toBe(404)
    expect((await patch(`${versionsUrl}/${version.id}`, { name: '' })).status).toBe(400)
    for (const key of [pad.keys.edit, pad.keys.view]) {
      const asOther = await post(`${server.url}/api/pads/${key}/versions`, { name: 'pirate' })
      expect(asOther.status).toBe(403)
      expect((await patch(`${server.url}/api/pads/${key}/versions/${version.id}`, { name: 'pirate' })).status).toBe(403)
    }
    const listed = (await (await fetch(versionsUrl)).json()) as PadVersionsResponse
    expect(listed.versions.map((listing) => listing.name)).toEqual([longest, 'recette relue'])
    expect(JSON.stringify(listed)).not.toContain('pirate')
  })
})

describe('restoring a version', () => {
  it('reaches every connected client as one change, records who restored, and its checkpoint restores back', async () => {
    const { server, pad, aliceClient, reader, version } = await padWithNamedVersion()
    const bob = newParticipant()
    const bobClient = pageOf(server, pad.keys.edit, bob)
    await waitUntil('bob synced', () => bobClient.provider.synced)
    bobClient.doc.getMap(participantsMapName).set(bob.id, { name: 'Bob', organisation: '', isNamed: true })
    deleteEverything(aliceClient)
    await waitUntil('everyone sees the pad emptied', () => textOf(reader) === '' && textOf(bobClient) === '')
    const updatesSeen: Uint8Array[] = []
    reader.doc.on('update', (update: Uint8Array) => updatesSeen.push(update))

    const response = await post(`${server.url}/api/pads/${pad.keys.edit}/versions/${version.id}/restore`, { participant: bob.secret })
    expect(response.status).toBe(200)
    const restored = (await response.json()) as RestoreVersionResponse
    expect(restored.restored).toBe(version.id)
    for (const client of [aliceClient, bobClient, reader]) {
      await waitUntil('every client has the text back', () => textOf(client) === 'Une épicerie solidaire')
    }
    expect(updatesSeen).toHaveLength(1)

    const { versions } = (await (await fetch(`${server.url}/api/pads/${pad.keys.edit}/versions`)).json()) as PadVersionsResponse
    expect(versions[0]).toMatchObject({ id: restored.checkpoint, kind: 'before-restore', restore: { version: version.id, by: 'Bob' }, characterChange: -'Une épicerie solidaire'.length })
    // Restoring the checkpoint undoes the restore.
    const undo = await post(`${server.url}/api/pads/${pad.keys.admin}/versions/${restored.checkpoint}/restore`)
    expect(undo.status).toBe(200)
    await waitUntil('the restore is undone everywhere', () => textOf(reader) === '' && textOf(aliceClient) === '' && textOf(bobClient) === '')
    const afterUndo = (await (await fetch(`${server.url}/api/pads/${pad.keys.edit}/versions`)).json()) as PadVersionsResponse
    expect(afterUndo.versions[0]).toMatchObject({ kind: 'before-restore', restore: { version: restored.checkpoint, by: null } })

    // Stored: the pad read back from its file after the server stopped.
    await server.close()
    expect(plainText(Y.encodeStateAsUpdate(await loadStoredDoc(server.dataDir, pad.id)))).toBe('')
    const log = JSON.stringify(server.logs)
    for (const secret of [bob.secret, pad.keys.edit, pad.keys.admin, pad.keys.view]) expect(log).not.toContain(secret)
  })

  it('merges what a participant typed offline during the restore, losing nothing', async () => {
    const { server, pad, alice, aliceClient, reader, version } = await padWithNamedVersion()
    const carol = newParticipant()
    const carolClient = pageOf(server, pad.keys.edit, carol)
    await waitUntil('carol synced', () => carolClient.provider.synced)
    // Online, Alice spoils the sentence; Carol, offline, completes it.
    typeCredited(aliceClient, alice, 'Alice', ' — brouillon à jeter')
    await waitUntil('carol has Alice’s draft', () => textOf(carolClient).endsWith('à jeter'))
    carolClient.provider.disconnect()
    typeCredited(carolClient, carol, 'Carol', ' (vu à Lyon)')
    expect(textOf(carolClient)).toContain('(vu à Lyon)')

    expect((await post(`${server.url}/api/pads/${pad.keys.edit}/versions/${version.id}/restore`)).status).toBe(200)
    await waitUntil('the reader has the version back', () => textOf(reader) === 'Une épicerie solidaire')
    carolClient.provider.connect()
    await waitUntil('carol’s offline words reach the reader', () => textOf(reader).includes('(vu à Lyon)'), 10_000)
    await waitUntil('everyone converges', () => textOf(aliceClient) === textOf(reader) && textOf(carolClient) === textOf(reader))
    expect(textOf(reader)).toBe('Une épicerie solidaire (vu à Lyon)')
  })

  it('keeps the credits of the restored text with its writers, never the restorer', async () => {
    const { server, pad, aliceClient, reader } = await padWithNamedVersion()
    const dana = newParticipant()
    const danaClient = pageOf(server, pad.keys.edit, dana)
    await waitUntil('dana synced', () => danaClient.provider.synced)
    typeCredited(danaClient, dana, 'Dana', ' et son jardin')
    await waitUntil('the reader has Dana’s words', () => textOf(reader).endsWith('et son jardin'))
    const named = (await (await post(`${server.url}/api/pads/${pad.keys.admin}/versions`, { name: 'à deux' })).json()) as PadVersionResponse
    deleteEverything(aliceClient)
    await waitUntil('the reader sees the pad emptied', () => textOf(reader) === '')
    const bob = newParticipant()
    const bobClient = pageOf(server, pad.keys.edit, bob)
    await waitUntil('bob synced', () => bobClient.provider.synced)
    bobClient.doc.getMap(participantsMapName).set(bob.id, { name: 'Bob', organisation: '', isNamed: true })

    const before = (await (await fetch(`${server.url}/api/pads/${pad.keys.edit}/export?format=json`)).json()) as { contributors: Array<{ name: string }> }
    expect(before.contributors).toEqual([])
    expect((await post(`${server.url}/api/pads/${pad.keys.edit}/versions/${named.version.id}/restore`, { participant: bob.secret })).status).toBe(200)
    await waitUntil('the reader has both back', () => textOf(reader) === 'Une épicerie solidaire et son jardin')
    const after = (await (await fetch(`${server.url}/api/pads/${pad.keys.edit}/export?format=json`)).json()) as {
      contributors: Array<{ name: string; characters: number }>
    }
    expect(after.contributors).toEqual([
      { name: 'Alice', organisation: '', characters: 'Une épicerie solidaire'.length },
      { name: 'Dana', organisation: '', characters: ' et son jardin'.length },
    ])
  })

  it('follows restoreRole, the lock and the view link, and refuses unknown versions and bad bodies', async () => {
    const { server, pad, reader, version } = await padWithNamedVersion()
    const restoreUrl = (key: string, id = version.id): string => `${server.url}/api/pads/${key}/versions/${id}/restore`
    const asViewer = await post(restoreUrl(pad.keys.view))
    expect(asViewer.status).toBe(403)
    expect(await asViewer.json()).toEqual({ error: 'forbidden', message: expect.any(String) })
    expect((await post(restoreUrl(pad.keys.edit, 'AAAAAAAAAAAAAAAAAAAAAA'))).status).toBe(404)
    expect((await post(restoreUrl(pad.keys.edit, 'pas-une-version'))).status).toBe(404)
    const badParticipant = await post(restoreUrl(pad.keys.edit), { participant: 'not-a-secret' })
    expect(badParticipant.status).toBe(400)
    expect(await badParticipant.json()).toEqual({ error: 'invalid_participant', message: expect.any(String) })
    expect((await post(restoreUrl(pad.keys.edit), ['participant'])).status).toBe(400)
    expect((await fetch(restoreUrl(pad.keys.edit))).status).toBe(405)

    const restricted = await patch(`${server.url}/api/pads/${pad.keys.admin}`, { restoreRole: 'admin' })
    expect(restricted.status).toBe(200)
    expect(await restricted.json()).toMatchObject({ restoreRole: 'admin' })
    expect((await patch(`${server.url}/api/pads/${pad.keys.admin}`, { restoreRole: 'view' })).status).toBe(400)
    expect((await patch(`${server.url}/api/pads/${pad.keys.edit}`, { restoreRole: 'edit' })).status).toBe(403)
    const asEditor = await post(restoreUrl(pad.keys.edit))
    expect(asEditor.status).toBe(403)
    expect(await asEditor.json()).toEqual({ error: 'forbidden', message: expect.any(String) })
    expect((await post(restoreUrl(pad.keys.admin))).status).toBe(200)

    expect((await patch(`${server.url}/api/pads/${pad.keys.admin}`, { restoreRole: 'edit', locked: true })).status).toBe(200)
    const whileLocked = await post(restoreUrl(pad.keys.edit))
    expect(whileLocked.status).toBe(409)
    expect(await whileLocked.json()).toEqual({ error: 'locked', message: expect.any(String) })
    expect((await post(restoreUrl(pad.keys.admin))).status).toBe(200)
    expect(textOf(reader)).toBe('Une épicerie solidaire')
  })

  it('rate-limits restores per address', async () => {
    const { server, pad, version } = await padWithNamedVersion({ RESTORES_PER_MINUTE: '1', RESTORE_BURST: '2' })
    const restoreUrl = `${server.url}/api/pads/${pad.keys.edit}/versions/${version.id}/restore`
    expect((await post(restoreUrl)).status).toBe(200)
    expect((await post(restoreUrl)).status).toBe(200)
    const refused = await post(restoreUrl)
    expect(refused.status).toBe(429)
    expect(await refused.json()).toEqual({ error: 'too_many_requests', message: expect.any(String) })
    expect(refused.headers.get('retry-after')).toBe('60')
  })
})

describe('a restore the store refuses', () => {
  const servers: PadServer[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()))
  })

  it('is relayed to nobody: the room closes with 1014 and no client ever had the restored text', async () => {
    const dataDir = makeTempDir()
    const sqlite = createSqliteStore({ file: path.join(dataDir, 'atelier-pad.sqlite') })
    let isAppendRefused = false
    const store: Store = {
      ...sqlite,
      appendUpdate: (padId, update, atMs) =>
        isAppendRefused ? Promise.reject(new StoreError('disk full')) : sqlite.appendUpdate(padId, update, atMs),
    }
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
    const padServer = createPadServer(config, { store, log: createLogger('silent') })
    servers.push(padServer)
    const url = await padServer.listen()
    const wsUrl = url.replace(/^http/, 'ws')
    const pad = await createTestPad(url, 'Disque plein')
    const alice = newParticipant()
    const aliceClient = pageOf(wsUrl, pad.keys.edit, alice)
    const reader = pageOf(wsUrl, pad.keys.view, newParticipant())
    await waitUntil('both synced', () => aliceClient.provider.synced && reader.provider.synced)
    typeCredited(aliceClient, alice, 'Alice', 'Perdu ?')
    await waitUntil('the reader has Alice’s text', () => textOf(reader) === 'Perdu ?')
    const { version } = (await (await post(`${url}/api/pads/${pad.keys.admin}/versions`, { name: 'v' })).json()) as PadVersionResponse
    deleteEverything(aliceClient)
    await waitUntil('the reader sees the pad emptied', () => textOf(reader) === '')
    const everSeen: string[] = []
    reader.doc.on('afterTransaction', () => everSeen.push(textOf(reader)))
    const closes: number[] = []
    reader.provider.on('connection-close', (event: { code: number } | null) => {
      if (event !== null) closes.push(event.code)
    })

    isAppendRefused = true
    const refused = await post(`${url}/api/pads/${pad.keys.edit}/versions/${version.id}/restore`)
    expect(refused.status).toBe(503)
    expect(await refused.json()).toEqual({ error: 'store_unavailable', message: expect.any(String) })
    await waitUntil('the reader was told the store is unavailable', () => closes.includes(CloseCode.storeUnavailable))
    expect(everSeen).not.toContain('Perdu ?')
    expect(textOf(reader)).toBe('')
  })
})
