/**
 * The recipe as one standalone HTML file: readable offline (no external
 * resource, no script), with an embedded stylesheet whose print rules give a
 * clean A4 PDF from the browser's print dialog (link targets written out).
 * It holds a header (title, summary, event), the body, initiative cards as
 * cards, a session summary and the license and attribution block in Creative
 * Commons' machine-readable markup (`rel="license"`, `cc:` and `dct:` RDFa).
 *
 * Safe by construction: it renders export-blocks.ts' closed set of blocks
 * (only the schema's nodes and marks, cleaned text, safe link targets), every
 * text and attribute value is escaped, attributes are written by this file
 * and never copied from the pad, and a Content-Security-Policy forbids
 * scripts should a browser ever find one. It does not sanitise arbitrary HTML.
 */
import { inlinesToText, readExportBlocks, type ExportBlock, type ExportInline, type ExportLink, type ExportText } from './blocks'
import { attributionSentence, eventParts, exportLabels, formatAuthors, sessionFacts, type ExportLabels } from './labels'
import { initiativeFieldLabels } from '../pad/initiative'
import type { Recipe } from './recipe'
import { escapeMarkup, parseSafeHref } from './text-safety'

/** The whole HTML file of a recipe. */
export function renderRecipeHtml(recipe: Recipe): string {
  const labels = exportLabels[recipe.language]
  return [
    '<!doctype html>',
    `<html lang="${escapeMarkup(recipe.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeMarkup(contentSecurityPolicy)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(recipe.title)}</title>`,
    ...(recipe.summary === '' ? [] : [`<meta name="description" content="${escapeMarkup(recipe.summary)}">`]),
    `<meta name="author" content="${escapeMarkup(formatAuthors(recipe))}">`,
    ...safeHrefAttribute(recipe.license.url).map((href) => `<link rel="license" href="${href}">`),
    `<style>\n${recipeStylesheet}</style>`,
    '</head>',
    '<body>',
    renderHeader(recipe),
    `<main class="recipe-body">\n${renderBlocks(readExportBlocks(recipe.body), recipe)}</main>`,
    renderSession(recipe),
    renderLicense(recipe, labels),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

// The file runs nothing and loads nothing: a second line of defence behind
// the escaping, in case a browser reads something we did not expect.
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

/** The embedded stylesheet, the same for every recipe (tests check content cannot change it). */
export const recipeStylesheet = `:root { color-scheme: light; --ink: #1f1f1c; --muted: #55554f; --accent: #0b6e4f; --line: #d8d4ca; --card: #f6f4ee; --warn: #9b1c12; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; font: 1.05rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif; color: var(--ink); background: #fff; overflow-wrap: break-word; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.8rem 0 .5rem; }
h1 { font-size: 2rem; }
h2 { font-size: 1.4rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; }
.recipe-header h1 { margin-top: 0; }
.summary { font-size: 1.15rem; color: var(--muted); margin: .25rem 0; }
.event { color: var(--muted); margin: .25rem 0; }
a { color: var(--accent); overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: .92em; background: var(--card); }
code { padding: .05em .3em; border-radius: 3px; }
pre { padding: .75rem 1rem; border-radius: 4px; white-space: pre-wrap; }
pre code { padding: 0; background: none; }
blockquote { margin: 1rem 0; padding: .1rem 1rem; border-left: 4px solid var(--line); color: var(--muted); }
hr { border: 0; border-top: 1px solid var(--line); margin: 2rem 0; }
li > p { margin: .2rem 0; }
dl { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: .3rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; color: var(--muted); }
dd { margin: 0; }
.initiative { margin: 1rem 0; padding: .8rem 1rem; border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; background: var(--card); }
.initiative h3 { margin: 0 0 .4rem; }
.initiative dl { grid-template-columns: minmax(9rem, 15rem) 1fr; }
.session, .license { margin-top: 3rem; }
.license { padding-top: .5rem; border-top: 2px solid var(--ink); font-size: .95rem; }
.license h2 { border-bottom: 0; }
.license-warning { margin: 1rem 0; padding: .75rem 1rem; border: 2px solid var(--warn); border-radius: 6px; color: var(--warn); font-weight: 600; background: #fdf0ee; }
@media (max-width: 36rem) {
  dl, .initiative dl { grid-template-columns: 1fr; gap: 0; }
  dd { margin-bottom: .4rem; }
}
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; line-height: 1.45; color: #000; }
  a { color: #000; }
  a[href]:not(.url)::after { content: " (" attr(href) ")"; font-size: .85em; color: #333; word-break: break-all; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
  .initiative, pre, blockquote, dl, .license-warning, .session, .license { break-inside: avoid; }
  .initiative { background: none; border-color: #888; }
  .license-warning { background: none; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  p, li, dd { orphans: 3; widows: 3; }
}
`

function renderHeader(recipe: Recipe): string {
  const event = eventParts(recipe)
  return [
    '<header class="recipe-header">',
    `<h1>${escapeMarkup(recipe.title)}</h1>`,
    ...(recipe.summary === '' ? [] : [`<p class="summary">${escapeMarkup(recipe.summary)}</p>`]),
    ...(event.length === 0 ? [] : [`<p class="event">${event.map(escapeMarkup).join(' · ')}</p>`]),
    '</header>',
  ].join('\n')
}

function renderSession(recipe: Recipe): string {
  const facts = sessionFacts(recipe)
  if (facts.length === 0) return ''
  return [
    // Named by its heading, the section is a landmark: on the recipe page (/r/<view key>) no text lies outside one.
    '<section class="session" aria-labelledby="session-heading">',
    `<h2 id="session-heading">${escapeMarkup(exportLabels[recipe.language].sessionHeading)}</h2>`,
    '<dl>',
    ...facts.map(({ label, value }) => `<dt>${escapeMarkup(label)}</dt><dd>${escapeMarkup(value)}</dd>`),
    '</dl>',
    '</section>',
  ].join('\n')
}

// Creative Commons' attribution markup (the license chooser's): the work's
// title linked to its source as `cc:attributionURL`, the authors as
// `cc:attributionName`, the license link as `rel="license"`.
function renderLicense(recipe: Recipe, labels: ExportLabels): string {
  const sourceHref = safeHrefAttribute(recipe.source)
  const licenseHref = safeHrefAttribute(recipe.license.url)
  const title = escapeMarkup(recipe.title)
  const authors = escapeMarkup(formatAuthors(recipe))
  const licenseName = escapeMarkup(recipe.license.name)
  const titleMarkup = sourceHref.length === 0
    ? `<span property="dct:title">${title}</span>`
    : `<a property="dct:title" rel="cc:attributionURL noopener noreferrer" href="${sourceHref[0]}">${title}</a>`
  const licenseMarkup = licenseHref.length === 0 ? licenseName : `<a rel="license noopener noreferrer" href="${licenseHref[0]}">${licenseName}</a>`
  const sentence = attributionSentence(recipe)
    .map((part) => {
      if (typeof part === 'string') return escapeMarkup(part)
      switch (part.slot) {
        case 'title': return titleMarkup
        case 'authors': return `<span property="cc:attributionName">${authors}</span>`
        case 'license': return licenseMarkup
      }
    })
    .join('')
  const sourceMarkup = sourceHref.length === 0 ? escapeMarkup(recipe.source) : `<a class="url" rel="noopener noreferrer" href="${sourceHref[0]}">${escapeMarkup(recipe.source)}</a>`
  return [
    '<footer class="license">',
    `<h2>${escapeMarkup(labels.licenseHeading)}</h2>`,
    `<p class="attribution" xmlns:cc="http://creativecommons.org/ns#" xmlns:dct="http://purl.org/dc/terms/" prefix="cc: http://creativecommons.org/ns# dct: http://purl.org/dc/terms/">${sentence}</p>`,
    ...(recipe.license.isLibre ? [] : [`<p class="license-warning" role="note">${escapeMarkup(labels.notLibreNote)}</p>`]),
    '<dl class="tasl">',
    `<dt>${escapeMarkup(labels.title)}</dt><dd>${title}</dd>`,
    `<dt>${escapeMarkup(labels.authors)}</dt><dd>${authors}</dd>`,
    `<dt>${escapeMarkup(labels.source)}</dt><dd>${sourceMarkup}</dd>`,
    `<dt>${escapeMarkup(labels.license)}</dt><dd>${licenseMarkup} (${escapeMarkup(recipe.license.id)})</dd>`,
    '</dl>',
    '</footer>',
  ].join('\n')
}

/** The escaped link target, as a list of zero or one so that callers can spread it. */
function safeHrefAttribute(href: string): string[] {
  const safe = parseSafeHref(href)
  return safe === null ? [] : [escapeMarkup(safe)]
}

function renderBlocks(blocks: readonly ExportBlock[], recipe: Recipe): string {
  return blocks.map((block) => `${renderBlock(block, recipe)}\n`).join('')
}

function renderBlock(block: ExportBlock, recipe: Recipe): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${renderInlines(block.content)}</p>`
    case 'heading':
      return `<h${block.level}>${renderInlines(block.content)}</h${block.level}>`
    case 'blockquote':
      return `<blockquote>\n${renderBlocks(block.content, recipe)}</blockquote>`
    case 'code_block':
      return `<pre><code>${escapeMarkup(block.text)}</code></pre>`
    case 'horizontal_rule':
      return '<hr>'
    case 'bullet_list':
      return `<ul>\n${renderListItems(block.items, recipe)}</ul>`
    case 'ordered_list':
      return `<ol${block.start === 1 ? '' : ` start="${block.start}"`}>\n${renderListItems(block.items, recipe)}</ol>`
    case 'initiative': {
      const labels = initiativeFieldLabels[recipe.language]
      const name = block.name.length === 0 ? escapeMarkup(exportLabels[recipe.language].unnamedInitiative) : renderInlines(block.name)
      return [
        '<section class="initiative">',
        `<h3>${name}</h3>`,
        ...(block.fields.length === 0
          ? []
          : ['<dl>', ...block.fields.map(({ field, content }) => `<dt>${escapeMarkup(labels[field])}</dt><dd>${renderInlines(content)}</dd>`), '</dl>']),
        '</section>',
      ].join('\n')
    }
  }
}

function renderListItems(items: readonly ExportBlock[][], recipe: Recipe): string {
  return items
    .map((blocks) => {
      // A one-paragraph item is written without its <p>, as a browser's own lists are.
      const [only] = blocks
      const content = blocks.length === 1 && only?.kind === 'paragraph' ? renderInlines(only.content) : `\n${renderBlocks(blocks, recipe)}`
      return `<li>${content}</li>\n`
    })
    .join('')
}

function renderInlines(inlines: readonly ExportInline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.kind) {
        case 'text': return renderText(inline)
        case 'hard_break': return '<br>'
        case 'link': return renderLink(inline)
      }
    })
    .join('')
}

function renderText(text: ExportText): string {
  let html = escapeMarkup(text.text)
  if (text.code) html = `<code>${html}</code>`
  if (text.em) html = `<em>${html}</em>`
  if (text.strong) html = `<strong>${html}</strong>`
  return html
}

function renderLink(link: ExportLink): string {
  // A link whose text is its own address is not written out again in print.
  const shown = inlinesToText(link.content).trim()
  const isUrlText = shown === link.href || `${shown}/` === link.href || `mailto:${shown}` === link.href
  const attributes = [
    ...(isUrlText ? ['class="url"'] : []),
    `href="${escapeMarkup(link.href)}"`,
    ...(link.title === null ? [] : [`title="${escapeMarkup(link.title)}"`]),
    'rel="noopener noreferrer"',
  ]
  return `<a ${attributes.join(' ')}>${renderInlines(link.content)}</a>`
}
