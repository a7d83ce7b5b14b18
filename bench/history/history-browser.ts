/**
 * The history panel in Chromium, ours only: on the 1 MB bench pad with 100
 * named versions (versioned-pad.ts), how long the timeline takes to appear
 * and a version to render, against the bare ProseMirror page (the browser
 * scenario's floor, bench/browser/floor.ts) showing the same document, in
 * the same run. Chromium is the browser scenario's (Debian's, its flags,
 * 1280×800, on the load core as this process is); the server runs on its own
 * core with no automatic checkpoints and its history rate limit raised, as
 * the other limits a single-address benchmark hits are.
 *
 * Each run is a new browser context (empty cache): the edit link is opened
 * and, once the editor holds the whole pad, the « Historique » button is
 * clicked, then four versions are clicked in turn: the oldest, the middle
 * one and the two at a quarter from each end, none of whose states the page
 * has fetched yet. The newest is the one the panel opens on, so its figure
 * runs from the click on the button: listing, fetching and rendering it (an
 * overestimate for « selecting » it, and the whole wait for « opening the
 * history »). The first run warms the server and is not counted.
 *
 * What is timed, in the page: from the click event's `timeStamp` (the input
 * as the page received it, before any handler) to the first animation frame
 * at which the panel shows the awaited state — the timeline: its list holds
 * every version; a version: its button is the current one, its preview is no
 * longer busy, holds every paragraph and, when a version precedes it, marks
 * that version's own edit as added (the oldest: no marks at all) — at which
 * the page then forces style and layout before reading `performance.now()`.
 * A frame callback is where a change becomes visible (the frame paints after
 * it), and the forced layout counts the cost of laying out a megabyte of
 * text, which the next paint would pay; only painting itself is left out.
 * The floor is timed the same way, from navigation start, on the newest
 * version's document as ProseMirror JSON, so both figures read alike (the
 * browser scenario's floor reads its time without forcing layout, at
 * 1100×800: the two floor figures are not interchangeable). Before each
 * click the page must have gone 500 ms without a long task, so that the
 * tail of its load or of the last render is not counted in the next figure.
 * The versions are one small edit apart, so after the first preview
 * ProseMirror redraws only the paragraphs that differ: the opening (a whole
 * preview drawn from nothing) is the slowest case, and each run's version
 * figure is its slowest.
 */
import fs from 'node:fs'
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import { chromiumPath } from '../../e2e/chromium'
import { bodyFragmentName, padSchema } from '../../shared/pad/schema'
import { benchChromiumFlags, buildFloorPage, serveFloor } from '../browser/browser-load'
import { median } from '../cold-load'
import type { DisturbanceGuard } from '../disturbance'
import { projectRoot, removeDataDir, startServer, type BenchServer } from '../server-process'
import { floorRenderedExpression, floorWatchScript, panelWatch, panelWatchScript, type PanelExpectation, type WatchedClick } from './panel-watch'
import { buildVersionedPad, type BenchVersion, type VersionedPad } from './versioned-pad'

export const historyBrowserRuns = {
  warmups: 1,
  measured: 7,
  timeoutMs: 60_000,
  viewport: { width: 1280, height: 800 },
  /** Before each click, the page goes this long without a long task… */
  quietMs: 500,
  /** …within this. */
  settleTimeoutMs: 20_000,
}

/**
 * The server's env: no automatic checkpoints (the versions are exactly the
 * named ones), and room for the set-up's 100 namings and every run's
 * requests, which share one address (the default allows 120 a minute, 60 at once).
 */
const serverEnv: Record<string, string> = {
  CHECKPOINT_ACTIVITY_MS: '0',
  HISTORY_REQUESTS_PER_MINUTE: '100000',
  HISTORY_REQUEST_BURST: '100000',
}

/** The versions clicked after the opening, in this order, by position in the list (0 is the newest). */
const selections: readonly { label: string; positionOf(count: number): number }[] = [
  { label: 'oldest', positionOf: (count) => count - 1 },
  { label: 'middle', positionOf: (count) => Math.floor(count / 2) },
  { label: 'a quarter from the newest', positionOf: (count) => Math.floor(count / 4) },
  { label: 'a quarter from the oldest', positionOf: (count) => Math.floor((count * 3) / 4) },
]

/** The newest version's label: the panel opens on it. */
export const newestLabel = 'newest (from the click on « Historique »)'

/** Measured figures, with their median and largest. */
export interface Figures {
  valuesMs: number[]
  medianMs: number
  maxMs: number
}

/** One timed moment, in ms from the click: the result seen, and the last answer from the API it needed arrived. */
export interface Timing {
  totalMs: number
  answersMs: number
}

