/**
 * Builds the recipe of a pad for the export route: the pad's settings from
 * the store and its document as stored (everything anyone has seen relayed is
 * there, by the durability rule), with the view link as its source.
 */
import * as Y from 'yjs'
import { padPath } from '../../shared/protocol/pad-link'
import { buildRecipe, type Recipe } from '../../shared/export/recipe'
import { findCommuneCode, loadCommuneTable } from './commune-codes'
import { toPadState } from './pad-api'
import type { PadRecord, Store } from '../store/store'

export async function readRecipe(store: Store, pad: PadRecord, origin: string): Promise<Recipe> {
  const stored = await store.loadDocument(pad.id)
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    return buildRecipe({
      state: toPadState(pad),
      sourceLink: origin + padPath(pad.viewKey),
      doc,
      extraContributors: pad.extraContributors,
      firstEditAt: pad.firstEditAtMs === null ? null : new Date(pad.firstEditAtMs).toISOString(),
      lastEditAt: pad.lastEditAtMs === null ? null : new Date(pad.lastEditAtMs).toISOString(),
      communeCode: (territory) => findCommuneCode(territory, loadCommuneTable()),
    })
  } finally {
    doc.destroy()
  }
}
