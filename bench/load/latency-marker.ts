/**
 * The send timestamp that travels inside the typed text, so that a receiver
 * measures latency from the bytes it gets, whatever the server did to the
 * frame (re-encoded, merged with other updates): `{{s<sender>t<time>}}`, time
 * in tenths of a millisecond since the run's epoch. Yjs writes inserted
 * strings as plain UTF-8, so the marker is found by scanning the frame's
 * bytes, without decoding the update. Clocks are `performance.timeOrigin +
 * performance.now()`, comparable across processes of one machine.
 */

const open0 = 0x7b // {
const letterS = 0x73
const letterT = 0x74
const close0 = 0x7d // }
const digit0 = 0x30

/** Tenths of a millisecond since `epochMs` (a wall-clock time shared by every process of the run). */
export function clockTenths(epochMs: number): number {
  return Math.round((performance.timeOrigin + performance.now() - epochMs) * 10)
}

export function formatMarker(senderId: number, timeTenths: number): string {
  return `{{s${senderId}t${timeTenths}}}`
}

const markerOpening = Buffer.from([open0, open0, letterS])

/**
 * Calls `found` for each marker in `bytes[start, end)`. The search for each
 * marker's opening is Buffer.indexOf (native), not a loop over every byte in
 * JavaScript: receivers scan every update they get, and that loop was most
 * of their cost in big rooms.
 */
export function scanMarkers(bytes: Buffer, start: number, end: number, found: (senderId: number, timeTenths: number) => void): void {
  // A view ending at `end` (same offsets) keeps the native search from running past it.
  const view = end >= bytes.length ? bytes : bytes.subarray(0, end)
  const limit = view.length
  let i = view.indexOf(markerOpening, start)
  while (i >= 0) {
    let j = i + 3
    let sender = 0
    let digits = 0
    while (j < limit && (view[j] as number) >= digit0 && (view[j] as number) <= digit0 + 9) {
      sender = sender * 10 + ((view[j] as number) - digit0)
      j++
      digits++
    }
    if (digits > 0 && view[j] === letterT) {
      j++
      let time = 0
      digits = 0
      while (j < limit && (view[j] as number) >= digit0 && (view[j] as number) <= digit0 + 9) {
        time = time * 10 + ((view[j] as number) - digit0)
        j++
        digits++
      }
      if (digits > 0 && view[j] === close0) found(sender, time)
    }
    i = view.indexOf(markerOpening, Math.max(j, i + 1))
  }
}
