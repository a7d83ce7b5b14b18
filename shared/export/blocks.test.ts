import { describe, expect, it } from 'vitest'
import { inlinesToText, readExportBlocks, type ExportBlock } from './blocks'
import type { RecipeNode } from './recipe'
import { pm } from '../testing/recipe-fixtures'

describe('readExportBlocks', () => {
  it('reads the schema nodes and marks into blocks and inlines', () => {
    const blocks = readExportBlocks(
      pm.doc(
        pm.heading(2, 'Titre'),
        pm.paragraph('a ', pm.text('b', { type: 'strong' }, { type: 'em' }), pm.hardBreak(), pm.code('c')),
        pm.orderedList(3, pm.item(pm.paragraph('trois'))),
        pm.blockquote(pm.paragraph('cité')),
        pm.codeBlock('x\n  y'),
        pm.horizontalRule(),
      ),
    )
    expect(blocks).toEqual<ExportBlock[]>([
      { kind: 'heading', level: 2, content: [{ kind: 'text', text: 'Titre', strong: false, em: false, code: false }] },
      {
        kind: 'paragraph',
        content: [
          { kind: 'text', text: 'a ', strong: false, em: false, code: false },
          { kind: 'text', text: 'b', strong: true, em: true, code: false },
          { kind: 'hard_break' },
          { kind: 'text', text: 'c', strong: false, em: false, code: true },
        ],
      },
      { kind: 'ordered_list', start: 3, items: [[{ kind: 'paragraph', content: [{ kind: 'text', text: 'trois', strong: false, em: false, code: false }] }]] },
      { kind: 'blockquote', content: [{ kind: 'paragraph', content: [{ kind: 'text', text: 'cité', strong: false, em: false, code: false }] }] },
      { kind: 'code_block', text: 'x\n  y' },
      { kind: 'horizontal_rule' },
    ])
  })

  it('groups the texts under one link, and keeps only safe link targets', () => {
    const link = { type: 'link', attrs: { href: 'https://example.org/', title: 'Exemple' } }
    const [paragraph] = readExportBlocks(
      pm.doc(pm.paragraph(pm.text('un ', link), pm.text('lien', link, { type: 'strong' }), ' puis ', pm.link('un piège', 'javascript:alert(1)'))),
    )
    expect(paragraph).toEqual({
      kind: 'paragraph',
      content: [
        {
          kind: 'link',
          href: 'https://example.org/',
          title: 'Exemple',
          content: [
            { kind: 'text', text: 'un ', strong: false, em: false, code: false },
            { kind: 'text', text: 'lien', strong: true, em: false, code: false },
          ],
        },
        { kind: 'text', text: ' puis ', strong: false, em: false, code: false },
        { kind: 'text', text: 'un piège', strong: false, em: false, code: false },
      ],
    })
  })

  it('reads an initiative card as its name and its other filled fields in display order', () => {
    const [card] = readExportBlocks(pm.doc(pm.initiative({ citedBy: 'Alice', name: 'Repair café', theme: '', territory: 'Villeurbanne' })))
    expect(card?.kind).toBe('initiative')
    if (card?.kind !== 'initiative') return
    expect(inlinesToText(card.name)).toBe('Repair café')
    expect(card.fields.map(({ field, content }) => [field, inlinesToText(content)])).toEqual([
      ['territory', 'Villeurbanne'],
      ['citedBy', 'Alice'],
    ])
  })

  it('leaves out what is empty: the places a template leaves to fill', () => {
    const blocks = readExportBlocks(
      pm.doc(
        pm.paragraph(),
        pm.heading(2),
        pm.paragraph('   '),
        pm.bulletList(pm.item(pm.paragraph())),
        pm.orderedList(1, pm.item(pm.paragraph()), pm.item(pm.paragraph('deux'))),
        pm.blockquote(pm.paragraph()),
        pm.initiative({}),
      ),
    )
    expect(blocks).toEqual([{ kind: 'ordered_list', start: 1, items: [[{ kind: 'paragraph', content: [{ kind: 'text', text: 'deux', strong: false, em: false, code: false }] }]] }])
  })

  it('gives forged JSON no way out: unknown nodes give their text, unknown marks and attributes are ignored', () => {
    const forged: RecipeNode = {
      type: 'doc',
      content: [
        { type: 'script', content: [{ type: 'text', text: 'alert(1)' }] },
        { type: 'paragraph', attrs: { onclick: 'alert(1)', style: 'x' }, content: [{ type: 'text', text: 'p', marks: [{ type: 'script' }, { type: 'link', attrs: { href: 'data:text/html,x' } }] }] },
        { type: 'heading', attrs: { level: '1 onclick=alert(1)' }, content: [{ type: 'text', text: 'h' }] },
        { type: 'heading', attrs: { level: 99 }, content: [{ type: 'text', text: 'h6' }] },
        { type: 'ordered_list', attrs: { order: '3"><script>' }, content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'o' }] }] }] },
        { type: 'ordered_list', attrs: { order: 1e12 }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'big' }] }] },
        { type: 'initiative', content: [{ type: 'initiative_field', attrs: { field: 'name" onclick="x' }, content: [{ type: 'text', text: 'lost' }] }] },
        { type: 'image', attrs: { src: 'https://tracker.example/pixel.gif' } },
        { type: 'text', text: 'stray' },
        { type: 'paragraph', content: [{ type: 'iframe', content: [{ type: 'text', text: 'inner' }] }, { type: 'text' } as RecipeNode] },
        null as unknown as RecipeNode,
      ],
    }
    expect(readExportBlocks(forged)).toEqual<ExportBlock[]>([
      { kind: 'paragraph', content: [{ kind: 'text', text: 'alert(1)', strong: false, em: false, code: false }] },
      { kind: 'paragraph', content: [{ kind: 'text', text: 'p', strong: false, em: false, code: false }] },
      { kind: 'heading', level: 1, content: [{ kind: 'text', text: 'h', strong: false, em: false, code: false }] },
      { kind: 'heading', level: 6, content: [{ kind: 'text', text: 'h6', strong: false, em: false, code: false }] },
      { kind: 'ordered_list', start: 1, items: [[{ kind: 'paragraph', content: [{ kind: 'text', text: 'o', strong: false, em: false, code: false }] }]] },
      { kind: 'ordered_list', start: 999_999_999, items: [[{ kind: 'paragraph', content: [{ kind: 'text', text: 'big', strong: false, em: false, code: false }] }]] },
      { kind: 'paragraph', content: [{ kind: 'text', text: 'stray', strong: false, em: false, code: false }] },
      { kind: 'paragraph', content: [{ kind: 'text', text: 'inner', strong: false, em: false, code: false }] },
    ])
  })

  it('cleans text', () => {
    const [paragraph] = readExportBlocks(pm.doc(pm.paragraph('a\u0000\u202Eb\uD800')))
    expect(paragraph?.kind === 'paragraph' && inlinesToText(paragraph.content)).toBe('ab')
  })
})
