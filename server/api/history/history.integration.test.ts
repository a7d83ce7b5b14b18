/**
 * The history API against a real server, SQLite file and stock y-websocket
 * clients, the server's time on a fake clock: `GET /api/pads/<key>/versions`
 * lists the checkpoints with their authors as credited, and
 * `GET /api/pads/<key>/export?version=<id>` exports the pad as it stood
 * then, `GET /api/pads/<key>/versions/<id>/content` sends its Yjs state; a
 * view key gets none of them (403), an unknown version is a 404
 * `unknown_version`, and history requests are rate-limited per address.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PadVersionsResponse } from '../../../shared/protocol/api'
import { participantSecretParam } from '../../../shared/protocol/participant-id'
import { createFakeClock } from '../../testing/fake-clock'
import { newParticipant, plainText, typeCredited, type Participant } from '../../testing/credited-text'
import { createTestPad, waitUntil, type TestClient, type TestServer } from '../../testing/harness'
import { useTestResources } from '../../testing/resources'

const resources = useTestResources()
const minute = 60_000

/** A stock client without presence (the fake clock runs the room's presence timers too). */
function quietClient(server: TestServer, key: string, who: Participant): TestClient {
  const client = resources.client(server, key, new Y.Doc(), { [participantSecretParam]: who.secret })
  client.provider.awareness.setLocalState(null)
  return client
}

