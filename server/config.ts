/**
 * The server's one typed configuration object: its defaults written once, and
 * `loadConfig(env)`, a pure function that reads the environment (field name in
 * SCREAMING_SNAKE_CASE) and reports every bad value together in a
 * `ConfigError`. Only `main.ts` passes it `process.env`.
 */
import { defaultCheckpointPolicyOptions } from './history/checkpoint-policy'
import path from 'node:path'

export interface Config {
  /** TCP port; 0 picks a free one (tests). */
  port: number
  /** Interface to listen on. */
  host: string
  /** Folder of the embedded SQLite store. */
  dataDir: string
  /** PostgreSQL store (`postgres://user:password@host:5432/database`) instead of SQLite; null for SQLite. */
  databaseUrl: string | null
  /** Connections to PostgreSQL one instance may hold at once. */
  databasePoolSize: number
  /** Redis (`redis://` or `rediss://`) through which instances relay to each other; null for a single instance. */
  redisUrl: string | null
  /** Public origin used to build links (e.g. https://pad.example.org); derived from host and port when empty. */
  publicUrl: string
  /**
   * Without PUBLIC_URL, the host names a request's Host header may carry for
   * its links to use it, besides this machine's own addresses and localhost
   * (e.g. `atelier.local`); any other Host gets links to HOST:PORT.
   */
  allowedHosts: string[]
  /** Folder of the built web client. */
  clientDir: string
  /** Minimum log level: trace, debug, info, warn, error, fatal or silent. */
  logLevel: LogLevel
  /** Largest WebSocket frame accepted, in bytes (a long pasted text fits easily); larger closes with 1009. */
  maxMessageBytes: number
  /** Messages per second a connection may send on average (a fast typist sends ~20 with cursor moves)… */
  messagesPerSecond: number
  /** …and in a burst (an undo of many steps, a reconnect): against floods that would starve the room. */
  messageBurst: number
  /** Bytes per second a connection may send on average… */
  bytesPerSecond: number
  /** …and in a burst (a long paste): against a connection filling the disk and other peers' sockets. */
  byteBurst: number
  /** Sync requests (sync step 1) a connection may send per minute, each makes the server encode the pad… */
  syncRequestsPerMinute: number
  /** …and in a burst: against a few bytes asking for megabytes of replies (sync amplification). */
  syncRequestBurst: number
  /** Facilitation commands (a dot, a raised hand, the facilitator's next…) a connection may send per minute, each a write to the store… */
  facilitationCommandsPerMinute: number
  /** …and in a burst (a participant placing their dots, a facilitator reordering): against a flood of store writes. */
  facilitationCommandBurst: number
  /** Largest awareness message (presence: name, colour, cursor), in bytes. */
  maxAwarenessBytes: number
  /** Connections one pad may have at once. */
  maxConnectionsPerPad: number
  /** Connections one client address may hold at once; a whole venue shares one address behind its NAT. */
  maxConnectionsPerAddress: number
  /** Pads held in memory at once; past that new pads are refused with 1013 until some unload. */
  maxLoadedPads: number
  /** Largest stored size of one pad (its snapshot and updates), in bytes; a write past it closes with 1009. */
  maxDocumentBytes: number
  /** Bytes waiting to be sent to one connection before it is dropped as not reading (backpressure). */
  maxBufferedBytes: number
  /** Pads one client address may create per hour on average… */
  padCreationsPerHour: number
  /** …and in a burst (a facilitator preparing several ateliers). */
  padCreationBurst: number
  /** History requests (listing versions, exporting one) one client address may make per minute on average… */
  historyRequestsPerMinute: number
  /** …and in a burst (a page moving through the timeline). */
  historyRequestBurst: number
  /** Restores one client address may make per minute on average (each stores a checkpoint and up to a whole pad)… */
  restoresPerMinute: number
  /** …and in a burst (undoing, then undoing the undo). */
  restoreBurst: number
  /** How often pads whose lifetime ran out are deleted, in milliseconds. */
  expirySweepMs: number
  /** Take the client address from X-Forwarded-For (set when a reverse proxy is in front). */
  trustProxy: boolean
  /** Largest JSON body accepted by the API, in bytes. */
  maxApiBodyBytes: number
  /** How long a pad stays loaded after its last participant left, in milliseconds. */
  roomIdleMs: number
  /** Automatic checkpoint after this much writing (history); 0 turns automatic checkpoints off. */
  checkpointActivityMs: number
  /** Automatic checkpoint once writing has stopped for this long. */
  checkpointQuietMs: number
  /** Compact a pad's update log into a snapshot once it holds this many updates. */
  compactAfterUpdates: number
}

