/**
 * The browser scenario, ours only: how long the pad page takes to become
 * editable on the 1 MB pad in headless Chromium (Debian's, driven by
 * playwright-core), next to the floor — a bare ProseMirror view of the same
 * document built from JSON (bench/browser/floor.ts, bundled here with vite) —
 * and the gzipped size of the JavaScript the pad page loads.
 *
 * "Editable" is `#editor .ProseMirror[contenteditable=true]` holding every
 * paragraph of the pad, the last one ending with its end mark; a script
 * installed before the page's own checks it on every animation frame and
 * records `performance.now()` (milliseconds since navigation start). Each
 * visit is a new browser context (empty cache and IndexedDB); the first visit
 * of each page warms the server and is not counted.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { build } from 'vite'
import WebSocket from 'ws'
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { loadMarkPrefix, type LoadPhase } from '../../client/load-marks'
import { padSchema } from '../../shared/pad/schema'
import { median } from '../cold-load'
import { chromiumFlags, chromiumPath } from '../../e2e/chromium'
import type { DisturbanceGuard } from '../disturbance'
import { buildLargePad, hasWholePad, largePad, type BuiltPad } from './large-pad'
import { runPhone, type PhoneResult } from './phone'
import type { PadTarget } from '../load/load-client'
import { openPads, projectRoot, removeDataDir, startServer, stockProviderAddress, type BenchServer } from '../server-process'

/** Seven measured visits of each page: their medians moved by up to a third between runs with three. */
export const browserRuns = { warmups: 1, measured: 7, timeoutMs: 60_000 }

export const benchChromiumFlags = [
  ...chromiumFlags,
  // Chromium 156's headless mode opens a real window per page, with the
  // omnibox popup preloaded in a WebUI renderer of its own: during the first
  // second of every visit it took about as much CPU as the page being
  // measured, on the same (pinned) core. It is the browser's own toolbar,
  // nothing either page asked for: without it both pages load faster, and
  // their ratio stays within the run-to-run noise (the pad page before issue
  // 6's changes: 3.0–3.6× with these flags, 3.1–3.3× without, alternating runs).
  '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
]

export interface LargePadSource {
  dataDir: string
  port: number
  target: PadTarget
  pad: BuiltPad
}

export interface ScriptAsset {
  path: string
  bytes: number
  gzipBytes: number
}

/** Where the time went on one visit, in ms since navigation start (Resource and Navigation Timing). */
export interface PagePhases {
  domContentLoadedMs: number
  /** The last script the page loaded had arrived. */
  scriptsLoadedMs: number
  /** The last fetch() had its answer (the pad's settings, or the floor's JSON). */
  fetchesDoneMs: number
  /** The pad page's own marks (client/load-marks.ts) by phase; none for the floor. */
  loadMarks: Partial<Record<LoadPhase, number>>
  editableMs: number
}

/** The device a page is opened on: its viewport, and the CPU and network Chromium emulates over CDP. */
export interface DeviceProfile {
  viewport: { width: number; height: number }
  /** A phone's context: mobile viewport meta honoured, touch, this pixel ratio. */
  mobile: { deviceScaleFactor: number } | null
  /** Chromium's `Emulation.setCPUThrottlingRate` (1: none). */
  cpuThrottlingRate: number
  /** Chromium's `Network.emulateNetworkConditions` (null: loopback as it is). */
  network: { latencyMs: number; downloadBytesPerSecond: number; uploadBytesPerSecond: number } | null
}

export const desktopProfile: DeviceProfile = { viewport: { width: 1100, height: 800 }, mobile: null, cpuThrottlingRate: 1, network: null }

export interface BrowserResult {
  padEditableMs: number[]
  padMedianMs: number
  /** The pad page's phases on the visit whose time is the median. */
  padPhases: PagePhases
  floorPhases: PagePhases
  floorMs: number[]
  floorMedianMs: number
  /** Bytes of the document as ProseMirror JSON: what the floor page fetches. */
  docJsonBytes: number
  scripts: ScriptAsset[]
  scriptGzipBytes: number
  /** The phone profile's figures (phone.ts), or why they are missing. */
  phone: PhoneResult | { error: string }
}

/** Builds the large pad on a fresh server of ours (when the cold-load scenario did not leave one). */
export async function prepareLargePad(): Promise<LargePadSource> {
  const server = await startServer('atelier')
  try {
    const [target] = (await openPads(server, 1)) as [PadTarget]
    const pad = await buildLargePad('y-websocket', target)
    return { dataDir: server.dataDir, port: server.port, target, pad }
  } finally {
    await server.stop()
  }
}