async function listVersions(server: TestServer, key: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/api/pads/${key}/versions`)
  return { status: response.status, body: await response.json() }
}

/**
 * A pad where Alice wrote, then a checkpoint; then Bob (who chose not to be
 * named) wrote, then another checkpoint; then Alice wrote once more.
 */
async function padWithTwoCheckpoints(env: Record<string, string> = {}) {
  const clock = createFakeClock(Date.now())
  const server = await resources.startServer(env, undefined, { clock })
  const pad = await createTestPad(server.url, 'Historique')
  const alice = newParticipant()
  const bob = newParticipant()
  const aliceClient = quietClient(server, pad.keys.edit, alice)
  const bobClient = quietClient(server, pad.keys.edit, bob)
  await waitUntil('both synced', () => aliceClient.provider.synced && bobClient.provider.synced)
  const seenByBob = (text: string) => () => plainText(Y.encodeStateAsUpdate(bobClient.doc)) === text
  const seenByAlice = (text: string) => () => plainText(Y.encodeStateAsUpdate(aliceClient.doc)) === text

  typeCredited(aliceClient, alice, 'Alice', 'Une épicerie')
  await waitUntil('Bob has Alice’s text', seenByBob('Une épicerie'))
  await clock.advance(2 * minute)
  await waitUntil('first checkpoint', () => server.logs.some((line) => line.msg === 'checkpoint stored'))

  bobClient.doc.getMap('participants').set(bob.id, { name: 'Bob', organisation: '', isNamed: false })
  const bobText = (bobClient.doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText
  bobText.insert(bobText.length, ' solidaire', { author: { id: bob.id } })
  await waitUntil('Alice has Bob’s text', seenByAlice('Une épicerie solidaire'))
  await clock.advance(2 * minute)
  await waitUntil('second checkpoint', () => server.logs.filter((line) => line.msg === 'checkpoint stored').length === 2)

  typeCredited(aliceClient, alice, 'Alice', ' à Lyon')
  await waitUntil('Bob has Alice’s last words', seenByBob('Une épicerie solidaire à Lyon'))
  return { server, pad, alice, bob }
}

describe('the history API', () => {
  it('lists versions newest first for the edit and admin keys, with authors as credited and the change since the one before', async () => {
    const { server, pad } = await padWithTwoCheckpoints()
    const asEditor = await listVersions(server, pad.keys.edit)
    expect(asEditor.status).toBe(200)
    const { versions } = asEditor.body as PadVersionsResponse
    expect(versions).toHaveLength(2)
    const [second, first] = versions
    expect(Date.parse(second?.createdAt ?? '')).toBe(Date.parse(first?.createdAt ?? '') + 2 * minute)
    expect(first).toMatchObject({
      kind: 'auto',
      name: null,
      present: ['Alice'],
      presentUnnamedCount: 1,
      authors: [{ name: 'Alice', organisation: '', characters: 'Une épicerie'.length, change: 'Une épicerie'.length }],
      unnamedCharacters: 0,
      characterChange: 0,
    })
    expect(first?.byteSize).toBeGreaterThan(0)
    expect(first?.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    // Bob chose not to be named: his characters are counted, never under his name.
    expect(second).toMatchObject({
      present: ['Alice'],
      presentUnnamedCount: 1,
      authors: [{ name: 'Alice', characters: 'Une épicerie'.length, change: 0 }],
      unnamedCharacters: ' solidaire'.length,
      characterChange: ' solidaire'.length,
    })
    expect(JSON.stringify(asEditor.body)).not.toContain('Bob')

    const asAdmin = await listVersions(server, pad.keys.admin)
    expect(asAdmin).toEqual(asEditor)
  })

  it('exports a version as the pad stood then, for the edit and admin keys', async () => {
    const { server, pad } = await padWithTwoCheckpoints()
    const { versions } = (await listVersions(server, pad.keys.edit)).body as PadVersionsResponse
    const first = versions[1]?.id ?? ''
    const ofVersion = await fetch(`${server.url}/api/pads/${pad.keys.edit}/export?format=md&version=${first}`)
    expect(ofVersion.status).toBe(200)
    expect(ofVersion.headers.get('content-type')).toContain('markdown')
    const markdown = await ofVersion.text()
    expect(markdown).toContain('Une épicerie')
    expect(markdown).not.toContain('solidaire')
    const asAdmin = await fetch(`${server.url}/api/pads/${pad.keys.admin}/export?format=json&version=${versions[0]?.id}`)
    expect(asAdmin.status).toBe(200)
    const json = await asAdmin.text()
    expect(json).toContain('Une épicerie solidaire')
    expect(json).not.toContain('à Lyon')
    // Without a version, the pad as it is now.
    expect(await (await fetch(`${server.url}/api/pads/${pad.keys.edit}/export?format=md`)).text()).toContain('Une épicerie solidaire à Lyon')
  })

  it('refuses the history to a view key, and says when a version is unknown', async () => {
    const { server, pad } = await padWithTwoCheckpoints()
    const { versions } = (await listVersions(server, pad.keys.edit)).body as PadVersionsResponse
    const known = versions[0]?.id ?? ''
    const asViewer = await listVersions(server, pad.keys.view)
    expect(asViewer).toEqual({ status: 403, body: { error: 'forbidden', message: expect.any(String) } })
    const viewerExport = await fetch(`${server.url}/api/pads/${pad.keys.view}/export?format=md&version=${known}`)
    expect(viewerExport.status).toBe(403)
    // The view key still exports the live pad, as before.
    expect((await fetch(`${server.url}/api/pads/${pad.keys.view}/export?format=md`)).status).toBe(200)

    for (const unknown of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-a-version', '']) {
      const response = await fetch(`${server.url}/api/pads/${pad.keys.edit}/export?format=md&version=${unknown}`)
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({ error: 'unknown_version', message: expect.any(String) })
    }
    // Another pad's version is unknown here.
    const other = await createTestPad(server.url, 'Autre')
    const foreign = await fetch(`${server.url}/api/pads/${other.keys.edit}/export?format=md&version=${known}`)
    expect(foreign.status).toBe(404)
    expect((await listVersions(server, 'AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404)
    expect((await fetch(`${server.url}/api/pads/${pad.keys.edit}/versions`, { method: 'DELETE' })).status).toBe(405)
  })

  it('sends a version’s Yjs state to the edit and admin keys, never to a view key, and says when a version is unknown', async () => {
    const { server, pad } = await padWithTwoCheckpoints()
    const { versions } = (await listVersions(server, pad.keys.edit)).body as PadVersionsResponse
    const [second, first] = versions
    const contentUrl = (key: string, id: string) => `${server.url}/api/pads/${key}/versions/${id}/content`

    const ofFirst = await fetch(contentUrl(pad.keys.edit, first?.id ?? ''))
    expect(ofFirst.status).toBe(200)
    expect(ofFirst.headers.get('content-type')).toBe('application/octet-stream')
    expect(ofFirst.headers.get('cache-control')).toBe('no-store')
    const firstState = new Uint8Array(await ofFirst.arrayBuffer())
    expect(firstState.length).toBe(first?.byteSize)
    expect(plainText(firstState)).toBe('Une épicerie')
    const ofSecond = await fetch(contentUrl(pad.keys.admin, second?.id ?? ''))
    expect(ofSecond.status).toBe(200)
    expect(plainText(new Uint8Array(await ofSecond.arrayBuffer()))).toBe('Une épicerie solidaire')

    const asViewer = await fetch(contentUrl(pad.keys.view, first?.id ?? ''))
    expect(asViewer.status).toBe(403)
    expect(await asViewer.json()).toEqual({ error: 'forbidden', message: expect.any(String) })
    for (const unknown of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-a-version', '']) {
      const response = await fetch(contentUrl(pad.keys.edit, unknown))
      expect(response.status, unknown).toBe(404)
      expect(await response.json()).toEqual({ error: 'unknown_version', message: expect.any(String) })
    }
    const other = await createTestPad(server.url, 'Autre')
    const foreign = await fetch(contentUrl(other.keys.edit, first?.id ?? ''))
    expect(foreign.status).toBe(404)
    expect(await foreign.json()).toEqual({ error: 'unknown_version', message: expect.any(String) })
    expect((await fetch(contentUrl('AAAAAAAAAAAAAAAAAAAAAA', first?.id ?? ''))).status).toBe(404)
    expect((await fetch(contentUrl(pad.keys.edit, first?.id ?? ''), { method: 'POST' })).status).toBe(405)
  })

  it('counts version contents in the history limit', async () => {
    const server = await resources.startServer({ HISTORY_REQUESTS_PER_MINUTE: '1', HISTORY_REQUEST_BURST: '1' })
    const pad = await createTestPad(server.url)
    expect((await fetch(`${server.url}/api/pads/${pad.keys.edit}/versions/AAAAAAAAAAAAAAAAAAAAAA/content`)).status).toBe(404)
    const refused = await fetch(`${server.url}/api/pads/${pad.keys.edit}/versions/AAAAAAAAAAAAAAAAAAAAAA/content`)
    expect(refused.status).toBe(429)
    expect(await refused.json()).toEqual({ error: 'too_many_requests', message: expect.any(String) })
  })

  it('rate-limits history requests per address', async () => {
    const server = await resources.startServer({ HISTORY_REQUESTS_PER_MINUTE: '1', HISTORY_REQUEST_BURST: '2' })
    const pad = await createTestPad(server.url)
    expect((await listVersions(server, pad.keys.edit)).status).toBe(200)
    expect((await fetch(`${server.url}/api/pads/${pad.keys.edit}/export?format=md&version=AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404)
    const refused = await fetch(`${server.url}/api/pads/${pad.keys.edit}/versions`)
    expect(refused.status).toBe(429)
    expect(await refused.json()).toEqual({ error: 'too_many_requests', message: expect.any(String) })
    expect(refused.headers.get('retry-after')).toBe('60')
    // Other API calls are not counted against history.
    expect((await fetch(`${server.url}/api/pads/${pad.keys.edit}/export?format=md`)).status).toBe(200)
  })
})
