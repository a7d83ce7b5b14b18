/** Initiative cards fill like forms: inserted with « Cité par », Enter to the next field, no field merged or card lost. */
import { Slice } from 'prosemirror-model'
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { EditorState, NodeSelection, TextSelection } from 'prosemirror-state'
import type { Command } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import { initiativeFields } from '../../../shared/pad/initiative'
import { padSchema } from '../../../shared/pad/schema'
import {
  backspaceAtInitiativeFieldStart,
  deleteAtInitiativeFieldEnd,
  goToNextInitiativeField,
  insertInitiative,
  isInInitiativeField,
  moveToInitiativeField,
  pasteIntoInitiativeField,
} from './initiative-commands'

const paragraph = (text?: string) => ({ type: 'paragraph', ...(text === undefined ? {} : { content: [{ type: 'text', text }] }) })
const card = (values: Partial<Record<string, string>> = {}) => ({
  type: 'initiative',
  content: initiativeFields.map((field) => ({
    type: 'initiative_field',
    attrs: { field },
    ...(values[field] === undefined ? {} : { content: [{ type: 'text', text: values[field] }] }),
  })),
})

function stateOf(content: object[], cursor: number): EditorState {
  const doc = padSchema.nodeFromJSON({ type: 'doc', content })
  return EditorState.create({ doc, selection: TextSelection.create(doc, cursor) })
}

function run(command: Command, state: EditorState): { handled: boolean; state: EditorState } {
  let next = state
  const handled = command(state, (tr) => {
    next = state.apply(tr)
  })
  return { handled, state: next }
}

/** The field that holds the cursor, and the cursor's offset in it. */
function cursorField(state: EditorState): { field: unknown; offset: number; card: number } {
  const { $from } = state.selection
  let cardIndex = -1
  state.doc.forEach((node, offset, index) => {
    if (offset < $from.pos && $from.pos < offset + node.nodeSize && node.type.name === 'initiative') cardIndex = index
  })
  return { field: $from.parent.attrs.field, offset: $from.parentOffset, card: cardIndex }
}

function fieldTexts(node: ProseMirrorNode): Record<string, string> {
  const values: Record<string, string> = {}
  node.forEach((field) => {
    values[String(field.attrs.field)] = field.textContent
  })
  return values
}

describe('insertInitiative', () => {
  it('inserts an empty card after the block with the cursor, every field in order, « Cité par » filled in', () => {
    const state = stateOf([paragraph('Avant'), paragraph('Après')], 3)
    const { handled, state: next } = run(insertInitiative('Basile'), state)
    expect(handled).toBe(true)
    expect(next.doc.childCount).toBe(3)
    const inserted = next.doc.child(1)
    expect(inserted.type.name).toBe('initiative')
    const fields: unknown[] = []
    inserted.forEach((field) => fields.push(field.attrs.field))
    expect(fields).toEqual([...initiativeFields])
    expect(fieldTexts(inserted)).toEqual({ name: '', territory: '', carriers: '', theme: '', need: '', link: '', citedBy: 'Basile' })
    expect(next.doc.child(2).textContent).toBe('Après')
    expect(cursorField(next)).toEqual({ field: 'name', offset: 0, card: 1 })
  })

  it('goes after the card the cursor is in, and adds a paragraph when the card ends the pad', () => {
    const state = stateOf([card({ name: 'Repair Café' })], 3)
    const { state: next } = run(insertInitiative('Awa'), state)
    expect(next.doc.childCount).toBe(3)
    expect(fieldTexts(next.doc.child(0)).name).toBe('Repair Café')
    expect(next.doc.child(1).type.name).toBe('initiative')
    expect(next.doc.child(2).type.name).toBe('paragraph')
    expect(cursorField(next).card).toBe(1)
  })

  it('takes the place of an empty paragraph, and leaves « Cité par » empty without a name', () => {
    const state = stateOf([paragraph('Titre'), paragraph(), paragraph('Suite')], 8)
    const { state: next } = run(insertInitiative('  '), state)
    expect(next.doc.content.childCount).toBe(3)
    expect(next.doc.child(1).type.name).toBe('initiative')
    expect(fieldTexts(next.doc.child(1)).citedBy).toBe('')
  })

  it('joins the section of cards when the cursor is in another section, after its last card', () => {
    const heading = (text: string) => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] })
    const content = [heading('Initiatives'), card({ name: 'Repair Café' }), card({ name: 'Jardin' }), paragraph('Fin des fiches'), heading('Suite'), paragraph('Ici')]
    const doc = padSchema.nodeFromJSON({ type: 'doc', content })
    let here = 0
    doc.descendants((node, position) => {
      if (node.isText && node.text === 'Ici') here = position + 1
    })
    const { state: next } = run(insertInitiative('Awa'), stateOf(content, here))
    const names = (): string[] => {
      const found: string[] = []
      next.doc.forEach((node) => found.push(node.type.name === 'initiative' ? `card:${fieldTexts(node).name}` : node.textContent))
      return found
    }
    expect(names()).toEqual(['Initiatives', 'card:Repair Café', 'card:Jardin', 'card:', 'Fin des fiches', 'Suite', 'Ici'])
    expect(cursorField(next).card).toBe(3)
    // Within the section of cards, it goes after the block with the cursor, as elsewhere without cards.
    let inSection = 0
    doc.descendants((node, position) => {
      if (node.isText && node.text === 'Fin des fiches') inSection = position + 1
    })
    const { state: within } = run(insertInitiative('Awa'), stateOf(content, inSection))
    expect(within.doc.child(4).type.name).toBe('initiative')
  })
})