/** Measures both pages on the pad of `source`, then removes its data folder. */
export async function runBrowser(source: LargePadSource, guard: DisturbanceGuard): Promise<BrowserResult> {
  const clientDir = path.join(projectRoot, 'dist/client')
  if (!fs.existsSync(path.join(clientDir, 'pad.html'))) {
    throw new Error('dist/client/pad.html is missing: run `npx vite build` before the browser scenario')
  }
  const server = await startServer('atelier', { dataDir: source.dataDir, port: source.port })
  const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-floor-'))
  let floorServer: http.Server | null = null
  let browser: Browser | null = null
  try {
    const docJson = JSON.stringify(await readProseMirrorJson(server, source))
    await buildFloorPage(floorDir)
    floorServer = await serveFloor(floorDir, docJson)
    const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/floor.html`
    // The last path segment, without the participant the bench's own writer presents.
    const key = new URL(source.target.url).pathname.split('/').at(-1) ?? ''
    const padUrl = `${server.httpUrl}/p/${key}`

    browser = await chromium.launch({ executablePath: chromiumPath, args: benchChromiumFlags, headless: true })
    const scripts = new Map<string, ScriptAsset>()
    const padVisits: PagePhases[] = []
    const floorVisits: PagePhases[] = []
    for (let visit = 0; visit < browserRuns.warmups + browserRuns.measured; visit++) {
      const isMeasured = visit >= browserRuns.warmups
      if (isMeasured) await guard.waitForQuiet()
      const padPhases = await timeEditable(browser, padUrl, source.pad, (url) => {
        const pathname = new URL(url).pathname
        if (new URL(url).origin !== server.httpUrl || scripts.has(pathname)) return
        const file = path.join(clientDir, pathname)
        if (!file.startsWith(clientDir) || !fs.existsSync(file)) return
        const content = fs.readFileSync(file)
        scripts.set(pathname, { path: pathname, bytes: content.length, gzipBytes: zlib.gzipSync(content).length })
      })
      const floorPhases = await timeEditable(browser, floorUrl, source.pad, () => {})
      if (isMeasured) {
        padVisits.push(padPhases)
        floorVisits.push(floorPhases)
      }
    }
    const scriptList = [...scripts.values()].sort((a, b) => b.gzipBytes - a.gzipBytes)
    const padEditableMs = padVisits.map((visit) => visit.editableMs)
    const floorMs = floorVisits.map((visit) => visit.editableMs)
    const medianVisit = (visits: PagePhases[]): PagePhases => {
      const sorted = [...visits].sort((a, b) => a.editableMs - b.editableMs)
      return sorted[Math.floor((sorted.length - 1) / 2)] as PagePhases
    }
    const phone = await runPhone(browser, server, floorDir, source, guard).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }))
    return {
      phone,
      padEditableMs,
      padMedianMs: median(padEditableMs),
      padPhases: medianVisit(padVisits),
      floorPhases: medianVisit(floorVisits),
      floorMs,
      floorMedianMs: median(floorMs),
      docJsonBytes: Buffer.byteLength(docJson),
      scripts: scriptList,
      scriptGzipBytes: scriptList.reduce((sum, script) => sum + script.gzipBytes, 0),
    }
  } finally {
    await browser?.close()
    floorServer?.close()
    fs.rmSync(floorDir, { recursive: true, force: true })
    await server.stop()
    removeDataDir(source.dataDir)
  }
}

/** Opens `url` in a new context on `device` and resolves with the ms from navigation start until the pad is editable, and the phases before. */
export async function timeEditable(browser: Browser, url: string, pad: BuiltPad, onScript: (url: string) => void, device: DeviceProfile = desktopProfile): Promise<PagePhases> {
  const mobile = device.mobile === null ? {} : { isMobile: true, hasTouch: true, deviceScaleFactor: device.mobile.deviceScaleFactor }
  const context = await browser.newContext({ locale: 'fr-FR', viewport: device.viewport, ...mobile })
  try {
    // A string, not a function: tsx (esbuild keepNames) would wrap a function's inner names in a helper the page lacks.
    await context.addInitScript(`
      // A returning participant: the pad page asks a newcomer for a name first.
      window.localStorage.setItem('atelier-pad:name', 'Banc d\u2019essai');
      (function check() {
        const editor = document.querySelector('#editor .ProseMirror[contenteditable=true]');
        const last = editor && editor.lastElementChild;
        if (editor && editor.childElementCount >= ${pad.paragraphs} && last && last.textContent.endsWith(${JSON.stringify(largePad.endMark)})) {
          window.editableAtMs = performance.now();
          return;
        }
        requestAnimationFrame(check);
      })();
    `)
    const page = await context.newPage()
    await emulateDevice(context, page, device)
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') onScript(response.url())
    })
    await page.goto(url, { waitUntil: 'commit' })
    // Polled from here: the pad page's CSP forbids eval, which waitForFunction's in-page polling needs.
    const deadline = Date.now() + browserRuns.timeoutMs
    for (;;) {
      const editableAtMs = await page.evaluate(() => (window as unknown as { editableAtMs?: number }).editableAtMs ?? null)
      if (editableAtMs !== null) return { ...(await readPhases(page)), editableMs: editableAtMs }
      if (Date.now() > deadline) throw new Error(`${url} was not editable with the whole pad after ${browserRuns.timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  } finally {
    await context.close()
  }
}

/** Slows the page's CPU and network as `device` says, over CDP, before it navigates. */
async function emulateDevice(context: BrowserContext, page: Page, device: DeviceProfile): Promise<void> {
  if (device.cpuThrottlingRate === 1 && device.network === null) return
  const cdp = await context.newCDPSession(page)
  if (device.cpuThrottlingRate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: device.cpuThrottlingRate })
  if (device.network !== null) {
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: device.network.latencyMs,
      downloadThroughput: device.network.downloadBytesPerSecond,
      uploadThroughput: device.network.uploadBytesPerSecond,
    })
  }
}

