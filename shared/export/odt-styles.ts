/**
 * How an exported ODT recipe looks: `styles.xml` (A4 page, the named
 * paragraph, text and list styles that export-odt.ts refers to, in the
 * vocabulary LibreOffice uses so that they show as "Heading 2", "Text body",
 * "Quotations"…) and the automatic text styles for bold, italic and code.
 * Nothing here depends on the pad's content but its language, so nothing here
 * needs escaping. It does not write content.
 */
import type { PadLanguage } from '../protocol/api'

// The namespaces of ODF 1.2 (OASIS, part 1, §1.5) that the package's files use.
const odfNamespaces = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  fo: 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
  svg: 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0',
  xlink: 'http://www.w3.org/1999/xlink',
  dc: 'http://purl.org/dc/elements/1.1/',
  meta: 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
} as const

export function namespaceAttributes(...prefixes: (keyof typeof odfNamespaces)[]): string {
  return prefixes.map((prefix) => `xmlns:${prefix}="${odfNamespaces[prefix]}"`).join(' ')
}

export interface OdtTextMarks {
  strong: boolean
  em: boolean
  code: boolean
}

/** The automatic style name for a combination of marks, e.g. `T_strong_em`. */
export function odtTextStyleName(marks: OdtTextMarks): string {
  return ['T', ...(marks.strong ? ['strong'] : []), ...(marks.em ? ['em'] : []), ...(marks.code ? ['code'] : [])].join('_')
}

/** The automatic text style (content.xml) for a combination of marks. */
export function renderOdtTextStyle(marks: OdtTextMarks): string {
  const properties = [
    ...(marks.strong ? ['fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"'] : []),
    ...(marks.em ? ['fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic"'] : []),
    ...(marks.code ? [`style:font-name="${monospaceFont}" fo:background-color="#efece4"`] : []),
  ]
  return `<style:style style:name="${odtTextStyleName(marks)}" style:family="text"><style:text-properties ${properties.join(' ')}/></style:style>`
}

const bodyFont = 'Liberation Sans'
const monospaceFont = 'Liberation Mono'
const ink = '#1f1f1c'
const muted = '#55554f'
const accent = '#0b6e4f'
const line = '#d8d4ca'
const warn = '#9b1c12'

const countries: Readonly<Record<PadLanguage, string>> = { fr: 'FR', en: 'GB' }

interface ParagraphStyle {
  name: string
  displayName?: string
  parent?: string
  next?: string
  outlineLevel?: number
  paragraph?: string
  text?: string
}

function paragraphStyle(style: ParagraphStyle): string {
  const attributes = [
    `style:name="${style.name}"`,
    ...(style.displayName === undefined ? [] : [`style:display-name="${style.displayName}"`]),
    'style:family="paragraph"',
    ...(style.parent === undefined ? [] : [`style:parent-style-name="${style.parent}"`]),
    ...(style.next === undefined ? [] : [`style:next-style-name="${style.next}"`]),
    ...(style.outlineLevel === undefined ? [] : [`style:default-outline-level="${style.outlineLevel}"`]),
  ]
  const children = [
    ...(style.paragraph === undefined ? [] : [`<style:paragraph-properties ${style.paragraph}/>`]),
    ...(style.text === undefined ? [] : [`<style:text-properties ${style.text}/>`]),
  ]
  return children.length === 0 ? `<style:style ${attributes.join(' ')}/>` : `<style:style ${attributes.join(' ')}>${children.join('')}</style:style>`
}

const headingSizes = ['20pt', '16pt', '13pt', '12pt', '11pt', '11pt'] as const

