import { describe, expect, it } from 'vitest'
import { createProxyHint, isLoopbackOrPrivate } from './proxy-hint'

describe('isLoopbackOrPrivate', () => {
  it('knows loopback and private ranges, IPv4-mapped too, and nothing public', () => {
    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.254', '192.168.1.20', '::1', 'fd12:3456::1', 'fc00::1']) {
      expect(isLoopbackOrPrivate(address), address).toBe(true)
    }
    for (const address of ['8.8.8.8', '::ffff:82.64.1.2', '172.15.0.1', '172.32.0.1', '192.169.0.1', '2a01:e0a::1', 'unknown']) {
      expect(isLoopbackOrPrivate(address), address).toBe(false)
    }
  })
})

describe('the proxy hint', () => {
  it('warns once, when one private address passes the threshold, and never for public ones or a trusted proxy', () => {
    const warned: string[] = []
    const hint = createProxyHint(false, (address, count) => warned.push(`${address} ${count}`), 3)
    hint.note('82.64.1.2', 500)
    hint.note('127.0.0.1', 2)
    expect(warned).toEqual([])
    hint.note('127.0.0.1', 3)
    hint.note('10.0.0.2', 40)
    expect(warned).toEqual(['127.0.0.1 3'])

    const trusted: string[] = []
    createProxyHint(true, (address) => trusted.push(address), 3).note('127.0.0.1', 100)
    expect(trusted).toEqual([])
  })
})
