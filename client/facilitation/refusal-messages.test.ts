/** Every refusal the server may give and every failure of the channel has a sentence, in both languages. */
import { describe, expect, it } from 'vitest'
import { facilitationRefusals, type FacilitationRefusalCode } from '../../shared/facilitation/facilitation-view'
import { createLocalization } from '../i18n/i18n'
import { FacilitationChannelError } from './pending-commands'
import { describeFailure, describeOutcome, failureMessageKey, refusalMessageKey } from './refusal-messages'
import { fr } from '../i18n/locales/fr'

describe('refusal messages', () => {
  it('name a message for every refusal code of the server and every failure', () => {
    const codes = Object.keys(facilitationRefusals) as FacilitationRefusalCode[]
    const keys = [...codes.map(refusalMessageKey), ...(['offline', 'disconnected', 'closed'] as const).map(failureMessageKey)]
    expect(keys.filter((key) => !Object.hasOwn(fr, key))).toEqual([])
  })

  it('say a refusal in the interface language, and nothing for a command that went through', () => {
    const localization = createLocalization('fr')
    expect(describeOutcome({ ok: true }, localization)).toBeNull()
    expect(describeOutcome({ ok: false, error: 'no_round', message: 'No round is in progress.' }, localization)).toBe('Aucun tour de table n’est en cours.')
    localization.setLanguage('en')
    expect(describeOutcome({ ok: false, error: 'no_round', message: '' }, localization)).toBe('No round is in progress.')
  })

  it('say why no reply came, and throw anything else again', () => {
    const localization = createLocalization('en')
    expect(describeFailure(new FacilitationChannelError('offline'), localization)).toMatch(/^Not connected/)
    const bug = new TypeError('bug')
    expect(() => describeFailure(bug, localization)).toThrow(bug)
  })
})
