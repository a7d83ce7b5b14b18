/**
 * The recipe as an OpenDocument Text file (.odt) that LibreOffice, Word and
 * Google Docs open, written directly as a zip (fflate) so that no office
 * software is needed on the server: `mimetype` first and stored, then
 * `content.xml` (title, body, session summary, license and attribution),
 * `styles.xml` (export-odt-styles.ts), `meta.xml` (title,
 * authors, dates, license as user-defined properties) and the manifest.
 * Headings keep their outline level, lists their nesting and numbering,
 * initiative cards become two-column tables (labelled paragraphs inside a
 * list, where ODF allows no table). Like the HTML export it renders only
 * export-blocks.ts' closed set of blocks, escapes every text and attribute,
 * and links only to `http:`, `https:` and `mailto:`. It does not read ODT.
 */
import { strToU8, zipSync } from 'fflate'
import { readExportBlocks, type ExportBlock, type ExportInline, type ExportText } from './blocks'
import { attributionSentence, eventParts, exportLabels, formatAuthors, sessionFacts } from './labels'
import { namespaceAttributes, odtTextStyleName, renderOdtStyles, renderOdtTextStyle } from './odt-styles'
import { initiativeFieldLabels } from '../pad/initiative'
import type { Recipe } from './recipe'
import { escapeMarkup, parseSafeHref } from './text-safety'

export const odtMediaType = 'application/vnd.oasis.opendocument.text'

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>'

/** The .odt file of a recipe. */
export function renderRecipeOdt(recipe: Recipe): Uint8Array {
  const files = renderOdtFiles(recipe)
  // Zip entries carry a DOS time (1980–2107): the recipe's last update, so
  // that the same recipe always gives the same bytes.
  const updatedMs = Date.parse(recipe.updatedAt)
  const mtime = Number.isFinite(updatedMs) && updatedMs >= Date.UTC(1980, 0, 2) && updatedMs < Date.UTC(2100, 0, 1) ? new Date(updatedMs) : new Date(Date.UTC(1980, 0, 2))
  // ODF 1.2 part 3, §3.3: `mimetype` is the first entry, stored without
  // compression, so that a reader can sniff the type at a fixed offset.
  return zipSync(
    {
      mimetype: [strToU8(odtMediaType), { level: 0 }],
      'content.xml': strToU8(files['content.xml']),
      'styles.xml': strToU8(files['styles.xml']),
      'meta.xml': strToU8(files['meta.xml']),
      'META-INF/manifest.xml': strToU8(files['META-INF/manifest.xml']),
    },
    { level: 6, mtime },
  )
}

/** The XML files of the package, by path (all but `mimetype`). */
function renderOdtFiles(recipe: Recipe): Record<'content.xml' | 'styles.xml' | 'meta.xml' | 'META-INF/manifest.xml', string> {
  return {
    'content.xml': renderOdtContent(recipe),
    'styles.xml': renderOdtStyles(recipe.language),
    'meta.xml': renderOdtMeta(recipe),
    'META-INF/manifest.xml': renderOdtManifest(),
  }
}

