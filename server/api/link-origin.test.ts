import { describe, expect, it } from 'vitest'
import { linkOriginOf, type LinkOriginConfig } from './link-origin'

const config: LinkOriginConfig = { publicUrl: '', allowedHosts: ['atelier.local'], host: '0.0.0.0', port: 3000 }
const own = ['192.168.1.20', 'fe80::1']

describe('linkOriginOf', () => {
  it('uses PUBLIC_URL whatever the Host says', () => {
    expect(linkOriginOf('evil.example', { ...config, publicUrl: 'https://pad.example.org' }, own)).toBe('https://pad.example.org')
  })

  it('uses a Host that names this machine or an allowed host, with its port', () => {
    expect(linkOriginOf('localhost:3000', config, own)).toBe('http://localhost:3000')
    expect(linkOriginOf('127.0.0.1:41234', config, own)).toBe('http://127.0.0.1:41234')
    expect(linkOriginOf('192.168.1.20:3000', config, own)).toBe('http://192.168.1.20:3000')
    expect(linkOriginOf('[fe80::1]:3000', config, own)).toBe('http://[fe80::1]:3000')
    expect(linkOriginOf('Atelier.Local:3000', config, own)).toBe('http://atelier.local:3000')
  })

  it('falls back to HOST:PORT for any other Host, a malformed one, or none', () => {
    for (const host of ['evil.example', 'evil.example:3000', 'localhost.evil.example', 'localhost:3000/path', 'user@localhost', 'a b', '']) {
      expect(linkOriginOf(host, config, own), host).toBe('http://localhost:3000')
    }
    expect(linkOriginOf(undefined, { ...config, host: '127.0.0.1' }, own)).toBe('http://127.0.0.1:3000')
  })
})
