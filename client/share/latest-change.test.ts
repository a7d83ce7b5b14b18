/** The latest change is found where it happened. */
import { describe, expect, it } from 'vitest'
import { padSchema } from '../../shared/pad/schema'
import { padNodes } from '../editor/schema-types'
import { findChangedPosition } from './latest-change'

const { paragraph } = padNodes

function docOf(...texts: string[]) {
  return padSchema.topNodeType.create(
    null,
    texts.map((text) => paragraph.create(null, text === '' ? null : padSchema.text(text))),
  )
}

describe('findChangedPosition', () => {
  it('is null when nothing changed', () => {
    expect(findChangedPosition(docOf('a', 'b'), docOf('a', 'b'))).toBeNull()
  })

  it('points after text typed at the end of the last paragraph', () => {
    const next = docOf('Bonjour', 'Salut tout le monde')
    // doc: <p>Bonjour</p> = 9, then <p> opens at 9, text starts at 10.
    expect(findChangedPosition(docOf('Bonjour', 'Salut'), next)).toBe(10 + 'Salut tout le monde'.length)
  })

  it('points into an earlier paragraph when that is where the edit was', () => {
    expect(findChangedPosition(docOf('ab', 'zzz'), docOf('abc', 'zzz'))).toBe(4)
  })

  it('stays inside the new document after a deletion', () => {
    const next = docOf('a')
    const position = findChangedPosition(docOf('a', 'long paragraph'), next)
    expect(position).not.toBeNull()
    expect(position).toBeLessThanOrEqual(next.content.size)
  })
})
