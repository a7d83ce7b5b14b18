/**
 * The floor of the browser scenario: a bare ProseMirror view of the same
 * document as the 1 MB pad, with the pad's schema and nothing else (no Yjs,
 * no provider, no plugins, no page chrome). It fetches the document as
 * ProseMirror JSON and builds an editable EditorView from it; the time the
 * pad page takes beyond this is our overhead.
 */
import { Node } from 'prosemirror-model'
import { EditorState } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import { padSchema } from '../../shared/pad/schema'
// The same base stylesheet the pad page imports (client/style.css), so that both lay out text alike.
import 'prosemirror-view/style/prosemirror.css'

async function show(): Promise<void> {
  const response = await fetch('/doc.json')
  const json: unknown = await response.json()
  const doc = Node.fromJSON(padSchema, json)
  const container = document.getElementById('editor')
  if (container === null) throw new Error('#editor is missing')
  new EditorView(container, { state: EditorState.create({ schema: padSchema, doc }) })
}

void show()
