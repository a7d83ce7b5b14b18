/**
 * HTTP routes: the JSON API of DESIGN.md's contract, health, the pad page for
 * `/p/<key>`, and the built client as static files (sirv). Every response
 * carries the security headers. WebSocket upgrades are not handled here.
 */
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import sirv from 'sirv'
import type { Config } from '../config'
import { HttpError } from './http-error'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import { clientAddress } from '../client-address'
import {
  createPad,
  deletePad,
  findPad,
  parseCreatePadRequest,
  readPadSettings,
  rotateEditLink,
  updatePadSettings,
  type PadChangeListener,
} from './pad-api'
import { exportContentDisposition, exportFormatIds, exportFormats, isExportFormatId } from '../../shared/export/formats'
import { readRecipe } from './pad-export'
import { createKeyedRateLimiter } from '../relay/rate-limit'
import type { Store } from '../store/store'

export interface HttpDeps {
  store: Store
  log: Logger
  metrics: Metrics
  /** Told of every change a facilitator makes, so that open connections follow it (the relay). */
  padChanges: PadChangeListener
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
  const { store, log, metrics, padChanges } = deps
  // Against scripts filling the disk with pads; a venue behind one address still creates plenty.
  const padCreations = createKeyedRateLimiter(config.padCreationsPerHour / 3600, config.padCreationBurst)
  // sirv indexes the folder once at start; without a built client only the API works.
  const serveStatic = existsSync(config.clientDir)
    ? sirv(config.clientDir, {
        etag: true,
        // Vite puts a content hash in every asset name.
        immutable: true,
        setHeaders: (response, pathname) => {
          if (!pathname.startsWith('/assets/')) response.setHeader('Cache-Control', 'no-cache')
        },
      })
    : (_request: IncomingMessage, _response: ServerResponse, next: () => void) => next()

  const origin = (request: IncomingMessage): string =>
    config.publicUrl !== '' ? config.publicUrl : `http://${request.headers.host ?? `${config.host}:${config.port}`}`

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const pathname = url.pathname
    const method = request.method ?? 'GET'

    if (pathname === '/api/pads') {
      allowMethods(method, ['POST'])
      if (!padCreations.take(clientAddress(request, config.trustProxy))) {
        response.setHeader('Retry-After', String(Math.ceil(3600 / config.padCreationsPerHour)))
        throw new HttpError(429, 'too_many_pads', 'Too many pads created from this address; try again in a few minutes.')
      }
      const body = parseCreatePadRequest(await readJsonBody(request, config.maxApiBodyBytes))
      const created = await createPad(store, body, origin(request), Date.now())
      log.info({ padId: created.id }, 'pad created')
      return sendJson(response, 201, created)
    }
    const exportMatch = /^\/api\/pads\/([^/]+)\/export$/.exec(pathname)
    if (exportMatch !== null) {
      allowMethods(method, ['GET'])
      const format = url.searchParams.get('format') ?? 'html'
      if (!isExportFormatId(format)) {
        throw new HttpError(400, 'invalid_format', `format must be one of ${exportFormatIds.join(', ')}.`)
      }
      const { pad } = await findPad(store, exportMatch[1] ?? '')
      const recipe = await readRecipe(store, pad, origin(request))
      const rendered = exportFormats[format].render(recipe)
      const body = typeof rendered === 'string' ? Buffer.from(rendered, 'utf8') : Buffer.from(rendered)
      response.writeHead(200, {
        'Content-Type': exportFormats[format].mediaType,
        'Content-Disposition': exportContentDisposition(recipe, format),
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      })
      response.end(body)
      return
    }
    const padMatch = /^\/api\/pads\/([^/]+)(\/rotate)?$/.exec(pathname)
    if (padMatch !== null) {
      const key = padMatch[1] ?? ''
      if (padMatch[2] !== undefined) {
        allowMethods(method, ['POST'])
        return sendJson(response, 200, await rotateEditLink(store, padChanges, key, origin(request)))
      }
      allowMethods(method, ['GET', 'PATCH', 'DELETE'])
      if (method === 'GET') return sendJson(response, 200, await readPadSettings(store, key, origin(request)))
      if (method === 'PATCH') {
        const body = await readJsonBody(request, config.maxApiBodyBytes)
        return sendJson(response, 200, await updatePadSettings(store, padChanges, key, body, origin(request), Date.now()))
      }
      const padId = await deletePad(store, padChanges, key)
      log.info({ padId }, 'pad deleted')
      response.writeHead(204, { 'Cache-Control': 'no-store' })
      response.end()
      return
    }
    if (pathname.startsWith('/api/')) throw new HttpError(404, 'not_found', `No API route ${pathname}.`)
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
    if (/^\/p\/[^/]+\/?$/.test(pathname)) {
      allowMethods(method, ['GET', 'HEAD'])
      return sendPage(response, 'pad.html')
    }
    allowMethods(method, ['GET', 'HEAD'])
    serveStatic(request, response, () => {
      response.statusCode = 404
      response.setHeader('Content-Type', 'text/plain; charset=utf-8')
      response.end('Not found')
    })
  }

  async function sendPage(response: ServerResponse, name: string): Promise<void> {
    let html: Buffer
    try {
      html = await fs.readFile(path.join(config.clientDir, name))
    } catch {
      throw new HttpError(503, 'client_not_built', 'The web client is not built: run `npm run build`.')
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' })
    response.end(html)
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

function allowMethods(method: string, allowed: readonly string[]): void {
  if (!allowed.includes(method)) {
    throw new HttpError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} here.`)
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
  })
  response.end(json)
}

/** Reads a JSON body of at most `maxBytes`; an empty body reads as undefined. */
async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > maxBytes) throw tooLarge(maxBytes)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > maxBytes) throw tooLarge(maxBytes)
    chunks.push(buffer)
  }
  if (size === 0) return undefined
  const type = request.headers['content-type'] ?? ''
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.')
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.')
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'body_too_large', `The body must be at most ${maxBytes} bytes.`)
}
