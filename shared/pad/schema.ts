/**
 * The ProseMirror schema of a pad's body: the nodes and marks of
 * prosemirror-schema-basic and prosemirror-schema-list, with the names fixed by
 * DESIGN.md's document contract, so that the browser, the server and the
 * exporters read the same `body` fragment, plus the initiative card
 * (initiative.ts), the mark of a template's prompts (prompt-mark.ts) and the
 * author mark that credits text (author-mark.ts). It does not say how anything
 * looks.
 */
import { Schema } from 'prosemirror-model'
import { schema as basicSchema } from 'prosemirror-schema-basic'
import { addListNodes } from 'prosemirror-schema-list'
import { authorMarkName, authorMarkSpec } from './author-mark'
import { promptMarkName, promptMarkSpec } from './prompt-mark'
import { initiativeNodes } from './initiative'

/** Name of the Y.XmlFragment that holds the ProseMirror document in a pad's Y.Doc. */
export const bodyFragmentName = 'body'

/** Heading levels the editor offers; the schema accepts 1–6 so that pasted HTML keeps its shape. */
export const headingLevels = [1, 2, 3] as const

// Images are left out: a pad stores no files, and a remote image in a shared
// pad leaks every reader's address to whoever hosts it.
const basicNodes = basicSchema.spec.nodes.remove('image')

export const padSchema = new Schema({
  nodes: addListNodes(basicNodes, 'paragraph block*', 'block').append(initiativeNodes),
  marks: basicSchema.spec.marks.addToEnd(promptMarkName, promptMarkSpec).addToEnd(authorMarkName, authorMarkSpec),
})

export type PadSchema = typeof padSchema
