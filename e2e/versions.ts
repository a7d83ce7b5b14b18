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
import { typeAtEnd } from './fixtures'

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
