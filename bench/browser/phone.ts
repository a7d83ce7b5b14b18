/**
 * The browser scenario on a phone, not only a desktop (issue 19): Chromium
 * at a 360×740 mobile viewport (pixel ratio 2, touch), its CPU slowed ×4
 * (CDP `Emulation.setCPUThrottlingRate`) and its network shaped like
 * DevTools' "Slow 4G" preset (CDP `Network.emulateNetworkConditions`:
 * 562.5 ms of latency, 1.44 Mbit/s down, 675 kbit/s up). Time to an editable
 * pad for a typical 50 KB pad and for the 1 MB pad, against the bare
 * ProseMirror page (floor.ts) under the same profile. Fewer visits than on
 * the desktop: each takes seconds over that network.
 */
import fs from 'node:fs'
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { median } from '../cold-load'
import type { DisturbanceGuard } from '../disturbance'
import type { PadTarget } from '../load/load-client'
import { openPads, type BenchServer } from '../server-process'
import { readProseMirrorJson, serveFloor, timeEditable, type DeviceProfile, type LargePadSource } from './browser-load'
import { buildLargePad, updatesForKilobytes, type BuiltPad } from './large-pad'

export const phoneProfile: DeviceProfile = {
  viewport: { width: 360, height: 740 },
  mobile: { deviceScaleFactor: 2 },
  cpuThrottlingRate: 4,
  // DevTools' preset: 150 ms × 3.75, 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up (throughputs in bytes per second).
  network: { latencyMs: 562.5, downloadBytesPerSecond: (1.6e6 * 0.9) / 8, uploadBytesPerSecond: (750e3 * 0.9) / 8 },
}

export const phoneRuns = { warmups: 1, measured: 3, typicalPadKilobytes: 50 }

export interface PhonePadResult {
  label: string
  stateBytes: number
  padMs: number[]
  padMedianMs: number
  floorMs: number[]
  floorMedianMs: number
}

export interface PhoneResult {
  pads: PhonePadResult[]
}

/** The phone visits on a 50 KB pad (built here, on `server`) and on the large pad of `large`. */
export async function runPhone(browser: Browser, server: BenchServer, floorDir: string, large: LargePadSource, guard: DisturbanceGuard): Promise<PhoneResult> {
  const [target] = (await openPads(server, 1)) as [PadTarget]
  const typical = { target, pad: await buildLargePad('y-websocket', target, 180_000, updatesForKilobytes(phoneRuns.typicalPadKilobytes)) }
  const pads: PhonePadResult[] = []
  for (const [label, source] of [
    [`${phoneRuns.typicalPadKilobytes} KB pad`, typical],
    ['1 MB pad', large],
  ] as const) {
    pads.push(await visitOnPhone(browser, server, floorDir, label, source, guard))
  }
  return { pads }
}

async function visitOnPhone(browser: Browser, server: BenchServer, floorDir: string, label: string, source: { target: PadTarget; pad: BuiltPad }, guard: DisturbanceGuard): Promise<PhonePadResult> {
  if (!fs.existsSync(floorDir)) throw new Error(`the floor page's folder ${floorDir} is missing`)
  const floorServer: http.Server = await serveFloor(floorDir, JSON.stringify(await readProseMirrorJson(server, source)))
  try {
    const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/floor.html`
    const key = new URL(source.target.url).pathname.split('/').at(-1) ?? ''
    const padUrl = `${server.httpUrl}/p/${key}`
    const padMs: number[] = []
    const floorMs: number[] = []
    // The warm-up visits load the pad into its room and the pages' code into Chromium: they need
    // not be throttled, and unthrottled they take well under a second instead of ten on the 1 MB pad.
    for (let visit = 0; visit < phoneRuns.warmups; visit++) {
      await timeEditable(browser, padUrl, source.pad, () => {})
      await timeEditable(browser, floorUrl, source.pad, () => {})
    }
    for (let visit = 0; visit < phoneRuns.measured; visit++) {
      await guard.waitForQuiet()
      padMs.push((await timeEditable(browser, padUrl, source.pad, () => {}, phoneProfile)).editableMs)
      floorMs.push((await timeEditable(browser, floorUrl, source.pad, () => {}, phoneProfile)).editableMs)
    }
    return { label, stateBytes: source.pad.stateBytes, padMs, padMedianMs: median(padMs), floorMs, floorMedianMs: median(floorMs) }
  } finally {
    floorServer.close()
  }
}
