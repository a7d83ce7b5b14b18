import http from 'node:http'
import { describe, expect, it } from 'vitest'
import type { CreatePadResponse, PadSettings } from '../../shared/protocol/api'
import { isPadKey } from '../../shared/protocol/pad-link'
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import { padSchema } from '../../shared/pad/schema'
import { connectClient, createTestPad, whenSynced, type TestServer } from '../testing/harness'
import { useTestResources } from '../testing/resources'

const { startServer: start } = useTestResources()

async function post(server: TestServer, body: string, type = 'application/json'): Promise<Response> {
  return fetch(`${server.url}/api/pads`, { method: 'POST', headers: { 'Content-Type': type }, body })
}

describe('HTTP API', () => {
  it('creates a pad with three distinct unguessable keys and links', async () => {
    const server = await start()
    const response = await post(server, JSON.stringify({ title: '  Collecte à Grenoble  ' }))
    expect(response.status).toBe(201)
    const created = (await response.json()) as CreatePadResponse
    const keys = [created.keys.edit, created.keys.view, created.keys.admin]
    expect(new Set(keys).size).toBe(3)
    for (const key of keys) expect(isPadKey(key)).toBe(true)
    expect(created.links.edit).toBe(`${server.url}/p/${created.keys.edit}`)
    expect(created.links.view).toBe(`${server.url}/p/${created.keys.view}`)
    expect(created.links.admin).toBe(`${server.url}/p/${created.keys.admin}`)
  })

  it('builds links on the request’s Host only when it names this machine: a forged Host does not reach the links', async () => {
    const server = await start()
    const port = new URL(server.url).port
    const createWithHost = (host: string): Promise<CreatePadResponse> =>
      new Promise((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port, path: '/api/pads', method: 'POST', headers: { Host: host } }, (response) => {
          let body = ''
          response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
          response.on('end', () => resolve(JSON.parse(body) as CreatePadResponse))
        })
        request.on('error', reject)
        request.end()
      })
    const forged = await createWithHost('evil.example')
    for (const link of Object.values(forged.links)) expect(link).not.toContain('evil.example')
    const local = await createWithHost(`localhost:${port}`)
    expect(local.links.edit.startsWith(`http://localhost:${port}/p/`)).toBe(true)
  })

  it('describes a pad to each key with its role and only the links that key may share', async () => {
    const server = await start()
    const created = await createTestPad(server.url, 'Café projets')
    const read = async (key: string): Promise<PadSettings> => {
      const response = await fetch(`${server.url}/api/pads/${key}`)
      expect(response.status).toBe(200)
      return (await response.json()) as PadSettings
    }
    const admin = await read(created.keys.admin)
    expect(admin).toMatchObject({ role: 'admin', title: 'Café projets', language: 'fr', locked: false, id: created.id })
    // Every key may share the published recipe's link, which answers 404 until a version is published.
    const recipe = `${server.url}/r/${created.keys.view}`
    expect(admin.links).toEqual({ ...created.links, recipe })
    const edit = await read(created.keys.edit)
    expect(edit.role).toBe('edit')
    expect(edit.links).toEqual({ edit: created.links.edit, view: created.links.view, recipe })
    const view = await read(created.keys.view)
    expect(view.role).toBe('view')
    expect(view.links).toEqual({ view: created.links.view, recipe })
    expect(view).toMatchObject({ restoreRole: 'edit', publishedVersion: null })
  })

  it('stores the edit and admin keys only as hashes', async () => {
    const server = await start()
    const created = await createTestPad(server.url)
    await server.close()
    const fs = await import('node:fs')
    const files = fs.readdirSync(server.dataDir).map((name) => fs.readFileSync(`${server.dataDir}/${name}`).toString('latin1'))
    const everything = files.join('')
    expect(everything).not.toContain(created.keys.edit)
    expect(everything).not.toContain(created.keys.admin)
    expect(everything).toContain(created.keys.view)
  })

  it('answers 404 with a JSON error for unknown and malformed keys', async () => {
    const server = await start()
    for (const key of ['AAAAAAAAAAAAAAAAAAAAAA', 'nope', '%00']) {
      const response = await fetch(`${server.url}/api/pads/${key}`)
      expect(response.status).toBe(404)
      expect(await response.json()).toMatchObject({ error: 'unknown_pad', message: expect.any(String) })
    }
  })

  it('refuses bad creation bodies with a 4xx JSON error that says what is wrong', async () => {
    const server = await start({ MAX_API_BODY_BYTES: '1024' })
    const cases: [Response, number, string][] = [
      [await post(server, '{"title":'), 400, 'invalid_json'],
      [await post(server, '[]'), 400, 'invalid_body'],
      [await post(server, JSON.stringify({ title: 42 })), 400, 'invalid_title'],
      [await post(server, JSON.stringify({ title: 'x'.repeat(201) })), 400, 'invalid_title'],
      [await post(server, JSON.stringify({ language: 'de' })), 400, 'invalid_language'],
      [await post(server, 'title=x', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type'],
      [await post(server, JSON.stringify({ title: 'x'.repeat(2000) })), 413, 'body_too_large'],
    ]
    for (const [response, status, code] of cases) {
      expect(response.status).toBe(status)
      expect(((await response.json()) as { error: string }).error).toBe(code)
    }
    const wrongMethod = await fetch(`${server.url}/api/pads`)
    expect(wrongMethod.status).toBe(405)
  })

  it('writes the chosen template into a new pad, in the pad language, before anyone opens it', async () => {
    const server = await start()
    const response = await post(server, JSON.stringify({ title: 'Collecte', template: 'collecte', language: 'en' }))
    expect(response.status).toBe(201)
    const created = (await response.json()) as CreatePadResponse
    const reader = connectClient(server.wsUrl, created.keys.view)
    await whenSynced(reader)
    const body = yXmlFragmentToProseMirrorRootNode(reader.doc.getXmlFragment('body'), padSchema)
    reader.destroy()
    const types: string[] = []
    body.descendants((node) => void types.push(node.type.name))
    expect(types).toContain('initiative')
    expect(body.textContent).toContain('Round table')
    expect((await post(server, JSON.stringify({ template: 'wiki' }))).status).toBe(400)
  })

  it('serves Prometheus metrics that follow connections and messages', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const writer = connectClient(server.wsUrl, pad.keys.edit)
    await whenSynced(writer)
    writer.text.insert(0, 'compté')
    const read = async (): Promise<string> => (await fetch(`${server.url}/metrics`)).text()
    const value = (metrics: string, name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN)
    let metrics = await read()
    for (let i = 0; i < 50 && !/atelier_messages_in_total\{type="update"\} 1/.test(metrics); i++) metrics = await read()
    expect(value(metrics, 'atelier_connections')).toBe(1)
    expect(value(metrics, 'atelier_rooms_loaded')).toBe(1)
    expect(metrics).toMatch(/atelier_messages_in_total\{type="update"\} 1/)
    expect(metrics).toMatch(/atelier_store_write_seconds_count 1/)
    expect(metrics).toMatch(/nodejs_eventloop_lag_seconds/)
    writer.destroy()
  })

  it('reports health and sends security headers', async () => {
    const server = await start()
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
  })

  it('serves the accessibility statement at its French and its English address, the same page', async () => {
    const server = await start()
    const pages: string[] = []
    for (const path of ['/accessibilite', '/accessibility', '/accessibilite/']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'")
      const page = await response.text()
      expect(page, path).toContain('<body class="statement-page">')
      expect(page, path).toMatch(/<script type="module" crossorigin src="\/assets\/accessibility-[\w-]+\.js"><\/script>/)
      pages.push(page)
    }
    expect(new Set(pages).size).toBe(1)
    expect((await fetch(`${server.url}/accessibilites`)).status).toBe(404)
  })
})
