/**
 * The pad with the keyboard alone, in real Chromium against a real server:
 * after `page.goto`, every action is a `page.keyboard` press (no click, no
 * `focus()`); the page is only read. A first-time writer gives their name in
 * the first-visit dialog, writes a paragraph and a list, indents and
 * outdents an item with Tab and Shift-Tab — Tab on the first item and
 * Shift-Tab on a top-level one leave the document as it was — leaves the editor
 * with Escape then Shift-Tab, finds the toolbar's « Initiative » button with
 * the arrow keys and fills the new card field by field with Tab, opens the
 * shortcut list with ? and closes it with Escape (focus comes back), opens an
 * export link from the export menu, switches the page to English with the
 * language select, and finally leaves the editor from a list item with
 * Escape then Tab.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createTestPad } from '../server/testing/harness'
import { useBrowserSession } from './fixtures'

const session = useBrowserSession()

/** What has focus, as far as the test needs to know. */
interface Focused {
  inEditor: boolean
  inToolbar: boolean
  inHelp: boolean
  /** The summary of a `<details>` (the export menu's). */
  isSummary: boolean
  id: string
  command: string | null
  href: string | null
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement
    if (!(element instanceof HTMLElement)) return { inEditor: false, inToolbar: false, inHelp: false, isSummary: false, id: '', command: null, href: null }
    return {
      inEditor: element.closest('.ProseMirror') !== null,
      inToolbar: element.closest('#toolbar') !== null,
      inHelp: element.closest('#shortcut-help') !== null,
      isSummary: element.tagName === 'SUMMARY',
      id: element.id,
      command: element.dataset.command ?? null,
      href: element.getAttribute('href'),
    }
  })
}

/** The editor's document as ProseMirror renders it: equal markup, equal document. */
function editorContent(page: Page): Promise<string> {
  return page.locator('#editor .ProseMirror').evaluate((editor) => editor.innerHTML)
}

/** Each list item's own text, indented by its depth. */
function outline(page: Page): Promise<string[]> {
  return page.locator('#editor .ProseMirror li').evaluateAll((items) =>
    items.map((item) => {
      let depth = 0
      for (let parent = item.parentElement; parent !== null && !parent.classList.contains('ProseMirror'); parent = parent.parentElement) {
        if (parent.tagName === 'LI') depth++
      }
      return `${'  '.repeat(depth)}${item.querySelector(':scope > p')?.textContent ?? ''}`
    }),
  )
}

/** Presses `key` until what has focus matches, at most `limit` times. */
async function pressUntil(page: Page, key: string, matches: (state: Focused) => boolean, limit = 30): Promise<Focused> {
  for (let count = 0; count < limit; count++) {
    const state = await focused(page)
    if (matches(state)) return state
    await page.keyboard.press(key)
  }
  throw new Error(`${key} never reached the element: focus is on ${JSON.stringify(await focused(page))}`)
}

