/** The vote's words in both languages: button names with what is left, a card's tally and count, the panel's lines, the time box. */
import { describe, expect, it } from 'vitest'
import { Role } from '../../../shared/protocol/roles'
import { createLocalization } from '../../i18n/i18n'
import { closedModel, openModel } from './testing/vote-fixtures'
import { addDotLabel, cardName, cardResultText, cardTallyTexts, openVoteLines, removeDotLabel, resultsSummary, timeBoxText } from './vote-labels'

const fr = createLocalization('fr')
const en = createLocalization('en')

describe('vote labels', () => {
  it('name the card buttons with the card and what is left, a card without a name by its number', () => {
    const vote = openModel()
    const [repairCafe, unnamed] = vote.cards
    if (repairCafe === undefined || unnamed === undefined) throw new Error('two cards expected')
    expect(addDotLabel(repairCafe, vote, fr)).toBe('Ajouter une gommette à «\u202FRepair café\u202F» (1 restante)')
    expect(addDotLabel(unnamed, openModel({ myDots: {} }), fr)).toBe('Ajouter une gommette à «\u202FFiche 2 sans nom\u202F» (3 restantes)')
    expect(addDotLabel(repairCafe, openModel({ myDots: { '1-0': 3 } }), fr)).toBe('Ajouter une gommette à «\u202FRepair café\u202F» (0 restante)')
    expect(removeDotLabel(repairCafe, fr)).toBe('Retirer une gommette de «\u202FRepair café\u202F» (vous en avez 2 ici)')
    expect(addDotLabel(repairCafe, vote, en)).toBe('Add a dot to “Repair café” (1 left)')
    expect(removeDotLabel(repairCafe, en)).toBe('Remove a dot from “Repair café” (you have 2 here)')
    expect(cardName(unnamed, en)).toBe('Untitled card 2')
  })

  it('show a card’s dots and total while open (no total when hidden), and its count once closed', () => {
    const card = openModel().cards[0]
    if (card === undefined) throw new Error('a card expected')
    expect(cardTallyTexts(card, fr)).toEqual({ mine: 'Vous\u00A0: 2', total: 'Total\u00A0: 4' })
    expect(cardTallyTexts(openModel({ visibility: 'hidden', totals: null }).cards[0] ?? card, en)).toEqual({ mine: 'You: 2', total: null })
    const [first, , last] = closedModel().rows
    expect(first === undefined || last === undefined ? null : [cardResultText(first, fr), cardResultText(last, fr)]).toEqual(['Vote\u00A0: 5 gommettes', 'Vote\u00A0: 0 gommette'])
    expect(resultsSummary(closedModel({ voterCount: 1, dotsPerParticipant: 1 }), en)).toBe('1 dot each, 1 person voted.')
    expect(resultsSummary(closedModel(), fr)).toBe('3 gommettes par personne, 3 personnes ont voté.')
  })

  it('say the rules, what I have left, how far the vote went, and that totals are hidden', () => {
    expect(openVoteLines(openModel(), fr)).toEqual([
      '3 gommettes par personne, plusieurs possibles sur une même fiche.',
      'Il vous reste 1 gommette.',
      'Jusqu’ici\u00A0: 5 gommettes de 2 personnes.',
    ])
    expect(openVoteLines(openModel({ allowStacking: false, visibility: 'hidden', totals: null, dotsCast: 1, voterCount: 1 }), en)).toEqual([
      '3 dots each, at most one per card.',
      'You have 1 dot left.',
      'So far: 1 dot from 1 person.',
      'The totals stay hidden until the vote closes.',
    ])
    expect(openVoteLines(openModel({}, Role.view), en)[1]).toMatch(/^This read-only link does not vote/)
  })

  it('show the time box as a clock, paused, or over', () => {
    expect(timeBoxText({ phase: 'running', clock: '4:05' }, fr)).toBe('Temps indicatif\u00A0: encore 4:05')
    expect(timeBoxText({ phase: 'paused', clock: '0:30' }, en)).toBe('Time box paused: 0:30 left')
    expect(timeBoxText({ phase: 'over', clock: '1:02' }, fr)).toBe('Temps indicatif dépassé de 1:02')
  })
})
