/**
 * Sharing a pad in the room: the QR code on the page carries the link to hand
 * on, projection mode shows the pad large and follows the latest edits, the
 * home page lets the facilitator choose how long the pad is kept, and a
 * participant's name is always shown as text, never as markup. Each
 * participant has a browser context of their own; nothing sleeps.
 */
import { describe, expect, it } from 'vitest'
import type { Dialog, Page } from 'playwright-core'
import { createTestPad } from '../server/testing/harness'
import { decodeQrCanvas, editorText, openAs, projectionText, type Participant, typeAtEnd, useBrowserSession } from './fixtures'

const session = useBrowserSession()
const join = session.join

function shortForm(link: string): string {
  return link.replace(/^https?:\/\//, '')
}

describe('share panel', () => {
  it('shows a QR code that decodes to the edit link, with the short link under it', async () => {
    const pad = await createTestPad(session.server.url, 'QR code')
    const participant = await join(pad.links.edit, 'Alice')
    const { page } = participant
    await page.locator('#share-panel').waitFor({ state: 'visible' })
    expect(await decodeQrCanvas(page, '#share-qr')).toBe(pad.links.edit)
    expect(await page.locator('#share-qr-link').innerText()).toBe(shortForm(pad.links.edit))
    expect(await page.locator('[data-link="edit"]').inputValue()).toBe(pad.links.edit)
    expect(await page.locator('[data-link="view"]').inputValue()).toBe(pad.links.view)
    expect(await page.locator('[data-link="admin"]').count()).toBe(0)
    // Big enough to scan from the back of the room: it is drawn at least this large.
    const size = await page.locator('#share-qr').evaluate((canvas) => (canvas as HTMLCanvasElement).width)
    expect(size).toBeGreaterThanOrEqual(480)
  })

  it('gives a read-only page the QR code of the view link', async () => {
    const pad = await createTestPad(session.server.url, 'QR lecture')
    const reader = await join(pad.links.view, 'Lecteur')
    expect(await decodeQrCanvas(reader.page, '#share-qr')).toBe(pad.links.view)
    expect(await reader.page.locator('[data-link="edit"]').count()).toBe(0)
  })
})

describe('projection mode', () => {
  it('projects the pad read-only, follows an edit typed on another page, and leaves with Escape', async () => {
    const pad = await createTestPad(session.server.url, 'Projection')
    const facilitator = await join(pad.links.admin, 'Animatrice')
    const participant = await join(pad.links.edit, 'Bob')
    const { page } = facilitator

    await page.locator('#projection-button').click()
    await page.locator('#projection').waitFor({ state: 'visible' })
    expect(await page.locator('#projection .ProseMirror').getAttribute('contenteditable')).toBe('false')
    expect(await page.locator('#projection-title').innerText()).toBe('Projection')
    await expect.poll(() => page.locator('#projection-count').innerText()).toBe('2 personnes connectées')
    expect(await decodeQrCanvas(page, '#projection-qr')).toBe(pad.links.edit)
    expect(await page.locator('#projection-link').innerText()).toBe(shortForm(pad.links.edit))

    await typeAtEnd(participant.page, 'Une idée projetée.')
    await expect.poll(() => projectionText(page), { timeout: 5000, interval: 50 }).toContain('Une idée projetée.')

    // Many lines later, the latest one is still on screen.
    await participant.page.keyboard.press('Enter')
    for (let line = 1; line <= 30; line++) {
      await participant.page.keyboard.insertText(`Ligne ${line}`)
      await participant.page.keyboard.press('Enter')
    }
    await participant.page.keyboard.insertText('Dernière ligne tapée.')
    await expect.poll(() => projectionText(page), { timeout: 5000 }).toContain('Dernière ligne tapée.')
    await expect
      .poll(() =>
        page.locator('#projection-document').evaluate((box) => {
          const last = [...box.querySelectorAll('p')].find((paragraph) => paragraph.textContent === 'Dernière ligne tapée.')
          if (last === undefined) return false
          const outer = box.getBoundingClientRect()
          const inner = last.getBoundingClientRect()
          return inner.top >= outer.top && inner.bottom <= outer.bottom
        }),
      )
      .toBe(true)

    await page.keyboard.press('Escape')
    await page.locator('#projection').waitFor({ state: 'hidden' })
    // A dialog's close event comes in a task after it is hidden; the projection's view goes then.
    await page.locator('#projection .ProseMirror').waitFor({ state: 'detached' })
    expect(await page.locator('#projection .ProseMirror').count()).toBe(0)
    expect(await page.locator('#editor .ProseMirror').isVisible()).toBe(true)
    expect(await editorText(page)).toContain('Dernière ligne tapée.')

    // And with the exit button.
    await page.locator('#projection-button').click()
    await page.locator('#projection').waitFor({ state: 'visible' })
    await page.locator('#projection-exit').click()
    await page.locator('#projection').waitFor({ state: 'hidden' })
  })
})

describe('names', () => {
  it('shows a name that looks like markup as text, in presence and on the cursor, and injects nothing', async () => {
    const hostileName = '<img src=x onerror=alert(1)>'
    const pad = await createTestPad(session.server.url, 'Noms')
    const alice = await join(pad.links.edit, 'Alice')
    const mallory = await join(pad.links.edit, hostileName)
    const dialogs: string[] = []
    for (const { page } of [alice, mallory]) {
      page.on('dialog', (dialog: Dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
    }
    await typeAtEnd(mallory.page, 'Bonjour')
    await expect.poll(() => alice.page.locator('#presence').innerText()).toContain(hostileName)
    await expect.poll(() => alice.page.locator('.ProseMirror-yjs-cursor').allInnerTexts()).toContain(hostileName)
    expect(await mallory.page.locator('#presence').innerText()).toContain(hostileName)
    expect(await mallory.page.locator('#change-name-button').innerText()).toContain(hostileName)

    await alice.page.locator('#projection-button').click()
    await expect.poll(() => projectionText(alice.page)).toContain('Bonjour')
    await alice.page.keyboard.press('Escape')

    for (const { page } of [alice, mallory]) {
      // ProseMirror's own caret helper after a widget (`img.ProseMirror-separator`, no src) is the only image allowed.
      expect(await page.locator('img:not(.ProseMirror-separator)').count()).toBe(0)
      expect(await page.locator('img[src], [onerror]').count()).toBe(0)
    }
    expect(dialogs).toEqual([])
  })
})

describe('home page', () => {
  it('creates a pad kept for the chosen lifetime, « un an » by default', async () => {
    const context = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1100, height: 800 } })
    session.track({ context, page: await context.newPage() })
    const page = context.pages()[0]
    if (page === undefined) throw new Error('no page')
    await page.goto(session.server.url)
    const select = page.locator('#lifetime-select')
    expect(await select.inputValue()).toBe('year')
    expect(await select.locator('option:checked').innerText()).toBe('un an')
    await select.selectOption('forever')
    await page.locator('#title-input').fill('Pad conservé')
    await page.locator('#create-pad-button').click()
    await page.locator('#facilitator-panel').waitFor({ state: 'visible' })
    expect(await page.locator('#settings-lifetime').inputValue()).toBe('forever')
    expect(await page.locator('#pad-expiry').innerText()).toBe(
      'Ce pad est conservé jusqu’à ce que l’animateur·rice le supprime.',
    )
  })
})
