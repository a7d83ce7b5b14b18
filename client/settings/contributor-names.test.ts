/** The facilitator's list of people credited without typing, as typed in the field. */
import { describe, expect, it } from 'vitest'
import { formatContributorNames, isSameNameList, parseContributorNames } from './contributor-names'

describe('parseContributorNames', () => {
  it('reads one name per line or comma-separated, cleaned, without blanks or repeats', () => {
    expect(parseContributorNames('Chloé Martin\n  Dan ,Awa\r\n\n, Chloé   Martin ,\tEli\u0007 Ros')).toEqual([
      'Chloé Martin',
      'Dan',
      'Awa',
      'Eli Ros',
    ])
  })

  it('reads nothing from an empty field', () => {
    expect(parseContributorNames(' \n , ')).toEqual([])
  })

  it('reads back what it shows', () => {
    const names = ['Chloé Martin', 'Dan']
    expect(parseContributorNames(formatContributorNames(names))).toEqual(names)
    expect(formatContributorNames(names)).toBe('Chloé Martin\nDan')
  })
})

describe('isSameNameList', () => {
  it('compares names and order', () => {
    expect(isSameNameList(['A', 'B'], ['A', 'B'])).toBe(true)
    expect(isSameNameList(['A', 'B'], ['B', 'A'])).toBe(false)
    expect(isSameNameList(['A'], ['A', 'B'])).toBe(false)
  })
})
