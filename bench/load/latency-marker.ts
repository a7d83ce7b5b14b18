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

/**
 * Calls `found` for each marker in `bytes[start, end)`. Receivers scan every
 * update they get — millions of markers a second in a big room — so the
 * search reads every other byte: a marker opens with "{{", and a byte that
 * is not "{" rules out a marker starting there or just before it. (A native
 * Buffer.indexOf per marker cost more: its call outweighs the ~40 bytes
 * between two markers.)
 */
export function scanMarkers(bytes: Uint8Array, start: number, end: number, found: (senderId: number, timeTenths: number) => void): void {
  let i = start + 1
  while (i < end) {
    if (bytes[i] !== open0) {
      i += 2
      continue
    }
    const opening = i > start && bytes[i - 1] === open0 ? i - 1 : i
    if (bytes[opening + 1] !== open0 || bytes[opening + 2] !== letterS) {
      i += 1
      continue
    }
    const next = readMarkerAt(bytes, opening + 3, end, found)
    i = Math.max(next, opening + 2) + 1
  }
}

/** Reads `<sender>t<time>}` from `position` (just past "{{s"); reports it and returns where it ended, or where reading stopped. */
function readMarkerAt(bytes: Uint8Array, position: number, end: number, found: (senderId: number, timeTenths: number) => void): number {
  let j = position
  let sender = 0
  while (j < end && (bytes[j] as number) >= digit0 && (bytes[j] as number) <= digit0 + 9) {
    sender = sender * 10 + ((bytes[j] as number) - digit0)
    j++
  }
  if (j === position || j >= end || bytes[j] !== letterT) return j
  const timeStart = ++j
  let time = 0
  while (j < end && (bytes[j] as number) >= digit0 && (bytes[j] as number) <= digit0 + 9) {
    time = time * 10 + ((bytes[j] as number) - digit0)
    j++
  }
  if (j === timeStart || j >= end || bytes[j] !== close0) return j
  found(sender, time)
  return j
}
