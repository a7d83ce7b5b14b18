import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { formatMarker, scanMarkers } from './latency-marker'

function markersIn(bytes: Buffer, start = 0, end = bytes.length): [number, number][] {
  const found: [number, number][] = []
  scanMarkers(bytes, start, end, (sender, time) => found.push([sender, time]))
  return found
}

describe('scanMarkers', () => {
  it('finds every marker typed into a Yjs update, in order', () => {
    const doc = new Y.Doc()
    const text = doc.getText('t')
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    text.insert(0, `atelier ${formatMarker(12, 3456)} `)
    text.insert(text.length, `recette ${formatMarker(7, 89)} `)
    const merged = Buffer.from(Y.mergeUpdates(updates))
    expect(markersIn(merged)).toEqual([
      [12, 3456],
      [7, 89],
    ])
  })

  it('reads only the bytes between start and end', () => {
    const bytes = Buffer.from(`${formatMarker(1, 10)}..${formatMarker(2, 20)}..${formatMarker(3, 30)}`)
    const second = bytes.indexOf('{{s2')
    const third = bytes.indexOf('{{s3')
    expect(markersIn(bytes, second, third)).toEqual([[2, 20]])
    // A marker cut by the end is not one.
    expect(markersIn(bytes, 0, third + 5)).toEqual([
      [1, 10],
      [2, 20],
    ])
  })

  it('finds markers at any offset, back to back, and right after a broken one', () => {
    for (let pad = 0; pad < 4; pad++) {
      const text = `${'x'.repeat(pad)}{{s1t2}}{{s3t4}}{{{s5t6}}{{s7{{s8t9}}`
      expect(markersIn(Buffer.from(text))).toEqual([
        [1, 2],
        [3, 4],
        [5, 6],
        [8, 9],
      ])
    }
  })

  it('skips text that only looks like the start of a marker', () => {
    const bytes = Buffer.from(`{{s}} {{sx1t2}} {{s4t}} {{s{{s5t6}} {{s7t8`)
    expect(markersIn(bytes)).toEqual([[5, 6]])
  })
})