describe('goToNextInitiativeField (Enter)', () => {
  it('walks the fields in order to the end of each, then leaves the card', () => {
    let state = stateOf([card({ territory: 'Lyon' }), paragraph('Suite')], 2)
    const visited: unknown[] = [cursorField(state).field]
    for (let step = 0; step < initiativeFields.length - 1; step++) {
      const outcome = run(goToNextInitiativeField, state)
      expect(outcome.handled).toBe(true)
      state = outcome.state
      visited.push(cursorField(state).field)
    }
    expect(visited).toEqual([...initiativeFields])
    // Arrived at the end of the text someone had already typed.
    const territory = stateOf([card({ territory: 'Lyon' })], 2)
    expect(cursorField(run(goToNextInitiativeField, territory).state)).toEqual({ field: 'territory', offset: 4, card: 0 })

    const out = run(goToNextInitiativeField, state).state
    expect(out.selection.$from.parent.type.name).toBe('paragraph')
    expect(out.doc.childCount).toBe(3)
    expect(out.doc.child(1).content.size).toBe(0)
    expect(out.doc.child(2).textContent).toBe('Suite')
  })

  it('leaves the last field into the empty paragraph that follows, without adding another', () => {
    const doc = stateOf([card(), paragraph()], 2).doc
    const citedByEnd = doc.child(0).nodeSize - 2
    const state = EditorState.create({ doc, selection: TextSelection.create(doc, citedByEnd) })
    expect(cursorField(state).field).toBe('citedBy')
    const next = run(goToNextInitiativeField, state).state
    expect(next.doc.childCount).toBe(2)
    expect(next.selection.from).toBe(doc.child(0).nodeSize + 1)
  })

  it('makes the address typed in « Lien » a link when leaving the field', () => {
    const doc = stateOf([card({ link: 'repair.example.org/lyon' })], 2).doc
    let linkEnd = 0
    doc.descendants((node, position) => {
      if (node.attrs.field === 'link') linkEnd = position + 1 + node.content.size
    })
    const state = EditorState.create({ doc, selection: TextSelection.create(doc, linkEnd) })
    const next = run(goToNextInitiativeField, state).state
    const link = next.doc.child(0).child(5).firstChild
    expect(link?.marks.map((mark) => [mark.type.name, mark.attrs.href])).toEqual([['link', 'https://repair.example.org/lyon']])
    expect(cursorField(next).field).toBe('citedBy')

    const notAnAddress = EditorState.create({ doc: stateOf([card({ link: 'demander à Awa' })], 2).doc })
    const words = notAnAddress.apply(
      notAnAddress.tr.setSelection(TextSelection.create(notAnAddress.doc, linkEnd - 'repair.example.org/lyon'.length + 'demander à Awa'.length)),
    )
    expect(cursorField(words).field).toBe('link')
    expect(run(goToNextInitiativeField, words).state.doc.child(0).child(5).firstChild?.marks).toEqual([])
  })

  it('declines outside a card, so Enter keeps its usual meaning', () => {
    const state = stateOf([paragraph('Texte')], 3)
    expect(isInInitiativeField(state)).toBe(false)
    expect(run(goToNextInitiativeField, state).handled).toBe(false)
  })
})

