/**
 * What changed between two versions, as the history panel marks it: added
 * text credited to whoever wrote it, removed text credited to whoever had
 * written it and placed where it stood, paragraph breaks added and removed,
 * and text credited to nobody (a template's).
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import type { AuthorKey } from '../../shared/pad/attribution'
import { padSchema } from '../../shared/pad/schema'
import { padNodes } from '../editor/schema-types'
import { diffVersions, paragraphSeparator, readTextBlocks, type CreditedRange, type TextBlock } from './version-diff'

const awa = 'AwaAwaAwaAwaAwaAwaAwa0'
const binta = 'BintaBintaBintaBinta00'
const awaKey: AuthorKey = `participant:${awa}`
const bintaKey: AuthorKey = `participant:${binta}`

/** A piece of text, by a participant (their id) or by nobody (null). */
type Piece = [text: string, author: string | null]

function paragraph(...pieces: Piece[]): ProseMirrorNode {
  const authorMark = padSchema.marks['author']
  if (authorMark === undefined) throw new Error('no author mark')
  return padNodes.paragraph.create(
    null,
    pieces.filter(([text]) => text !== '').map(([text, author]) => padSchema.text(text, author === null ? [] : [authorMark.create({ id: author })])),
  )
}

function docOf(...paragraphs: ProseMirrorNode[]): ProseMirrorNode {
  return padSchema.topNodeType.create(null, paragraphs)
}

/** The author ranges the editor's fragment would give: here, read from the author marks. */
function rangesOf(doc: ProseMirrorNode): CreditedRange[] {
  const ranges: CreditedRange[] = []
  doc.descendants((node, position) => {
    const id: unknown = node.marks.find((mark) => mark.type.name === 'author')?.attrs['id']
    if (node.isText && typeof id === 'string') ranges.push({ from: position, to: position + node.nodeSize, author: `participant:${id}` })
  })
  return ranges
}

function blocksOf(doc: ProseMirrorNode): TextBlock[] {
  return readTextBlocks(doc, rangesOf(doc))
}

/** The text of the newer version at an insertion. */
const textAt = (doc: ProseMirrorNode, from: number, to: number): string => doc.textBetween(from, to, paragraphSeparator)

describe('readTextBlocks', () => {
  it('reads each textblock’s runs with their authors and positions, a line break as one character', () => {
    const authorMark = padSchema.marks['author']
    if (authorMark === undefined) throw new Error('no author mark')
    const doc = docOf(
      paragraph(['Une ', awa], ['épicerie', binta]),
      padNodes.paragraph.create(null, [padSchema.text('a'), padNodes.hardBreak.create(), padSchema.text('b', [authorMark.create({ id: awa })])]),
    )
    expect(blocksOf(doc)).toEqual([
      { start: 1, runs: [{ from: 1, text: 'Une ', author: awaKey }, { from: 5, text: 'épicerie', author: bintaKey }] },
      {
        start: 15,
        runs: [
          { from: 15, text: 'a', author: null },
          { from: 16, text: '\u2028', author: null },
          { from: 17, text: 'b', author: awaKey },
        ],
      },
    ])
  })

  it('splits a text node where the ranges change author (old text credited by Yjs client)', () => {
    const doc = docOf(paragraph(['abcdef', null]))
    const ranges: CreditedRange[] = [
      { from: 2, to: 4, author: 'client:12' },
      { from: 4, to: 6, author: 'client:13' },
    ]
    expect(readTextBlocks(doc, ranges)).toEqual([
      {
        start: 1,
        runs: [
          { from: 1, text: 'a', author: null },
          { from: 2, text: 'bc', author: 'client:12' },
          { from: 4, text: 'de', author: 'client:13' },
          { from: 6, text: 'f', author: null },
        ],
      },
    ])
  })
})

