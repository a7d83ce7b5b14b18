import { describe, expect, it } from 'vitest'
import type { StormResult } from './storm'
import { isNothingLost, percentileOf, stormRows } from './storm-report'

const storm = (overrides: Partial<StormResult>): StormResult => ({
  padBytes: 1000,
  syncedMs: [10, 20, 30, 40],
  answerMs: [1, 2, 3, 4],
  applyMs: [5, 10, 15, 20],
  failedToSync: 0,
  longestStallMs: 50,
  convergedMs: 100,
  edits: 10,
  writers: 2,
  clientsMissingEdits: 0,
  clients: 4,
  writersMissingInStore: 0,
  otherLoadOnServerCore: 0,
  ...overrides,
})

describe('percentileOf', () => {
  it('takes the nearest rank among the participants that synced', () => {
    const synced = Array.from({ length: 40 }, (_, i) => i + 1)
    expect(percentileOf(synced, 0.5)).toBe(20)
    expect(percentileOf(synced, 0.95)).toBe(38)
    expect(percentileOf([5, Number.NaN, 1], 1)).toBe(5)
    expect(percentileOf([], 0.5)).toBeNaN()
  })
})

describe('storm verdicts', () => {
  it('counts a participant that never synced, a client lacking an edit or a store lacking a writer as lost', () => {
    expect(isNothingLost(storm({}))).toBe(true)
    expect(isNothingLost(storm({ failedToSync: 1 }))).toBe(false)
    expect(isNothingLost(storm({ clientsMissingEdits: 1 }))).toBe(false)
    expect(isNothingLost(storm({ writersMissingInStore: 1 }))).toBe(false)
  })

  it('holds ours to half the best peer’s p95, a 100 ms stall and nothing lost on any server', () => {
    const { checks } = stormRows('Join storm', 'Join storm', {
      atelier: { ok: true, value: storm({ syncedMs: [10, 20], longestStallMs: 120 }) },
      ywebsocket: { ok: true, value: storm({ syncedMs: [30, 50], clientsMissingEdits: 2 }) },
      hocuspocus: { ok: true, value: storm({ syncedMs: [40, 45] }) },
    })
    expect(checks.map((check) => check.met)).toEqual([true, false, false])
    expect(checks[0]?.detail).toContain('0.44×')
  })

  it("sets the server's answer beside the whole time to synced, with its own ratio to the best peer", () => {
    const { rows, checks } = stormRows('Join storm', 'Join storm', {
      atelier: { ok: true, value: storm({ syncedMs: [10, 20], answerMs: [1, 2] }) },
      ywebsocket: { ok: true, value: storm({ syncedMs: [12, 22], answerMs: [4, 8] }) },
      hocuspocus: { ok: true, value: storm({ syncedMs: [30, 50], answerMs: [2, 5] }) },
    })
    const answer = rows.find((row) => row.figure.startsWith("of which the server's answer"))
    expect(answer?.values.atelier).toBe('1.0 / 2.0 / 2.0')
    expect(answer?.ratio).toBe('0.40×')
    expect(checks[0]?.met).toBe(false)
    expect(checks[0]?.detail).toContain("the server's answer alone: 2.0 ms, 0.40×")
  })
})
