/**
 * Versions on demand, for the history panel's tests: a test server whose
 * clock is a fake one (server/testing/fake-clock.ts), so that a room's
 * automatic checkpoint (2 minutes after writing stops) comes when the test
 * moves the clock, and a way to write a pad's versions from a page. The
 * pages keep their own, real time.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { createFakeClock, type FakeClock } from '../server/testing/fake-clock'
import { startTestServer, type TestServer } from '../server/testing/harness'
import { launchBrowser, typeAtEnd } from './fixtures'

const quietMs = 2 * 60_000

export interface ServerOnFakeClock {
  server: TestServer
  clock: FakeClock
  /** Moves the clock past the quiet time after writing and waits for the checkpoint `padId`'s room takes. */
  takeCheckpoint(padId: string): Promise<void>
}

export async function startServerOnFakeClock(): Promise<ServerOnFakeClock> {
  const clock = createFakeClock(Date.now())
  const server = await startTestServer({}, undefined, { clock })
  const checkpointsStored = (padId: string): number =>
    server.logs.filter((line) => line.msg === 'checkpoint stored' && line.padId === padId).length
  return {
    server,
    clock,
    async takeCheckpoint(padId) {
      const before = checkpointsStored(padId)
      await clock.advance(quietMs + 1000)
      await expect.poll(() => checkpointsStored(padId)).toBe(before + 1)
    },
  }
}

/** A spec file's browser and server on a fake clock, started before its tests and closed after them with every page it opened. */
export interface HistorySession {
  readonly onClock: ServerOnFakeClock
  /** A browser context closed after the file's tests. */
  newContext(options: BrowserContextOptions): Promise<BrowserContext>
  /** `url` opened as `name` in a browser context of its own (touch, as a phone, under 500 px wide), once connected. */
  join(url: string, name: string, options?: { locale?: string; viewport?: { width: number; height: number } }): Promise<Page>
}

export function useHistorySession(): HistorySession {
  let browser: Browser | null = null
  let onClock: ServerOnFakeClock | null = null
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    ;[browser, onClock] = await Promise.all([launchBrowser(), startServerOnFakeClock()])
  })
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()))
    await browser?.close()
    await onClock?.server.close()
  })
  const started = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`${what} starts in beforeAll`)
    return value
  }
  const newContext = async (options: BrowserContextOptions): Promise<BrowserContext> => {
    const context = await started(browser, 'the browser').newContext(options)
    contexts.push(context)
    return context
  }
  return {
    get onClock() {
      return started(onClock, 'the server')
    },
    newContext,
    async join(url, name, { locale = 'fr-FR', viewport = { width: 1100, height: 800 } } = {}) {
      const isPhone = viewport.width < 500
      const context = await newContext({ locale, viewport, ...(isPhone ? { hasTouch: true, isMobile: true } : {}) })
      await context.addInitScript((displayName: string) => window.localStorage.setItem('atelier-pad:name', displayName), name)
      const page = await context.newPage()
      await page.goto(url)
      await page.locator('#connection-status[data-state="connected"]').waitFor()
      return page
    },
  }
}

/** Waits until every change of `page` is stored (its status says so). */
export async function whenStored(page: Page): Promise<void> {
  await page.locator('#connection-status[data-state="connected"][data-unsynced="false"]').waitFor()
}

/** Types each of `texts` at the end of the pad open in `page`, a checkpoint after each: one version per text. */
export async function writeVersions(page: Page, padId: string, texts: readonly string[], on: ServerOnFakeClock): Promise<void> {
  for (const text of texts) {
    await typeAtEnd(page, text)
    await whenStored(page)
    await on.takeCheckpoint(padId)
  }
}

/** Opens the history panel of `page` and waits until it shows a version. */
export async function openHistory(page: Page): Promise<void> {
  await page.locator('#history-button').click()
  await page.locator('#history-panel[open]').waitFor()
  await page.locator('#history-preview [role="document"]').waitFor()
  await expect.poll(() => page.locator('#history-status').innerText()).toMatch(/^(Version affichée|Version shown)/)
}
