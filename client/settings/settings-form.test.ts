/** The facilitator's form sends only what changed, and refuses what the server would. */
import { describe, expect, it } from 'vitest'
import type { PadState } from '../../shared/protocol/api'
import { buildSettingsPatch, settingsFormValuesOf } from './settings-form'

const current: PadState = {
  title: 'Collecte',
  language: 'fr',
  event: { name: 'Café projets', date: '2026-03-12', place: 'Villeurbanne' },
  license: 'CC-BY-SA-4.0',
  dataLicense: 'etalab-2.0',
  locked: false,
  lifetime: 'year',
  createdAt: '2026-03-12T09:00:00.000Z',
  updatedAt: '2026-03-12T09:00:00.000Z',
  expiresAt: '2027-03-13T09:00:00.000Z',
  extraContributors: [],
  restoreRole: 'edit',
  publishedVersion: null,
}

describe('buildSettingsPatch', () => {
  it('finds nothing to send for the values of the current settings', () => {
    expect(buildSettingsPatch(settingsFormValuesOf(current), current)).toEqual({ kind: 'unchanged' })
  })

  it('sends only the fields that changed, trimmed', () => {
    const values = { ...settingsFormValuesOf(current), title: '  Collecte de mars ', eventPlace: 'Lyon', license: 'CC0-1.0' }
    expect(buildSettingsPatch(values, current)).toEqual({
      kind: 'patch',
      patch: { title: 'Collecte de mars', event: { place: 'Lyon' }, license: 'CC0-1.0' },
    })
  })

  it('sends who may restore a version when the facilitator changes it', () => {
    const values = { ...settingsFormValuesOf(current), restoreRole: 'admin' }
    expect(buildSettingsPatch(values, current)).toEqual({ kind: 'patch', patch: { restoreRole: 'admin' } })
    expect(buildSettingsPatch({ ...values, restoreRole: 'view' }, current)).toEqual({
      kind: 'invalid',
      problems: [{ field: 'restoreRole', key: 'settings.error.restoreRole' }],
    })
  })

  it('clears the date and changes the lifetime', () => {
    const values = { ...settingsFormValuesOf(current), eventDate: '', lifetime: 'forever' }
    expect(buildSettingsPatch(values, current)).toEqual({ kind: 'patch', patch: { event: { date: '' }, lifetime: 'forever' } })
  })

  it('names every field the server would refuse', () => {
    const values = {
      title: 'x'.repeat(201),
      eventName: 'y'.repeat(201),
      eventDate: '2026-02-31',
      eventPlace: '',
      license: 'GPL-3.0',
      dataLicense: 'CC-BY-NC-SA-4.0',
      lifetime: 'decade',
      restoreRole: 'view',
      extraContributors: 'x'.repeat(61),
    }
    const outcome = buildSettingsPatch(values, current)
    expect(outcome.kind).toBe('invalid')
    expect(outcome.kind === 'invalid' && outcome.problems.map((problem) => problem.field)).toEqual([
      'title',
      'eventName',
      'eventDate',
      'license',
      'dataLicense',
      'lifetime',
      'restoreRole',
      'extraContributors',
    ])
  })

  it('sends the names credited without typing only when the list changed', () => {
    const credited = { ...current, extraContributors: ['Chloé', 'Dan'] }
    expect(buildSettingsPatch({ ...settingsFormValuesOf(credited), extraContributors: 'Chloé, Dan\n' }, credited)).toEqual({
      kind: 'unchanged',
    })
    expect(buildSettingsPatch({ ...settingsFormValuesOf(current), extraContributors: 'Chloé\n Dan , Chloé' }, current)).toEqual({
      kind: 'patch',
      patch: { extraContributors: ['Chloé', 'Dan'] },
    })
    expect(buildSettingsPatch({ ...settingsFormValuesOf(credited), extraContributors: '' }, credited)).toEqual({
      kind: 'patch',
      patch: { extraContributors: [] },
    })
  })

  it('refuses more names than the server keeps', () => {
    const names = Array.from({ length: 101 }, (_, index) => `Personne ${index}`).join('\n')
    const outcome = buildSettingsPatch({ ...settingsFormValuesOf(current), extraContributors: names }, current)
    expect(outcome).toEqual({
      kind: 'invalid',
      problems: [{ field: 'extraContributors', key: 'settings.error.tooManyNames', params: { max: 100 } }],
    })
  })
})
