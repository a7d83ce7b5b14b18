/**
 * Entry point of `npm start`: the only reader of `process.env`. Loads the
 * configuration, opens the SQLite store in DATA_DIR, starts the server, prints
 * the URL to open, and shuts down gracefully on SIGTERM and SIGINT.
 */
import path from 'node:path'
import { ConfigError, loadConfig } from './config'
import { createLogger } from './log'
import { createPadServer } from './pad-server'
import { createSqliteStore } from './sqlite-store'

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
  const store = createSqliteStore({ file: path.join(config.dataDir, 'atelier-pad.sqlite') })
  const server = createPadServer(config, { store, log })
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

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
