/**
 * The whole pad server on one port: HTTP routes and the WebSocket relay over
 * one store, linked to the other instances through `bus` when there are any. `listen()` resolves with the URL to open; `close()` stops
 * accepting, has every room store what it holds, closes the sockets with 1001
 * and closes the store. Idempotent.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Config } from './config'
import { createHttpHandler } from './api/http'
import { systemClock, type Clock } from './clock'
import type { Logger } from './log'
import { createMetrics, type Metrics } from './metrics'
import { createRelay, type Relay } from './relay/gateway'
import type { PadBus } from './scale-out/pad-bus'
import type { Store } from './store/store'

export interface PadServer {
  listen(): Promise<string>
  readonly relay: Relay
  readonly metrics: Metrics
  close(): Promise<void>
}

export interface PadServerDeps {
  store: Store
  log: Logger
  /** The link to other instances (REDIS_URL); closed with the server. */
  bus?: PadBus | null
  /** The time pads are dated and expire by, and the rooms' timers run on; the system clock by default. */
  clock?: Clock
}

export function createPadServer(config: Config, deps: PadServerDeps): PadServer {
  const metrics = createMetrics()
  const relay = createRelay(config, { ...deps, metrics })
  const clock = deps.clock ?? systemClock
  const server = http.createServer(createHttpHandler(config, { ...deps, metrics, padChanges: relay, livePads: relay, clock }))
  const sweepExpiredPads = (): void => {
    deps.store.deleteExpiredPads(clock.now()).then(
      (padIds) => {
        for (const padId of padIds) relay.padDeleted(padId)
        if (padIds.length > 0) deps.log.info({ count: padIds.length }, 'expired pads deleted')
      },
      (error: unknown) => deps.log.error({ err: error }, 'could not delete expired pads'),
    )
  }
  const expirySweeper = setInterval(sweepExpiredPads, config.expirySweepMs)
  expirySweeper.unref()
  server.on('upgrade', (request, socket, head) => relay.handleUpgrade(request, socket, head))
  let closing: Promise<void> | null = null

  return {
    relay,
    metrics,
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(config.port, config.host, () => {
          server.off('error', reject)
          sweepExpiredPads()
          const { port } = server.address() as AddressInfo
          const host = config.host.includes(':') ? `[${config.host}]` : config.host
          resolve(config.publicUrl !== '' ? config.publicUrl : `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`)
        })
      })
    },
    close() {
      closing ??= (async () => {
        clearInterval(expirySweeper)
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        await relay.close()
        server.closeAllConnections()
        await stopped
        await deps.bus?.close()
        await deps.store.close()
      })()
      return closing
    },
  }
}