/** A timed moment over the runs: the whole wait, and how much of it was waiting for the server's answers. */
export interface TimedFigures {
  total: Figures
  answers: Figures
}

export interface HistoryBrowserResult {
  versions: number
  paragraphs: number
  characters: number
  /** Bytes of the newest version's state, as the page fetches it. */
  versionStateBytes: number
  /** Bytes of its document as ProseMirror JSON, as the floor page fetches it. */
  docJsonBytes: number
  setupSeconds: number
  /** Click on « Historique » → every version listed. */
  timeline: TimedFigures
  /** Per run, the slowest of the versions tried. */
  version: TimedFigures
  /** Per version tried, newest first. */
  byVersion: ({ label: string } & TimedFigures)[]
  /** The bare ProseMirror page, navigation start → the same document rendered. */
  floor: Figures
  /** CPU other processes used just before each measured run (cores), as the disturbance guard saw it when it stopped waiting. */
  otherLoadCores: number[]
}

export function summarizeFigures(valuesMs: number[]): Figures {
  return { valuesMs, medianMs: median(valuesMs), maxMs: Math.max(...valuesMs) }
}

export function summarizeTimings(timings: readonly Timing[]): TimedFigures {
  return { total: summarizeFigures(timings.map((timing) => timing.totalMs)), answers: summarizeFigures(timings.map((timing) => timing.answersMs)) }
}

interface PanelRun {
  timeline: Timing
  /** Newest first, then `selections` in order. */
  versions: Timing[]
}

function slowestOf(timings: readonly Timing[]): Timing {
  return timings.reduce((slowest, timing) => (timing.totalMs > slowest.totalMs ? timing : slowest))
}

export async function runHistoryBrowser(guard: DisturbanceGuard): Promise<HistoryBrowserResult> {
  if (!fs.existsSync(path.join(projectRoot, 'dist/client/pad.html'))) {
    throw new Error('dist/client/pad.html is missing: run `npx vite build` before the history scenario')
  }
  const server = await startServer('atelier', { env: serverEnv })
  const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-floor-'))
  let floorServer: http.Server | null = null
  let browser: Browser | null = null
  try {
    const versioned = await buildVersionedPad(server)
    const newest = versioned.versions[0]
    if (newest === undefined) throw new Error('the pad has no version')
    const state = await readVersionState(server, versioned.editKey, newest.id)
    const docJson = JSON.stringify(stateToProseMirrorJson(state))
    await buildFloorPage(floorDir)
    floorServer = await serveFloor(floorDir, docJson)
    const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/floor.html`
    const padUrl = `${server.httpUrl}/p/${versioned.editKey}`

    browser = await chromium.launch({ executablePath: chromiumPath, args: benchChromiumFlags, headless: true })
    const panelRuns: PanelRun[] = []
    const floorMs: number[] = []
    const otherLoadCores: number[] = []
    for (let run = 0; run < historyBrowserRuns.warmups + historyBrowserRuns.measured; run++) {
      const isMeasured = run >= historyBrowserRuns.warmups
      const otherLoad = isMeasured ? await guard.waitForQuiet() : 0
      const panel = await measurePanel(browser, padUrl, versioned)
      const floor = await timeFloorRender(browser, floorUrl, versioned.pad.paragraphs)
      if (isMeasured) {
        panelRuns.push(panel)
        floorMs.push(floor)
        otherLoadCores.push(otherLoad)
      }
    }
    const labels = [newestLabel, ...selections.map((selection) => selection.label)]
    return {
      versions: versioned.versions.length,
      paragraphs: versioned.pad.paragraphs,
      characters: versioned.pad.characters,
      versionStateBytes: state.length,
      docJsonBytes: Buffer.byteLength(docJson),
      setupSeconds: versioned.setupSeconds,
      timeline: summarizeTimings(panelRuns.map((run) => run.timeline)),
      version: summarizeTimings(panelRuns.map((run) => slowestOf(run.versions))),
      byVersion: labels.map((label, index) => ({ label, ...summarizeTimings(panelRuns.map((run) => run.versions[index] ?? { totalMs: Number.NaN, answersMs: Number.NaN })) })),
      floor: summarizeFigures(floorMs),
      otherLoadCores,
    }
  } finally {
    await browser?.close()
    floorServer?.close()
    fs.rmSync(floorDir, { recursive: true, force: true })
    await server.stop()
    removeDataDir(server.dataDir)
  }
}

/** One run: a new context on the edit link, the panel opened, then each of `selections` clicked. */
async function measurePanel(browser: Browser, padUrl: string, versioned: VersionedPad): Promise<PanelRun> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: historyBrowserRuns.viewport })
  try {
    await context.addInitScript(panelWatchScript(versioned.pad.paragraphs))
    const page = await context.newPage()
    // A figure from a page that threw is not a figure of the panel.
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(padUrl, { waitUntil: 'commit' })
    await pollPage(page, panelWatch.editorReady, 'the editor to hold the whole pad')

    const count = versioned.versions.length
    const opened = await timeClick(page, '#history-button', { listCount: count, version: versionAt(versioned, 0) })
    const versions = [opened.version]
    for (const selection of selections) {
      const version = versionAt(versioned, selection.positionOf(count))
      const selector = `#history-panel .history-version-button[data-version-id="${version.id}"]`
      versions.push((await timeClick(page, selector, { listCount: null, version })).version)
    }
    if (opened.timeline === null) throw new Error('the timeline was never seen')
    if (pageErrors.length > 0) throw new Error(`the pad page threw: ${pageErrors.join('; ')}`)
    return { timeline: opened.timeline, versions }
  } finally {
    await context.close()
  }
}

