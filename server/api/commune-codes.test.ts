import { describe, expect, it } from 'vitest'
import { findCommuneCode, loadCommuneTable } from './commune-codes'

describe('findCommuneCode', () => {
  const communes = loadCommuneTable()

  it('finds the INSEE code of a commune named as people write it', () => {
    expect(findCommuneCode('Vénissieux', communes)).toBe('69259')
    expect(findCommuneCode('  venissieux ', communes)).toBe('69259')
    expect(findCommuneCode('Saint-Étienne', communes)).toBe('42218')
    expect(findCommuneCode('St Etienne', communes)).toBe('42218')
  })

  it('settles a shared name only with a department or postal code', () => {
    expect(findCommuneCode('Saint-Denis', communes)).toBe('')
    expect(findCommuneCode('Saint-Denis (93)', communes)).toBe('93066')
    expect(findCommuneCode('Saint-Denis 97400', communes)).toBe('97411')
  })

  it('gives no code for what is not a commune', () => {
    for (const territory of ['', 'quartier des Minguettes', 'Auvergne-Rhône-Alpes', 'Vénisieux']) expect(findCommuneCode(territory, communes), territory).toBe('')
  })
})
