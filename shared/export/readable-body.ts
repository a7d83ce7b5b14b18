/**
 * Makes a pad's body readable by y-prosemirror before an export reads it:
 * text formatted with an attribute that is not one of the schema's marks, or
 * with a value the mark refuses (written by another Yjs client, or by a
 * version that had a mark this one lacks), keeps its text and loses that
 * formatting. Left as it is, y-prosemirror would drop the whole text run
 * (it deletes a text it cannot turn into nodes), and the recipe would lose
 * words someone wrote. It changes the doc it is given: the export's own copy
 * of the pad, never a live one.
 */
import type { Schema } from 'prosemirror-model'
import * as Y from 'yjs'

export function dropUnreadableFormatting(fragment: Y.XmlFragment, schema: Schema): void {
  const texts: Y.XmlText[] = []
  const collect = (type: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child)
      else if (child instanceof Y.XmlElement) collect(child)
    }
  }
  collect(fragment)
  for (const text of texts) {
    let index = 0
    for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1
      const unreadable = Object.entries(op.attributes ?? {}).filter(([key, value]) => !isReadableMark(schema, key, value))
      if (unreadable.length > 0) text.format(index, length, Object.fromEntries(unreadable.map(([key]) => [key, null])))
      index += length
    }
  }
}

function isReadableMark(schema: Schema, key: string, value: unknown): boolean {
  const type = schema.marks[key]
  if (type === undefined) return false
  try {
    type.create(typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null)
    return true
  } catch {
    return false
  }
}