function versionAt(versioned: VersionedPad, position: number): BenchVersion {
  const version = versioned.versions[position]
  if (version === undefined) throw new RangeError(`no version at position ${position} of ${versioned.versions.length}`)
  return version
}

/** Arms the page's watcher, clicks `selector` and waits for what the watcher saw. */
async function timeClick(page: Page, selector: string, expectation: PanelExpectation): Promise<{ timeline: Timing | null; version: Timing }> {
  await waitForQuietPage(page)
  await page.evaluate(panelWatch.expect(expectation))
  await page.locator(selector).click()
  const seen = await pollPage(page, panelWatch.result, `version ${expectation.version.id} to render`)
  const result = seen as WatchedClick
  return {
    timeline: result.timelineMs === undefined ? null : { totalMs: result.timelineMs, answersMs: result.timelineAnswersMs ?? Number.NaN },
    version: { totalMs: result.versionMs, answersMs: result.versionAnswersMs },
  }
}

/**
 * Waits until the page has run no long task for `quietMs` (bounded): a
 * person clicks once the page has settled, not in the middle of its load
 * (IndexedDB, the editor's first decorations) or of the last version's
 * render, whose tail would otherwise count in the next figure.
 */
async function waitForQuietPage(page: Page): Promise<void> {
  const deadline = Date.now() + historyBrowserRuns.settleTimeoutMs
  while (!((await page.evaluate(panelWatch.isQuiet(historyBrowserRuns.quietMs))) as boolean)) {
    if (Date.now() > deadline) throw new Error(`the page never went ${historyBrowserRuns.quietMs} ms without a long task in ${historyBrowserRuns.settleTimeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Evaluates `expression` in the page until it is not null; the pad page's CSP forbids the eval that waitForFunction needs. */
async function pollPage(page: Page, expression: string, what: string): Promise<unknown> {
  const deadline = Date.now() + historyBrowserRuns.timeoutMs
  for (;;) {
    const value: unknown = await page.evaluate(expression)
    if (value !== null && value !== undefined) return value
    if (Date.now() > deadline) {
      const status = await page.locator('#history-status').textContent().catch(() => null)
      throw new Error(`timed out after ${historyBrowserRuns.timeoutMs} ms waiting for ${what} (panel status: ${status ?? 'none'})`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** The floor page in a new context: ms from navigation start until ProseMirror shows every paragraph, laid out. */
async function timeFloorRender(browser: Browser, url: string, paragraphs: number): Promise<number> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: historyBrowserRuns.viewport })
  try {
    await context.addInitScript(floorWatchScript(paragraphs))
    const page = await context.newPage()
    await page.goto(url, { waitUntil: 'commit' })
    return (await pollPage(page, floorRenderedExpression, 'the floor page to render the pad')) as number
  } finally {
    await context.close()
  }
}

async function readVersionState(server: BenchServer, key: string, versionId: string): Promise<Uint8Array> {
  const response = await fetch(`${server.httpUrl}/api/pads/${key}/versions/${versionId}/content`)
  if (response.status !== 200) throw new Error(`reading version ${versionId} answered ${response.status}: ${await response.text()}`)
  return new Uint8Array(await response.arrayBuffer())
}

/** A version's document as ProseMirror JSON: what the floor page fetches. */
function stateToProseMirrorJson(state: Uint8Array): unknown {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return (yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(bodyFragmentName), padSchema) as { toJSON(): unknown }).toJSON()
  } finally {
    doc.destroy()
  }
}
