/** Settings from the network are read with defaults for what is missing. */
import { describe, expect, it } from 'vitest'
import { parsePadState } from './pad-state'

const wellFormed = {
  title: 'Café projets',
  language: 'en',
  event: { name: 'Rencontre', date: '2026-11-21', place: 'Lyon' },
  license: 'CC0-1.0',
  dataLicense: 'ODbL-1.0',
  locked: true,
  lifetime: 'month',
  createdAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T11:00:00.000Z',
  expiresAt: '2026-12-22T11:00:00.000Z',
  extraContributors: ['Nadia'],
  restoreRole: 'admin',
  publishedVersion: 'AAAAAAAAAAAAAAAAAAAAAA',
}

describe('parsePadState', () => {
  it('keeps a well-formed state', () => {
    expect(parsePadState(wellFormed)).toEqual(wellFormed)
  })

  it('falls back to defaults for missing or odd fields', () => {
    expect(parsePadState({ license: 'GPL-3.0', dataLicense: 'MIT', lifetime: 'decade', locked: 'yes', event: { date: '21/11/2026', name: 3 }, extraContributors: ['A', 2], restoreRole: 'view', publishedVersion: 4 })).toEqual({
      title: '',
      language: 'fr',
      event: { name: '', date: '', place: '' },
      license: 'CC-BY-SA-4.0',
      dataLicense: 'etalab-2.0',
      locked: false,
      lifetime: 'year',
      createdAt: '',
      updatedAt: '',
      expiresAt: null,
      extraContributors: ['A'],
      restoreRole: 'edit',
      publishedVersion: null,
    })
  })

  it('refuses what is not an object', () => {
    expect(() => parsePadState(null)).toThrow(TypeError)
    expect(() => parsePadState([wellFormed])).toThrow(TypeError)
    expect(() => parsePadState('{}')).toThrow(TypeError)
  })
})
