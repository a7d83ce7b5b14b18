import { describe, expect, it } from 'vitest'
import { eventParts, formatAuthors, formatDay, formatDuration, joinWords, sessionFacts } from './labels'
import { buildFixtureRecipe } from '../testing/recipe-fixtures'

describe('export labels', () => {
  it('write days in words without the runtime locale', () => {
    expect(formatDay('2025-11-20', 'fr')).toBe('20 novembre 2025')
    expect(formatDay('2025-08-01T10:00:00.000Z', 'fr')).toBe('1er août 2025')
    expect(formatDay('2025-09-15', 'en')).toBe('15 September 2025')
    expect(formatDay('not a date', 'en')).toBe('not a date')
    expect(formatDay('2025-13-01', 'fr')).toBe('2025-13-01')
  })

  it('write durations in hours and minutes', () => {
    expect(formatDuration(45)).toBe('45 min')
    expect(formatDuration(60)).toBe('1 h')
    expect(formatDuration(135)).toBe('2 h 15 min')
    expect(formatDuration(125)).toBe('2 h 05 min')
  })

  it('join names as a sentence does', () => {
    expect(joinWords([], 'fr')).toBe('')
    expect(joinWords(['Alice'], 'fr')).toBe('Alice')
    expect(joinWords(['Alice', 'Bruno', 'Chloé'], 'fr')).toBe('Alice, Bruno et Chloé')
    expect(joinWords(['Alice', 'Bruno'], 'en')).toBe('Alice and Bruno')
  })

  it('credit the workshop when nobody is named', () => {
    const recipe = { ...buildFixtureRecipe('blank'), contributors: [] }
    expect(formatAuthors(recipe)).toBe('les participant·es de l’atelier')
  })

  it('say when, where and what of a session, leaving out what is not known', () => {
    const recipe = buildFixtureRecipe('collecte')
    expect(eventParts(recipe)).toEqual(['Rencontre ESS du Rhône', '20 novembre 2025', 'Villeurbanne, Maison du citoyen'])
    expect(sessionFacts(recipe).map((fact) => fact.label)).toEqual(['Date', 'Durée', 'Personnes présentes (4)', 'Initiatives collectées', 'Sections', 'Tour de table', 'Vote par gommettes'])
    const unknown = {
      ...recipe,
      event: { name: '', date: '', place: '' },
      session: { ...recipe.session, date: null, durationMinutes: null, peoplePresent: [], initiativeCount: 0, sections: [], rounds: [], votes: [] },
    }
    expect(eventParts(unknown)).toEqual([])
    expect(sessionFacts(unknown)).toEqual([])
  })

  it('say who spoke in each tour de table, how long, in order, and each vote\'s results, numbered when there are several', () => {
    const recipe = buildFixtureRecipe('collecte')
    const [round] = recipe.session.rounds
    const [vote] = recipe.session.votes
    const english = {
      ...recipe,
      language: 'en' as const,
      session: { ...recipe.session, rounds: [round!, { ...round!, endedAt: null, turns: [{ speaker: 'Zoé', startedAt: '', seconds: 45, isSkipped: false }] }, { ...round!, turns: [] }], votes: [vote!, { ...vote!, results: [] }] },
    }
    const facts = sessionFacts(english).slice(-4)
    expect(facts).toEqual([
      { label: 'Round table 1', value: 'Alice Martin (2 min 05 s), Bruno Lefèvre (passed), Chloé Dubois (3 min), someone (1 min)' },
      { label: 'Round table 2 (in progress)', value: 'Zoé (45 s)' },
      { label: 'Dot vote 1', value: 'Épicerie solidaire L’Épi (7), Repair café des Gratte-Ciel (3) — 3 dots each, 4 people voted' },
      { label: 'Dot vote 2', value: 'no dots on the initiatives — 3 dots each, 4 people voted' },
    ])
  })
})
