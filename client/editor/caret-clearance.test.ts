import { describe, expect, it } from 'vitest'
import { caretGapPx, keyboardCover, scrollMarginFor } from './caret-clearance'

describe('caret clearance', () => {
  it('keeps the caret a gap away from the toolbar at the top and the keyboard at the bottom', () => {
    expect(scrollMarginFor({ topCover: 58, bottomCover: 300 })).toEqual({
      top: 58 + caretGapPx,
      right: caretGapPx,
      bottom: 300 + caretGapPx,
      left: caretGapPx,
    })
  })

  it('measures the keyboard as the part of the window below the visual viewport', () => {
    expect(keyboardCover(740, { height: 440, offsetTop: 0 })).toBe(300)
    // Scrolled by pinch-zoom: the viewport is lower, what is below it is smaller.
    expect(keyboardCover(740, { height: 440, offsetTop: 100 })).toBe(200)
    expect(keyboardCover(740, { height: 740, offsetTop: 0 })).toBe(0)
    expect(keyboardCover(740, null)).toBe(0)
  })
})