describe('moveToInitiativeField (Tab and Shift-Tab)', () => {
  const tab = moveToInitiativeField(1)
  const shiftTab = moveToInitiativeField(-1)
  const values = { name: 'Repair Café', territory: 'Lyon', citedBy: 'Awa' }

  /** The field holding the selection and the text selected in it. */
  function selected(state: EditorState): { field: unknown; text: string } {
    const { $from, from, to } = state.selection
    return { field: $from.parent.attrs.field, text: state.doc.textBetween(from, to) }
  }

  it('walks the fields in order, each with its content selected (an empty one gets the caret), leaving the text as it is', () => {
    const start = stateOf([paragraph('Avant'), card(values), paragraph('Après')], 9)
    expect(cursorField(start).field).toBe('name')
    let state = start
    const visited: { field: unknown; text: string }[] = []
    for (let step = 0; step < initiativeFields.length - 1; step++) {
      const outcome = run(tab, state)
      expect(outcome.handled).toBe(true)
      state = outcome.state
      visited.push(selected(state))
    }
    expect(visited).toEqual([
      { field: 'territory', text: 'Lyon' },
      { field: 'carriers', text: '' },
      { field: 'theme', text: '' },
      { field: 'need', text: '' },
      { field: 'link', text: '' },
      { field: 'citedBy', text: 'Awa' },
    ])
    expect(state.doc.eq(start.doc)).toBe(true)
    // And back, field by field, with Shift-Tab.
    const back = run(shiftTab, state).state
    expect(selected(back)).toEqual({ field: 'link', text: '' })
    expect(selected(run(shiftTab, run(shiftTab, run(shiftTab, run(shiftTab, run(shiftTab, back).state).state).state).state).state)).toEqual({
      field: 'name',
      text: 'Repair Café',
    })
  })

  it('goes past the last field to the start of what follows the card, and before the first to the end of what precedes it', () => {
    const doc = stateOf([paragraph('Avant'), card(values), paragraph('Après')], 9).doc
    const cardEnd = 7 + doc.child(1).nodeSize
    const inCitedBy = EditorState.create({ doc, selection: TextSelection.create(doc, cardEnd - 2) })
    expect(cursorField(inCitedBy).field).toBe('citedBy')
    const after = run(tab, inCitedBy).state
    expect(after.selection.empty && after.selection.$from.parent.textContent === 'Après' && after.selection.$from.parentOffset === 0).toBe(true)
    const before = run(shiftTab, stateOf([paragraph('Avant'), card(values), paragraph('Après')], 9)).state
    expect(before.selection.$from.parent.textContent).toBe('Avant')
    expect(before.selection.$from.parentOffset).toBe(5)
    expect(before.doc.eq(doc)).toBe(true)
  })

  it('declines past the last or the first field when nothing is there, so that focus leaves the editor', () => {
    const alone = stateOf([card(values)], 2)
    expect(run(shiftTab, alone)).toMatchObject({ handled: false })
    const citedByEnd = alone.doc.child(0).nodeSize - 2
    const inCitedBy = EditorState.create({ doc: alone.doc, selection: TextSelection.create(alone.doc, citedByEnd) })
    expect(run(tab, inCitedBy).handled).toBe(false)
  })

  it('makes the address typed in « Lien » a link when Tab leaves the field', () => {
    const doc = stateOf([card({ link: 'repair.example.org' }), paragraph()], 2).doc
    let linkStart = 0
    doc.descendants((node, position) => {
      if (node.attrs.field === 'link') linkStart = position + 1
    })
    const next = run(tab, EditorState.create({ doc, selection: TextSelection.create(doc, linkStart + 3) })).state
    expect(next.doc.child(0).child(5).firstChild?.marks.map((mark) => mark.attrs.href)).toEqual(['https://repair.example.org/'])
    expect(cursorField(next).field).toBe('citedBy')
  })

  it('declines outside a card, so Tab keeps its meaning there', () => {
    expect(run(tab, stateOf([paragraph('Texte')], 3)).handled).toBe(false)
  })
})