function renderOdtManifest(): string {
  const entry = (path: string, mediaType: string, version = ''): string =>
    `<manifest:file-entry manifest:full-path="${path}"${version === '' ? '' : ` manifest:version="${version}"`} manifest:media-type="${mediaType}"/>`
  return [
    xmlDeclaration,
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">',
    entry('/', odtMediaType, '1.2'),
    entry('content.xml', 'text/xml'),
    entry('styles.xml', 'text/xml'),
    entry('meta.xml', 'text/xml'),
    '</manifest:manifest>',
    '',
  ].join('\n')
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/

function renderOdtMeta(recipe: Recipe): string {
  const element = (name: string, value: string): string[] => (value.trim() === '' ? [] : [`<${name}>${escapeMarkup(value)}</${name}>`])
  const date = (name: string, value: string): string[] => (isoDateTime.test(value) ? element(name, value) : [])
  const userDefined = (name: string, value: string): string[] => (value.trim() === '' ? [] : [`<meta:user-defined meta:name="${escapeMarkup(name)}">${escapeMarkup(value)}</meta:user-defined>`])
  const authors = formatAuthors(recipe)
  return [
    xmlDeclaration,
    `<office:document-meta ${namespaceAttributes('office', 'meta', 'dc', 'xlink')} office:version="1.2">`,
    '<office:meta>',
    '<meta:generator>Atelier Pad</meta:generator>',
    ...element('dc:title', recipe.title),
    ...element('dc:description', recipe.summary),
    ...element('dc:subject', recipe.event.name),
    ...element('dc:language', recipe.language),
    ...element('meta:initial-creator', authors),
    ...element('dc:creator', authors),
    ...date('meta:creation-date', recipe.createdAt),
    ...date('dc:date', recipe.updatedAt),
    ...userDefined('License', recipe.license.id),
    ...userDefined('License name', recipe.license.name),
    ...userDefined('License URL', recipe.license.url),
    ...userDefined('Source', recipe.source),
    ...userDefined('Contributors', formatAuthors(recipe)),
    '</office:meta>',
    '</office:document-meta>',
    '',
  ].join('\n')
}

// ---------------------------------------------------------------------------
// content.xml

interface RenderContext {
  recipe: Recipe
  /** Paragraph style of body text here: plain, in a list, in a quote. */
  paragraphStyle: string
  /** Whether blocks are inside a list item, where ODF allows no table. */
  isInList: boolean
  /** Table names are unique in a document. */
  tableCount: { value: number }
}

/** content.xml of a recipe (also what the golden files hold). */
export function renderOdtContent(recipe: Recipe): string {
  const context: RenderContext = { recipe, paragraphStyle: 'Text_20_body', isInList: false, tableCount: { value: 0 } }
  return [
    xmlDeclaration,
    `<office:document-content ${namespaceAttributes('office', 'style', 'text', 'table', 'fo', 'svg', 'xlink', 'dc', 'meta')} office:version="1.2">`,
    '<office:automatic-styles>',
    ...automaticStyles,
    '</office:automatic-styles>',
    '<office:body>',
    '<office:text>',
    ...renderHeader(recipe),
    ...renderBlocks(readExportBlocks(recipe.body), context),
    ...renderSession(recipe),
    ...renderLicense(recipe),
    '</office:text>',
    '</office:body>',
    '</office:document-content>',
    '',
  ].join('\n')
}

// Marks become automatic text styles, one per combination of strong, em and
// code (ODF has no nesting of character styles that adds up).
const automaticStyles = [
  ...[1, 2, 3, 4, 5, 6, 7].map((bits) => renderOdtTextStyle({ strong: (bits & 1) !== 0, em: (bits & 2) !== 0, code: (bits & 4) !== 0 })),
  '<style:style style:name="Initiative_Table" style:family="table"><style:table-properties style:width="17cm" table:align="left" fo:margin-top="0.2cm" fo:margin-bottom="0.35cm" fo:keep-with-next="auto"/></style:style>',
  '<style:style style:name="Initiative_Label_Column" style:family="table-column"><style:table-column-properties style:column-width="5.2cm"/></style:style>',
  '<style:style style:name="Initiative_Value_Column" style:family="table-column"><style:table-column-properties style:column-width="11.8cm"/></style:style>',
  '<style:style style:name="Initiative_Row" style:family="table-row"><style:table-row-properties fo:keep-together="always"/></style:style>',
  '<style:style style:name="Initiative_Name_Cell" style:family="table-cell"><style:table-cell-properties fo:background-color="#e3efe9" fo:padding="0.15cm" fo:border="0.5pt solid #0b6e4f"/></style:style>',
  '<style:style style:name="Initiative_Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.12cm" fo:border="0.5pt solid #b8b4aa"/></style:style>',
]

function renderHeader(recipe: Recipe): string[] {
  const event = eventParts(recipe)
  return [
    paragraph('Title', escapeMarkup(recipe.title)),
    ...(recipe.summary === '' ? [] : [paragraph('Subtitle', escapeMarkup(recipe.summary))]),
    ...(event.length === 0 ? [] : [paragraph('Recipe_20_Event', event.map(escapeMarkup).join(' · '))]),
  ]
}

function paragraph(style: string, content: string): string {
  return `<text:p text:style-name="${style}">${content}</text:p>`
}

function heading(level: number, content: string): string {
  return `<text:h text:style-name="Heading_20_${level}" text:outline-level="${level}">${content}</text:h>`
}

function strong(text: string): string {
  return `<text:span text:style-name="${odtTextStyleName({ strong: true, em: false, code: false })}">${escapeMarkup(text)}</text:span>`
}

function link(href: string, content: string): string {
  const safe = parseSafeHref(href)
  return safe === null
    ? content
    : `<text:a xlink:type="simple" xlink:href="${escapeMarkup(safe)}" text:style-name="Internet_20_link" text:visited-style-name="Visited_20_Internet_20_Link">${content}</text:a>`
}

function renderSession(recipe: Recipe): string[] {
  const facts = sessionFacts(recipe)
  if (facts.length === 0) return []
  const { colon, sessionHeading } = exportLabels[recipe.language]
  return [heading(2, escapeMarkup(sessionHeading)), ...facts.map(({ label, value }) => paragraph('Recipe_20_Fact', `${strong(label)}${escapeMarkup(colon)}${escapeMarkup(value)}`))]
}

function renderLicense(recipe: Recipe): string[] {
  const labels = exportLabels[recipe.language]
  const title = escapeMarkup(recipe.title)
  const licenseLink = link(recipe.license.url, escapeMarkup(recipe.license.name))
  const sentence = attributionSentence(recipe)
    .map((part) => {
      if (typeof part === 'string') return escapeMarkup(part)
      switch (part.slot) {
        case 'title': return link(recipe.source, title)
        case 'authors': return escapeMarkup(formatAuthors(recipe))
        case 'license': return licenseLink
      }
    })
    .join('')
  const fact = (label: string, value: string): string => paragraph('Recipe_20_Fact', `${strong(label)}${escapeMarkup(labels.colon)}${value}`)
  return [
    heading(2, escapeMarkup(labels.licenseHeading)),
    paragraph('Text_20_body', sentence),
    ...(recipe.license.isLibre ? [] : [paragraph('License_20_Warning', escapeMarkup(labels.notLibreNote))]),
    fact(labels.title, title),
    fact(labels.authors, escapeMarkup(formatAuthors(recipe))),
    fact(labels.source, link(recipe.source, escapeMarkup(recipe.source))),
    fact(labels.license, `${licenseLink} (${escapeMarkup(recipe.license.id)})`),
  ]
}

function renderBlocks(blocks: readonly ExportBlock[], context: RenderContext): string[] {
  return blocks.flatMap((block) => renderBlock(block, context))
}

function renderBlock(block: ExportBlock, context: RenderContext): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [paragraph(context.paragraphStyle, renderInlines(block.content))]
    case 'heading':
      return [heading(block.level, renderInlines(block.content))]
    case 'blockquote':
      return renderBlocks(block.content, { ...context, paragraphStyle: 'Quotations' })
    case 'code_block':
      return block.text.split('\n').map((line) => paragraph('Preformatted_20_Text', encodeText(line, true)))
    case 'horizontal_rule':
      return [paragraph('Horizontal_20_Line', '')]
    case 'bullet_list':
      return renderList('List_20_Bullet', block.items, null, context)
    case 'ordered_list':
      return renderList('Numbering_20_123', block.items, block.start, context)
    case 'initiative':
      return context.isInList ? renderInitiativeParagraphs(block, context) : renderInitiativeTable(block, context)
  }
}

