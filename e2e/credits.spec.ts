/**
 * Credit follows the writer, in real Chromium against a real server: Alice
 * types three paragraphs on a blank pad; Bruno types nothing, only turns the
 * first into a heading and the other two into a bulleted list, with the
 * toolbar (by mouse), and then indents and outdents the second item with
 * the keyboard (Tab, Shift+Tab; Shift+Tab again at the top level changes
 * nothing). The
 * JSON export credits Alice alone, with every character she typed, and the
 * author colours tint her text only; when she renames herself, the credit
 * follows. Each person has a browser context of their own.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Page } from 'playwright-core'
import { createTestPad } from '../server/testing/harness'
import type { Recipe } from '../shared/export/recipe'
import { recordLegacyAuthor } from '../shared/testing/legacy-authors'
import { editorText, useBrowserSession } from './fixtures'

const session = useBrowserSession()

const paragraphs = ['Une épicerie solidaire à Vénissieux.', 'Un atelier vélo tenu par des bénévoles.', 'La cantine du quartier, le jeudi.']

async function exportJson(url: string, viewKey: string): Promise<Recipe> {
  const response = await fetch(`${url}/api/pads/${viewKey}/export?format=json`)
  expect(response.status).toBe(200)
  return (await response.json()) as Recipe
}

/** Puts the caret at the start of the `index`th block of the editor. */
async function caretInBlock(page: Page, index: number): Promise<void> {
  await page.locator('#editor .ProseMirror > *').nth(index).click({ position: { x: 2, y: 2 } })
}

