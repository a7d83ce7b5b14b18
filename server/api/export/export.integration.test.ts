import path from 'node:path'
import Database from 'better-sqlite3'
import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreatePadResponse } from '../../../shared/protocol/api'
import { recordLegacyAuthor } from '../../../shared/testing/legacy-authors'
import type { Recipe } from '../../../shared/export/recipe'
import { sqliteMigrations } from '../../store/sqlite-migrations'
import { makeTempDir, newParticipantSecret, waitUntil, whenSynced, type TestClient, type TestServer } from '../../testing/harness'
import { participantIdOf, participantSecretParam } from '../../../shared/protocol/participant-id'
import { recordParticipant } from '../../../shared/pad/attribution'
import { generateKey, hashKey } from '../pad-keys'
import { useTestResources } from '../../testing/resources'

const { startServer, client } = useTestResources()

async function collectePad(server: TestServer): Promise<CreatePadResponse> {
  const response = await fetch(`${server.url}/api/pads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Collecte à Villeurbanne', template: 'collecte' }),
  })
  return (await response.json()) as CreatePadResponse
}

/** A participant's secret, and the id its text is credited to. */
function newParticipant(): { secret: string; id: string } {
  const secret = newParticipantSecret()
  return { secret, id: participantIdOf(secret) }
}

/** Writes, as the participant `id` named `name`, the card's name field and a paragraph at the end, credited as a page credits them. */
function writeAs(client: TestClient, id: string, name: string, initiative: string): void {
  const body = client.doc.getXmlFragment('body')
  client.doc.transact(() => {
    recordParticipant(client.doc, id, { name, organisation: '', isNamed: true })
    const card = body.toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === 'initiative') as Y.XmlElement
    const field = card.get(0) as Y.XmlElement
    const text = new Y.XmlText()
    field.insert(0, [text])
    text.insert(0, initiative, { author: { id } })
    const paragraph = new Y.XmlElement('paragraph')
    const note = new Y.XmlText()
    paragraph.insert(0, [note])
    body.insert(body.length, [paragraph])
    note.insert(0, `Note de ${name}`, { author: { id } })
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
    const participant = newParticipant()
    const camille = client(server, pad.keys.edit, new Y.Doc(), { [participantSecretParam]: participant.secret })
    await whenSynced(camille)
    writeAs(camille, participant.id, 'Camille', 'Repair café de Cusset')
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
    expect(recipe.dataLicense).toMatchObject({ id: 'etalab-2.0' })

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

    const csvResponse = await get('csv')
    expect(csvResponse.headers.get('link')).toMatch(/format=csv-metadata>; rel="describedby"/)
    const csv = await csvResponse.text()
    expect(csv.split('\r\n')[1]).toContain('Repair café de Cusset')

    const odt = new Uint8Array(await (await get('odt', pad.keys.admin)).arrayBuffer())
    const files = unzipSync(odt)
    expect(strFromU8(files['mimetype'] ?? new Uint8Array())).toBe('application/vnd.oasis.opendocument.text')
    expect(strFromU8(files['content.xml'] ?? new Uint8Array())).toContain('Repair café de Cusset')
  })

  it('publishes the initiatives under the data license the facilitator chose, with the commune code of their territory', async () => {
    const server = await startServer()
    const pad = await collectePad(server)
    const patched = await fetch(`${server.url}/api/pads/${pad.keys.admin}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ dataLicense: 'ODbL-1.0' }),
    })
    expect(((await patched.json()) as { dataLicense: string }).dataLicense).toBe('ODbL-1.0')
    const refused = await fetch(`${server.url}/api/pads/${pad.keys.admin}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ dataLicense: 'CC-BY-NC-SA-4.0' }),
    })
    expect(refused.status).toBe(400)
    const writer = client(server, pad.keys.edit)
    await whenSynced(writer)
    writer.doc.transact(() => {
      const card = writer.doc.getXmlFragment('body').toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === 'initiative') as Y.XmlElement
      const fill = (index: number, value: string): void => {
        const text = new Y.XmlText()
        text.insert(0, value)
        ;(card.get(index) as Y.XmlElement).insert(0, [text])
      }
      fill(0, 'Ressourcerie')
      fill(1, 'Vénissieux')
    })
    let recipe: Recipe | null = null
    await waitUntil('the card is exported', () => {
      void fetch(`${server.url}/api/pads/${pad.keys.view}/export?format=json`).then(async (response) => (recipe = (await response.json()) as Recipe))
      return recipe !== null && recipe.initiatives.length === 1
    })
    const exported = recipe as unknown as Recipe
    expect(exported.dataLicense).toMatchObject({ id: 'ODbL-1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' })
    expect(exported.initiatives[0]).toMatchObject({ name: 'Ressourcerie', territory: 'Vénissieux', insee: '69259' })
    const metadata = (await (await fetch(`${server.url}/api/pads/${pad.keys.view}/export?format=csv-metadata`)).json()) as Record<string, unknown>
    expect(metadata['@context']).toBe('http://www.w3.org/ns/csvw')
    expect(metadata['url']).toBe('collecte-a-villeurbanne-initiatives.csv')
    expect(metadata['dc:license']).toMatchObject({ '@id': 'https://opendatacommons.org/licenses/odbl/1-0/', 'dc:identifier': 'ODbL-1.0' })
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

describe('pads stored before participants', () => {
  it('keeps their credits: a pad the previous version stored exports its writers by the names it recorded', async () => {
    const dataDir = makeTempDir()
    const file = path.join(dataDir, 'atelier-pad.sqlite')
    // The pad as the version before wrote it: no author attribute on the text, client id → name in `authors`.
    const doc = new Y.Doc()
    const writers: [number, string, string][] = [[1001, 'Camille', 'Le repair café ouvre le samedi.'], [2002, 'Dominique', 'Une épicerie solidaire.']]
    const update: Uint8Array[] = []
    for (const [clientId, name, text] of writers) {
      const writer = new Y.Doc()
      writer.clientID = clientId
      Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc))
      const before = Y.encodeStateVector(writer)
      recordLegacyAuthor(writer, name)
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(text)])
      writer.getXmlFragment('body').insert(writer.getXmlFragment('body').length, [paragraph])
      const written = Y.encodeStateAsUpdate(writer, before)
      Y.applyUpdate(doc, written)
      update.push(written)
    }
    const viewKey = generateKey()
    const old = new Database(file)
    for (const step of sqliteMigrations.slice(0, 3)) old.exec(step)
    old.pragma('user_version = 3')
    old
      .prepare(`INSERT INTO pads (id, title, language, locked, view_key, edit_key_generation, created_at_ms, updated_at_ms, license, lifetime, first_edit_at_ms, last_edit_at_ms)
        VALUES ('old-pad', 'Collecte de 2025', 'fr', 0, ?, 0, 1, 1, 'CC-BY-SA-4.0', 'forever', 1, 1)`)
      .run(viewKey)
    old.prepare("INSERT INTO pad_keys (key_hash, pad_id, role) VALUES (?, 'old-pad', 'view')").run(hashKey(viewKey))
    for (const written of update) old.prepare("INSERT INTO pad_updates (pad_id, data) VALUES ('old-pad', ?)").run(written)
    old.close()

    const server = await startServer({}, dataDir)
    const recipe = (await (await fetch(`${server.url}/api/pads/${viewKey}/export?format=json`)).json()) as Recipe
    expect(recipe.contributors).toEqual([
      { name: 'Camille', organisation: '', characters: writers[0]![2].length },
      { name: 'Dominique', organisation: '', characters: writers[1]![2].length },
    ])
    expect(recipe.session.peoplePresent).toEqual(['Camille', 'Dominique'])
  })
})
