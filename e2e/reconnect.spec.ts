import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { connectClient, createTestPad, makeTempDir, whenSynced } from '../server/testing/harness'
import { editorText, launchBrowser, openAs, startTestServer, type Participant, type TestServer } from './fixtures'

let browser: Browser
const servers: TestServer[] = []
const participants: Participant[] = []

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await Promise.all(participants.map((participant) => participant.context.close()))
  await browser?.close()
  await Promise.all(servers.map((server) => server.close()))
})

/** Starts a server on `port`, retrying while the previous one's port is still being released. */
async function startOnPort(port: string, dataDir: string): Promise<TestServer> {
  const deadline = Date.now() + 5000
  for (;;) {
    try {
      const server = await startTestServer({ PORT: port }, dataDir)
      servers.push(server)
      return server
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

it('reconnects by itself after a server restart and keeps what was typed meanwhile', async () => {
  const dataDir = makeTempDir()
  const first = await startOnPort('0', dataDir)
  const port = new URL(first.url).port
  const pad = await createTestPad(first.url, 'Redémarrage')
  const alice = await openAs(browser, pad.links.edit, 'Alice')
  participants.push(alice)
  const status = alice.page.locator('#connection-status')
  await alice.page.locator('#connection-status[data-state="connected"]').waitFor()
  const editor = alice.page.locator('#editor .ProseMirror')
  await editor.click()
  await alice.page.keyboard.type('Avant. ')
  await alice.page.locator('#connection-status[data-unsynced="false"]').waitFor()

  await first.close()
  await alice.page.locator('#connection-status[data-state="offline"]').waitFor()
  await alice.page.keyboard.type('Pendant la coupure. ')
  expect(await status.getAttribute('data-unsynced')).toBe('true')

  const second = await startOnPort(port, dataDir)
  await alice.page.locator('#connection-status[data-state="connected"][data-unsynced="false"]').waitFor({ timeout: 15_000 })
  await alice.page.keyboard.type('Après.')
  await alice.page.locator('#connection-status[data-unsynced="false"]').waitFor()
  // What a screen reader heard last is the line as it stands: saved, not « not yet saved ».
  const announced = () => alice.page.locator('#status-announcer').textContent()
  await expect.poll(announced, { timeout: 10_000 }).toBe(await status.textContent())
  expect(await status.textContent()).toBe('Connecté')

  const reader = connectClient(second.wsUrl, pad.keys.view)
  await whenSynced(reader)
  const fragment = reader.doc.getXmlFragment('body').toString()
  reader.destroy()
  for (const part of ['Avant.', 'Pendant la coupure.', 'Après.']) expect(fragment).toContain(part)
  expect(await editorText(alice.page)).toContain('Pendant la coupure.')
})
