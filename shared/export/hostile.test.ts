import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { renderInitiativesCsv } from './csv'
import { recipeStylesheet, renderRecipeHtml } from './html'
import { renderRecipeMarkdown } from './markdown'
import { renderRecipeJson } from './json'
import { renderRecipeOdt } from './odt'
import { initiativeFields, type InitiativeField } from '../pad/initiative'
import type { Initiative, Recipe, RecipeNode } from './recipe'
import { buildFixtureRecipe, buildRecipeWithBody, pm } from '../testing/recipe-fixtures'
import { checkXmlWellFormed } from '../testing/xml-well-formedness'

// What a participant, or someone who forged a document, could put in a pad.
const hostileTexts = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '" onmouseover="alert(1)" x="',
  "' onfocus='alert(1)' autofocus='",
  '<svg onload=alert(1)><circle r="1"/></svg>',
  '</style><style>body{display:none}</style>',
  '</main></body></html><script>alert(1)</script>',
  ']]><!-- <![CDATA[ x ]]> -->',
  '&lt;script&gt; &#60; &amp;',
  'invoice\u202Eexe.pdf \u2066isolate\u2069',
  'nul\u0000 bell\u0007 vt\u000B del\u007F c1\u0085\u009B',
  'lone \uD800 and \uDFFF surrogates',
  'nonchar \uFFFE \uFFFF',
  '{{constructor.constructor("alert(1)")()}}',
  '=HYPERLINK("https://evil.example/","clic")',
] as const

const hostileHrefs = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  '/relative/path',
  '//evil.example/protocol-relative',
  'relative.html',
  'file:///etc/passwd',
  'https://ok.example/"><script>alert(1)</script>',
  'mailto:x@example.org?subject="onmouseover="alert(1)',
] as const

function hostileLink(text: string, href: string, title: string | null = '" onclick="alert(1)'): RecipeNode {
  return pm.text(text, { type: 'link', attrs: { href, title } })
}

/** A body a participant could type: every hostile text in every place, every hostile link. */
function hostileBody(): RecipeNode {
  return pm.doc(
    ...hostileTexts.map((text) => pm.heading(2, text)),
    ...hostileTexts.map((text) => pm.paragraph(text, pm.strong(text), pm.em(text), pm.code(text))),
    pm.paragraph(...hostileHrefs.flatMap((href) => [hostileLink(`link to ${href}`, href), ' '])),
    pm.bulletList(...hostileTexts.map((text) => pm.item(pm.paragraph(text), pm.orderedList(2, pm.item(pm.paragraph(text)))))),
    pm.blockquote(...hostileTexts.map((text) => pm.paragraph(text))),
    ...hostileTexts.map((text) => pm.codeBlock(text)),
    ...hostileTexts.map((text) => pm.initiative({ name: text, territory: text, link: [hostileLink(text, 'javascript:alert(1)')], citedBy: text })),
  )
}

/** A body no editor would make: forged JSON with unknown nodes, marks and attributes. */
function forgedBody(): RecipeNode {
  return {
    type: 'doc',
    content: [
      { type: 'script', attrs: { src: 'https://evil.example/x.js' }, content: [{ type: 'text', text: 'alert(1)' }] },
      { type: 'paragraph', attrs: { onclick: 'alert(1)', style: 'background:url(https://evil.example/)', class: 'x" onload="y' }, content: [{ type: 'text', text: 'attrs', marks: [{ type: 'script' }, { type: 'style', attrs: { css: '*{}' } }] }] },
      { type: 'heading', attrs: { level: '1><script>alert(1)</script' }, content: [{ type: 'text', text: 'level' }] },
      { type: 'ordered_list', attrs: { order: '1" onclick="alert(1)' }, content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'order' }] }] }] },
      { type: 'image', attrs: { src: 'https://tracker.example/pixel.gif', alt: '" onerror="alert(1)' } },
      { type: 'iframe', attrs: { src: 'javascript:alert(1)' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'framed' }] }] },
      { type: 'initiative', content: [{ type: 'initiative_field', attrs: { field: 'name" onclick="alert(1)' }, content: [{ type: 'text', text: 'lost' }] }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)', title: '"><script>' } }] }] },
      { type: 'code_block', attrs: { params: '"><script>' }, content: [{ type: 'text', text: '</code></pre><script>alert(1)</script>' }] },
    ],
  }
}

