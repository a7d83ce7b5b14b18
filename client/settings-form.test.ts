/** The facilitator's form sends only what changed, and refuses what the server would. */
import { describe, expect, it } from 'vitest'
import type { PadState } from '../shared/api'
import { buildSettingsPatch, settingsFormValuesOf } from './settings-form'

const current: PadState = {
  title: 'Collecte',
  language: 'fr',
  event: { name: 'Café projets', date: '2026-03-12', place: 'Villeurbanne' },
  license: 'CC-BY-SA-4.0',
  locked: false,
  lifetime: 'year',
  createdAt: '2026-03-12T09:00:00.000Z',
  updatedAt: '2026-03-12T09:00:00.000Z',
  expiresAt: '2027-03-13T09:00:00.000Z',
  extraContributors: [],
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
      lifetime: 'decade',
    }
    const outcome = buildSettingsPatch(values, current)
    expect(outcome.kind).toBe('invalid')
    expect(outcome.kind === 'invalid' && outcome.problems.map((problem) => problem.field)).toEqual([
      'title',
      'eventName',
      'eventDate',
      'license',
      'lifetime',
    ])
  })
})
