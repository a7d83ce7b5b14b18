/**
 * End-to-end fixtures: Debian's Chromium driven by playwright-core (no browser
 * download), one browser context per simulated participant, against a real
 * pad server on a random loopback port serving the built client (`npm test`
 * builds it first).
 */
import { afterAll, beforeAll } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../server/testing/harness'
import type { CreatePadResponse } from '../shared/protocol/api'
import { chromiumFlags, chromiumPath } from './chromium'

/** A new pad on the collecte template at `serverUrl`, as the home page makes one. */
export async function createCollecte(serverUrl: string, title: string): Promise<CreatePadResponse> {
  const response = await fetch(`${serverUrl}/api/pads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, template: 'collecte' }),
  })
  if (response.status !== 201) throw new Error(`pad creation answered ${response.status}`)
  return (await response.json()) as CreatePadResponse
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumFlags], headless: true })
}

export { startTestServer, type TestServer }

export interface Participant {
  context: BrowserContext
  page: Page
}

/**
 * Opens `url` as a new participant in a context of its own (two pages in one
 * context would sync through IndexedDB/BroadcastChannel and prove nothing
 * about the server), with a display name already chosen.
 */
export async function openAs(browser: Browser, url: string, name: string, locale = 'fr-FR'): Promise<Participant> {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 800 } })
  await context.addInitScript((displayName: string) => {
    if (window.localStorage.getItem('atelier-pad:name') === null) {
      window.localStorage.setItem('atelier-pad:name', displayName)
    }
  }, name)
  const page = await context.newPage()
  await page.goto(url)
  return { context, page }
}

/** Clicks into the editor, goes to the end of the pad and types `text`. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('#editor .ProseMirror').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

/** The editor's text as the user sees it, without the name labels of other people's cursors. */
export function editorText(page: Page): Promise<string> {
  return page.locator('#editor .ProseMirror').evaluate((editor) => {
    const clone = editor.cloneNode(true) as HTMLElement
    for (const cursor of clone.querySelectorAll('.ProseMirror-yjs-cursor')) cursor.remove()
    clone.removeAttribute('contenteditable')
    // innerText needs a rendered element; keep it off screen.
    clone.style.position = 'fixed'
    clone.style.left = '-10000px'
    document.body.append(clone)
    try {
      return clone.innerText
    } finally {
      clone.remove()
    }
  })
}

/**
 * A new participant's browser context, with a display name already chosen,
 * and no page yet: for tests that must route the context's traffic
 * (`context.routeWebSocket`) before the first page opens.
 */
export async function newParticipantContext(browser: Browser, name: string, locale = 'fr-FR'): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 800 } })
  await context.addInitScript((displayName: string) => {
    if (window.localStorage.getItem('atelier-pad:name') === null) {
      window.localStorage.setItem('atelier-pad:name', displayName)
    }
  }, name)
  return context
}

/**
 * The text a QR code drawn on a canvas of the page carries, or null when none
 * is found: the pixels are read in the page (`getImageData`) and decoded in
 * Node with jsQR, as a phone would from the screen.
 */
export async function decodeQrCanvas(page: Page, selector: string): Promise<string | null> {
  const image = await page.locator(selector).evaluate((canvas) => {
    if (!(canvas instanceof HTMLCanvasElement)) throw new TypeError('not a canvas')
    const context = canvas.getContext('2d')
    if (context === null) throw new TypeError('no 2D context')
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height)
    // Base64 keeps a megapixel image small on its way out of the page.
    let binary = ''
    for (let index = 0; index < pixels.data.length; index += 0x8000) {
      binary += String.fromCharCode(...pixels.data.subarray(index, index + 0x8000))
    }
    return { width: pixels.width, height: pixels.height, base64: btoa(binary) }
  })
  const data = new Uint8ClampedArray(Buffer.from(image.base64, 'base64'))
  const { default: jsQR } = await import('jsqr')
  return jsQR(data, image.width, image.height)?.data ?? null
}

/** The text of the projected document (`#projection .ProseMirror`) as the room sees it. */
export function projectionText(page: Page): Promise<string> {
  return page.locator('#projection .ProseMirror').innerText()
}

/**
 * One Chromium and one server for a spec file, started before its tests and
 * stopped after them with every participant's context (registers
 * beforeAll/afterAll). `join` opens a link as a new participant and waits
 * until the page is connected; `track` hands over a participant made another
 * way, for teardown.
 */
export interface BrowserSession {
  readonly browser: Browser
  readonly server: TestServer
  join(url: string, name: string): Promise<Participant>
  track(participant: Participant): Participant
}

export function useBrowserSession(startServer: () => Promise<TestServer> = () => startTestServer()): BrowserSession {
  let browser: Browser | null = null
  let server: TestServer | null = null
  const participants: Participant[] = []
  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchBrowser(), startServer()])
  })
  afterAll(async () => {
    await Promise.all(participants.map((participant) => participant.context.close()))
    await browser?.close()
    await server?.close()
  })
  const session: BrowserSession = {
    get browser() {
      if (browser === null) throw new Error('the browser session starts in beforeAll')
      return browser
    },
    get server() {
      if (server === null) throw new Error('the browser session starts in beforeAll')
      return server
    },
    async join(url, name) {
      const participant = session.track(await openAs(session.browser, url, name))
      await participant.page.locator('#connection-status[data-state="connected"]').waitFor()
      return participant
    },
    track(participant) {
      participants.push(participant)
      return participant
    },
  }
  return session
}

export interface PageOptions {
  width?: number
  height?: number
  locale?: string
  /** The display name already chosen (Awa by default); null: a first visit, the name dialog opens. */
  name?: string | null
  /** A phone's touch screen and mobile viewport (Chromium's emulation). */
  isPhone?: boolean
}

/** Opens `url` in a context of its own (1280×800, French, Awa by default), tracked by `session` for teardown. */
export async function openPage(session: BrowserSession, url: string, options: PageOptions = {}): Promise<Page> {
  const context = await session.browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: options.locale ?? 'fr-FR',
    ...(options.isPhone === true ? { hasTouch: true, isMobile: true } : {}),
  })
  const name = options.name === undefined ? 'Awa' : options.name
  if (name !== null) await context.addInitScript((chosen: string) => window.localStorage.setItem('atelier-pad:name', chosen), name)
  const page = await context.newPage()
  session.track({ context, page })
  await page.goto(url)
  return page
}

/** `openPage`, then waits until the pad page is connected. */
export async function openConnectedPage(session: BrowserSession, url: string, options: PageOptions = {}): Promise<Page> {
  const page = await openPage(session, url, options)
  await page.locator('#connection-status[data-state="connected"]').waitFor()
  return page
}
