/** API responses are checked where they enter the page. */
import { describe, expect, it } from 'vitest'
import { ApiError, createPad, fetchPadSettings, NetworkError, parsePadSettings } from './api-client'

const settingsBody = {
  id: 'pad-1',
  role: 'edit',
  title: 'Collecte',
  language: 'fr',
  locked: false,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  expiresAt: null,
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
