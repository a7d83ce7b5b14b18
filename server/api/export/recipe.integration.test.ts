/**
 * Freezing the recipe and the checkpoints the API takes, against a real
 * server, SQLite file and stock y-websocket clients: a lock takes a
 * `before-lock` version of the pad just before; exporting the live pad takes a
 * `before-export` version unless the pad equals its newest version (and never
 * for a view link); publishing a version makes `/r/<view key>` serve its HTML
 * export and the exports default to it while the live pad keeps changing;
 * unpublishing brings the 404 page back.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PadSettings, PadVersionResponse, PadVersionsResponse } from '../../../shared/protocol/api'
import { participantSecretParam } from '../../../shared/protocol/participant-id'
import { newParticipant, plainText, typeCredited, type Participant } from '../../testing/credited-text'
import { createTestPad, waitUntil, type TestClient, type TestServer } from '../../testing/harness'
import { useTestResources } from '../../testing/resources'

const resources = useTestResources()

function pageOf(server: TestServer, key: string, who: Participant): TestClient {
  const client = resources.client(server, key, new Y.Doc(), { [participantSecretParam]: who.secret })
  client.provider.awareness.setLocalState(null)
  return client
}

const textOf = (client: TestClient): string => plainText(Y.encodeStateAsUpdate(client.doc))

async function send(method: string, url: string, body?: unknown): Promise<Response> {
  return fetch(url, { method, ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }) })
}

async function versionsOf(server: TestServer, key: string): Promise<PadVersionsResponse['versions']> {
  return ((await (await fetch(`${server.url}/api/pads/${key}/versions`)).json()) as PadVersionsResponse).versions
}

async function padWithText() {
  const server = await resources.startServer()
  const pad = await createTestPad(server.url, 'Recette figée')
  const alice = newParticipant()
  const aliceClient = pageOf(server, pad.keys.edit, alice)
  const reader = pageOf(server, pad.keys.view, newParticipant())
  await waitUntil('both synced', () => aliceClient.provider.synced && reader.provider.synced)
  const write = async (text: string): Promise<void> => {
    typeCredited(aliceClient, alice, 'Alice', text)
    const expected = textOf(aliceClient)
    await waitUntil('the reader has it (so it is stored)', () => textOf(reader) === expected)
  }
  await write('Le comment-faire')
  return { server, pad, write }
}

describe('checkpoints before a lock and an export', () => {
  it('takes a before-lock version of the pad just before the lock', async () => {
    const { server, pad, write } = await padWithText()
    await write(', relu')
    expect(await versionsOf(server, pad.keys.edit)).toEqual([])
    expect((await send('PATCH', `${server.url}/api/pads/${pad.keys.admin}`, { locked: true })).status).toBe(200)
    const [beforeLock, ...others] = await versionsOf(server, pad.keys.edit)
    expect(others).toEqual([])
    expect(beforeLock).toMatchObject({ kind: 'before-lock', authors: [{ name: 'Alice', characters: 'Le comment-faire, relu'.length }] })
    const exported = await (await fetch(`${server.url}/api/pads/${pad.keys.edit}/export?format=md&version=${beforeLock?.id}`)).text()
    expect(exported).toContain('Le comment-faire, relu')
    // Locking again, or unlocking, takes none.
    expect((await send('PATCH', `${server.url}/api/pads/${pad.keys.admin}`, { locked: true })).status).toBe(200)
    expect((await send('PATCH', `${server.url}/api/pads/${pad.keys.admin}`, { locked: false })).status).toBe(200)
    expect(await versionsOf(server, pad.keys.edit)).toHaveLength(1)
  })

  it('takes a before-export version when a writing link exports a pad that changed since its newest version', async () => {
    const { server, pad, write } = await padWithText()
    const exportLive = (key: string): Promise<Response> => fetch(`${server.url}/api/pads/${key}/export?format=md`)
    expect((await exportLive(pad.keys.view)).status).toBe(200)
    expect(await versionsOf(server, pad.keys.edit)).toEqual([])
    expect((await exportLive(pad.keys.edit)).status).toBe(200)
    expect((await versionsOf(server, pad.keys.edit)).map((version) => version.kind)).toEqual(['before-export'])
    // Unchanged since: no identical versions piled up.
    expect((await exportLive(pad.keys.admin)).status).toBe(200)
    expect((await exportLive(pad.keys.edit)).status).toBe(200)
    expect(await versionsOf(server, pad.keys.edit)).toHaveLength(1)
    await write(' à refaire')
    expect((await exportLive(pad.keys.admin)).status).toBe(200)
    const versions = await versionsOf(server, pad.keys.edit)
    expect(versions.map((version) => version.kind)).toEqual(['before-export', 'before-export'])
    expect(versions[0]?.characterChange).toBe(' à refaire'.length)
  })
})

describe('the published recipe', () => {
  it('serves the published version at /r/<view key>, which exports default to, while the pad keeps changing; unpublished, a 404 page', async () => {
    const { server, pad, write } = await padWithText()
    const recipeUrl = `${server.url}/r/${pad.keys.view}`
    const unpublished = await fetch(recipeUrl)
    expect(unpublished.status).toBe(404)
    expect(unpublished.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await unpublished.text()).toContain('pas encore publiée')

    const named = await send('POST', `${server.url}/api/pads/${pad.keys.admin}/versions`, { name: 'recette relue' })
    const { version } = (await named.json()) as PadVersionResponse
    for (const key of [pad.keys.edit, pad.keys.view]) expect((await send('PATCH', `${server.url}/api/pads/${key}`, { publishedVersion: version.id })).status).toBe(403)
    for (const bad of ['AAAAAAAAAAAAAAAAAAAAAA', 'pas-une-version']) {
      const refused = await send('PATCH', `${server.url}/api/pads/${pad.keys.admin}`, { publishedVersion: bad })
      expect(refused.status).toBe(404)
      expect(await refused.json()).toEqual({ error: 'unknown_version', message: expect.any(String) })
    }
    expect((await send('PATCH', `${server.url}/api/pads/${pad.keys.admin}`, { publishedVersion: 12 })).status).toBe(400)
    const published = await send('PATCH', `${server.url}/api/pads/${pad.keys.admin}`, { publishedVersion: version.id })
    expect(published.status).toBe(200)
    expect(await published.json()).toMatchObject({ publishedVersion: version.id })
    await write(' (et la suite, en cours)')

    const page = await fetch(recipeUrl)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await page.text()
    expect(html).toContain('Le comment-faire')
    expect(html).not.toContain('la suite')
    expect(html).toContain('@media print')
    // The page's policy allows its own stylesheet, by hash, and nothing else.
    const stylesheet = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
    const hash = createHash('sha256').update(stylesheet, 'utf8').digest('base64')
    const policy = page.headers.get('content-security-policy') ?? ''
    expect(policy).toContain(`style-src 'sha256-${hash}'`)
    expect(policy).toContain("default-src 'none'")
    expect(policy).not.toContain('script-src')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')

    // Exports default to the published version, for every link; version=live gives the pad as it is.
    for (const key of [pad.keys.view, pad.keys.edit, pad.keys.admin]) {
      const exported = await (await fetch(`${server.url}/api/pads/${key}/export?format=md`)).text()
      expect(exported).toContain('Le comment-faire')
      expect(exported).not.toContain('la suite')
      expect(await (await fetch(`${server.url}/api/pads/${key}/export?format=md&version=live`)).text()).toContain('la suite, en cours')
    }
    const asViewer = (await (await fetch(`${server.url}/api/pads/${pad.keys.view}`)).json()) as PadSettings
    expect(asViewer).toMatchObject({ role: 'view', publishedVersion: version.id, links: { recipe: recipeUrl } })
    expect((await versionsOf(server, pad.keys.edit)).find((listed) => listed.id === version.id)?.isPinned).toBe(true)
    // Only the view link opens the recipe page.
    for (const key of [pad.keys.edit, pad.keys.admin, 'AAAAAAAAAAAAAAAAAAAAAA']) {
      const other = await fetch(`${server.url}/r/${key}`)
      expect(other.status).toBe(404)
      expect(await other.text()).toContain('Aucune recette')
    }

    expect((await send('PATCH', `${server.url}/api/pads/${pad.keys.admin}`, { publishedVersion: null })).status).toBe(200)
    expect((await fetch(recipeUrl)).status).toBe(404)
    expect(await (await fetch(`${server.url}/api/pads/${pad.keys.view}/export?format=md`)).text()).toContain('la suite, en cours')
  })
})