function renderList(style: string, items: readonly ExportBlock[][], start: number | null, context: RenderContext): string[] {
  const inner: RenderContext = { ...context, paragraphStyle: 'List_20_Contents', isInList: true }
  return [
    `<text:list text:style-name="${style}">`,
    ...items.map((blocks, index) => {
      // ODF 1.2 §5.3.3: the first item restarts the numbering at its value.
      const startValue = start !== null && index === 0 && start !== 1 ? ` text:start-value="${start}"` : ''
      return `<text:list-item${startValue}>${renderBlocks(blocks, inner).join('\n')}</text:list-item>`
    }),
    '</text:list>',
  ]
}

function initiativeName(block: Extract<ExportBlock, { kind: 'initiative' }>, context: RenderContext): string {
  return block.name.length === 0 ? escapeMarkup(exportLabels[context.recipe.language].unnamedInitiative) : renderInlines(block.name)
}

function renderInitiativeTable(block: Extract<ExportBlock, { kind: 'initiative' }>, context: RenderContext): string[] {
  context.tableCount.value += 1
  const labels = initiativeFieldLabels[context.recipe.language]
  const tableName = `Initiative${context.tableCount.value}`
  const cell = (style: string, content: string): string => `<table:table-cell table:style-name="${style}" office:value-type="string">${content}</table:table-cell>`
  return [
    `<table:table table:name="${tableName}" table:style-name="Initiative_Table">`,
    '<table:table-column table:style-name="Initiative_Label_Column"/>',
    '<table:table-column table:style-name="Initiative_Value_Column"/>',
    `<table:table-row table:style-name="Initiative_Row"><table:table-cell table:style-name="Initiative_Name_Cell" table:number-columns-spanned="2" office:value-type="string">${paragraph('Initiative_20_Name', initiativeName(block, context))}</table:table-cell><table:covered-table-cell/></table:table-row>`,
    ...block.fields.map(
      ({ field, content }) =>
        `<table:table-row table:style-name="Initiative_Row">${cell('Initiative_Cell', paragraph('Initiative_20_Label', escapeMarkup(labels[field])))}${cell('Initiative_Cell', paragraph('Table_20_Contents', renderInlines(content)))}</table:table-row>`,
    ),
    '</table:table>',
  ]
}

