/**
 * The recipe body as the HTML and ODT exports see it: the ProseMirror JSON
 * walked once and read into a closed set of blocks and inlines, so that a
 * renderer is an exhaustive switch that cannot emit anything else. Only the
 * nodes and marks of shared/pad/schema.ts are read, and of their attributes only
 * the ones with a meaning (heading level, list start, link target, initiative
 * field), checked; text is cleaned (text-safety.ts) and link targets are kept
 * only when safe. Nodes of unknown types give their content, never their
 * markup. It does not escape anything: that is each format's job.
 */
import { initiativeFields, isInitiativeField, type InitiativeField } from '../pad/initiative'
import type { RecipeNode } from './recipe'
import { cleanText, parseSafeHref } from './text-safety'

export interface ExportText {
  kind: 'text'
  text: string
  strong: boolean
  em: boolean
  code: boolean
}

export interface ExportHardBreak {
  kind: 'hard_break'
}

/** A run of text under one safe link target. */
export interface ExportLink {
  kind: 'link'
  href: string
  title: string | null
  content: (ExportText | ExportHardBreak)[]
}

export type ExportInline = ExportText | ExportHardBreak | ExportLink

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6

export interface ExportInitiativeField {
  field: InitiativeField
  content: ExportInline[]
}

export type ExportBlock =
  | { kind: 'paragraph'; content: ExportInline[] }
  | { kind: 'heading'; level: HeadingLevel; content: ExportInline[] }
  | { kind: 'blockquote'; content: ExportBlock[] }
  | { kind: 'code_block'; text: string }
  | { kind: 'horizontal_rule' }
  | { kind: 'bullet_list'; items: ExportBlock[][] }
  | { kind: 'ordered_list'; start: number; items: ExportBlock[][] }
  /** `name` is empty when the card has none; `fields` are the other non-empty fields, in display order. */
  | { kind: 'initiative'; name: ExportInline[]; fields: ExportInitiativeField[] }

// CommonMark list numbers have at most nine digits; keep every format alike.
const maxListStart = 999_999_999

/** The blocks of a recipe body (a `doc` node, or any node whose content is blocks). */
export function readExportBlocks(body: RecipeNode): ExportBlock[] {
  return readBlocks(childrenOf(body))
}

/** Whether a run of inlines holds no visible text. */
function isEmptyInlines(content: readonly ExportInline[]): boolean {
  return content.every((inline) => inline.kind === 'link' ? isEmptyInlines(inline.content) : inline.kind === 'text' && inline.text.trim() === '')
}

/** The plain text of a run of inlines, hard breaks as spaces. */
export function inlinesToText(content: readonly ExportInline[]): string {
  return content.map((inline) => {
    switch (inline.kind) {
      case 'text': return inline.text
      case 'hard_break': return ' '
      case 'link': return inlinesToText(inline.content)
    }
  }).join('')
}

function childrenOf(node: RecipeNode): RecipeNode[] {
  return Array.isArray(node.content) ? node.content.filter(isRecipeNode) : []
}

function isRecipeNode(value: unknown): value is RecipeNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}

const inlineTypes = new Set(['text', 'hard_break'])

function readBlocks(nodes: readonly RecipeNode[]): ExportBlock[] {
  const blocks: ExportBlock[] = []
  let strayInlines: RecipeNode[] = []
  const flushStrayInlines = (): void => {
    if (strayInlines.length > 0) blocks.push(...readBlock({ type: 'paragraph', content: strayInlines }))
    strayInlines = []
  }
  for (const node of nodes) {
    if (inlineTypes.has(node.type)) {
      strayInlines.push(node)
      continue
    }
    flushStrayInlines()
    blocks.push(...readBlock(node))
  }
  flushStrayInlines()
  return blocks
}