describe('credits in the browser', () => {
  it('credits the writer alone when someone else reformats their paragraphs, by mouse and by keyboard, and follows a rename', async () => {
    const pad = await createTestPad(session.server.url, 'Crédits')
    const alice = await session.join(pad.links.edit, 'Alice')
    const bruno = await session.join(pad.links.edit, 'Bruno')
    const editor = alice.page.locator('#editor .ProseMirror')
    await editor.click()
    await alice.page.keyboard.press('Control+End')
    await alice.page.keyboard.type(paragraphs.join('\n'))
    await expect.poll(() => editorText(bruno.page)).toContain(paragraphs[2])

    // By mouse: the toolbar's heading button, and the bullet button on the last two paragraphs selected.
    await caretInBlock(bruno.page, 0)
    await bruno.page.locator('#toolbar [data-command="heading-1"]').click()
    await caretInBlock(bruno.page, 1)
    await bruno.page.locator('#editor .ProseMirror > *').nth(2).click({ modifiers: ['Shift'] })
    await bruno.page.locator('#toolbar [data-command="bullet-list"]').click()
    await expect.poll(() => alice.page.locator('#editor .ProseMirror > ul > li').count()).toBe(2)
    expect(await alice.page.locator('#editor .ProseMirror > *').count()).toBe(2)
    // By keyboard: Tab indents the second item, Shift+Tab brings it back, and again changes nothing.
    // At the start of its text: Alice's cursor name sits at its end, and a click on it moves no caret.
    await bruno.page.locator('#editor .ProseMirror li').nth(1).click({ position: { x: 2, y: 2 } })
    // The editor has taken the click once the toolbar says the item can be indented (the first one cannot).
    await bruno.page.locator('#toolbar [data-command="sink-list-item"][aria-disabled="false"]').waitFor()
    await bruno.page.keyboard.press('Tab')
    await expect.poll(() => alice.page.locator('#editor .ProseMirror li li').count()).toBe(1)
    await bruno.page.keyboard.press('Shift+Tab')
    await expect.poll(() => alice.page.locator('#editor .ProseMirror li li').count()).toBe(0)
    await bruno.page.keyboard.press('Shift+Tab')
    expect(await bruno.page.locator('#editor .ProseMirror > ul > li').count()).toBe(2)

    const written = paragraphs.join('').length
    await expect
      .poll(async () => (await exportJson(session.server.url, pad.keys.view)).contributors, { timeout: 5000 })
      .toEqual([{ name: 'Alice', organisation: '', characters: written }])
    // Every format credits her alone: the attribution of the HTML, Markdown and ODT reads the same list.
    const exportText = async (format: string): Promise<string> => (await fetch(`${session.server.url}/api/pads/${pad.keys.view}/export?format=${format}`)).text()
    expect(await exportText('html')).toContain('<meta name="author" content="Alice">')
    // Bruno was there (people present), but credited with nothing.
    expect(await exportText('md')).toMatch(/\ncontributors:\n {2}- "Alice"\n(?! {2}- )/)

    // The author colours tint Alice's text, nobody else's.
    await bruno.page.locator('#author-colors-toggle').click()
    await expect.poll(() => bruno.page.locator('#author-legend').innerText()).toContain('Alice')
    expect(await bruno.page.locator('#author-legend').innerText()).not.toContain('Bruno')

    // Renaming herself renames her credit.
    await alice.page.locator('#change-name-button').click()
    const nameInput = alice.page.locator('#name-input')
    await nameInput.fill('Alice Martin')
    await nameInput.press('Enter')
    await expect
      .poll(async () => (await exportJson(session.server.url, pad.keys.view)).contributors.map((contributor) => contributor.name), { timeout: 5000 })
      .toEqual(['Alice Martin'])
  })
  it('credits a participant with their organisation, and counts one who chose not to be named without naming them', async () => {
    const pad = await createTestPad(session.server.url, 'Crédits choisis')
    const claire = await session.join(pad.links.edit, 'Claire')
    const bruno = await session.join(pad.links.edit, 'Bruno')
    const chooseCredit = async (page: Page, organisation: string, isUnnamed: boolean): Promise<void> => {
      await page.locator('#change-name-button').click()
      await page.locator('#organisation-input').fill(organisation)
      if (isUnnamed) await page.locator('#credit-unnamed').check()
      await page.locator('#name-form button[type="submit"]').click()
      await page.locator('#name-dialog').waitFor({ state: 'hidden' })
    }
    await chooseCredit(claire.page, 'Tiers-lieu du Moulin', false)
    await chooseCredit(bruno.page, '', true)
    for (const [participant, text] of [[claire, 'Claire propose une ressourcerie.'], [bruno, ' Un atelier de réparation.']] as const) {
      await participant.page.locator('#editor .ProseMirror').click()
      await participant.page.keyboard.press('Control+End')
      await participant.page.keyboard.type(text)
    }
    await expect
      .poll(async () => {
        const recipe = await exportJson(session.server.url, pad.keys.view)
        return [recipe.contributors, recipe.unnamedContributors]
      }, { timeout: 5000 })
      .toEqual([[{ name: 'Claire', organisation: 'Tiers-lieu du Moulin', characters: 32 }], 1])
    const html = await (await fetch(`${session.server.url}/api/pads/${pad.keys.view}/export?format=html`)).text()
    expect(html).toContain('Claire (Tiers-lieu du Moulin) et une autre personne')
    expect(html).not.toContain('Bruno')
  })
  it('keeps the credit of a pad written before participants when a newer page reformats it', async () => {
    const pad = await createTestPad(session.server.url, 'Ancienne collecte')
    // The text as the version before stored it: no author attribute, its client named in `authors`.
    const old = new Y.Doc()
    old.clientID = 31
    recordLegacyAuthor(old, 'Camille')
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('Écrit par Camille.')])
    old.getXmlFragment('body').insert(0, [paragraph])
    const padId = ((await (await fetch(`${session.server.url}/api/pads/${pad.keys.view}`)).json()) as { id: string }).id
    const db = new Database(path.join(session.server.dataDir, 'atelier-pad.sqlite'))
    db.pragma('busy_timeout = 5000')
    db.prepare('INSERT INTO pad_updates (pad_id, data) VALUES (?, ?)').run(padId, Y.encodeStateAsUpdate(old))
    db.close()

    const bruno = await session.join(pad.links.edit, 'Bruno')
    await expect.poll(() => editorText(bruno.page)).toContain('Écrit par Camille.')
    await caretInBlock(bruno.page, 0)
    await bruno.page.locator('#toolbar [data-command="heading-1"]').click()
    await bruno.page.locator('#editor .ProseMirror > h1').waitFor()
    await expect
      .poll(async () => (await exportJson(session.server.url, pad.keys.view)).contributors, { timeout: 5000 })
      .toEqual([{ name: 'Camille', organisation: '', characters: 18 }])
    expect(await bruno.page.locator('#connection-status').getAttribute('data-state')).toBe('connected')
  })
})
