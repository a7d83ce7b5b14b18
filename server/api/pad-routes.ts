/**
 * The pad API's routes (DESIGN.md's contract): which path goes where, and
 * the routes of the pad itself — create a pad, read, change or delete its
 * settings, rotate its edit link. The export is export-route.ts, the
 * history (versions, naming, restore, a version's state) history-routes.ts;
 * the allowances per address, api-rate-limits.ts. Each route checks its
 * method and body and leaves the decision to pad-api.ts and pad-history.ts.
 * Health, metrics and pages are http.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Logger } from '../log'
import type { Store } from '../store/store'
import { createApiRateLimits, type ApiRateLimitsConfig } from './api-rate-limits'
import { createExportRoute } from './export/export-route'
import { createHistoryRoutes } from './history/history-routes'
import { allowMethods, readJsonBody, sendJson } from './http-io'
import type { LivePads } from './live-pads'
import {
  createPad,
  deletePad,
  parseCreatePadRequest,
  readPadSettings,
  rotateEditLink,
  updatePadSettings,
  type PadChangeListener,
} from './pad-api'

export interface PadRoutesDeps {
  store: Store
  log: Logger
  clock: Clock
  /** Told of every change a facilitator makes, so that open connections follow it (the relay). */
  padChanges: PadChangeListener
  /** Takes versions of the pads as they are now, and restores them (the relay's rooms). */
  livePads: LivePads
}

/** What a pad route needs to know of its request. */
export interface PadRequest {
  request: IncomingMessage
  response: ServerResponse
  url: URL
  method: string
  /** The origin links are built on (PUBLIC_URL, or the request's host). */
  origin: string
}

/** Answers a request under `/api/pads`; resolves false when no pad route matches its path. */
export type PadRoutes = (pad: PadRequest) => Promise<boolean>

type PadRoutesConfig = ApiRateLimitsConfig & Pick<Config, 'maxApiBodyBytes'>

export function createPadRoutes(config: PadRoutesConfig, deps: PadRoutesDeps): PadRoutes {
  const { store, log, clock, padChanges, livePads } = deps
  const limits = createApiRateLimits(config)
  const exportRecipe = createExportRoute({ store, livePads, limits, clock })
  const history = createHistoryRoutes({ store, log, livePads, limits, maxApiBodyBytes: config.maxApiBodyBytes })

  async function create({ request, response, method, origin }: PadRequest): Promise<void> {
    allowMethods(method, ['POST'])
    // Checked first: a request that cannot create a pad does not use up the address's allowance.
    const body = parseCreatePadRequest(await readJsonBody(request, config.maxApiBodyBytes))
    limits.takePadCreation(request, response)
    const created = await createPad(store, body, origin, clock.now())
    log.info({ padId: created.id }, 'pad created')
    sendJson(response, 201, created)
  }

  async function settings({ request, response, method, origin }: PadRequest, key: string): Promise<void> {
    allowMethods(method, ['GET', 'PATCH', 'DELETE'])
    if (method === 'GET') return sendJson(response, 200, await readPadSettings(store, key, origin))
    if (method === 'PATCH') {
      const body = await readJsonBody(request, config.maxApiBodyBytes)
      return sendJson(response, 200, await updatePadSettings(store, padChanges, livePads, key, body, origin, clock.now()))
    }
    const padId = await deletePad(store, padChanges, key)
    log.info({ padId }, 'pad deleted')
    response.writeHead(204, { 'Cache-Control': 'no-store' })
    response.end()
  }

  return async (pad) => {
    const { pathname } = pad.url
    if (pathname === '/api/pads') {
      await create(pad)
      return true
    }
    const exportMatch = /^\/api\/pads\/([^/]+)\/export$/.exec(pathname)
    if (exportMatch !== null) {
      await exportRecipe(pad, exportMatch[1] ?? '')
      return true
    }
    const versionsMatch = /^\/api\/pads\/([^/]+)\/versions(?:\/([^/]+)(\/restore)?)?$/.exec(pathname)
    if (versionsMatch !== null) {
      await history.versions(pad, versionsMatch[1] ?? '', versionsMatch[2], versionsMatch[3] !== undefined)
      return true
    }
    const versionContentMatch = /^\/api\/pads\/([^/]+)\/versions\/([^/]*)\/content$/.exec(pathname)
    if (versionContentMatch !== null) {
      await history.versionContent(pad, versionContentMatch[1] ?? '', versionContentMatch[2] ?? '')
      return true
    }
    const padMatch = /^\/api\/pads\/([^/]+)(\/rotate)?$/.exec(pathname)
    if (padMatch === null) return false
    const key = padMatch[1] ?? ''
    if (padMatch[2] === undefined) {
      await settings(pad, key)
    } else {
      allowMethods(pad.method, ['POST'])
      sendJson(pad.response, 200, await rotateEditLink(store, padChanges, key, pad.origin))
    }
    return true
  }
}
