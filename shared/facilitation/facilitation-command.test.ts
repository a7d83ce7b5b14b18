import { describe, expect, it } from 'vitest'
import { facilitationActions, isFacilitatorCommand, parseFacilitationRequest } from './facilitation-command'

const awaId = 'AwaAwaAwaAwaAwaAwaAwa_'

describe('facilitation commands from the wire', () => {
  it('reads each action with its fields and the page\'s id', () => {
    expect(parseFacilitationRequest({ id: 7, action: 'dot-add', cardId: '1234-5' })).toEqual({ id: 7, command: { action: 'dot-add', cardId: '1234-5' } })
    expect(parseFacilitationRequest({ action: 'round-start', speakers: [{ participantId: awaId }, { name: '  Marcel ' }], shuffle: true })).toEqual({
      id: null,
      command: { action: 'round-start', speakers: [{ participantId: awaId }, { name: 'Marcel' }], shuffle: true },
    })
    expect(parseFacilitationRequest({ action: 'vote-open', timeBoxMs: null, visibility: 'hidden' }).command).toEqual({ action: 'vote-open', timeBoxMs: null, visibility: 'hidden' })
  })

  it('refuses anything it does not know, beyond its range or carrying more than the action takes', () => {
    const refused: unknown[] = [
      null,
      [],
      { action: 'vote-steal' },
      { action: '__proto__' },
      { action: 'dot-add' },
      { action: 'dot-add', cardId: '../1' },
      { action: 'dot-add', cardId: '99999999999999999-1' },
      // A command never says who gives it: the connection does.
      { action: 'dot-add', cardId: '1-0', participantId: awaId },
      { action: 'hand-raise', participant: awaId },
      { action: 'vote-open', dotsPerParticipant: 0 },
      { action: 'vote-open', dotsPerParticipant: 21 },
      { action: 'vote-open', dotsPerParticipant: 2.5 },
      { action: 'vote-open', visibility: 'everything' },
      { action: 'round-extend', ms: -1 },
      { action: 'round-start', speakers: [{ name: 'A' }, { name: 'A' }] },
      { action: 'round-start', speakers: [{ name: 'x'.repeat(61) }] },
      { action: 'round-start', speakers: [{ name: 'a\u0007' }] },
      { action: 'round-start', speakers: [{ participantId: 'short' }] },
      { action: 'round-start', speakers: [{ participantId: awaId, name: 'Awa' }] },
      { action: 'round-start', speakers: Array.from({ length: 201 }, (_, i) => ({ name: `P${i}` })) },
      { action: 'hand-raise', id: -1 },
      { action: 'hand-raise', id: 'sept' },
    ]
    for (const value of refused) expect(() => parseFacilitationRequest(JSON.parse(JSON.stringify(value)) as unknown), JSON.stringify(value)).toThrow(TypeError)
    expect(() => parseFacilitationRequest(JSON.parse('{"action":"hand-raise","__proto__":{"x":1}}') as unknown)).toThrow(TypeError)
  })

  it('tells the facilitator\'s commands from each participant\'s own', () => {
    const own = facilitationActions.filter((action) => !isFacilitatorCommand(parseFacilitationRequest(sampleOf(action)).command))
    expect(own.sort()).toEqual(['dot-add', 'dot-remove', 'hand-lower', 'hand-raise'])
  })
})

function sampleOf(action: string): Record<string, unknown> {
  const fields: Record<string, Record<string, unknown>> = {
    'round-start': { speakers: [] },
    'round-order': { speakers: [] },
    'round-add': { speaker: { name: 'A' } },
    'round-remove': { speaker: { name: 'A' } },
    'round-extend': { ms: 1000 },
    'round-turn-length': { turnMs: 60_000 },
    'vote-extend': { ms: 1000 },
    'vote-order': { order: 'dots' },
    'dot-add': { cardId: '1-0' },
    'dot-remove': { cardId: '1-0' },
  }
  return { action, ...(fields[action] ?? {}) }
}