describe('diffVersions', () => {
  it('finds nothing between two equal versions', () => {
    const doc = docOf(paragraph(['Une épicerie', awa]), paragraph(['solidaire', binta]))
    expect(diffVersions(blocksOf(doc), blocksOf(doc))).toEqual({ insertions: [], deletions: [] })
  })

  it('credits words added inside someone else’s sentence to their writer', () => {
    const before = docOf(paragraph(['Une épicerie à Lyon', awa]))
    const after = docOf(paragraph(['Une épicerie ', awa], ['solidaire ', binta], ['à Lyon', awa]))
    const { insertions, deletions } = diffVersions(blocksOf(before), blocksOf(after))
    expect(deletions).toEqual([])
    expect(insertions).toHaveLength(1)
    const [inserted] = insertions
    expect(inserted?.author).toBe(bintaKey)
    expect(textAt(after, inserted?.from ?? 0, inserted?.to ?? 0)).toBe('solidaire ')
  })

  it('shows removed words where they stood, credited to whoever wrote them', () => {
    const before = docOf(paragraph(['Une épicerie ', awa], ['vraiment ', binta], ['solidaire', awa]))
    const after = docOf(paragraph(['Une épicerie solidaire', awa]))
    const { insertions, deletions } = diffVersions(blocksOf(before), blocksOf(after))
    expect(insertions).toEqual([])
    expect(deletions).toEqual([{ at: 1 + 'Une épicerie '.length, text: 'vraiment ', author: bintaKey }])
  })

  it('gives a replaced word as its deletion and its insertion, each with its author', () => {
    const before = docOf(paragraph(['Rendez-vous à Lyon', awa]))
    const after = docOf(paragraph(['Rendez-vous à ', awa], ['Grenoble', binta]))
    const { insertions, deletions } = diffVersions(blocksOf(before), blocksOf(after))
    expect(deletions).toEqual([{ at: 1 + 'Rendez-vous à '.length, text: 'Lyon', author: awaKey }])
    expect(insertions.map((insertion) => [textAt(after, insertion.from, insertion.to), insertion.author])).toEqual([['Grenoble', bintaKey]])
  })

  it('does not take one writer’s words for another’s: a full stop added after someone else’s is the adder’s', () => {
    const before = docOf(paragraph(['Une épicerie à Lyon.', awa]))
    const after = docOf(paragraph(['épicerie à Lyon.', awa], [' Ouverte le samedi.', binta]))
    const { insertions, deletions } = diffVersions(blocksOf(before), blocksOf(after))
    expect(insertions.map((insertion) => [textAt(after, insertion.from, insertion.to), insertion.author])).toEqual([[' Ouverte le samedi.', bintaKey]])
    expect(deletions).toEqual([{ at: 1, text: 'Une ', author: awaKey }])
  })

  it('keeps the letters a changed word still has: only what went or came is marked', () => {
    const before = docOf(paragraph(['Une épicerie solidaire', awa]))
    const after = docOf(paragraph(['e épicerie solidaire', awa], ['s', binta]))
    const { insertions, deletions } = diffVersions(blocksOf(before), blocksOf(after))
    expect(deletions).toEqual([{ at: 1, text: 'Un', author: awaKey }])
    expect(insertions.map((insertion) => [textAt(after, insertion.from, insertion.to), insertion.author])).toEqual([['s', bintaKey]])
  })

  it('marks a new paragraph as added and a removed one as deleted, its break with it', () => {
    const first = paragraph(['Premier point', awa])
    const last = paragraph(['Dernier point', awa])
    const withMiddle = docOf(first, paragraph(['Un ajout', binta]), last)
    const without = docOf(first, last)

    const added = diffVersions(blocksOf(without), blocksOf(withMiddle))
    expect(added.deletions).toEqual([])
    expect(added.insertions.map((insertion) => [textAt(withMiddle, insertion.from, insertion.to), insertion.author])).toEqual([['Un ajout', bintaKey]])

    const removed = diffVersions(blocksOf(withMiddle), blocksOf(without))
    expect(removed.insertions).toEqual([])
    expect(removed.deletions).toHaveLength(1)
    const [deletion] = removed.deletions
    expect(deletion?.author).toBe(bintaKey)
    expect(deletion?.text.replaceAll(paragraphSeparator, '|')).toMatch(/^\|Un ajout$|^Un ajout\|$/)
    // It stands at a paragraph's edge: the end of the first or the start of the last.
    expect([1 + 'Premier point'.length, 1 + 'Premier point'.length + 2]).toContain(deletion?.at)
  })

  it('keeps text credited to nobody (a template’s) as nobody’s, and puts text removed at the very start before what follows', () => {
    const before = docOf(paragraph(['Contexte de l’atelier', null]), paragraph(['Notes', awa]))
    const after = docOf(paragraph(['Notes', awa]))
    const { deletions } = diffVersions(blocksOf(before), blocksOf(after))
    expect(deletions).toHaveLength(1)
    expect(deletions[0]?.author).toBeNull()
    expect(deletions[0]?.text.replaceAll(paragraphSeparator, '')).toBe('Contexte de l’atelier')
    expect(deletions[0]?.at).toBe(1)
  })

  it('finds the few words that changed far apart in a long pad, without marking the rest', () => {
    const paragraphs = Array.from({ length: 3000 }, (_, index) => paragraph([`Paragraphe ${index} de la collecte, avec quelques mots.`, awa]))
    const before = docOf(...paragraphs)
    const changed = paragraphs.slice()
    changed[10] = paragraph(['Paragraphe 10 de la collecte, avec quelques mots.', awa], [' Et une suite.', binta])
    changed[1500] = paragraph(['Paragraphe 1500 de la collecte, avec ', awa], ['beaucoup de ', binta], ['mots.', awa])
    changed.splice(2990, 1)
    const after = docOf(...changed)
    const { insertions, deletions } = diffVersions(blocksOf(before), blocksOf(after))
    expect(insertions.map((insertion) => [textAt(after, insertion.from, insertion.to), insertion.author])).toEqual([
      [' Et une suite.', bintaKey],
      ['beaucoup de ', bintaKey],
    ])
    expect(deletions.map((deletion) => [deletion.text.replaceAll(paragraphSeparator, ''), deletion.author])).toEqual([
      ['quelques ', awaKey],
      ['Paragraphe 2990 de la collecte, avec quelques mots.', awaKey],
    ])
  })
})
