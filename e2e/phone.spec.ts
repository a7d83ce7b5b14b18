/**
 * The pad on a phone, as a participant who scanned the QR code sees it
 * (360×740, touch, a phone's user agent flags): the pad's text is on screen
 * on arrival, the toolbar is one row, the caret never goes under the sticky
 * toolbar while moving through a long list, the menu folds the rest away and
 * opens by tap and closes by Escape, and nothing is wider than the screen in
 * any of these states.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from './axe'
import { editorText, useBrowserSession, createCollecte } from './fixtures'

const session = useBrowserSession()
const phone = { width: 360, height: 740 }

async function openOnPhone(url: string): Promise<Page> {
  const context = await session.browser.newContext({ viewport: phone, hasTouch: true, isMobile: true, locale: 'fr-FR' })
  await context.addInitScript(() => window.localStorage.setItem('atelier-pad:name', 'Awa'))
  const page = await context.newPage()
  session.track({ context, page })
  await page.goto(url)
  await page.locator('#connection-status[data-state="connected"]').waitFor()
  return page
}

/** How far the page is wider than the screen, in CSS pixels (0: no sideways scrolling). */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
}

/** The caret's box on screen (the line's box when the caret is in an empty line). */
function caretBox(page: Page): Promise<{ top: number; bottom: number }> {
  return page.evaluate(() => {
    const range = window.getSelection()?.getRangeAt(0)
    if (range === undefined) throw new Error('no selection')
    let rect = range.getBoundingClientRect()
    if (rect.height === 0) {
      const node = range.startContainer
      const element = node instanceof Element ? node : node.parentElement
      if (element === null) throw new Error('caret outside any element')
      rect = element.getBoundingClientRect()
    }
    return { top: rect.top, bottom: rect.bottom }
  })
}

describe('the pad on a phone (360×740, touch)', () => {
  it('shows the pad’s text on arrival under a one-row toolbar, with the rest folded into a menu', async () => {
    const pad = await createCollecte(session.server.url, 'Collecte d’innovation sociale du quartier des Pentes')
    const page = await openOnPhone(pad.links.edit)
    const firstBlock = await page.locator('#editor .ProseMirror > :first-child').boundingBox()
    expect(firstBlock).not.toBeNull()
    // The first heading and the lines under it are in the upper half of the screen.
    expect(firstBlock!.y + firstBlock!.height).toBeLessThan(phone.height / 2)

    const buttonTops = await page.locator('#toolbar button').evaluateAll((buttons) => buttons.map((button) => Math.round(button.getBoundingClientRect().top)))
    expect(buttonTops.length).toBeGreaterThan(8)
    expect(new Set(buttonTops).size).toBe(1)
    const buttonSizes = await page.locator('#toolbar button').evaluateAll((buttons) =>
      buttons.map((button) => Math.min(button.getBoundingClientRect().width, button.getBoundingClientRect().height)),
    )
    expect(Math.min(...buttonSizes)).toBeGreaterThanOrEqual(44)

    // Folded: the name, the language and the export menu are not shown until the menu opens.
    const toggle = page.getByRole('button', { name: 'Menu' })
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await page.locator('#language-select').isVisible()).toBe(false)
    expect(await page.locator('#export-menu > summary').isVisible()).toBe(false)
    expect(await horizontalOverflow(page)).toBe(0)

    await toggle.tap()
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    expect(await page.locator('#language-select').isVisible()).toBe(true)
    expect(await page.locator('#change-name-button').isVisible()).toBe(true)
    await page.locator('#export-menu > summary').tap()
    await page.locator('#export-links a').first().waitFor()
    expect(await horizontalOverflow(page)).toBe(0)
    expect(await axeViolations(page), 'menu and export menu open').toEqual([])

    // Escape closes the export menu first, then the menu, and focus is back on its button.
    await page.keyboard.press('Escape')
    expect(await page.locator('#export-menu').getAttribute('open')).toBeNull()
    await page.keyboard.press('Escape')
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pad-menu-toggle')
  })

  it('keeps the caret clear of the sticky toolbar while it moves up through a 40-line list', async () => {
    const pad = await createCollecte(session.server.url, 'Collecte d’innovation sociale du quartier des Pentes')
    const page = await openOnPhone(pad.links.edit)
    const caretInListItem = () => page.evaluate(() => window.getSelection()?.anchorNode?.parentElement?.closest('li') != null)
    await page.locator('#editor .ProseMirror').tap()
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true)
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('- ')
    await expect.poll(caretInListItem).toBe(true)
    for (let line = 1; line <= 40; line += 1) {
      await page.keyboard.insertText(`Initiative numéro ${line} du quartier`)
      if (line < 40) await page.keyboard.press('Enter')
    }
    await expect
      .poll(() => page.locator('#editor li', { hasText: 'Initiative numéro' }).count(), { message: await editorText(page) })
      .toBe(40)

    const covered: number[] = []
    for (let step = 1; step <= 40; step += 1) {
      await page.keyboard.press('ArrowUp')
      // ProseMirror scrolls after reading the new selection; let it settle.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
      const caret = await caretBox(page)
      const toolbarBottom = await page.locator('#toolbar').evaluate((toolbar) => toolbar.getBoundingClientRect().bottom)
      const viewportBottom = await page.evaluate(() => window.visualViewport?.height ?? window.innerHeight)
      if (caret.top < toolbarBottom || caret.bottom > viewportBottom) covered.push(step)
    }
    expect(covered, 'steps where the caret was under the toolbar or below the screen').toEqual([])
    expect(await horizontalOverflow(page)).toBe(0)
  })

  it('fits the admin link’s panels and the first-visit name dialog on the screen', async () => {
    const pad = await createCollecte(session.server.url, 'Collecte d’innovation sociale du quartier des Pentes')
    const admin = await openOnPhone(pad.links.admin)
    await admin.locator('#facilitator-panel').scrollIntoViewIfNeeded()
    expect(await admin.locator('#facilitator-panel').isVisible()).toBe(true)
    expect(await horizontalOverflow(admin)).toBe(0)

    const context = await session.browser.newContext({ viewport: phone, hasTouch: true, isMobile: true, locale: 'fr-FR' })
    const page = await context.newPage()
    session.track({ context, page })
    await page.goto(pad.links.edit)
    await page.locator('#name-dialog[open]').waitFor()
    expect(await horizontalOverflow(page)).toBe(0)
    const dialog = await page.locator('#name-dialog').boundingBox()
    expect(dialog!.x).toBeGreaterThanOrEqual(0)
    expect(dialog!.x + dialog!.width).toBeLessThanOrEqual(phone.width)
  })
})
