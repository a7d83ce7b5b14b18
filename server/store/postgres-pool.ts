/**
 * The connection side of the PostgreSQL store: a `pg` pool with its timeouts,
 * every failure turned into a `StoreError` whose message never holds the
 * URL's password, one-connection transactions, and the schema brought up to
 * date once per start (whoever holds the advisory lock migrates). It knows no
 * table but the migrations' own (postgres-store.ts holds the queries).
 */
import pg from 'pg'
import type { Logger } from '../log'
import { StoreError } from './store'
import { postgresMigrations } from './postgres-migrations'

export interface PostgresPoolOptions {
  /** `postgres://user:password@host:port/database`, as libpq takes it. */
  url: string
  /** Connections the pool may open at once (pg's default, 10, when unset). */
  maxConnections?: number
  /** How long to wait for a connection (TCP connect and a free slot in the pool), in milliseconds. */
  connectTimeoutMs?: number
  /** How long one query may run before it is given up, in milliseconds: a server that stops answering must not hang a room. */
  queryTimeoutMs?: number
}

export interface PostgresPool {
  readonly pool: pg.Pool
  readonly isClosed: boolean
  /** Runs `work`; any failure rejects with a StoreError naming `what`, the password masked. */
  run<T>(what: string, work: () => Promise<T>): Promise<T>
  /** Runs `work` in one transaction on one connection; a connection that failed is discarded, not reused. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>
  /** `error` as a StoreError naming `what`, the password masked. */
  toStoreError(what: string, error: unknown): StoreError
  /** Ends the pool. Idempotent. */
  close(): Promise<void>
}

const defaultOptions = { connectTimeoutMs: 5000, queryTimeoutMs: 10_000 }

// Any fixed number, the same in every instance: whoever holds this lock migrates, the others wait and then find nothing to do.
const migrationLockId = 0x617465_6c6965

/** Opens the pool and brings the schema up to date; rejects with a StoreError if the database cannot be reached. */
export async function openPostgresPool(options: PostgresPoolOptions, log: Logger): Promise<PostgresPool> {
  const settings = { ...defaultOptions, ...options }
  const redact = makeRedactor(options.url)
  const pool = new pg.Pool({
    connectionString: options.url,
    max: settings.maxConnections,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    query_timeout: settings.queryTimeoutMs,
    keepAlive: true,
    application_name: 'atelier-pad',
  })
  const toError = (what: string, error: unknown): StoreError => toStoreError(what, error, redact)
  // A connection that breaks while idle in the pool (server restarted, network
  // cut) is emitted here; without a listener it would crash the process. The
  // pool has already dropped it and the next query opens a fresh one.
  pool.on('error', (error) => log.warn({ err: toError('idle connection', error) }, 'lost a PostgreSQL connection'))

  let isClosed = false
  const postgres: PostgresPool = {
    pool,
    get isClosed() {
      return isClosed
    },
    async run(what, work) {
      if (isClosed) throw new StoreError(`${what}: the store is closed`)
      try {
        return await work()
      } catch (error) {
        throw toError(what, error)
      }
    },
    async transaction(work) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await work(client)
        await client.query('COMMIT')
        client.release()
        return result
      } catch (error) {
        // Destroying the connection rolls back whatever it had begun.
        client.release(error instanceof Error ? error : true)
        throw error
      }
    },
    toStoreError: toError,
    async close() {
      if (isClosed) return
      isClosed = true
      await pool.end()
    },
  }
  try {
    await postgres.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockId])
      await migrate(client)
    })
  } catch (error) {
    // The error that matters is the migration's; ending the pool only frees its sockets.
    await pool.end().catch(() => undefined)
    throw toError('migrate the schema', error)
  }
  return postgres
}

/** The bytes as pg sends them (a Buffer over the same memory, no copy). */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** Which database a URL names, for logs: `postgres://db:5432/pads`, without user, password or parameters. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`
  } catch {
    return '(unparsable URL)'
  }
}

async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS atelier_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`)
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM atelier_migrations')
  for (let version = rows[0]?.version ?? 0; version < postgresMigrations.length; version++) {
    await client.query(postgresMigrations[version] ?? '')
    await client.query('INSERT INTO atelier_migrations (version) VALUES ($1)', [version + 1])
  }
}

/** Masks the URL's password wherever it appears, raw or percent-encoded. */
function makeRedactor(url: string): (text: string) => string {
  const secrets: string[] = []
  try {
    const parsed = new URL(url)
    // libpq takes the password in the user info or as a parameter.
    for (const password of [parsed.searchParams.get('password') ?? '', parsed.password]) {
      if (password !== '') secrets.push(password)
      if (password !== '') secrets.push(decodeURIComponent(password))
    }
  } catch {
    // An unparsable URL (pg's own parser reports it), or a password whose
    // percent-encoding is broken: what was found so far is masked.
  }
  return (text) => secrets.reduce((masked, secret) => masked.split(secret).join('***'), text)
}

function toStoreError(what: string, error: unknown, redact: (text: string) => string): StoreError {
  const message = error instanceof Error ? error.message : String(error)
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
  // PostgreSQL's SQLSTATE (57P01: the server shut down) says more than its sentence; Node's codes are in theirs already.
  const suffix = code === '' || message.includes(code) ? '' : ` (${code})`
  // pg's messages carry no credentials, but the server can quote a name back
  // that happens to be the password, so the message is masked anyway. The pg
  // error itself is not kept as the cause: pg hangs its client, password
  // included, on errors (`error.client`), and a logger would print it.
  return new StoreError(redact(`${what}: ${message}${suffix}`))
}