const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const
export type LogLevel = (typeof logLevels)[number]

export const defaults: Config = {
  port: 3000,
  host: '127.0.0.1',
  dataDir: './data',
  databaseUrl: null,
  databasePoolSize: 10,
  redisUrl: null,
  publicUrl: '',
  allowedHosts: [],
  clientDir: './dist/client',
  logLevel: 'info',
  maxMessageBytes: 8 * 1024 * 1024,
  messagesPerSecond: 100,
  messageBurst: 1000,
  bytesPerSecond: 1024 * 1024,
  byteBurst: 32 * 1024 * 1024,
  syncRequestsPerMinute: 6,
  syncRequestBurst: 10,
  facilitationCommandsPerMinute: 120,
  facilitationCommandBurst: 30,
  maxAwarenessBytes: 16 * 1024,
  maxConnectionsPerPad: 5000,
  maxConnectionsPerAddress: 500,
  maxLoadedPads: 10_000,
  maxDocumentBytes: 64 * 1024 * 1024,
  maxBufferedBytes: 32 * 1024 * 1024,
  padCreationsPerHour: 60,
  padCreationBurst: 20,
  historyRequestsPerMinute: 120,
  historyRequestBurst: 60,
  restoresPerMinute: 6,
  restoreBurst: 10,
  expirySweepMs: 3600 * 1000,
  trustProxy: false,
  maxApiBodyBytes: 64 * 1024,
  roomIdleMs: 30_000,
  checkpointActivityMs: defaultCheckpointPolicyOptions.activityMs,
  checkpointQuietMs: defaultCheckpointPolicyOptions.quietMs,
  compactAfterUpdates: 500,
}

/** Every problem found in the environment, reported together at start. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`)
  }
}

type Env = Readonly<Record<string, string | undefined>>

/** A parsed value, or the sentence that says what was expected. */
type Parsed<T> = { value: T } | { problem: string }

