import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreatePadResponse } from '../../shared/protocol/api'
import { recordLegacyAuthor } from '../../shared/testing/legacy-authors'
import type { Recipe } from '../../shared/export/recipe'
import { waitUntil, whenSynced, type TestClient, type TestServer } from '../testing/harness'
import { useTestResources } from '../testing/resources'

const { startServer, client } = useTestResources()

async function collectePad(server: TestServer): Promise<CreatePadResponse> {
  const response = await fetch(`${server.url}/api/pads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Collecte à Villeurbanne', template: 'collecte' }),
  })
  return (await response.json()) as CreatePadResponse
}

/** Writes, as a participant named `name`, the card's name field and a paragraph at the end. */
function writeAs(client: TestClient, name: string, initiative: string): void {
  recordLegacyAuthor(client.doc, name)
  const body = client.doc.getXmlFragment('body')
  client.doc.transact(() => {
    const card = body.toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === 'initiative') as Y.XmlElement
    const field = card.get(0) as Y.XmlElement
    const text = new Y.XmlText()
    text.insert(0, initiative)
    field.insert(0, [text])
    const paragraph = new Y.XmlElement('paragraph')
    const note = new Y.XmlText()
    note.insert(0, `Note de ${name}`)
    paragraph.insert(0, [note])
    body.insert(body.length, [paragraph])
  })
}

describe('export', () => {
  it('exports a pad as a licensed recipe in every format, crediting its writers', async () => {
    const server = await startServer()
    const pad = await collectePad(server)
    await fetch(`${server.url}/api/pads/${pad.keys.admin}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ license: 'CC-BY-4.0', event: { name: 'Café projets', date: '2026-11-21', place: 'La Miete' } }),
    })
    const camille = client(server, pad.keys.edit)
    await whenSynced(camille)
    writeAs(camille, 'Camille', 'Repair café de Cusset')
    const reader = client(server, pad.keys.view)
    await waitUntil('the write is stored and relayed', () => reader.doc.getXmlFragment('body').toString().includes('Note de Camille'))

    const get = (format: string, key = pad.keys.view): Promise<Response> =>
      fetch(`${server.url}/api/pads/${key}/export?format=${format}`)

    const json = await get('json')
    expect(json.status).toBe(200)
    const recipe = (await json.json()) as Recipe
    expect(recipe).toMatchObject({ version: 2, title: 'Collecte à Villeurbanne', language: 'fr', source: pad.links.view })
    expect(recipe.license).toMatchObject({ id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/deed.fr' })
    expect(recipe.contributors.map((contributor) => contributor.name)).toEqual(['Camille'])
    expect(recipe.initiatives.map((initiative) => initiative.name)).toEqual(['Repair café de Cusset'])
    expect(recipe.session.date).toBe('2026-11-21')

    const markdown = await get('md')
    expect(markdown.headers.get('content-type')).toMatch(/^text\/markdown/)
    expect(markdown.headers.get('content-disposition')).toMatch(/^attachment; filename="collecte-a-villeurbanne\.md"/)
    const md = await markdown.text()
    expect(md).toMatch(/^---\n/)
    expect(md).toContain('Camille')
    expect(md).toContain('Repair café de Cusset')

    const html = await (await get('html', pad.keys.edit)).text()
    expect(html).toContain('<a rel="license noopener noreferrer" href="https://creativecommons.org/licenses/by/4.0/deed.fr">')
    expect(html).toContain('Camille')

    const csv = await (await get('csv')).text()
    expect(csv.split('\r\n')[1]).toContain('Repair café de Cusset')

    const odt = new Uint8Array(await (await get('odt', pad.keys.admin)).arrayBuffer())
    const files = unzipSync(odt)
    expect(strFromU8(files['mimetype'] ?? new Uint8Array())).toBe('application/vnd.oasis.opendocument.text')
    expect(strFromU8(files['content.xml'] ?? new Uint8Array())).toContain('Repair café de Cusset')
  })

  it('refuses unknown formats and keys', async () => {
    const server = await startServer()
    const pad = await collectePad(server)
    const badFormat = await fetch(`${server.url}/api/pads/${pad.keys.view}/export?format=pdf`)
    expect(badFormat.status).toBe(400)
    expect(await badFormat.json()).toMatchObject({ error: 'invalid_format' })
    expect((await fetch(`${server.url}/api/pads/AAAAAAAAAAAAAAAAAAAAAA/export?format=md`)).status).toBe(404)
  })

  it('exports the template of a pad nobody opened', async () => {
    const server = await startServer()
    const pad = await collectePad(server)
    const recipe = (await (await fetch(`${server.url}/api/pads/${pad.keys.view}/export?format=json`)).json()) as Recipe
    expect(recipe.session.sections).toContain('Initiatives collectées')
    expect(recipe.contributors).toEqual([])
  })
})
