/**
 * Entry point of `npm start`: the only reader of `process.env`. Loads the
 * configuration, opens the store (PostgreSQL when DATABASE_URL is set, else
 * SQLite in DATA_DIR) and, with REDIS_URL, the link to other instances, starts the server, prints the URL to open, and shuts
 * down gracefully on SIGTERM and SIGINT.
 */
import path from 'node:path'
import { ConfigError, loadConfig, type Config } from './config'
import { createLogger, type Logger } from './log'
import { createPadBus } from './scale-out/pad-bus'
import { createPadServer } from './pad-server'
import { createPostgresStore, describeDatabaseUrl } from './store/postgres-store'
import { createSqliteStore } from './store/sqlite-store'
import { StoreError, type Store } from './store/store'

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(2)
    }
    throw error
  }
  const log = createLogger(config.logLevel)
  let store: Store
  try {
    store = await openStore(config, log)
  } catch (error) {
    if (error instanceof StoreError) {
      log.fatal({ err: error }, 'could not open the store')
      process.exit(1)
    }
    throw error
  }
  // With REDIS_URL, instances serving the same pads relay to each other (pad-bus.ts).
  const bus = config.redisUrl === null ? null : createPadBus({ url: config.redisUrl }, log)
  if (bus !== null) log.info({ instance: bus.instanceId }, 'relaying to other instances through redis')
  const server = createPadServer(config, { store, log, bus })
  const url = await server.listen()
  log.info({ url, dataDir: config.dataDir }, 'listening')
  process.stderr.write(`\n  Atelier Pad is running: open ${url}\n\n`)

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

async function openStore(config: Config, log: Logger): Promise<Store> {
  if (config.databaseUrl === null) {
    const file = path.join(config.dataDir, 'atelier-pad.sqlite')
    const store = createSqliteStore({ file })
    log.info({ store: 'sqlite', file }, 'store opened')
    return store
  }
  const store = await createPostgresStore({ url: config.databaseUrl, maxConnections: config.databasePoolSize }, { log })
  // The URL without its user, password or parameters: logs must never hold a secret.
  log.info({ store: 'postgres', database: describeDatabaseUrl(config.databaseUrl) }, 'store opened')
  return store
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