function renderInitiativeParagraphs(block: Extract<ExportBlock, { kind: 'initiative' }>, context: RenderContext): string[] {
  const labels = initiativeFieldLabels[context.recipe.language]
  const colon = escapeMarkup(exportLabels[context.recipe.language].colon)
  return [
    paragraph('Initiative_20_Name', initiativeName(block, context)),
    ...block.fields.map(({ field, content }) => paragraph(context.paragraphStyle, `${strong(labels[field])}${colon}${renderInlines(content)}`)),
  ]
}

function renderInlines(inlines: readonly ExportInline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.kind) {
        case 'text': return renderText(inline)
        case 'hard_break': return '<text:line-break/>'
        case 'link': {
          const title = inline.title === null ? '' : ` office:title="${escapeMarkup(inline.title)}"`
          return `<text:a xlink:type="simple" xlink:href="${escapeMarkup(inline.href)}"${title} text:style-name="Internet_20_link" text:visited-style-name="Visited_20_Internet_20_Link">${renderInlines(inline.content)}</text:a>`
        }
      }
    })
    .join('')
}

function renderText(text: ExportText): string {
  const content = encodeText(text.text, false)
  return text.strong || text.em || text.code ? `<text:span text:style-name="${odtTextStyleName(text)}">${content}</text:span>` : content
}

// ODF collapses runs of spaces, drops leading ones and reads tabs and line
// feeds as spaces (part 1, §6.1.2): <text:s text:c="n"/> stands for n spaces
// that must stay, <text:tab/> and <text:line-break/> for the others.
function encodeText(text: string, keepLeadingSpaces: boolean): string {
  const xml = escapeMarkup(text).replace(/\t/g, '<text:tab/>').replace(/\n/g, '<text:line-break/>')
  return xml.replace(/ {2,}|^ /g, (run, offset: number) => {
    if (offset === 0 && keepLeadingSpaces) return run.length === 1 ? '<text:s/>' : `<text:s text:c="${run.length}"/>`
    return run.length === 1 ? run : ` <text:s text:c="${run.length - 1}"/>`
  })
}
