/** The facilitator's order of speakers: moves, removals, names typed, newcomers, shuffles. */
import { describe, expect, it } from 'vitest'
import { speakerKey, type Speaker } from '../../../shared/facilitation/speaker'
import { followPresence, guestSpeaker, moveSpeaker, moveSpeakerTo, shuffleSpeakers, withoutSpeaker, withSpeaker } from './speaker-order'

const awa: Speaker = { participantId: 'AAAAAAAAAAAAAAAAAAAAAA' }
const binta: Speaker = { participantId: 'BBBBBBBBBBBBBBBBBBBBBB' }
const chloe: Speaker = { name: 'Chloé' }
const order = [awa, binta, chloe]
const keys = (speakers: readonly Speaker[]) => speakers.map(speakerKey)

describe('moveSpeaker', () => {
  it('moves one place up or down, and stays at either end', () => {
    expect(moveSpeaker(order, speakerKey(binta), -1)).toEqual([binta, awa, chloe])
    expect(moveSpeaker(order, speakerKey(binta), 1)).toEqual([awa, chloe, binta])
    expect(moveSpeaker(order, speakerKey(awa), -1)).toEqual(order)
    expect(moveSpeaker(order, speakerKey(chloe), 1)).toEqual(order)
    expect(moveSpeaker(order, 'guest:nobody', 1)).toEqual(order)
  })

  it('moves to a place, as a drop does', () => {
    expect(moveSpeakerTo(order, speakerKey(chloe), 0)).toEqual([chloe, awa, binta])
    expect(moveSpeakerTo(order, speakerKey(awa), 99)).toEqual([binta, chloe, awa])
    expect(order).toEqual([awa, binta, chloe])
  })
})

describe('adding and removing', () => {
  it('takes a typed name as the server would, and lists nobody twice', () => {
    expect(guestSpeaker('  Dédé  ')).toEqual({ name: 'Dédé' })
    expect(guestSpeaker('   ')).toBeNull()
    expect(guestSpeaker('x'.repeat(61))).toBeNull()
    expect(guestSpeaker('a\u0007b')).toBeNull()
    expect(withSpeaker(order, { name: 'Chloé' })).toEqual(order)
    expect(withSpeaker([awa], chloe)).toEqual([awa, chloe])
    expect(withoutSpeaker(order, speakerKey(binta))).toEqual([awa, chloe])
  })
})

describe('followPresence', () => {
  it('adds newcomers at the end, keeps the order made and those who left, never brings back someone removed', () => {
    const dede: Speaker = { participantId: 'DDDDDDDDDDDDDDDDDDDDDD' }
    const draft = [binta, awa]
    expect(followPresence(draft, [awa, dede], new Set())).toEqual([binta, awa, dede])
    expect(followPresence(draft, [awa, dede], new Set([speakerKey(dede)]))).toEqual(draft)
  })
})

describe('shuffleSpeakers', () => {
  it('keeps everyone, in a new order given by the random source', () => {
    const shuffled = shuffleSpeakers(order, () => 0)
    expect(keys(shuffled).sort()).toEqual(keys(order).sort())
    expect(shuffled).toEqual([binta, chloe, awa])
    expect(shuffleSpeakers(order, () => 0.999999)).toEqual(order)
  })
})
