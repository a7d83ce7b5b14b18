/**
 * The recipe as a Markdown file: YAML front matter (title, summary, event,
 * language, license, contributors, dates, source), then the title, the body
 * in the pad's own structure, the session summary and the license and
 * attribution block (Creative Commons "TASL": title, authors, source,
 * license), all written by prosemirror-markdown's serializer extended for the
 * initiative card (a level-3 heading with its name, then `**Label** : value`
 * for each other filled field). The body goes through export-blocks.ts first,
 * so the same text cleaning and link filtering apply as in HTML: a link to
 * anything but `http:`, `https:` or `mailto:` is written as plain text, and
 * `<` is escaped so that no renderer reads raw HTML in it. Headings,
 * paragraphs, lists, marks and links read back to the same structure with
 * `parseMarkdownBody`; initiative cards do not (they come back as a heading
 * and a list).
 */
import { defaultMarkdownParser, defaultMarkdownSerializer, MarkdownParser, MarkdownSerializer, type MarkdownSerializerState } from 'prosemirror-markdown'
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import type { PadLanguage } from '../protocol/api'
import { readExportBlocks, type ExportBlock, type ExportInline, type ExportText } from './blocks'
import { attributionSentence, contributorCredit, eventParts, exportLabels, formatAuthors, sessionFacts } from './labels'
import { initiativeFieldLabels, isInitiativeField } from '../pad/initiative'
import type { Recipe, RecipeNode } from './recipe'
import { padSchema } from '../pad/schema'
import { cleanText, parseSafeHref } from './text-safety'

/** The whole Markdown file of a recipe. */
export function renderRecipeMarkdown(recipe: Recipe): string {
  const document = padSchema.nodeFromJSON(markdownDocument(recipe))
  return `${renderFrontMatter(recipe)}\n${createMarkdownSerializer(recipe.language).serialize(document, { tightLists: true })}\n`
}

/** A recipe body (ProseMirror JSON) alone, as Markdown: what `parseMarkdownBody` reads back. */
export function renderMarkdownBody(body: RecipeNode, language: PadLanguage): string {
  const document = padSchema.nodeFromJSON({ type: 'doc', content: blocksToNodes(readExportBlocks(body)) })
  return createMarkdownSerializer(language).serialize(document, { tightLists: true })
}

/** Markdown (CommonMark, raw HTML ignored) read into the pad schema. */
export function parseMarkdownBody(markdown: string): ProseMirrorNode {
  const { image: _image, fence: _fence, code_block: _codeBlock, ...tokens } = defaultMarkdownParser.tokens
  const parser = new MarkdownParser(padSchema, defaultMarkdownParser.tokenizer, {
    ...tokens,
    // The pad's code blocks have no language attribute.
    fence: { block: 'code_block', noCloseToken: true },
    code_block: { block: 'code_block', noCloseToken: true },
  })
  return parser.parse(markdown)
}

// ---------------------------------------------------------------------------
// Front matter

const frontMatterFence = '---'

function renderFrontMatter(recipe: Recipe): string {
  const lines = [
    frontMatterFence,
    `title: ${yamlString(recipe.title)}`,
    `summary: ${yamlString(recipe.summary)}`,
    'event:',
    `  name: ${yamlString(recipe.event.name)}`,
    `  date: ${yamlString(recipe.event.date)}`,
    `  place: ${yamlString(recipe.event.place)}`,
    `language: ${yamlString(recipe.language)}`,
    'license:',
    `  id: ${yamlString(recipe.license.id)}`,
    `  name: ${yamlString(recipe.license.name)}`,
    `  url: ${yamlString(recipe.license.url)}`,
    ...(recipe.contributors.length === 0
      ? ['contributors: []']
      : ['contributors:', ...recipe.contributors.map((contributor) => `  - ${yamlString(contributorCredit(contributor))}`)]),
    // People who wrote and chose not to be named: counted, never named.
    ...(recipe.unnamedContributors === 0 ? [] : [`unnamed: ${yamlString(String(recipe.unnamedContributors))}`]),
    `created: ${yamlString(recipe.createdAt)}`,
    `updated: ${yamlString(recipe.updatedAt)}`,
    `source: ${yamlString(recipe.source)}`,
    frontMatterFence,
  ]
  return `${lines.join('\n')}\n`
}

