import { describe, expect, it } from 'vitest'
import { bodyFragmentName, padSchema } from './schema'

describe('pad schema', () => {
  it('has the node and mark names of the document contract', () => {
    const nodes = Object.keys(padSchema.nodes)
    for (const name of ['doc', 'paragraph', 'heading', 'bullet_list', 'ordered_list', 'list_item', 'blockquote', 'horizontal_rule', 'hard_break', 'text', 'initiative', 'initiative_field']) {
      expect(nodes).toContain(name)
    }
    expect(nodes).not.toContain('image')
    expect(Object.keys(padSchema.marks).sort()).toEqual(['author', 'code', 'em', 'link', 'prompt', 'strong'])
    expect(bodyFragmentName).toBe('body')
  })

  it('holds initiative cards made of named fields, and refuses unknown fields', () => {
    const { nodes } = padSchema
    const card = nodes.initiative!.create(null, [
      nodes.initiative_field!.create({ field: 'name' }, padSchema.text('Repair café')),
      nodes.initiative_field!.create({ field: 'citedBy' }, padSchema.text('Alice')),
    ])
    expect(() => nodes.doc!.create(null, [card]).check()).not.toThrow()
    expect(() => nodes.initiative_field!.create({ field: 'script' })).toThrow(RangeError)
  })

  it('accepts nested lists and refuses a list item outside a list', () => {
    const { nodes } = padSchema
    const nested = nodes.ordered_list!.create(null, [
      nodes.list_item!.create(null, [
        nodes.paragraph!.create(null, padSchema.text('un')),
        nodes.ordered_list!.create(null, [nodes.list_item!.create(null, nodes.paragraph!.create(null, padSchema.text('un.un')))]),
      ]),
    ])
    const doc = nodes.doc!.create(null, [nodes.heading!.create({ level: 2 }, padSchema.text('Titre')), nested])
    expect(() => doc.check()).not.toThrow()
    expect(() => nodes.doc!.create(null, [nodes.list_item!.create(null, nodes.paragraph!.create())]).check()).toThrow(RangeError)
  })
})
