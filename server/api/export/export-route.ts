/**
 * The pad API's export route, `…/export?format=…[&version=…]`: the recipe
 * as a file, of the published version by default, of the live pad
 * (`version=live`, or when nothing is published) or of one version. An
 * export of the live pad by a link that writes takes a `before-export`
 * version first, within the history allowance (a reader never makes the
 * history grow). Rendering is shared/export/; reading is pad-export.ts.
 */
import type { Recipe } from '../../../shared/export/recipe'
import { exportContentDisposition, exportFormatIds, exportFormats, isExportFormatId } from '../../../shared/export/formats'
import { VersionKind } from '../../../shared/protocol/api'
import { Role } from '../../../shared/protocol/roles'
import type { Store } from '../../store/store'
import type { Clock } from '../../clock'
import type { ApiRateLimits } from '../api-rate-limits'
import { HttpError } from '../http-error'
import { allowMethods } from '../http-io'
import type { LivePads } from '../live-pads'
import { findPad } from '../pad-api'
import { readRecipe, readVersionRecipe } from './pad-export'
import { findPadWithHistory } from '../history/pad-history'
import type { PadRequest } from '../pad-routes'

/** `version=live` exports the pad as it is, even when a version is published. */
const liveVersion = 'live'

export interface ExportRouteDeps {
  store: Store
  /** The time a round in progress is counted up to. */
  clock: Clock
  livePads: LivePads
  limits: ApiRateLimits
}

export function createExportRoute({ store, livePads, limits, clock }: ExportRouteDeps): (pad: PadRequest, key: string) => Promise<void> {
  async function readAskedRecipe({ request, response, url, origin }: PadRequest, key: string): Promise<Recipe> {
    const versionId = url.searchParams.get('version')
    if (versionId !== null && versionId !== liveVersion) {
      limits.takeHistoryRequest(request, response)
      return readVersionRecipe(store, await findPadWithHistory(store, key), versionId, origin, clock.now())
    }
    const { pad, role } = await findPad(store, key)
    // The published recipe is what the pad exports by default, to every link (it is public at /r/<view key>).
    if (versionId === null && pad.publishedVersion !== null) return readVersionRecipe(store, pad, pad.publishedVersion, origin, clock.now())
    // A checkpoint of what is exported, unless the pad has not changed since its newest version.
    if (role !== Role.view && limits.tryHistoryRequest(request)) {
      await livePads.takeVersion(pad, { kind: VersionKind.beforeExport, onlyIfChanged: true })
    }
    return readRecipe(store, pad, origin, clock.now())
  }

  return async (pad, key) => {
    allowMethods(pad.method, ['GET'])
    const format = pad.url.searchParams.get('format') ?? 'html'
    if (!isExportFormatId(format)) {
      throw new HttpError(400, 'invalid_format', `format must be one of ${exportFormatIds.join(', ')}.`)
    }
    const recipe = await readAskedRecipe(pad, key)
    const rendered = exportFormats[format].render(recipe)
    const body = typeof rendered === 'string' ? Buffer.from(rendered, 'utf8') : Buffer.from(rendered)
    pad.response.writeHead(200, {
      'Content-Type': exportFormats[format].mediaType,
      'Content-Disposition': exportContentDisposition(recipe, format),
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      // The CSV's license and columns are in its CSVW companion, found this way by open-data tools.
      ...(format === 'csv' ? { Link: `<${pad.url.pathname}?format=csv-metadata>; rel="describedby"; type="application/csvm+json"` } : {}),
    })
    pad.response.end(body)
  }
}