// A JSON string is a YAML double-quoted scalar, provided the characters that
// YAML does not print (C1 controls, DEL) or that YAML 1.1 reads as line breaks
// (NEL, U+2028, U+2029) are escaped too; JSON escapes the C0 controls.
function yamlString(value: string): string {
  return JSON.stringify(cleanText(value)).replace(/[\u007F-\u009F\u2028\u2029\uFEFF]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

// ---------------------------------------------------------------------------
// The document: title, body, session summary, license and attribution

function markdownDocument(recipe: Recipe): RecipeNode {
  const labels = exportLabels[recipe.language]
  const event = eventParts(recipe)
  const facts = sessionFacts(recipe)
  const content: RecipeNode[] = [
    heading(1, [text(recipe.title)]),
    ...(event.length === 0 ? [] : [paragraph([text(event.join(' · '), { type: 'em' })])]),
    ...blocksToNodes(readExportBlocks(recipe.body)),
    ...(facts.length === 0 ? [] : [heading(2, [text(labels.sessionHeading)]), bulletList(facts.map(({ label, value }) => labelled(label, [text(value)], recipe.language)))]),
    heading(2, [text(labels.licenseHeading)]),
    paragraph(
      attributionSentence(recipe).map((part) => {
        if (typeof part === 'string') return text(part)
        switch (part.slot) {
          case 'title': return link(recipe.title, recipe.source)
          case 'authors': return text(formatAuthors(recipe))
          case 'license': return link(recipe.license.name, recipe.license.url)
        }
      }),
    ),
    bulletList([
      labelled(labels.title, [text(recipe.title)], recipe.language),
      labelled(labels.authors, [text(formatAuthors(recipe))], recipe.language),
      labelled(labels.source, [link(recipe.source, recipe.source)], recipe.language),
      labelled(labels.license, [link(recipe.license.name, recipe.license.url), text(` (${recipe.license.id})`)], recipe.language),
    ]),
    ...(recipe.license.isLibre ? [] : [paragraph([text(labels.notLibreNote, { type: 'strong' })])]),
  ]
  return { type: 'doc', content }
}

type MarkJson = NonNullable<RecipeNode['marks']>[number]

function text(value: string, ...marks: MarkJson[]): RecipeNode {
  return marks.length === 0 ? { type: 'text', text: value } : { type: 'text', text: value, marks }
}

function link(label: string, href: string): RecipeNode {
  const safe = parseSafeHref(href)
  return safe === null ? text(label) : text(label, { type: 'link', attrs: { href: safe, title: null } })
}

function heading(level: number, content: RecipeNode[]): RecipeNode {
  return { type: 'heading', attrs: { level }, content: content.filter((node) => node.text !== '') }
}

function paragraph(content: RecipeNode[]): RecipeNode {
  return { type: 'paragraph', content: content.filter((node) => node.text !== '') }
}

function bulletList(items: RecipeNode[][]): RecipeNode {
  return { type: 'bullet_list', content: items.map((blocks) => ({ type: 'list_item', content: blocks })) }
}

/** "**Label** : value", as one paragraph list item. */
function labelled(label: string, value: RecipeNode[], language: PadLanguage): RecipeNode[] {
  return [paragraph([text(label, { type: 'strong' }), text(exportLabels[language].colon), ...value])]
}

// The safe blocks back into ProseMirror JSON, in the forms Markdown can say:
// no line breaks nor tabs inside text (a new line could start a heading or a
// list, a tab an indented code block), no leading spaces in a textblock.
function blocksToNodes(blocks: readonly ExportBlock[]): RecipeNode[] {
  return blocks.map((block): RecipeNode => {
    switch (block.kind) {
      case 'paragraph': return { type: 'paragraph', content: inlinesToNodes(block.content) }
      case 'heading': return { type: 'heading', attrs: { level: block.level }, content: inlinesToNodes(block.content) }
      case 'blockquote': return { type: 'blockquote', content: blocksToNodes(block.content) }
      case 'code_block': return block.text === '' ? { type: 'code_block' } : { type: 'code_block', content: [text(block.text)] }
      case 'horizontal_rule': return { type: 'horizontal_rule' }
      case 'bullet_list': return { type: 'bullet_list', content: block.items.map(listItem) }
      case 'ordered_list': return { type: 'ordered_list', attrs: { order: block.start }, content: block.items.map(listItem) }
      case 'initiative':
        return {
          type: 'initiative',
          content: [
            { type: 'initiative_field', attrs: { field: 'name' }, content: inlinesToNodes(block.name) },
            ...block.fields.map(({ field, content }) => ({ type: 'initiative_field', attrs: { field }, content: inlinesToNodes(content) })),
          ],
        }
    }
  })
}

function listItem(blocks: ExportBlock[]): RecipeNode {
  return { type: 'list_item', content: blocksToNodes(blocks) }
}

function inlinesToNodes(inlines: readonly ExportInline[]): RecipeNode[] {
  const nodes: RecipeNode[] = []
  const pushText = (inline: ExportText, linkMark: MarkJson | null): void => {
    const value = inline.text.replace(/[\n\t]/g, ' ')
    const trimmed = nodes.length === 0 ? value.trimStart() : value
    if (trimmed === '') return
    const marks: MarkJson[] = [
      ...(linkMark === null ? [] : [linkMark]),
      ...(inline.em ? [{ type: 'em' }] : []),
      ...(inline.strong ? [{ type: 'strong' }] : []),
      ...(inline.code ? [{ type: 'code' }] : []),
    ]
    nodes.push(text(trimmed, ...marks))
  }
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text': pushText(inline, null); break
      case 'hard_break': if (nodes.length > 0) nodes.push({ type: 'hard_break' }); break
      case 'link': {
        const mark: MarkJson = { type: 'link', attrs: { href: inline.href, title: inline.title } }
        for (const part of inline.content) {
          if (part.kind === 'text') pushText(part, mark)
          else if (nodes.length > 0) nodes.push({ type: 'hard_break', marks: [mark] })
        }
        break
      }
    }
  }
  return nodes
}

