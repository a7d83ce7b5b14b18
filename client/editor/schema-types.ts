/**
 * The node and mark types of `padSchema` that the editor uses, looked up once
 * by name. The shared schema is built from an OrderedMap, so TypeScript only
 * knows its types as `Record<string, …>`; this is the one place that checks
 * the names exist (a renamed node fails here, at start, with its name).
 */
import type { MarkType, NodeType } from 'prosemirror-model'
import { padSchema } from '../../shared/pad/schema'

function requireNodeType(name: string): NodeType {
  const type = padSchema.nodes[name]
  if (type === undefined) throw new RangeError(`padSchema has no node type "${name}"`)
  return type
}

function requireMarkType(name: string): MarkType {
  const type = padSchema.marks[name]
  if (type === undefined) throw new RangeError(`padSchema has no mark type "${name}"`)
  return type
}

export const padNodes = {
  paragraph: requireNodeType('paragraph'),
  heading: requireNodeType('heading'),
  blockquote: requireNodeType('blockquote'),
  bulletList: requireNodeType('bullet_list'),
  orderedList: requireNodeType('ordered_list'),
  listItem: requireNodeType('list_item'),
  hardBreak: requireNodeType('hard_break'),
  initiative: requireNodeType('initiative'),
  initiativeField: requireNodeType('initiative_field'),
} as const

export const padMarks = {
  strong: requireMarkType('strong'),
  em: requireMarkType('em'),
  link: requireMarkType('link'),
} as const
