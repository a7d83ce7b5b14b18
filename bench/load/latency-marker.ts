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

/** Calls `found` for each marker in `bytes` from `start` on. */
export function scanMarkers(bytes: Uint8Array, start: number, found: (senderId: number, timeTenths: number) => void): void {
  const end = bytes.length - 6
  for (let i = start; i < end; i++) {
    if (bytes[i] !== open0 || bytes[i + 1] !== open0 || bytes[i + 2] !== letterS) continue
    let j = i + 3
    let sender = 0
    let digits = 0
    while (j < bytes.length && (bytes[j] as number) >= digit0 && (bytes[j] as number) <= digit0 + 9) {
      sender = sender * 10 + ((bytes[j] as number) - digit0)
      j++
      digits++
    }
    if (digits === 0 || bytes[j] !== letterT) continue
    j++
    let time = 0
    digits = 0
    while (j < bytes.length && (bytes[j] as number) >= digit0 && (bytes[j] as number) <= digit0 + 9) {
      time = time * 10 + ((bytes[j] as number) - digit0)
      j++
      digits++
    }
    if (digits === 0 || bytes[j] !== close0) continue
    found(sender, time)
    i = j
  }
}
