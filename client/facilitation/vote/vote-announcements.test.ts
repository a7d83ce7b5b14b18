/** What is said aloud when the vote changes: my own dots, its opening and closing, its time box and totals; never other people's dots. */
import { describe, expect, it } from 'vitest'
import { pauseTimer, startTimer } from '../../../shared/facilitation/turn-timer'
import { createLocalization } from '../../i18n/i18n'
import { closedModel, openModel } from './testing/vote-fixtures'
import { describeVoteChange } from './vote-announcements'
import { noVote } from './vote-model'

const fr = createLocalization('fr')
const en = createLocalization('en')

describe('describeVoteChange', () => {
  it('says a vote opened, and closed', () => {
    expect(describeVoteChange(noVote, openModel(), fr)).toBe('Vote par gommettes ouvert\u00A0: 3 gommettes par personne.')
    expect(describeVoteChange(closedModel(), openModel(), en)).toBe('Dot vote open: 3 dots each.')
    expect(describeVoteChange(openModel(), closedModel({ id: 'v1' }), fr)).toBe('Vote clôturé\u00A0: les résultats sont affichés.')
  })

  it('says where my dot went or came from, and how many I have left', () => {
    const before = openModel({ myDots: { '1-0': 1 } })
    expect(describeVoteChange(before, openModel(), fr)).toBe('Gommette ajoutée à «\u202FRepair café\u202F». Il vous reste 1 gommette.')
    expect(describeVoteChange(openModel(), openModel({ myDots: { '1-0': 2, '2-4': 1 } }), en)).toBe('Dot added to “Jardin partagé”. You have 0 dots left.')
    expect(describeVoteChange(openModel(), before, fr)).toBe('Gommette retirée de «\u202FRepair café\u202F». Il vous reste 2 gommettes.')
  })

  it('says nothing of other people’s dots, nor of the same view again', () => {
    expect(describeVoteChange(openModel(), openModel({ totals: { '1-0': 9 }, dotsCast: 10, voterCount: 4 }), fr)).toBeNull()
    expect(describeVoteChange(openModel(), openModel(), fr)).toBeNull()
    expect(describeVoteChange(noVote, noVote, fr)).toBeNull()
    expect(describeVoteChange(closedModel(), closedModel({ order: 'document' }), fr)).toBeNull()
  })

  it('says the time box paused or runs again, and the totals shown or hidden', () => {
    const running = startTimer(60_000, 0)
    const paused = pauseTimer(running, 1_000)
    expect(describeVoteChange(openModel({ timer: running }), openModel({ timer: paused }), fr)).toBe('Le temps indicatif du vote est en pause.')
    expect(describeVoteChange(openModel({ timer: paused }), openModel({ timer: running }), en)).toBe('The vote’s time box runs again.')
    expect(describeVoteChange(openModel(), openModel({ visibility: 'hidden', totals: null }), en)).toBe('The vote’s totals are now hidden until it closes.')
  })
})