export function loadConfig(env: Env): Config {
  const problems: string[] = []
  const read = <K extends keyof Config>(
    field: K,
    parse: (raw: string) => Parsed<Config[K]>,
    show: (raw: string) => string = (raw) => `=${JSON.stringify(raw)}`,
  ): Config[K] => {
    const name = envName(field)
    const raw = env[name]
    if (raw === undefined || raw === '') return defaults[field]
    const parsed = parse(raw)
    if ('problem' in parsed) {
      problems.push(`${name}${show(raw)}: ${parsed.problem}`)
      return defaults[field]
    }
    return parsed.value
  }
  const text = (raw: string): Parsed<string> => ({ value: raw })
  const integer = (min: number, max: number) => (raw: string): Parsed<number> => {
    const value = Number(raw)
    return /^\d+$/.test(raw) && value >= min && value <= max
      ? { value }
      : { problem: `expected a whole number from ${min} to ${max}` }
  }
  const boolean = (raw: string): Parsed<boolean> =>
    raw === 'true' || raw === '1' ? { value: true } : raw === 'false' || raw === '0' ? { value: false } : { problem: 'expected true or false' }
  const hostNames = (raw: string): Parsed<string[]> => {
    const names = raw.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '')
    const bad = names.filter((name) => !/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(name))
    return bad.length === 0 ? { value: names } : { problem: `expected host names separated by commas, such as atelier.local,pad.example.org (not ${bad.join(', ')})` }
  }
  const logLevel = (raw: string): Parsed<LogLevel> => {
    const level = logLevels.find((candidate) => candidate === raw)
    return level !== undefined ? { value: level } : { problem: `expected one of ${logLevels.join(', ')}` }
  }

  // libpq reaches a local socket through postgres:///db?host=/run/postgresql, with no host before the path.
  const serviceUrl = (protocols: readonly string[], example: string, needsHost: boolean) => (raw: string): Parsed<string | null> => {
    const url = parseUrl(raw)
    return url !== null && protocols.includes(url.protocol) && (!needsHost || url.hostname !== '')
      ? { value: raw }
      : { problem: `expected a ${protocols.map((protocol) => `${protocol}//`).join(' or ')} URL such as ${example}` }
  }

  const config: Config = {
    port: read('port', integer(0, 65_535)),
    host: read('host', text),
    dataDir: read('dataDir', text),
    databaseUrl: read('databaseUrl', serviceUrl(['postgres:', 'postgresql:'], 'postgres://user:password@host:5432/database', false), hideUrl),
    databasePoolSize: read('databasePoolSize', integer(1, 1000)),
    redisUrl: read('redisUrl', serviceUrl(['redis:', 'rediss:'], 'redis://host:6379', true), hideUrl),
    publicUrl: read('publicUrl', text),
    allowedHosts: read('allowedHosts', hostNames),
    clientDir: read('clientDir', text),
    logLevel: read('logLevel', logLevel),
    maxMessageBytes: read('maxMessageBytes', integer(1024, 256 * 1024 * 1024)),
    messagesPerSecond: read('messagesPerSecond', integer(1, 1_000_000)),
    messageBurst: read('messageBurst', integer(1, 10_000_000)),
    bytesPerSecond: read('bytesPerSecond', integer(1024, 1024 * 1024 * 1024)),
    byteBurst: read('byteBurst', integer(1024, 1024 * 1024 * 1024)),
    syncRequestsPerMinute: read('syncRequestsPerMinute', integer(1, 1_000_000)),
    syncRequestBurst: read('syncRequestBurst', integer(1, 1_000_000)),
    facilitationCommandsPerMinute: read('facilitationCommandsPerMinute', integer(1, 1_000_000)),
    facilitationCommandBurst: read('facilitationCommandBurst', integer(1, 1_000_000)),
    maxAwarenessBytes: read('maxAwarenessBytes', integer(256, 16 * 1024 * 1024)),
    maxConnectionsPerPad: read('maxConnectionsPerPad', integer(1, 1_000_000)),
    maxConnectionsPerAddress: read('maxConnectionsPerAddress', integer(1, 1_000_000)),
    maxLoadedPads: read('maxLoadedPads', integer(1, 10_000_000)),
    maxDocumentBytes: read('maxDocumentBytes', integer(1024, 4 * 1024 * 1024 * 1024)),
    maxBufferedBytes: read('maxBufferedBytes', integer(1024, 4 * 1024 * 1024 * 1024)),
    padCreationsPerHour: read('padCreationsPerHour', integer(1, 1_000_000)),
    padCreationBurst: read('padCreationBurst', integer(1, 1_000_000)),
    historyRequestsPerMinute: read('historyRequestsPerMinute', integer(1, 1_000_000)),
    historyRequestBurst: read('historyRequestBurst', integer(1, 1_000_000)),
    restoresPerMinute: read('restoresPerMinute', integer(1, 1_000_000)),
    restoreBurst: read('restoreBurst', integer(1, 1_000_000)),
    expirySweepMs: read('expirySweepMs', integer(1000, 7 * 24 * 3600 * 1000)),
    trustProxy: read('trustProxy', boolean),
    maxApiBodyBytes: read('maxApiBodyBytes', integer(256, 16 * 1024 * 1024)),
    roomIdleMs: read('roomIdleMs', integer(0, 24 * 3600 * 1000)),
    checkpointActivityMs: read('checkpointActivityMs', integer(0, 7 * 24 * 3600 * 1000)),
    checkpointQuietMs: read('checkpointQuietMs', integer(1000, 7 * 24 * 3600 * 1000)),
    compactAfterUpdates: read('compactAfterUpdates', integer(1, 1_000_000)),
  }
  if (config.publicUrl !== '') {
    const problem = checkPublicUrl(config.publicUrl)
    if (problem !== null) problems.push(`PUBLIC_URL=${JSON.stringify(config.publicUrl)}: ${problem}`)
    config.publicUrl = config.publicUrl.replace(/\/+$/, '')
  }
  // A burst smaller than one allowed message would refuse that message for ever.
  if (config.byteBurst < config.maxMessageBytes) {
    problems.push(`BYTE_BURST (${config.byteBurst}) must be at least MAX_MESSAGE_BYTES (${config.maxMessageBytes})`)
  }
  if (config.maxBufferedBytes < config.maxMessageBytes) {
    problems.push(`MAX_BUFFERED_BYTES (${config.maxBufferedBytes}) must be at least MAX_MESSAGE_BYTES (${config.maxMessageBytes})`)
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return { ...config, dataDir: path.resolve(config.dataDir), clientDir: path.resolve(config.clientDir) }
}

/** `maxMessageBytes` → `MAX_MESSAGE_BYTES`. */
export function envName(field: keyof Config): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value)
  } catch {
    return null
  }
}

/**
 * How a problem names a URL that may carry a password: not at all. Masking
 * is not enough, since libpq also takes `?password=` and a malformed URL has
 * no parts to mask; the message says what was expected instead.
 */
function hideUrl(): string {
  return ' (not shown: it may hold a password)'
}

function checkPublicUrl(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'expected an absolute URL such as https://pad.example.org'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'expected an http: or https: URL'
  if (url.search !== '' || url.hash !== '') return 'expected no query or fragment'
  return null
}
