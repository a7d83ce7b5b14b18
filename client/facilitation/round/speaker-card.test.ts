/** A speaker's card goes at the end of the first section of cards, filling the empty last card rather than adding another. */
import { EditorState } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { padSchema } from '../../../shared/pad/schema'
import { emptyInitiative, templateDocument } from '../../../shared/pad/templates'
import { addSpeakerCard, findLastCollectedCard, hasCollectedCards } from './speaker-card'

function stateOf(json: unknown): EditorState {
  return EditorState.create({ doc: padSchema.nodeFromJSON(json) })
}

function cards(state: EditorState): string[][] {
  const found: string[][] = []
  state.doc.descendants((node) => {
    if (node.type.name !== 'initiative') return true
    const fields: string[] = []
    node.forEach((field) => fields.push(`${String(field.attrs['field'])}=${field.textContent}`))
    found.push(fields.filter((field) => !field.endsWith('=')))
    return false
  })
  return found
}

function run(state: EditorState, name: string): EditorState {
  let next = state
  const applied = addSpeakerCard(name)(state, (tr) => {
    next = state.apply(tr)
  })
  expect(applied).toBe(true)
  return next
}

const heading = (text: string) => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] })
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const filled = (name: string) => ({
  type: 'initiative',
  content: (emptyInitiative().content ?? []).map((field) => (field.attrs?.field === 'name' ? { ...field, content: [{ type: 'text', text: name }] } : field)),
})

describe('addSpeakerCard', () => {
  it('fills the « Cité par » of a collecte’s empty first card, then adds a card after the last one', () => {
    let state = stateOf(templateDocument('collecte', 'fr'))
    expect(hasCollectedCards(state.doc)).toBe(true)
    state = run(state, 'Awa')
    expect(cards(state)).toEqual([['citedBy=Awa']])
    state = run(state, 'Binta')
    expect(cards(state)).toEqual([['citedBy=Awa'], ['citedBy=Binta']])
    // The new card sits right after the previous one, before the next section's heading.
    const last = findLastCollectedCard(state.doc)
    expect(state.doc.resolve((last?.offset ?? 0) + (last?.node.nodeSize ?? 0)).nodeAfter?.textContent).toBe('Ce qui nous rassemble')
  })

  it('adds to the first section of cards only, after its last card, leaving the selection where it was', () => {
    const doc = { type: 'doc', content: [heading('Initiatives'), filled('Repair café'), paragraph('notes'), filled('AMAP'), heading('Suite'), filled('Ailleurs')] }
    const state = stateOf(doc)
    const selection = state.selection.from
    const next = run(state, 'Chloé')
    expect(cards(next)).toEqual([['name=Repair café'], ['name=AMAP'], ['citedBy=Chloé'], ['name=Ailleurs']])
    expect(next.selection.from).toBe(selection)
  })

  it('adds an empty « Cité par » for a speaker who is not to be named, and declines in a pad without cards', () => {
    const state = stateOf({ type: 'doc', content: [heading('Initiatives'), filled('AMAP')] })
    expect(cards(run(state, ''))).toEqual([['name=AMAP'], []])
    const blank = stateOf({ type: 'doc', content: [paragraph('Rien')] })
    expect(hasCollectedCards(blank.doc)).toBe(false)
    expect(addSpeakerCard('Awa')(blank)).toBe(false)
  })
})
