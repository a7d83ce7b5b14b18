/**
 * Versions on demand, for the history panel's tests: a test server whose
 * clock is a fake one (server/testing/fake-clock.ts), so that a room's
 * automatic checkpoint (2 minutes after writing stops) comes when the test
 * moves the clock, and a way to write a pad's versions from a page. The
 * pages keep their own, real time.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { createFakeClock, type FakeClock } from '../server/testing/fake-clock'
import { startTestServer, type TestServer } from '../server/testing/harness'
import { openConnectedPage, typeAtEnd, useBrowserSession, type BrowserSession } from './fixtures'

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
  return { server, clock, takeCheckpoint: (padId) => takeCheckpoint(server, clock, padId) }
}

/** Moves `clock` past the quiet time after writing and waits for the checkpoint `padId`'s room takes on `server`. */
async function takeCheckpoint(server: TestServer, clock: FakeClock, padId: string): Promise<void> {
  const checkpointsStored = (): number => server.logs.filter((line) => line.msg === 'checkpoint stored' && line.padId === padId).length
  const before = checkpointsStored()
  await clock.advance(quietMs + 1000)
  await expect.poll(checkpointsStored).toBe(before + 1)
}

/** A spec file's browser and server on a fake clock (fixtures.ts useBrowserSession), with pages opened as named people. */
export interface HistorySession {
  readonly onClock: ServerOnFakeClock
  /** The browser session underneath, for pages opened another way (fixtures.ts openPage). */
  readonly browser: BrowserSession
  /** `url` opened as `name` in a browser context of its own (a phone's touch screen under 500 px wide), once connected. */
  join(url: string, name: string, options?: { locale?: string; viewport?: { width: number; height: number } }): Promise<Page>
}

export function useHistorySession(): HistorySession {
  const clock = createFakeClock(Date.now())
  const session = useBrowserSession(() => startTestServer({}, undefined, { clock }))
  return {
    onClock: {
      get server() {
        return session.server
      },
      clock,
      takeCheckpoint: (padId) => takeCheckpoint(session.server, clock, padId),
    },
    browser: session,
    join: (url, name, { locale = 'fr-FR', viewport = { width: 1100, height: 800 } } = {}) =>
      openConnectedPage(session, url, { name, locale, ...viewport, isPhone: viewport.width < 500 }),
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
