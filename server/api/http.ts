/**
 * HTTP routes: the JSON API of DESIGN.md's contract (pad-routes.ts), health,
 * metrics, the pad page for `/p/<key>`, the published recipe for `/r/<view key>`
 * (recipe-page.ts), the accessibility statement for
 * `/accessibilite` and `/accessibility`, and the built client as static files
 * (sirv). Every response carries the security headers; every error becomes
 * the API's error body. WebSocket upgrades are not handled here.
 */
import { existsSync } from 'node:fs'
import os from 'node:os'
import fs from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import sirv from 'sirv'
import { systemClock, type Clock } from '../clock'
import type { Config } from '../config'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { Store } from '../store/store'
import { HttpError } from './http-error'
import { allowMethods, sendJson } from './http-io'
import type { PadChangeListener } from './pad-api'
import type { LivePads } from './live-pads'
import { linkOriginOf } from './link-origin'
import { createPadRoutes } from './pad-routes'
import { sendRecipePage } from './export/recipe-page'

export interface HttpDeps {
  store: Store
  log: Logger
  metrics: Metrics
  /** Told of every change a facilitator makes, so that open connections follow it (the relay). */
  padChanges: PadChangeListener
  /** Takes versions of the pads as they are now, and restores them (the relay's rooms). */
  livePads: LivePads
  /** The time pads are created and changed at; the system clock by default. */
  clock?: Clock
}

export type HttpHandler = (request: IncomingMessage, response: ServerResponse) => void

// Keys live in page URLs: no referrer may carry them to another site.
const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; '),
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

export function createHttpHandler(config: Config, deps: HttpDeps): HttpHandler {
  const { store, log, metrics } = deps
  const padRoutes = createPadRoutes(config, { store, log, padChanges: deps.padChanges, livePads: deps.livePads, clock: deps.clock ?? systemClock })
  const serveStatic = createStaticFiles(config.clientDir)
  const ownAddresses = machineAddresses()
  const origin = (request: IncomingMessage): string => linkOriginOf(request.headers.host, config, ownAddresses)

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const { pathname } = url
    const method = request.method ?? 'GET'
    if (pathname.startsWith('/api/')) {
      if (await padRoutes({ request, response, url, method, origin: origin(request) })) return
      throw new HttpError(404, 'not_found', `No API route ${pathname}.`)
    }
    if (pathname === '/healthz') {
      allowMethods(method, ['GET', 'HEAD'])
      await store.checkHealth().catch((error: unknown) => {
        log.error({ err: error }, 'health check failed')
        throw new HttpError(503, 'store_unavailable', 'The store does not answer.')
      })
      return sendJson(response, 200, { status: 'ok' })
    }
    if (pathname === '/metrics') {
      allowMethods(method, ['GET'])
      const body = await metrics.registry.metrics()
      response.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' })
      response.end(body)
      return
    }
    allowMethods(method, ['GET', 'HEAD'])
    if (/^\/p\/[^/]+\/?$/.test(pathname)) return sendPage(response, config.clientDir, 'pad.html')
    const recipeKey = /^\/r\/([^/]+)\/?$/.exec(pathname)?.[1]
    if (recipeKey !== undefined) return sendRecipePage(response, store, recipeKey, origin(request), (deps.clock ?? systemClock).now())
    // The accessibility statement, at its French address and its English one: one page, in the reader's language.
    if (/^\/(accessibilite|accessibility)\/?$/.test(pathname)) return sendPage(response, config.clientDir, 'accessibility.html')
    serveStatic(request, response, () => {
      response.statusCode = 404
      response.setHeader('Content-Type', 'text/plain; charset=utf-8')
      response.end('Not found')
    })
  }

  return (request, response) => {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value)
    route(request, response).catch((error: unknown) => {
      const httpError =
        error instanceof HttpError ? error : new HttpError(500, 'internal_error', 'The server failed; try again.')
      if (!(error instanceof HttpError)) log.error({ err: error, method: request.method }, 'request failed')
      if (response.headersSent) {
        response.destroy()
        return
      }
      if (httpError.status === 413) response.setHeader('Connection', 'close')
      sendJson(response, httpError.status, httpError.toBody())
    })
  }
}

type StaticFiles = (request: IncomingMessage, response: ServerResponse, next: () => void) => void

/** The built client's files; sirv indexes the folder once at start, so without a built client only the API works. */
function createStaticFiles(clientDir: string): StaticFiles {
  if (!existsSync(clientDir)) return (_request, _response, next) => next()
  return sirv(clientDir, {
    etag: true,
    // The build writes a .br and a .gz beside each script and stylesheet (vite.config.ts).
    brotli: true,
    gzip: true,
    // Vite puts a content hash in every asset name.
    immutable: true,
    setHeaders: (response, pathname) => {
      if (!pathname.startsWith('/assets/')) response.setHeader('Cache-Control', 'no-cache')
    },
  })
}

async function sendPage(response: ServerResponse, clientDir: string, name: string): Promise<void> {
  let html: Buffer
  try {
    html = await fs.readFile(path.join(clientDir, name))
  } catch {
    throw new HttpError(503, 'client_not_built', 'The web client is not built: run `npm run build`.')
  }
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' })
  response.end(html)
}

/** This machine's own addresses, read once: the hosts a request may name to get links to itself. */
function machineAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((addresses) => (addresses ?? []).map((address) => address.address))
}
