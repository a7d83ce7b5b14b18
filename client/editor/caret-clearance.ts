/**
 * Keeps the caret and the line being typed clear of what covers the editor:
 * the toolbar, which sticks to the top of the screen, and a phone's
 * on-screen keyboard, which covers the bottom of the layout viewport where a
 * browser does not resize the page for it (the visual viewport is then
 * shorter than the window). ProseMirror scrolls the selection into view after
 * typing and after caret moves by key when it comes within `scrollThreshold`
 * of an edge, to `scrollMargin` from it; this plugin gives it one object for
 * both, whose sides follow the toolbar's height and the keyboard's, measured
 * when they change (a hidden toolbar measures 0). ProseMirror keeps the
 * object, so updating its sides is enough.
 */
import { Plugin } from 'prosemirror-state'

/** Pixels between the caret and what covers the editor, besides the thing's own size. */
export const caretGapPx = 12

export interface CoveredEdges {
  /** Height of what sticks over the top of the editor (the toolbar), 0 when hidden. */
  topCover: number
  /** Height of the window's bottom hidden by an on-screen keyboard. */
  bottomCover: number
}

export interface ScrollMargin {
  top: number
  right: number
  bottom: number
  left: number
}

/** The margin ProseMirror keeps around the caret when both edges are covered as measured. */
export function scrollMarginFor({ topCover, bottomCover }: CoveredEdges): ScrollMargin {
  return { top: topCover + caretGapPx, right: caretGapPx, bottom: bottomCover + caretGapPx, left: caretGapPx }
}

/** The part of a window of `windowHeight` that the visual viewport does not show at its bottom. */
export function keyboardCover(windowHeight: number, viewport: { height: number; offsetTop: number } | null): number {
  if (viewport === null) return 0
  return Math.max(0, Math.round(windowHeight - viewport.offsetTop - viewport.height))
}

/** The plugin, measuring `toolbar` (sticky at the top) and the window's visual viewport. */
export function buildCaretClearance(toolbar: HTMLElement): Plugin {
  const margin: ScrollMargin = scrollMarginFor({ topCover: 0, bottomCover: 0 })
  const measure = (): void => {
    const topCover = toolbar.getBoundingClientRect().height
    Object.assign(margin, scrollMarginFor({ topCover, bottomCover: keyboardCover(window.innerHeight, window.visualViewport) }))
  }
  return new Plugin({
    // The threshold says when the caret counts as covered, the margin where it is scrolled to: both are the covers.
    props: { scrollThreshold: margin, scrollMargin: margin },
    view: () => {
      measure()
      const toolbarSize = new ResizeObserver(measure)
      toolbarSize.observe(toolbar)
      window.visualViewport?.addEventListener('resize', measure)
      window.addEventListener('resize', measure)
      return {
        destroy: () => {
          toolbarSize.disconnect()
          window.visualViewport?.removeEventListener('resize', measure)
          window.removeEventListener('resize', measure)
        },
      }
    },
  })
}