async function readPhases(page: Page): Promise<Omit<PagePhases, 'editableMs'>> {
  // A string for the same reason as the init script (tsx's keepNames helper is not in the page).
  return page.evaluate(`(() => {
    const navigation = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const lastEnd = (type) => Math.max(0, ...resources.filter((entry) => entry.initiatorType === type).map((entry) => entry.responseEnd));
    const loadMarks = {};
    for (const mark of performance.getEntriesByType('mark')) {
      if (mark.name.startsWith(${JSON.stringify(loadMarkPrefix)})) loadMarks[mark.name.slice(${loadMarkPrefix.length})] = mark.startTime;
    }
    return {
      domContentLoadedMs: navigation ? navigation.domContentLoadedEventEnd : 0,
      scriptsLoadedMs: lastEnd('script'),
      fetchesDoneMs: lastEnd('fetch'),
      loadMarks,
    };
  })()`)
}

/** The pad's `body` as ProseMirror JSON, read through the server like any client. */
export async function readProseMirrorJson(server: BenchServer, source: Pick<LargePadSource, 'target' | 'pad'>): Promise<unknown> {
  const doc = new Y.Doc()
  const { serverUrl, room } = stockProviderAddress(source.target)
  const provider = new WebsocketProvider(serverUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  try {
    const deadline = Date.now() + browserRuns.timeoutMs
    while (!hasWholePad(doc, source.pad)) {
      if (Date.now() > deadline) throw new Error('could not read the large pad back from the server')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return (yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment('body'), padSchema) as { toJSON(): unknown }).toJSON()
  } finally {
    provider.destroy()
    doc.destroy()
  }
}

/** Bundles the floor page (floor.html, floor.ts) into `outDir` with vite. */
export async function buildFloorPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: path.join(projectRoot, 'bench/browser'),
    base: '/',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: path.join(projectRoot, 'bench/browser/floor.html') } },
  })
}

/**
 * Serves the floor page's files and `/doc.json` on loopback. Its scripts and
 * stylesheets go brotli-compressed to a browser that accepts it, as ours do
 * (server/api/http.ts serves the build's .br copies), so that on the phone's
 * slow network the two pages differ by what they do, not by how their code
 * travels; the document itself goes as it is, like ours over the relay.
 */
export function serveFloor(dir: string, docJson: string): Promise<http.Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }
  const compressed = new Map<string, Buffer>()
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname
    if (pathname === '/doc.json') {
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(docJson)
      return
    }
    const file = path.join(dir, path.normalize(pathname))
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404)
      response.end()
      return
    }
    const extension = path.extname(file)
    const headers: Record<string, string> = { 'Content-Type': types[extension] ?? 'application/octet-stream', Vary: 'Accept-Encoding' }
    const acceptsBrotli = /\bbr\b/.test(String(request.headers['accept-encoding'] ?? ''))
    if (acceptsBrotli && (extension === '.js' || extension === '.css')) {
      let body = compressed.get(file)
      if (body === undefined) compressed.set(file, (body = zlib.brotliCompressSync(fs.readFileSync(file))))
      response.writeHead(200, { ...headers, 'Content-Encoding': 'br' })
      response.end(body)
      return
    }
    response.writeHead(200, headers)
    response.end(fs.readFileSync(file))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}
