/**
 * The pad API's routes (DESIGN.md's contract): create a pad, read, change or
 * delete its settings, rotate its edit link, export its recipe (the
 * published version by default, the live pad, or one of its versions), list,
 * name and restore its versions, send one version's state. Each route checks its method and body
 * here and leaves the decision to pad-api.ts and pad-history.ts; pad
 * creations, history requests and restores are rate-limited per client address. Health, metrics and
 * pages are http.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Recipe } from '../../shared/export/recipe'
import { exportContentDisposition, exportFormatIds, exportFormats, isExportFormatId } from '../../shared/export/formats'
import { clientAddress } from '../client-address'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Logger } from '../log'
import { createKeyedRateLimiter } from '../relay/rate-limit'
import type { Store } from '../store/store'
import { HttpError } from './http-error'
import { allowMethods, readJsonBody, sendJson } from './http-io'
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
import { readRecipe, readVersionRecipe } from './pad-export'
import { findPadWithHistory, listPadVersions, nameCurrentVersion, readPadVersionState, renamePadVersion, restorePadVersion } from './pad-history'
import type { LivePads } from './live-pads'
import { VersionKind } from '../../shared/protocol/api'
import { Role } from '../../shared/protocol/roles'

/** `version=live` exports the pad as it is, even when a version is published. */
const liveVersion = 'live'

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

type PadRoutesConfig = Pick<
  Config,
  | 'padCreationsPerHour' | 'padCreationBurst' | 'historyRequestsPerMinute' | 'historyRequestBurst' | 'restoresPerMinute' | 'restoreBurst'
  | 'trustProxy' | 'maxApiBodyBytes'
>

