/** Participants read from awareness are bounded and their colors readable. */
import { describe, expect, it } from 'vitest'
import { maxNameLength, normalizeName, parseParticipant, participantColors, pickParticipantColor } from './participant'

/** WCAG relative luminance of a #rrggbb color. */
function luminance(color: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(color.slice(start, start + 2), 16) / 255)
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

describe('participantColors', () => {
  it('carry white label text at a contrast of at least 4.5:1', () => {
    for (const color of participantColors) {
      expect((1 + 0.05) / (luminance(color) + 0.05), color).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('are picked within the palette, whatever the random number', () => {
    expect(pickParticipantColor(() => 0)).toBe(participantColors[0])
    expect(pickParticipantColor(() => 0.999999)).toBe(participantColors[participantColors.length - 1])
    expect(participantColors).toContain(pickParticipantColor(Math.random))
  })
})

describe('normalizeName', () => {
  it('trims, collapses white space and control characters', () => {
    expect(normalizeName('  Anne \n\t Marie\u0000 ')).toBe('Anne Marie')
    expect(normalizeName('   ')).toBeNull()
  })

  it('cuts long names without splitting a character', () => {
    const name = normalizeName('😀'.repeat(maxNameLength))
    expect(name).not.toBeNull()
    expect(name?.length).toBeLessThanOrEqual(maxNameLength)
    expect(name).toBe('😀'.repeat(maxNameLength / 2))
  })
})

describe('parseParticipant', () => {
  it('accepts a name and a #rrggbb color', () => {
    expect(parseParticipant({ name: ' Bob ', color: '#1565c0' })).toEqual({ name: 'Bob', color: '#1565c0' })
  })

  it('refuses colors that could carry other CSS, and missing names', () => {
    expect(parseParticipant({ name: 'Eve', color: 'red; background: url(https://evil.example)' })).toBeNull()
    expect(parseParticipant({ name: 'Eve', color: '#12345' })).toBeNull()
    expect(parseParticipant({ name: '', color: '#1565c0' })).toBeNull()
    expect(parseParticipant({ name: 42, color: '#1565c0' })).toBeNull()
    expect(parseParticipant(null)).toBeNull()
    expect(parseParticipant('Bob')).toBeNull()
  })
})
