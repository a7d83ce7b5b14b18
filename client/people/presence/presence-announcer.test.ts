import { describe, expect, it } from 'vitest'
import { createLocalization } from '../../i18n/i18n'
import { describePresenceChange, presenceChange, presentNames } from './presence-announcer'

const user = (name: string) => ({ user: { name, color: '#1565c0' } })

describe('presence announcements', () => {
  it('counts people by name, without this page and without states that carry no participant', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, user('Moi')],
      [2, user('Awa')],
      [3, user('Awa')],
      [4, { cursor: null }],
      [5, user('Binta')],
    ])
    expect([...presentNames(states, 1)]).toEqual([
      ['Awa', 2],
      ['Binta', 1],
    ])
  })

  it('says nothing for a second tab of someone already here, nor for someone who left and came back', () => {
    const before = new Map([['Awa', 1]])
    expect(presenceChange(before, new Map([['Awa', 2]]))).toEqual({ joined: [], left: [] })
    expect(describePresenceChange(presenceChange(before, new Map([['Awa', 1]])), createLocalization('fr'))).toBeNull()
  })

  it('says who joined and who left in one sentence, in the interface language', () => {
    const change = presenceChange(
      new Map([
        ['Awa', 1],
        ['Chloé', 1],
      ]),
      new Map([
        ['Awa', 1],
        ['Binta', 1],
        ['Dara', 1],
      ]),
    )
    expect(change).toEqual({ joined: ['Binta', 'Dara'], left: ['Chloé'] })
    expect(describePresenceChange(change, createLocalization('fr'))).toBe('Binta et Dara ont rejoint le pad. Chloé a quitté le pad.')
    expect(describePresenceChange(change, createLocalization('en'))).toBe('Binta and Dara joined the pad. Chloé left the pad.')
  })

  it('gives a number instead of a long list of names', () => {
    const joined = ['A', 'B', 'C', 'D', 'E']
    expect(describePresenceChange({ joined, left: [] }, createLocalization('fr'))).toBe('5 personnes ont rejoint le pad.')
    expect(describePresenceChange({ joined: ['A', 'B', 'C'], left: [] }, createLocalization('en'))).toBe('A, B and C joined the pad.')
  })
})