export function createPadRoutes(config: PadRoutesConfig, deps: PadRoutesDeps): PadRoutes {
  const { store, log, clock, padChanges, livePads } = deps
  // Against scripts filling the disk with pads; a venue behind one address still creates plenty.
  const padCreations = createKeyedRateLimiter(config.padCreationsPerHour / 3600, config.padCreationBurst)
  // Each history request reads whole states (a version, or the pad for its credits) from the store.
  const historyRequests = createKeyedRateLimiter(config.historyRequestsPerMinute / 60, config.historyRequestBurst)
  const takeHistoryRequest = (request: IncomingMessage, response: ServerResponse): void => {
    if (historyRequests.take(clientAddress(request, config.trustProxy))) return
    response.setHeader('Retry-After', String(Math.ceil(60 / config.historyRequestsPerMinute)))
    throw new HttpError(429, 'too_many_requests', 'Too many history requests from this address; try again in a moment.')
  }
  // Each restore stores a checkpoint and up to a whole pad's content.
  const restores = createKeyedRateLimiter(config.restoresPerMinute / 60, config.restoreBurst)
  const takeRestore = (request: IncomingMessage, response: ServerResponse): void => {
    if (restores.take(clientAddress(request, config.trustProxy))) return
    response.setHeader('Retry-After', String(Math.ceil(60 / config.restoresPerMinute)))
    throw new HttpError(429, 'too_many_requests', 'Too many restores from this address; try again in a moment.')
  }

  async function create({ request, response, method, origin }: PadRequest): Promise<void> {
    allowMethods(method, ['POST'])
    // Checked first: a request that cannot create a pad does not use up the address's allowance.
    const body = parseCreatePadRequest(await readJsonBody(request, config.maxApiBodyBytes))
    if (!padCreations.take(clientAddress(request, config.trustProxy))) {
      response.setHeader('Retry-After', String(Math.ceil(3600 / config.padCreationsPerHour)))
      throw new HttpError(429, 'too_many_pads', 'Too many pads created from this address; try again in a few minutes.')
    }
    const created = await createPad(store, body, origin, clock.now())
    log.info({ padId: created.id }, 'pad created')
    sendJson(response, 201, created)
  }

  async function exportRecipe({ request, response, url, method, origin }: PadRequest, key: string): Promise<void> {
    allowMethods(method, ['GET'])
    const format = url.searchParams.get('format') ?? 'html'
    if (!isExportFormatId(format)) {
      throw new HttpError(400, 'invalid_format', `format must be one of ${exportFormatIds.join(', ')}.`)
    }
    const versionId = url.searchParams.get('version')
    let recipe: Recipe
    if (versionId === null || versionId === liveVersion) {
      const { pad, role } = await findPad(store, key)
      if (versionId === null && pad.publishedVersion !== null) {
        // The published recipe is what the pad exports by default, to every link (it is public at /r/<view key>).
        recipe = await readVersionRecipe(store, pad, pad.publishedVersion, origin)
      } else {
        // A checkpoint of what is exported, unless the pad has not changed since its newest version. Only the
        // links that write take one, within the history limit: a reader never makes the history grow.
        if (role !== Role.view && historyRequests.take(clientAddress(request, config.trustProxy))) {
          await livePads.takeVersion(pad, { kind: VersionKind.beforeExport, onlyIfChanged: true })
        }
        recipe = await readRecipe(store, pad, origin)
      }
    } else {
      takeHistoryRequest(request, response)
      recipe = await readVersionRecipe(store, await findPadWithHistory(store, key), versionId, origin)
    }
    const rendered = exportFormats[format].render(recipe)
    const body = typeof rendered === 'string' ? Buffer.from(rendered, 'utf8') : Buffer.from(rendered)
    response.writeHead(200, {
      'Content-Type': exportFormats[format].mediaType,
      'Content-Disposition': exportContentDisposition(recipe, format),
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      // The CSV's license and columns are in its CSVW companion, found this way by open-data tools.
      ...(format === 'csv' ? { Link: `<${url.pathname}?format=csv-metadata>; rel="describedby"; type="application/csvm+json"` } : {}),
    })
    response.end(body)
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

  /** `…/versions` (list, name the pad now), `…/versions/<id>` (rename), `…/versions/<id>/restore`. */
  async function versions({ request, response, method }: PadRequest, key: string, versionId: string | undefined, isRestore: boolean): Promise<void> {
    if (versionId === undefined) {
      allowMethods(method, ['GET', 'POST'])
      takeHistoryRequest(request, response)
      if (method === 'GET') return sendJson(response, 200, await listPadVersions(store, key))
      const body = await readJsonBody(request, config.maxApiBodyBytes)
      return sendJson(response, 201, await nameCurrentVersion(store, livePads, key, body))
    }
    if (!isRestore) {
      allowMethods(method, ['PATCH'])
      takeHistoryRequest(request, response)
      const body = await readJsonBody(request, config.maxApiBodyBytes)
      return sendJson(response, 200, await renamePadVersion(store, key, versionId, body))
    }
    allowMethods(method, ['POST'])
    takeRestore(request, response)
    const body = await readJsonBody(request, config.maxApiBodyBytes)
    const restored = await restorePadVersion(store, livePads, key, versionId, body)
    log.info({ versionId: restored.restored, checkpointId: restored.checkpoint }, 'version restored on request')
    sendJson(response, 200, restored)
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
      await versions(pad, versionsMatch[1] ?? '', versionsMatch[2], versionsMatch[3] !== undefined)
      return true
    }
    const versionContentMatch = /^\/api\/pads\/([^/]+)\/versions\/([^/]*)\/content$/.exec(pathname)
    if (versionContentMatch !== null) {
      allowMethods(pad.method, ['GET'])
      takeHistoryRequest(pad.request, pad.response)
      const state = await readPadVersionState(store, versionContentMatch[1] ?? '', versionContentMatch[2] ?? '')
      pad.response.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': state.length,
        // Like every answer that a key opens: a rotated or deleted key must not find it again in a cache.
        'Cache-Control': 'no-store',
      })
      pad.response.end(state)
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