describe('the pad with the keyboard alone', () => {
  it('writes, nests a list, fills a card, opens the help, exports, speaks English and leaves the editor, by keyboard', async () => {
    const pad = await createTestPad(session.server.url, 'Au clavier')
    const context = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1100, height: 800 } })
    const page = await context.newPage()
    session.track({ context, page })
    await page.goto(pad.links.edit)
    const { keyboard } = page

    // The first-visit name dialog takes the name; the caret then is in the editor.
    await page.locator('#name-dialog[open]').waitFor()
    expect((await focused(page)).id).toBe('name-input')
    await keyboard.type('Awa')
    await keyboard.press('Enter')
    await expect.poll(async () => (await focused(page)).inEditor).toBe(true)
    await page.locator('#connection-status[data-state="connected"]').waitFor()
    const hint = await page.locator('#editor .ProseMirror').evaluate((editor) => document.getElementById(editor.getAttribute('aria-describedby') ?? '')?.textContent)
    expect(hint).toContain('Échap puis Tab pour quitter l’éditeur')

    // A paragraph, then a list made by typing « - »; Tab on its first item, which cannot be indented, changes nothing.
    await keyboard.type('Courses du quartier')
    await keyboard.press('Enter')
    await keyboard.type('- pain')
    const oneItem = await editorContent(page)
    await keyboard.press('Tab')
    expect(await editorContent(page)).toBe(oneItem)
    expect((await focused(page)).inEditor).toBe(true)
    await keyboard.press('Enter')
    await keyboard.type('lait')
    expect(await outline(page)).toEqual(['pain', 'lait'])

    // Tab indents the second item, Shift-Tab brings it back.
    await keyboard.press('Tab')
    await expect.poll(() => outline(page)).toEqual(['pain', '  lait'])
    expect((await focused(page)).inEditor).toBe(true)
    await keyboard.press('Shift+Tab')
    await expect.poll(() => outline(page)).toEqual(['pain', 'lait'])

    // Shift-Tab on a top-level item changes nothing (it is not taken out of the list), and the caret stays.
    const flat = await editorContent(page)
    await keyboard.press('Shift+Tab')
    expect(await editorContent(page)).toBe(flat)
    expect((await focused(page)).inEditor).toBe(true)
    await keyboard.type(' demi-écrémé')
    expect(await outline(page)).toEqual(['pain', 'lait demi-écrémé'])

    // Escape then Shift-Tab: to the toolbar, the document as it was.
    const beforeLeaving = await editorContent(page)
    await keyboard.press('Escape')
    await keyboard.press('Shift+Tab')
    expect((await focused(page)).inToolbar).toBe(true)
    expect(await editorContent(page)).toBe(beforeLeaving)

    // The « Initiative » button, by the toolbar's arrow keys; Enter adds a card, its first field ready.
    await pressUntil(page, 'ArrowRight', (state) => state.command === 'initiative')
    await keyboard.press('Enter')
    await page.locator('#editor .initiative').waitFor()
    await expect.poll(async () => (await focused(page)).inEditor).toBe(true)
    const values = ['Repair Café', 'Villeurbanne', 'Association Répare', 'Réemploi', 'Moins de déchets', 'https://repair.example.org']
    for (const value of values) {
      await keyboard.type(value)
      await keyboard.press('Tab')
    }
    // « Cité par » holds the writer's name, selected as Tab selects a form field's value.
    expect(await page.evaluate(() => document.getSelection()?.toString())).toBe('Awa')
    await keyboard.press('Tab')
    const fields = await page.locator('#editor .initiative .initiative-value').allInnerTexts()
    expect(fields.map((text) => text.trim())).toEqual([...values, 'Awa'])
    expect(await page.locator('#editor .initiative a').getAttribute('href')).toBe('https://repair.example.org/')
    // Past the last field, the caret is on the line below the card: another list starts there.
    await keyboard.type('- à rappeler')
    await keyboard.press('Enter')
    await keyboard.type('Awa')
    expect(await page.locator('#editor .initiative + ul > li').allInnerTexts()).toEqual(['à rappeler', 'Awa'])
    expect((await focused(page)).inEditor).toBe(true)

    // Out of the editor to the toolbar, then ? opens the list of shortcuts and Escape closes it.
    await keyboard.press('Escape')
    await keyboard.press('Shift+Tab')
    const toolbarButton = await focused(page)
    expect(toolbarButton.inToolbar).toBe(true)
    await keyboard.press('?')
    const help = page.locator('#shortcut-help')
    await page.locator('#shortcut-help[open]').waitFor()
    expect(await help.locator('h2').innerText()).toBe('Raccourcis clavier')
    expect(await help.locator('table').count()).toBeGreaterThan(3)
    expect(await help.innerText()).toContain('Échap puis Tab')
    // Focus is in the dialog (on it, or on its first control).
    expect((await focused(page)).inHelp).toBe(true)
    await keyboard.press('Escape')
    await expect.poll(() => help.evaluate((dialog) => (dialog as HTMLDialogElement).open)).toBe(false)
    expect(await focused(page)).toEqual(toolbarButton)

    // Back from the toolbar to the export menu; Enter opens it, Tab reaches the first link, Enter downloads it.
    await pressUntil(page, 'Shift+Tab', (state) => state.isSummary, 5)
    await keyboard.press('Enter')
    await page.locator('#export-menu[open]').waitFor()
    await keyboard.press('Tab')
    const link = await focused(page)
    expect(link.href).toMatch(/^\/api\/pads\/[^/]+\/export\?format=html$/)
    const [download] = await Promise.all([page.waitForEvent('download'), keyboard.press('Enter')])
    expect(download.url()).toContain('format=html')
    expect(download.suggestedFilename()).toBe('Au clavier.html')
    await keyboard.press('Escape')
    expect(await page.locator('#export-menu').getAttribute('open')).toBeNull()

    // Back to the language select; ArrowDown picks English and the page speaks it.
    await pressUntil(page, 'Shift+Tab', (state) => state.id === 'language-select', 10)
    await keyboard.press('ArrowDown')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await page.locator('#toolbar [data-command="shortcuts"]').getAttribute('aria-label')).toBe('Keyboard shortcuts')
    expect(await page.locator('#export-menu summary').innerText()).toBe('Export')
    const englishHint = await page.locator('#editor .ProseMirror').evaluate((editor) => document.getElementById(editor.getAttribute('aria-describedby') ?? '')?.textContent)
    expect(englishHint).toContain('Escape then Tab to leave the editor')

    // Forward to the editor, through the toolbar's one stop: the caret is back in the last list's second item,
    // where Tab would indent. Escape then Tab leaves the editor instead, changing nothing.
    await pressUntil(page, 'Tab', (state) => state.inEditor, 10)
    await expect.poll(() => page.evaluate(() => document.getSelection()?.anchorNode?.textContent)).toBe('Awa')
    expect(await page.evaluate(() => document.getSelection()?.anchorNode?.parentElement?.closest('li')?.innerText)).toBe('Awa')
    const content = await editorContent(page)
    await keyboard.press('Escape')
    await keyboard.press('Tab')
    const after = await focused(page)
    expect(after.inEditor).toBe(false)
    expect(await page.evaluate(() => document.activeElement?.closest('.ProseMirror') ?? null)).toBeNull()
    expect(await editorContent(page)).toBe(content)
  })
})
