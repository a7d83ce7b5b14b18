/** API responses are checked where they enter the page. */
import { describe, expect, it } from 'vitest'
import {
  ApiError,
  createPad,
  deletePad,
  fetchPadSettings,
  NetworkError,
  parsePadSettings,
  parseRotateEditLinkResponse,
  rotateEditLink,
  updatePadSettings,
} from './api-client'

const settingsBody = {
  id: 'pad-1',
  role: 'edit',
  title: 'Collecte',
  language: 'fr',
  event: { name: 'Café projets', date: '2026-03-12', place: 'Villeurbanne' },
  license: 'CC-BY-SA-4.0',
  dataLicense: 'etalab-2.0',
  locked: false,
  lifetime: 'year',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  expiresAt: null,
  extraContributors: [],
  restoreRole: 'edit',
  publishedVersion: null,
  links: { edit: 'https://pad.example/p/aaaaaaaaaaaaaaaaaaaaaa', view: 'https://pad.example/p/bbbbbbbbbbbbbbbbbbbbbb' },
}

function answer(status: number, body: unknown): typeof fetch {
  return () => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }))
}

describe('parsePadSettings', () => {
  it('keeps a well-formed body', () => {
    expect(parsePadSettings(settingsBody)).toEqual(settingsBody)
  })

  it('refuses an unknown role and drops links that are not strings', () => {
    expect(() => parsePadSettings({ ...settingsBody, role: 'owner' })).toThrow(TypeError)
    expect(parsePadSettings({ ...settingsBody, links: { admin: 42, view: 'https://x.example/p/v' } }).links).toEqual({
      view: 'https://x.example/p/v',
    })
  })

  it('keeps the published recipe’s link', () => {
    const links = { view: 'https://x.example/p/v', recipe: 'https://x.example/r/v' }
    expect(parsePadSettings({ ...settingsBody, links }).links).toEqual(links)
  })
})

describe('fetchPadSettings and createPad', () => {
  it('turn an error answer into an ApiError with the server message', async () => {
    const failing = fetchPadSettings('k', answer(404, { error: 'unknown_pad', message: 'No pad answers to this link.' }))
    await expect(failing).rejects.toBeInstanceOf(ApiError)
    await expect(failing).rejects.toMatchObject({ status: 404, code: 'unknown_pad' })
  })

  it('turn an unreachable server into a NetworkError', async () => {
    const unreachable: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'))
    await expect(createPad({}, unreachable)).rejects.toBeInstanceOf(NetworkError)
  })

  it('refuse a created pad without its three links', async () => {
    const partial = answer(201, { id: 'p', links: { edit: 'e', view: 'v' }, keys: { edit: 'e', view: 'v', admin: 'a' } })
    await expect(createPad({ title: 'x' }, partial)).rejects.toBeInstanceOf(TypeError)
  })
})

describe('facilitator calls', () => {
  it('send the settings patch to the admin key and read back the settings', async () => {
    const requests: { url: string; init: RequestInit | undefined }[] = []
    const recording: typeof fetch = (input, init) => {
      requests.push({ url: String(input), init })
      return answer(200, { ...settingsBody, role: 'admin', locked: true })(input, init)
    }
    const settings = await updatePadSettings('admin-key', { locked: true }, recording)
    expect(settings.locked).toBe(true)
    expect(requests).toEqual([
      { url: '/api/pads/admin-key', init: expect.objectContaining({ method: 'PATCH', body: '{"locked":true}' }) },
    ])
  })

  it('turn a refused patch into an ApiError with the server message', async () => {
    const refused = updatePadSettings('edit-key', { title: 'x' }, answer(403, { error: 'forbidden', message: 'Only the facilitator.' }))
    await expect(refused).rejects.toMatchObject({ status: 403, code: 'forbidden', message: 'Only the facilitator.' })
  })

  it('read the new edit link of a rotation', async () => {
    const body = { links: { edit: 'https://pad.example/p/cccccccccccccccccccccc' }, keys: { edit: 'cccccccccccccccccccccc' } }
    await expect(rotateEditLink('admin-key', answer(200, body))).resolves.toEqual(body)
    expect(() => parseRotateEditLinkResponse({ links: {} })).toThrow(TypeError)
  })

  it('accept an empty 204 for a deletion and refuse a 403', async () => {
    const noContent: typeof fetch = () => Promise.resolve(new Response(null, { status: 204 }))
    await expect(deletePad('admin-key', noContent)).resolves.toBeUndefined()
    await expect(deletePad('edit-key', answer(403, { error: 'forbidden', message: 'No.' }))).rejects.toBeInstanceOf(ApiError)
  })
})