/** Every field of the recipe hostile too: title, event, license text, names, source, initiatives. */
function hostileRecipe(body: RecipeNode): Recipe {
  const base = buildRecipeWithBody(pm.doc(pm.paragraph('x')))
  const text = hostileTexts.join(' ')
  const initiative = { ...(Object.fromEntries(initiativeFields.map((field) => [field, text])) as Record<InitiativeField, string>), id: text, insee: text, votes: 3 }
  return {
    ...base,
    title: text,
    summary: text,
    event: { name: text, date: '2025-11-20"><script>', place: text },
    license: { ...base.license, isLibre: false, name: text, url: 'javascript:alert(1)' },
    contributors: hostileTexts.map((name) => ({ name, organisation: name, characters: 1 })),
    source: 'javascript:alert(document.cookie)',
    body,
    initiatives: [
      initiative,
      ...hostileTexts.map((value) => ({ name: value, territory: value, carriers: value, theme: value, need: value, link: value, citedBy: value, id: value, insee: value, votes: null })),
    ],
    session: {
      ...base.session,
      peoplePresent: [...hostileTexts],
      sections: [...hostileTexts],
      rounds: [{ startedAt: text, endedAt: null, turns: hostileTexts.map((speaker) => ({ speaker, startedAt: text, seconds: 61, isSkipped: false })) }],
      votes: [{ openedAt: text, closedAt: text, dotsPerParticipant: 3, voterCount: 2, order: 'dots', results: hostileTexts.map((name) => ({ initiativeId: name, name, dots: 2 })) }],
    },
  }
}

const invalidCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/

// ---------------------------------------------------------------------------
// A strict reader of the HTML this exporter may write.

const voidElements = new Set(['meta', 'link', 'br', 'hr'])
const allowedAttributes: Readonly<Record<string, readonly string[]>> = {
  html: ['lang'],
  head: [],
  meta: ['charset', 'http-equiv', 'content', 'name'],
  title: [],
  link: ['rel', 'href'],
  style: [],
  body: [],
  header: ['class'],
  main: ['class'],
  // The session summary is a named landmark (its heading's fixed id), so that a reading page leaves no text outside one.
  section: ['class', 'aria-labelledby'],
  footer: ['class'],
  h1: [], h2: ['id'], h3: [], h4: [], h5: [], h6: [],
  p: ['class', 'role', 'xmlns:cc', 'xmlns:dct', 'prefix'],
  ul: [],
  ol: ['start'],
  li: [],
  blockquote: [],
  pre: [],
  code: [],
  hr: [],
  br: [],
  strong: [],
  em: [],
  a: ['class', 'href', 'title', 'rel', 'property'],
  span: ['property'],
  dl: ['class'],
  dt: [],
  dd: [],
}

interface HtmlTag {
  name: string
  attributes: [string, string][]
}

function readHtml(html: string): { tags: HtmlTag[]; text: string } {
  expect(html.startsWith('<!doctype html>\n')).toBe(true)
  const styleStart = html.indexOf('<style>\n')
  const styleEnd = html.indexOf('</style>')
  expect(html.slice(styleStart + '<style>\n'.length, styleEnd)).toBe(recipeStylesheet)
  expect(html.indexOf('<style>', styleStart + 1)).toBe(-1)
  const markup = `${html.slice('<!doctype html>\n'.length, styleStart)}<style>${html.slice(styleEnd)}`
  const tags: HtmlTag[] = []
  const open: string[] = []
  let text = ''
  const tagPattern = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z:-]*="[^"<>]*")*)\s*>/y
  let position = 0
  while (position < markup.length) {
    const next = markup.indexOf('<', position)
    const chunk = markup.slice(position, next < 0 ? markup.length : next)
    expect(chunk, 'text holds no ">"').not.toContain('>')
    expect(chunk.replace(/&(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/gi, ''), 'every "&" is a reference').not.toContain('&')
    text += chunk
    if (next < 0) break
    tagPattern.lastIndex = next
    const match = tagPattern.exec(markup)
    expect(match, `a tag at ${markup.slice(next, next + 60)}`).not.toBeNull()
    if (match === null) break
    const [whole, closing, name = '', attributeText = ''] = match
    if (closing === '/') {
      expect(open.pop(), `</${name}> closes what is open`).toBe(name)
    } else {
      const attributes = [...attributeText.matchAll(/([a-z][a-z:-]*)="([^"]*)"/g)].map((attribute): [string, string] => [attribute[1] ?? '', attribute[2] ?? ''])
      tags.push({ name, attributes })
      if (!voidElements.has(name)) open.push(name)
    }
    position = next + whole.length
  }
  expect(open).toEqual([])
  return { tags, text }
}

function decodeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot);/g, (_reference, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name] ?? '')
}

function expectSafeHtml(html: string): { tags: HtmlTag[]; text: string } {
  const read = readHtml(html)
  for (const tag of read.tags) {
    expect(Object.keys(allowedAttributes), `<${tag.name}> is a whitelisted tag`).toContain(tag.name)
    for (const [attribute, value] of tag.attributes) {
      expect(allowedAttributes[tag.name], `${attribute} on <${tag.name}>`).toContain(attribute)
      expect(attribute.startsWith('on')).toBe(false)
      expect(value).not.toMatch(/[<>]/)
      expect(value).not.toMatch(/javascript:|vbscript:|data:/i)
      if (attribute === 'href') expect(new URL(decodeHtml(value)).protocol).toMatch(/^(https?|mailto):$/)
    }
  }
  expect(html).not.toMatch(/<(script|img|svg|iframe|object|embed)/i)
  expect(html).not.toMatch(invalidCharacters)
  expect(html).not.toMatch(bidiControls)
  return read
}

function expectSafeOdt(odt: Uint8Array): string {
  const files = unzipSync(odt)
  let allText = ''
  for (const name of ['content.xml', 'meta.xml', 'styles.xml', 'META-INF/manifest.xml']) {
    const xml = strFromU8(files[name] ?? new Uint8Array())
    const summary = checkXmlWellFormed(xml)
    expect(xml).not.toMatch(invalidCharacters)
    expect(xml).not.toMatch(bidiControls)
    for (const element of summary.elementNames) expect(element).toMatch(/^(office|style|text|table|meta|dc|manifest):[a-z-]+$/)
    for (const attribute of summary.attributeNames) expect(attribute).toMatch(/^(xmlns:[a-z]+|(office|style|text|table|fo|svg|xlink|meta|manifest):[a-z-]+)$/)
    for (const match of xml.matchAll(/xlink:href="([^"]*)"/g)) expect(new URL(decodeHtml(match[1] ?? '')).protocol).toMatch(/^(https?|mailto):$/)
    allText += summary.text
  }
  return allText
}

