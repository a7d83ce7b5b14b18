/**
 * The pad API's history routes (the README's contract): `…/versions` (list,
 * name the pad as it is now), `…/versions/<id>` (rename),
 * `…/versions/<id>/restore`, and `…/versions/<id>/content` (one version's
 * state for the page's history panel). Each checks its method, body and
 * allowance here and leaves the decision to pad-history.ts.
 */
import type { Logger } from '../../log'
import type { Store } from '../../store/store'
import type { ApiRateLimits } from '../api-rate-limits'
import { allowMethods, readJsonBody, sendJson } from '../http-io'
import type { LivePads } from '../live-pads'
import { listPadVersions, nameCurrentVersion, readPadVersionState, renamePadVersion, restorePadVersion } from './pad-history'
import type { PadRequest } from '../pad-routes'

export interface HistoryRoutesDeps {
  store: Store
  log: Logger
  livePads: LivePads
  limits: ApiRateLimits
  maxApiBodyBytes: number
}

export interface HistoryRoutes {
  /** `versionId` undefined: the versions themselves; `isRestore`: `…/restore`. */
  versions(pad: PadRequest, key: string, versionId: string | undefined, isRestore: boolean): Promise<void>
  versionContent(pad: PadRequest, key: string, versionId: string): Promise<void>
}

export function createHistoryRoutes({ store, log, livePads, limits, maxApiBodyBytes }: HistoryRoutesDeps): HistoryRoutes {
  return {
    async versions({ request, response, method }, key, versionId, isRestore) {
      if (versionId === undefined) {
        allowMethods(method, ['GET', 'POST'])
        limits.takeHistoryRequest(request, response)
        if (method === 'GET') return sendJson(response, 200, await listPadVersions(store, key))
        const body = await readJsonBody(request, maxApiBodyBytes)
        return sendJson(response, 201, await nameCurrentVersion(store, livePads, key, body))
      }
      if (!isRestore) {
        allowMethods(method, ['PATCH'])
        limits.takeHistoryRequest(request, response)
        const body = await readJsonBody(request, maxApiBodyBytes)
        return sendJson(response, 200, await renamePadVersion(store, key, versionId, body))
      }
      allowMethods(method, ['POST'])
      limits.takeRestore(request, response)
      const body = await readJsonBody(request, maxApiBodyBytes)
      const restored = await restorePadVersion(store, livePads, key, versionId, body)
      log.info({ versionId: restored.restored, checkpointId: restored.checkpoint }, 'version restored on request')
      sendJson(response, 200, restored)
    },

    async versionContent({ request, response, method }, key, versionId) {
      allowMethods(method, ['GET'])
      limits.takeHistoryRequest(request, response)
      const state = await readPadVersionState(store, key, versionId)
      response.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': state.length,
        // Like every answer that a key opens: a rotated or deleted key must not find it again in a cache.
        'Cache-Control': 'no-store',
      })
      response.end(state)
    },
  }
}
