/**
 * End-to-end fixtures: Debian's Chromium driven by playwright-core (no browser
 * download), one browser context per simulated participant, against a real
 * pad server on a random loopback port serving the built client (`npm test`
 * builds it first).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../server/test-harness'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true })
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