describe('Backspace and Delete at the edges of a field', () => {
  it('keeps the card when Backspace is pressed in the empty first field', () => {
    const state = stateOf([paragraph('Avant'), card({ territory: 'Lyon' })], 9)
    expect(cursorField(state)).toEqual({ field: 'name', offset: 0, card: 1 })
    const outcome = run(backspaceAtInitiativeFieldStart, state)
    expect(outcome.handled).toBe(true)
    expect(outcome.state.doc.eq(state.doc)).toBe(true)
  })

  it('goes back to the end of the previous field instead of merging two fields', () => {
    const state = stateOf([card({ name: 'Repair', territory: 'Lyon' })], 2)
    const atTerritory = run(goToNextInitiativeField, state).state
    const start = TextSelection.create(atTerritory.doc, atTerritory.selection.$from.start())
    const outcome = run(backspaceAtInitiativeFieldStart, atTerritory.apply(atTerritory.tr.setSelection(start)))
    expect(outcome.handled).toBe(true)
    expect(outcome.state.doc.eq(state.doc)).toBe(true)
    expect(cursorField(outcome.state)).toEqual({ field: 'name', offset: 6, card: 0 })
  })

  it('lets Backspace delete text inside a field', () => {
    const state = stateOf([card({ name: 'Repair' })], 5)
    expect(run(backspaceAtInitiativeFieldStart, state).handled).toBe(false)
  })

  it('takes Delete at the end of a field, and only there', () => {
    const doc = stateOf([card({ name: 'Repair' })], 2).doc
    const atEnd = EditorState.create({ doc, selection: TextSelection.create(doc, 8) })
    expect(cursorField(atEnd)).toEqual({ field: 'name', offset: 6, card: 0 })
    expect(deleteAtInitiativeFieldEnd(atEnd)).toBe(true)
    const inside = EditorState.create({ doc, selection: TextSelection.create(doc, 4) })
    expect(deleteAtInitiativeFieldEnd(inside)).toBe(false)
    const selected = EditorState.create({ doc, selection: NodeSelection.create(doc, 0) })
    expect(deleteAtInitiativeFieldEnd(selected)).toBe(false)
  })
})

describe('pasteIntoInitiativeField', () => {
  it('puts pasted paragraphs on one line of the field', () => {
    const state = stateOf([card()], 2)
    const pasted = padSchema.nodeFromJSON({ type: 'doc', content: [paragraph('Un café'), paragraph('qui répare')] }).content
    const tr = pasteIntoInitiativeField(state, new Slice(pasted, 0, 0))
    if (tr === null) throw new Error('the paste was left to ProseMirror')
    const next = state.apply(tr)
    expect(fieldTexts(next.doc.child(0)).name).toBe('Un café qui répare')
    expect(next.doc.child(0).childCount).toBe(initiativeFields.length)
  })

  it('leaves inline text to ProseMirror, and declines outside a card', () => {
    const text = padSchema.nodeFromJSON({ type: 'doc', content: [paragraph('Lyon')] }).content
    expect(pasteIntoInitiativeField(stateOf([card()], 2), new Slice(text, 1, 1))).toBeNull()
    expect(pasteIntoInitiativeField(stateOf([paragraph('x')], 1), new Slice(text, 0, 0))).toBeNull()
  })
})
