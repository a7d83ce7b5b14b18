/**
 * The phone profile's rows of the main table: for each pad, the pad page's
 * and the bare ProseMirror page's time to editable under the same profile,
 * and their ratio. Issue 19 sets no target for it; the ratio is shown beside
 * the desktop's. Pure: formats, never measures.
 */
import { formatMs } from '../markdown'
import type { BrowserResult } from './browser-load'
import { phoneProfile } from './phone'

export interface PhoneRow {
  scenario: string
  figure: string
  values: { atelier: string }
  ratio: string
  target: string
  verdict: string
}

export function describePhone(): string {
  const { viewport, cpuThrottlingRate, network } = phoneProfile
  return `Phone (${viewport.width}×${viewport.height}, CPU ×${cpuThrottlingRate}, Slow 4G${network === null ? '' : `: ${network.latencyMs} ms, ${((network.downloadBytesPerSecond * 8) / 1e6).toFixed(2)} Mbit/s down`})`
}

export function phoneRows(browser: BrowserResult): PhoneRow[] {
  const scenario = describePhone()
  const row = (figure: string, text: string): PhoneRow => ({ scenario, figure, values: { atelier: text }, ratio: '', target: '', verdict: '' })
  if ('error' in browser.phone) return [row('pad page editable', `failed: ${browser.phone.error.split('\n')[0] ?? ''}`)]
  return browser.phone.pads.flatMap((pad) => {
    const ratio = pad.padMedianMs / pad.floorMedianMs
    return [
      row(`pad page editable on the ${pad.label}, median (ms)`, `${formatMs(pad.padMedianMs)} (${pad.padMs.map(formatMs).join(' / ')})`),
      row(`bare ProseMirror view of the same doc, median (ms)`, `${formatMs(pad.floorMedianMs)} (${pad.floorMs.map(formatMs).join(' / ')})`),
      row(`pad page / bare ProseMirror (${pad.label})`, Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—'),
    ]
  })
}
