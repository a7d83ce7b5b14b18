import { describe, expect, it } from 'vitest'
import { secondBackFor } from './churn'

const within = (limit: number) => (rss: number, second: number) => second >= 2 && rss <= limit

describe('secondBackFor', () => {
  it('is the first second from which every reading stays back', () => {
    expect(secondBackFor([900, 900, 900, 100, 100, 100], within(150))).toBe(3)
  })

  it('ignores a dip that did not last', () => {
    expect(secondBackFor([900, 900, 100, 900, 100, 100], within(150))).toBe(4)
  })

  it('is -1 when the last reading is not back', () => {
    expect(secondBackFor([900, 100, 100, 100, 900], within(150))).toBe(-1)
  })

  it('never counts readings before the seconds the caller allows', () => {
    expect(secondBackFor([100, 100, 100, 100], within(150))).toBe(2)
  })
})
