/**
 * Builds the recipe of a pad for the export route: the pad's settings from
 * the store and its document as stored (everything anyone has seen relayed is
 * there, by the durability rule), or one of its versions' state, with the
 * view link as its source.
 */
import * as Y from 'yjs'
import { padPath } from '../../shared/protocol/pad-link'
import { buildRecipe, type Recipe } from '../../shared/export/recipe'
import { findCommuneCode, loadCommuneTable } from './commune-codes'
import { toPadState } from './pad-api'
import { HttpError } from './http-error'
import { isVersionId } from '../history/version'
import type { PadRecord, Store } from '../store/store'

export async function readRecipe(store: Store, pad: PadRecord, origin: string): Promise<Recipe> {
  const stored = await store.loadDocument(pad.id)
  return recipeOf(pad, origin, [...(stored.snapshot === null ? [] : [stored.snapshot]), ...stored.updates], pad.lastEditAtMs)
}

/** The recipe of one of the pad's versions; a 404 `unknown_version` when the pad has none with that id. */
export async function readVersionRecipe(store: Store, pad: PadRecord, versionId: string, origin: string): Promise<Recipe> {
  const version = isVersionId(versionId) ? await store.readVersion(pad.id, versionId) : null
  if (version === null) throw new HttpError(404, 'unknown_version', 'This pad has no version with this id (it may have been thinned).')
  // The recipe as it stood then: its last edit is at the latest when the version was taken.
  const lastEditAtMs = pad.lastEditAtMs === null ? null : Math.min(pad.lastEditAtMs, version.createdAtMs)
  return recipeOf(pad, origin, [version.state], lastEditAtMs)
}

function recipeOf(pad: PadRecord, origin: string, updates: readonly Uint8Array[], lastEditAtMs: number | null): Recipe {
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
    })
  } finally {
    doc.destroy()
  }
}