const paragraphStyles: readonly ParagraphStyle[] = [
  { name: 'Standard' },
  { name: 'Text_20_body', displayName: 'Text body', parent: 'Standard', paragraph: 'fo:margin-top="0cm" fo:margin-bottom="0.2cm" fo:line-height="130%"' },
  { name: 'Heading', parent: 'Standard', next: 'Text_20_body', paragraph: 'fo:margin-top="0.5cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"', text: `fo:font-weight="bold" fo:color="${ink}"` },
  ...headingSizes.map((size, index): ParagraphStyle => ({
    name: `Heading_20_${index + 1}`,
    displayName: `Heading ${index + 1}`,
    parent: 'Heading',
    next: 'Text_20_body',
    outlineLevel: index + 1,
    ...(index === 1 ? { paragraph: `fo:margin-top="0.6cm" fo:margin-bottom="0.25cm" fo:padding-bottom="0.05cm" fo:border-bottom="0.5pt solid ${line}"` } : {}),
    text: `fo:font-size="${size}" fo:font-weight="bold"${index === 5 ? ' fo:font-style="italic"' : ''}`,
  })),
  { name: 'Title', parent: 'Heading', next: 'Subtitle', paragraph: 'fo:margin-top="0cm" fo:margin-bottom="0.2cm"', text: 'fo:font-size="24pt" fo:font-weight="bold"' },
  { name: 'Subtitle', parent: 'Standard', next: 'Text_20_body', paragraph: 'fo:margin-bottom="0.15cm"', text: `fo:font-size="13pt" fo:color="${muted}"` },
  { name: 'Recipe_20_Event', displayName: 'Recipe Event', parent: 'Standard', paragraph: 'fo:margin-bottom="0.4cm"', text: `fo:color="${muted}"` },
  { name: 'List_20_Contents', displayName: 'List Contents', parent: 'Text_20_body', paragraph: 'fo:margin-bottom="0.1cm"' },
  { name: 'Quotations', parent: 'Text_20_body', paragraph: `fo:margin-left="0.5cm" fo:margin-right="0.5cm" fo:padding-left="0.3cm" fo:border-left="2pt solid ${line}"`, text: `fo:color="${muted}"` },
  { name: 'Preformatted_20_Text', displayName: 'Preformatted Text', parent: 'Standard', paragraph: 'fo:margin-top="0cm" fo:margin-bottom="0cm" fo:background-color="#f6f4ee"', text: `style:font-name="${monospaceFont}" fo:font-size="9.5pt"` },
  { name: 'Horizontal_20_Line', displayName: 'Horizontal Line', parent: 'Standard', next: 'Text_20_body', paragraph: `fo:margin-top="0cm" fo:margin-bottom="0.4cm" fo:padding="0cm" fo:border-bottom="0.5pt solid ${line}"`, text: 'fo:font-size="6pt"' },
  { name: 'Table_20_Contents', displayName: 'Table Contents', parent: 'Standard' },
  { name: 'Initiative_20_Name', displayName: 'Initiative Name', parent: 'Table_20_Contents', paragraph: 'fo:keep-with-next="always"', text: 'fo:font-size="12pt" fo:font-weight="bold"' },
  { name: 'Initiative_20_Label', displayName: 'Initiative Label', parent: 'Table_20_Contents', text: `fo:font-weight="bold" fo:color="${muted}"` },
  { name: 'Recipe_20_Fact', displayName: 'Recipe Fact', parent: 'Text_20_body', paragraph: 'fo:margin-bottom="0.1cm"' },
  {
    name: 'License_20_Warning',
    displayName: 'License Warning',
    parent: 'Text_20_body',
    paragraph: `fo:margin-top="0.2cm" fo:margin-bottom="0.3cm" fo:padding="0.2cm" fo:border="1.5pt solid ${warn}" fo:background-color="#fdf0ee"`,
    text: `fo:color="${warn}" fo:font-weight="bold"`,
  },
]

const bullets = ['•', '◦', '▪'] as const

// Label-alignment list levels as LibreOffice writes them: each level 0.635 cm
// further in, the label hanging in that space.
function listLevelProperties(level: number): string {
  const marginCm = (0.635 * (level + 1)).toFixed(3)
  return `<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="${marginCm}cm" fo:text-indent="-0.635cm" fo:margin-left="${marginCm}cm"/></style:list-level-properties>`
}

const listLevels = Array.from({ length: 10 }, (_, index) => index + 1)

const listStyles = [
  `<text:list-style style:name="List_20_Bullet" style:display-name="List Bullet">${listLevels
    .map((level) => `<text:list-level-style-bullet text:level="${level}" text:bullet-char="${bullets[(level - 1) % bullets.length]}">${listLevelProperties(level)}</text:list-level-style-bullet>`)
    .join('')}</text:list-style>`,
  `<text:list-style style:name="Numbering_20_123" style:display-name="Numbering 123">${listLevels
    .map((level) => `<text:list-level-style-number text:level="${level}" style:num-suffix="." style:num-format="1">${listLevelProperties(level)}</text:list-level-style-number>`)
    .join('')}</text:list-style>`,
]

// Headings are not numbered: an outline style with no number format.
const outlineStyle = `<text:outline-style style:name="Outline">${listLevels
  .map((level) => `<text:outline-level-style text:level="${level}" style:num-format=""><style:list-level-properties/></text:outline-level-style>`)
  .join('')}</text:outline-style>`

/** styles.xml for a recipe in this language. */
export function renderOdtStyles(language: PadLanguage): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<office:document-styles ${namespaceAttributes('office', 'style', 'text', 'table', 'fo', 'svg', 'xlink')} office:version="1.2">`,
    '<office:font-face-decls>',
    `<style:font-face style:name="${bodyFont}" svg:font-family="&apos;${bodyFont}&apos;" style:font-family-generic="swiss" style:font-pitch="variable"/>`,
    `<style:font-face style:name="${monospaceFont}" svg:font-family="&apos;${monospaceFont}&apos;" style:font-family-generic="modern" style:font-pitch="fixed"/>`,
    '</office:font-face-decls>',
    '<office:styles>',
    `<style:default-style style:family="paragraph"><style:paragraph-properties style:writing-mode="page"/><style:text-properties style:font-name="${bodyFont}" fo:font-size="11pt" fo:color="${ink}" fo:language="${language}" fo:country="${countries[language]}" fo:hyphenate="false"/></style:default-style>`,
    ...paragraphStyles.map(paragraphStyle),
    `<style:style style:name="Internet_20_link" style:display-name="Internet link" style:family="text"><style:text-properties fo:color="${accent}" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>`,
    `<style:style style:name="Visited_20_Internet_20_Link" style:display-name="Visited Internet Link" style:family="text"><style:text-properties fo:color="${accent}" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>`,
    outlineStyle,
    ...listStyles,
    '</office:styles>',
    '<office:automatic-styles>',
    '<style:page-layout style:name="A4_20_Page"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>',
    '</office:automatic-styles>',
    '<office:master-styles>',
    '<style:master-page style:name="Standard" style:page-layout-name="A4_20_Page"/>',
    '</office:master-styles>',
    '</office:document-styles>',
    '',
  ].join('\n')
}
