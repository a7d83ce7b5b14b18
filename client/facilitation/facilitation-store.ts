/**
 * The page's copy of the pad's facilitation: the latest `FacilitationView`
 * the server sent (shared/facilitation/facilitation-view.ts) and how far the
 * page's clock is from the server's, so that a timer computed here
 * (shared/facilitation/turn-timer.ts) shows what every other page shows. A
 * small observable value: views go in, listeners hear of each one. It does
 * not talk to the network (facilitation-channel.ts does) nor render anything.
 */
import type { FacilitationView } from '../../shared/facilitation/facilitation-view'

export interface FacilitationSnapshot {
  /** The latest view, or null before the first one arrived. */
  view: FacilitationView | null
  /** The server's clock minus the page's, in milliseconds, as of the latest view. */
  clockOffsetMs: number
  /** Whether the view is the server's current word: false while the connection is down (the view shown may be out of date). */
  isLive: boolean
}

export interface FacilitationStore {
  readonly current: FacilitationSnapshot
  /** The server's time now, by the page's clock and the latest offset. */
  serverNowMs(): number
  /** A view just received at the page's `receivedAtMs`. An older revision than the one held is ignored (it can only be late). */
  receive(view: FacilitationView, receivedAtMs: number): void
  /** The connection dropped: the view held is kept but no longer live. */
  markOffline(): void
  /** Calls `listener` after each change; returns the function that stops it. */
  onChange(listener: (snapshot: FacilitationSnapshot) => void): () => void
}

/** `pageNowMs` is the page's clock (Date.now in the browser; a fake one in tests). */
export function createFacilitationStore(pageNowMs: () => number): FacilitationStore {
  let snapshot: FacilitationSnapshot = { view: null, clockOffsetMs: 0, isLive: false }
  const listeners = new Set<(snapshot: FacilitationSnapshot) => void>()
  const publish = (next: FacilitationSnapshot): void => {
    snapshot = next
    for (const listener of [...listeners]) listener(snapshot)
  }
  return {
    get current() {
      return snapshot
    },
    serverNowMs: () => pageNowMs() + snapshot.clockOffsetMs,
    receive(view, receivedAtMs) {
      if (snapshot.view !== null && view.revision < snapshot.view.revision) return
      // The view's trip takes a few milliseconds at most on a workshop's
      // network: the offset is what a timer can be wrong by, well under a second.
      publish({ view, clockOffsetMs: view.nowMs - receivedAtMs, isLive: true })
    },
    markOffline() {
      if (!snapshot.isLive) return
      publish({ ...snapshot, isLive: false })
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
