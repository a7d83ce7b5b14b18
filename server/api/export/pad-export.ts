/**
 * Builds the recipe of a pad for the export route: the pad's settings from
 * the store and its document as stored (everything anyone has seen relayed is
 * there, by the durability rule), or one of its versions' state, with the
 * view link as its source, and its facilitation (tours de table, closed
 * votes) as stored now, whichever version is exported.
 */
import * as Y from 'yjs'
import { padPath } from '../../../shared/protocol/pad-link'
import { buildRecipe, type Recipe } from '../../../shared/export/recipe'
import { findCommuneCode, loadCommuneTable } from '../commune-codes'
import { toPadState } from '../pad-api'
import { HttpError } from '../http-error'
import { isVersionId } from '../../history/version'
import type { PadRecord, Store } from '../../store/store'
import { emptyFacilitationSummary, type FacilitationSummary } from '../../../shared/facilitation/facilitation-summary'
import { summarizeFacilitation } from '../../facilitation/session-summary'

export async function readRecipe(store: Store, pad: PadRecord, origin: string, nowMs: number): Promise<Recipe> {
  const stored = await store.loadDocument(pad.id)
  const facilitation = await readFacilitationSummary(store, pad, nowMs)
  return recipeOf(pad, origin, [...(stored.snapshot === null ? [] : [stored.snapshot]), ...stored.updates], pad.lastEditAtMs, facilitation)
}

/** The recipe of one of the pad's versions; a 404 `unknown_version` when the pad has none with that id. */
export async function readVersionRecipe(store: Store, pad: PadRecord, versionId: string, origin: string, nowMs: number): Promise<Recipe> {
  const version = isVersionId(versionId) ? await store.readVersion(pad.id, versionId) : null
  if (version === null) throw new HttpError(404, 'unknown_version', 'This pad has no version with this id (it may have been thinned).')
  // The recipe as it stood then: its last edit is at the latest when the version was taken.
  const lastEditAtMs = pad.lastEditAtMs === null ? null : Math.min(pad.lastEditAtMs, version.createdAtMs)
  return recipeOf(pad, origin, [version.state], lastEditAtMs, await readFacilitationSummary(store, pad, nowMs))
}

async function readFacilitationSummary(store: Store, pad: PadRecord, nowMs: number): Promise<FacilitationSummary> {
  const stored = await store.readFacilitation(pad.id)
  return stored === null ? emptyFacilitationSummary : summarizeFacilitation(stored.state, nowMs)
}

function recipeOf(pad: PadRecord, origin: string, updates: readonly Uint8Array[], lastEditAtMs: number | null, facilitation: FacilitationSummary): Recipe {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update)
    })
    return buildRecipe({
      state: toPadState(pad),
      sourceLink: origin + padPath(pad.viewKey),
      doc,
      extraContributors: pad.extraContributors,
      firstEditAt: pad.firstEditAtMs === null ? null : new Date(pad.firstEditAtMs).toISOString(),
      lastEditAt: lastEditAtMs === null ? null : new Date(lastEditAtMs).toISOString(),
      communeCode: (territory) => findCommuneCode(territory, loadCommuneTable()),
      facilitation,
    })
  } finally {
    doc.destroy()
  }
}
