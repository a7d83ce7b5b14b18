/**
 * Turns a template (ProseMirror JSON) into the first Yjs update of a new pad:
 * the `body` fragment as y-prosemirror would have written it. Done on the
 * server so that a pad made through the API has its template before anyone
 * opens it.
 */
import { prosemirrorJSONToYDoc } from 'y-prosemirror'
import * as Y from 'yjs'
import type { RecipeNode } from '../../shared/export/recipe'
import { bodyFragmentName, padSchema } from '../../shared/pad/schema'

export function templateUpdate(template: RecipeNode): Uint8Array {
  const doc = prosemirrorJSONToYDoc(padSchema, template, bodyFragmentName)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