// ---------------------------------------------------------------------------
// The serializer

type NodeSerializer = (state: MarkdownSerializerState, node: ProseMirrorNode, parent: ProseMirrorNode, index: number) => void

// `<` would open raw HTML or an autolink in most renderers, `&` an entity
// when it looks like one, and a `#` that ends a heading would be read as its
// closing sequence; CommonMark reads a backslash before any of them as the
// character itself.
const markdownExtraEscapes = /<|&(?=#?[A-Za-z0-9]+;)|#(?=[ \t]*$)/g

function createMarkdownSerializer(language: PadLanguage): MarkdownSerializer {
  const { image: _image, ...basicNodes } = defaultMarkdownSerializer.nodes
  const nodes: Record<string, NodeSerializer> = {
    ...basicNodes,
    // CommonMark merges two lists of the same kind that follow each other;
    // alternating the bullet (or the number's delimiter) keeps them apart.
    bullet_list(state, node, parent, index) {
      const bullet = countSameTypeBefore(node, parent, index) % 2 === 0 ? '-' : '*'
      state.renderList(node, '  ', () => `${bullet} `)
    },
    ordered_list(state, node, parent, index) {
      const delimiter = countSameTypeBefore(node, parent, index) % 2 === 0 ? '.' : ')'
      const start = Number(node.attrs['order'] ?? 1)
      const width = String(start + node.childCount - 1).length
      state.renderList(node, ' '.repeat(width + 2), (i) => `${String(start + i).padStart(width, ' ')}${delimiter} `)
    },
    // A heading is one line: a break in it becomes a space.
    hard_break(state, node, parent, index) {
      if (parent.type.name === 'heading') {
        state.write(' ')
        return
      }
      for (let next = index + 1; next < parent.childCount; next++) {
        if (parent.child(next).type !== node.type) {
          state.write('\\\n')
          return
        }
      }
    },
    text(state, node) {
      state.text(cleanText(node.text ?? ''))
    },
    initiative(state, node) {
      const parts = padSchema.nodes.doc!.create(null, initiativeAsBlocks(node, language))
      parts.forEach((part, _offset, index) => state.render(part, parts, index))
    },
    initiative_field(state, node) {
      state.renderInline(node)
      state.closeBlock(node)
    },
  }
  return new MarkdownSerializer(
    nodes,
    {
      ...defaultMarkdownSerializer.marks,
      link: {
        open: (_state, mark) => (parseSafeHref(mark.attrs['href']) === null ? '' : '['),
        close: (_state, mark) => {
          const href = parseSafeHref(mark.attrs['href'])
          if (href === null) return ''
          const title = typeof mark.attrs['title'] === 'string' ? cleanText(mark.attrs['title']).replace(/\s+/g, ' ').trim() : ''
          return title === '' ? `](${href})` : `](${href} "${title.replace(/[\\"]/g, '\\$&')}")`
        },
        mixable: true,
      },
    },
    { escapeExtraCharacters: markdownExtraEscapes },
  )
}

function countSameTypeBefore(node: ProseMirrorNode, parent: ProseMirrorNode, index: number): number {
  let count = 0
  for (let before = index - 1; before >= 0 && parent.child(before).type === node.type; before--) count++
  return count
}

/** An initiative card as the heading and list that say it in Markdown. */
function initiativeAsBlocks(card: ProseMirrorNode, language: PadLanguage): ProseMirrorNode[] {
  const { nodes } = padSchema
  const labels = initiativeFieldLabels[language]
  let name: ProseMirrorNode | null = null
  const items: ProseMirrorNode[] = []
  card.forEach((field) => {
    const which = field.attrs['field']
    if (!isInitiativeField(which) || field.textContent.trim() === '') return
    if (which === 'name') {
      name ??= field
      return
    }
    const label = [padSchema.text(labels[which], [padSchema.marks.strong!.create()]), padSchema.text(exportLabels[language].colon)]
    items.push(nodes.list_item!.create(null, nodes.paragraph!.create(null, [...label, ...contentOf(field)])))
  })
  if (name === null && items.length === 0) return []
  const title = name === null ? [padSchema.text(exportLabels[language].unnamedInitiative)] : contentOf(name)
  return [nodes.heading!.create({ level: 3 }, title), ...(items.length === 0 ? [] : [nodes.bullet_list!.create(null, items)])]
}

function contentOf(node: ProseMirrorNode): ProseMirrorNode[] {
  const children: ProseMirrorNode[] = []
  node.forEach((child) => children.push(child))
  return children
}

