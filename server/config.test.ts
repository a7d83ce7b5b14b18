import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { ConfigError, defaults, envName, loadConfig } from './config'

describe('loadConfig', () => {
  it('uses the defaults for an empty environment', () => {
    const config = loadConfig({})
    expect(config.port).toBe(defaults.port)
    expect(config.host).toBe(defaults.host)
    expect(config.dataDir).toBe(path.resolve(defaults.dataDir))
    expect(config.logLevel).toBe('info')
  })

  it('reads each field from its SCREAMING_SNAKE_CASE name', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/pads',
      PUBLIC_URL: 'https://pad.example.org/',
      LOG_LEVEL: 'warn',
      MAX_MESSAGE_BYTES: '2048',
      ROOM_IDLE_MS: '0',
      CHECKPOINT_ACTIVITY_MS: '0',
      CHECKPOINT_QUIET_MS: '60000',
    })
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/pads',
      publicUrl: 'https://pad.example.org',
      logLevel: 'warn',
      maxMessageBytes: 2048,
      roomIdleMs: 0,
      checkpointActivityMs: 0,
      checkpointQuietMs: 60_000,
    })
  })

  it('reports every bad value together', () => {
    let error: unknown
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', PUBLIC_URL: 'ftp://x', MAX_MESSAGE_BYTES: '-5' })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems
    expect(problems).toHaveLength(4)
    expect(problems.join('\n')).toMatch(/PORT="eighty": expected a whole number from 0 to 65535/)
    expect(problems.join('\n')).toMatch(/LOG_LEVEL="loud": expected one of trace/)
    expect(problems.join('\n')).toMatch(/PUBLIC_URL="ftp:\/\/x": expected an http: or https: URL/)
    expect(problems.join('\n')).toMatch(/MAX_MESSAGE_BYTES="-5"/)
  })

  it('refuses limits that contradict each other', () => {
    expect(() => loadConfig({ MAX_MESSAGE_BYTES: '2000000', BYTE_BURST: '1000000' })).toThrow(/BYTE_BURST .* must be at least MAX_MESSAGE_BYTES/)
    expect(() => loadConfig({ MAX_BUFFERED_BYTES: '4096', MAX_MESSAGE_BYTES: '8192' })).toThrow(/MAX_BUFFERED_BYTES/)
  })

  it('reads booleans', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true)
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY="yes": expected true or false/)
  })

  it('reads the PostgreSQL and Redis URLs, null when unset', () => {
    expect(loadConfig({})).toMatchObject({ databaseUrl: null, redisUrl: null, databasePoolSize: 10 })
    const config = loadConfig({
      DATABASE_URL: 'postgres://atelier:s3cret@db.internal:5432/pads',
      DATABASE_POOL_SIZE: '25',
      REDIS_URL: 'rediss://:token@cache.internal:6380',
    })
    expect(config).toMatchObject({
      databaseUrl: 'postgres://atelier:s3cret@db.internal:5432/pads',
      databasePoolSize: 25,
      redisUrl: 'rediss://:token@cache.internal:6380',
    })
    expect(loadConfig({ DATABASE_URL: 'postgresql:///pads?host=/run/postgresql' }).databaseUrl).toBe('postgresql:///pads?host=/run/postgresql')
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379')
  })

  it('refuses other URLs without ever showing their password', () => {
    let error: unknown
    try {
      loadConfig({ DATABASE_URL: 'mysql://atelier:s3cret@db/pads', REDIS_URL: 'redis:s3cret@no host', DATABASE_POOL_SIZE: '0' })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems.join('\n')
    expect(problems).toMatch(/DATABASE_URL \(not shown: it may hold a password\): expected a postgres:\/\/ or postgresql:\/\/ URL/)
    expect(problems).toMatch(/REDIS_URL \(not shown: it may hold a password\): expected a redis:\/\/ or rediss:\/\/ URL/)
    expect(problems).toMatch(/DATABASE_POOL_SIZE="0": expected a whole number from 1 to 1000/)
    expect((error as ConfigError).message).not.toContain('s3cret')
    expect(() => loadConfig({ DATABASE_URL: 'not a url with s3cret' })).toThrow(/DATABASE_URL \(not shown/)
    expect(() => loadConfig({ REDIS_URL: 'redis://' })).toThrow(/REDIS_URL \(not shown: it may hold a password\): expected/)
  })

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError)
  })

  it('names env variables after fields', () => {
    expect(envName('maxMessageBytes')).toBe('MAX_MESSAGE_BYTES')
    expect(envName('port')).toBe('PORT')
  })
})
