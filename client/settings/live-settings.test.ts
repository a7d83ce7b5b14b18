/** The page's settings follow pushed states and new links, and say so once per real change. */
import { describe, expect, it } from 'vitest'
import type { PadSettings, PadState } from '../../shared/protocol/api'
import { createLiveSettings } from './live-settings'

const initial: PadSettings = {
  id: 'pad-1',
  role: 'edit',
  title: 'Collecte',
  language: 'fr',
  event: { name: '', date: '', place: '' },
  license: 'CC-BY-SA-4.0',
  dataLicense: 'etalab-2.0',
  locked: false,
  lifetime: 'year',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2027-01-02T00:00:00.000Z',
  extraContributors: [],
  restoreRole: 'edit',
  publishedVersion: null,
  links: { edit: 'https://pad.example/p/e', view: 'https://pad.example/p/v' },
}

function stateOf(settings: PadSettings): PadState {
  const { id: _id, role: _role, links: _links, ...state } = settings
  return state
}

describe('createLiveSettings', () => {
  it('applies a pushed state but keeps the role, id and links', () => {
    const settings = createLiveSettings(initial)
    const seen: boolean[] = []
    settings.onChange((current, previous) => seen.push(current.locked !== previous.locked))
    settings.applyState({ ...stateOf(initial), locked: true, title: 'Nouveau', role: 'admin' } as PadState)
    expect(settings.current).toEqual({ ...initial, locked: true, title: 'Nouveau' })
    expect(seen).toEqual([true])
  })

  it('stays quiet when nothing changed', () => {
    const settings = createLiveSettings(initial)
    let calls = 0
    settings.onChange(() => calls++)
    settings.applyState(stateOf(initial))
    settings.applyLinks({ view: initial.links.view })
    expect(calls).toBe(0)
  })

  it('merges a new edit link', () => {
    const settings = createLiveSettings(initial)
    settings.applyLinks({ edit: 'https://pad.example/p/new' })
    expect(settings.current.links).toEqual({ edit: 'https://pad.example/p/new', view: 'https://pad.example/p/v' })
  })
})