function expectSafeMarkdown(markdown: string): void {
  expect(markdown).not.toMatch(invalidCharacters)
  expect(markdown).not.toMatch(bidiControls)
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '')
  // Outside code, every "<" is escaped, so no renderer sees raw HTML.
  const outsideCode = body.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^`]*?\1/g, '')
  expect(outsideCode).not.toMatch(/(^|[^\\])</m)
  for (const match of body.matchAll(/\]\(([^)\s]*)/g)) expect(new URL(match[1] ?? '').protocol).toMatch(/^(https?|mailto):$/)
  expect(body).not.toMatch(/\]\((javascript|data|vbscript):/i)
  for (const line of /^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1]?.split('\n') ?? []) {
    expect(line).toMatch(/^ *(- |[a-z]+: ?)("([^"\\]|\\.)*"|\[\])?$/)
  }
}

describe('hostile content', () => {
  const typed = buildRecipeWithBody(hostileBody(), { title: hostileTexts.join(' ') }, hostileTexts[1])
  const forged = hostileRecipe(forgedBody())
  const everywhere = hostileRecipe(hostileBody())

  it('typed into a pad, comes out of the HTML export as text, with only whitelisted tags and attributes', () => {
    const { text } = expectSafeHtml(renderRecipeHtml(typed))
    // The content is kept, as text.
    expect(decodeHtml(text)).toContain('<script>alert(1)</script>')
    expect(decodeHtml(text)).toContain('</style><style>body{display:none}</style>')
    expect(decodeHtml(text)).toContain('link to javascript:alert(1)')
  })

  it('in every field of a recipe, and in forged JSON, gives safe HTML', () => {
    for (const recipe of [forged, everywhere]) {
      const html = renderRecipeHtml(recipe)
      const { tags } = expectSafeHtml(html)
      expect(tags.filter((tag) => tag.name === 'style')).toHaveLength(1)
      expect(html).toContain('class="license-warning"')
    }
    const html = renderRecipeHtml(forged)
    expect(html).toContain('<p>alert(1)</p>')
    expect(html).toContain('<h1>level</h1>')
    expect(html).toContain('<ol>\n<li>order</li>\n</ol>')
    expect(html).toContain('<pre><code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>')
    expect(html).not.toContain('tracker.example')
    expect(html).not.toContain('lost')
  })

  it('gives ODT files that are well-formed XML with only ODF elements and safe links', () => {
    for (const recipe of [typed, forged, everywhere]) {
      const text = expectSafeOdt(renderRecipeOdt(recipe))
      expect(text).toContain('<script>alert(1)</script>')
    }
  })

  it('gives Markdown whose HTML is escaped, whose links are safe and whose front matter is quoted', () => {
    for (const recipe of [typed, forged, everywhere]) expectSafeMarkdown(renderRecipeMarkdown(recipe))
    expect(renderRecipeMarkdown(typed)).toContain('\\<script>alert(1)\\</script>')
    expect(renderRecipeMarkdown(typed)).toContain('link to javascript:alert(1)')
  })

  it('gives CSV cells that no spreadsheet runs as formulas', () => {
    const csv = renderInitiativesCsv(everywhere)
    expect(csv).not.toMatch(invalidCharacters)
    expect(csv).not.toMatch(bidiControls)
    const cells = [...csv.slice(1).matchAll(/("(?:[^"]|"")*"|[^,"\r\n]*)(?:,|\r\n)/gy)].map((match) => (match[1] ?? '').replace(/^"([\s\S]*)"$/, '$1').replace(/""/g, '"'))
    // Besides the fields: the id, the commune code, the date, the source and the votes.
    expect(cells).toHaveLength((initiativeFields.length + 5) * (everywhere.initiatives.length + 1))
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r\n]/)
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example/"",""clic"")"`)
  })

  it('gives JSON that parses back to the same recipe', () => {
    expect(JSON.parse(renderRecipeJson(forged))).toEqual(forged)
  })

  it('of a megabyte exports in every format in reasonable time', () => {
    const line = 'Une ligne <b>&amp; "quote" \u202E é\u0000 '
    const big = line.repeat(Math.ceil(1_000_000 / line.length))
    const base = buildFixtureRecipe('collecte')
    const recipe: Recipe = {
      ...base,
      body: pm.doc(pm.paragraph(big), pm.codeBlock(big), pm.initiative({ name: 'Grosse fiche', need: big })),
      initiatives: [{ ...(base.initiatives[0] as Initiative), need: big }],
    }
    const timings: Record<string, number> = {}
    const time = <T>(name: string, render: () => T): T => {
      const start = performance.now()
      const result = render()
      timings[name] = Math.round(performance.now() - start)
      return result
    }
    const html = time('html', () => renderRecipeHtml(recipe))
    const odt = time('odt', () => renderRecipeOdt(recipe))
    const markdown = time('md', () => renderRecipeMarkdown(recipe))
    time('csv', () => renderInitiativesCsv(recipe))
    time('json', () => renderRecipeJson(recipe))
    expect(html.length).toBeGreaterThan(3_000_000)
    expect(() => checkXmlWellFormed(strFromU8(unzipSync(odt)['content.xml'] ?? new Uint8Array()))).not.toThrow()
    expect(markdown).not.toMatch(/\u202E|\u0000/)
    console.info('1 MB export timings (ms):', timings)
    for (const [format, ms] of Object.entries(timings)) expect(ms, `${format} took ${ms} ms`).toBeLessThan(5_000)
  })
})
