import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CloseCode } from '../shared/protocol/close-codes'
import { createTestPad, makeTempDir, whenSynced } from '../server/testing/harness'
import { useTestResources } from '../server/testing/resources'
import { editorText, launchBrowser, openAs, type Participant } from './fixtures'

const resources = useTestResources()
let browser: Browser
const participants: Participant[] = []

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await Promise.all(participants.map((participant) => participant.context.close()))
  await browser?.close()
})

it('tells a participant when the database is down, keeps the text in the page and saves it once it is back', async () => {
  const postgres = await resources.startPostgres()
  const server = await resources.startProcess(makeTempDir(), { DATABASE_URL: await postgres.createSchema() })
  const pad = await createTestPad(server.url, 'Panne de base')
  const alice = await openAs(browser, pad.links.edit, 'Alice')
  participants.push(alice)
  const status = alice.page.locator('#connection-status')
  await alice.page.locator('#connection-status[data-state="connected"]').waitFor()
  await alice.page.locator('#editor .ProseMirror').click()
  await alice.page.keyboard.type('Avant la panne. ')
  await alice.page.locator('#connection-status[data-unsynced="false"]').waitFor()

  await postgres.stop()
  await alice.page.keyboard.type('Pendant la panne. ')
  await alice.page.locator(`#connection-status[data-close-code="${CloseCode.storeUnavailable}"]`).waitFor({ timeout: 20_000 })
  expect(await status.textContent()).toContain('base de données injoignable')
  expect(await editorText(alice.page)).toContain('Pendant la panne.')

  await postgres.start()
  await alice.page.locator('#connection-status[data-state="connected"][data-unsynced="false"]').waitFor({ timeout: 30_000 })
  expect(await status.getAttribute('data-close-code')).toBeNull()
  const reader = resources.client(server, pad.keys.view)
  await whenSynced(reader)
  const stored = reader.doc.getXmlFragment('body').toString()
  for (const part of ['Avant la panne.', 'Pendant la panne.']) expect(stored).toContain(part)
}, 90_000)