// Empty paragraphs, headings, list items, lists and quotes (a template's
// unfilled places) say nothing in an exported file: they are left out.
function readBlock(node: RecipeNode): ExportBlock[] {
  switch (node.type) {
    case 'paragraph': {
      const content = readInlines(childrenOf(node))
      return isEmptyInlines(content) ? [] : [{ kind: 'paragraph', content }]
    }
    case 'heading': {
      const content = readInlines(childrenOf(node))
      return isEmptyInlines(content) ? [] : [{ kind: 'heading', level: readHeadingLevel(node.attrs?.['level']), content }]
    }
    case 'blockquote': {
      const content = readBlocks(childrenOf(node))
      return content.length === 0 ? [] : [{ kind: 'blockquote', content }]
    }
    case 'code_block': {
      const text = cleanText(childrenOf(node).map(textOf).join(''))
      return text.trim() === '' ? [] : [{ kind: 'code_block', text }]
    }
    case 'horizontal_rule':
      return [{ kind: 'horizontal_rule' }]
    case 'bullet_list': {
      const items = readListItems(node)
      return items.length === 0 ? [] : [{ kind: 'bullet_list', items }]
    }
    case 'ordered_list': {
      const items = readListItems(node)
      return items.length === 0 ? [] : [{ kind: 'ordered_list', start: readListStart(node.attrs?.['order']), items }]
    }
    case 'initiative':
      return readInitiative(node)
    default:
      // A node this exporter does not know (a newer schema, or forged JSON):
      // keep what it says, drop what it is.
      return readBlocks(childrenOf(node))
  }
}

function readHeadingLevel(level: unknown): HeadingLevel {
  const value = typeof level === 'number' && Number.isFinite(level) ? Math.trunc(level) : 1
  return Math.min(6, Math.max(1, value)) as HeadingLevel
}

function readListStart(order: unknown): number {
  return typeof order === 'number' && Number.isSafeInteger(order) ? Math.min(maxListStart, Math.max(0, order)) : 1
}

function readListItems(list: RecipeNode): ExportBlock[][] {
  return childrenOf(list)
    .map((item) => readBlocks(item.type === 'list_item' ? childrenOf(item) : [item]))
    .filter((blocks) => blocks.length > 0)
}

function readInitiative(card: RecipeNode): ExportBlock[] {
  const contentByField = new Map<InitiativeField, ExportInline[]>()
  for (const child of childrenOf(card)) {
    const field = child.attrs?.['field']
    if (child.type !== 'initiative_field' || !isInitiativeField(field)) continue
    const content = readInlines(childrenOf(child))
    if (isEmptyInlines(content)) continue
    const previous = contentByField.get(field)
    contentByField.set(field, previous === undefined ? content : [...previous, plainText(' '), ...content])
  }
  if (contentByField.size === 0) return []
  const fields = initiativeFields
    .filter((field) => field !== 'name')
    .flatMap((field) => {
      const content = contentByField.get(field)
      return content === undefined ? [] : [{ field, content }]
    })
  return [{ kind: 'initiative', name: contentByField.get('name') ?? [], fields }]
}

function plainText(text: string): ExportText {
  return { kind: 'text', text, strong: false, em: false, code: false }
}

function textOf(node: RecipeNode): string {
  return typeof node.text === 'string' ? node.text : childrenOf(node).map(textOf).join('')
}

function readInlines(nodes: readonly RecipeNode[]): ExportInline[] {
  const inlines: ExportInline[] = []
  for (const node of flattenInlines(nodes)) {
    const link = readLink(node)
    const inline: ExportText | ExportHardBreak = node.type === 'hard_break' ? { kind: 'hard_break' } : readText(node)
    if (inline.kind === 'text' && inline.text === '') continue
    const last = inlines[inlines.length - 1]
    if (link === null) inlines.push(inline)
    else if (last?.kind === 'link' && last.href === link.href && last.title === link.title) last.content.push(inline)
    else inlines.push({ kind: 'link', href: link.href, title: link.title, content: [inline] })
  }
  return inlines
}

// Inline content of unknown node types is read as the text and breaks it holds.
function flattenInlines(nodes: readonly RecipeNode[]): RecipeNode[] {
  return nodes.flatMap((node) => (inlineTypes.has(node.type) ? [node] : flattenInlines(childrenOf(node))))
}

function marksOf(node: RecipeNode): { type: string; attrs?: Record<string, unknown> }[] {
  return Array.isArray(node.marks) ? node.marks.filter((mark) => typeof mark === 'object' && mark !== null) : []
}

function readText(node: RecipeNode): ExportText {
  const types = new Set(marksOf(node).map((mark) => mark.type))
  return {
    kind: 'text',
    text: cleanText(typeof node.text === 'string' ? node.text : ''),
    strong: types.has('strong'),
    em: types.has('em'),
    code: types.has('code'),
  }
}

function readLink(node: RecipeNode): { href: string; title: string | null } | null {
  const mark = marksOf(node).find((candidate) => candidate.type === 'link')
  const href = parseSafeHref(mark?.attrs?.['href'])
  if (href === null) return null
  const title = mark?.attrs?.['title']
  return { href, title: typeof title === 'string' && cleanText(title).trim() !== '' ? cleanText(title).trim() : null }
}
