/**
 * Restore, undo the big deletion, publish the recipe — from the pad page, in
 * real Chromium against a real server whose clock is a fake one
 * (e2e/versions.ts), so that checkpoints come when the test says. Awa
 * writes, a checkpoint; Binta selects everything and deletes it. Chloé
 * restores from the history panel (confirmed), or Awa from the notice that
 * offers to bring the text back (its button, or Ctrl+Maj+Retour arrière):
 * every page has the text again, the export still credits Awa alone, and
 * the `before-restore` version, listed with who restored what, undoes the
 * restore. With restores kept for the facilitator, the edit link is told so
 * and the server refuses it. The facilitator publishes a version: the view
 * link lands on `/r/<view key>` showing it while the pad moves on, the page
 * prints with no navigation nor button, and the share panel shows its link.
 * axe on the confirmation, the notice, the publish controls, the recipe
 * page and a 360 px phone with the panel open.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createTestPad } from '../server/testing/harness'
import type { Recipe } from '../shared/export/recipe'
import type { CreatePadResponse, PadVersionsResponse } from '../shared/protocol/api'
import { axeViolations } from './axe'
import { editorText, openPage, typeAtEnd } from './fixtures'
import { openHistory, useHistorySession, whenStored } from './versions'

const session = useHistorySession()

const awaText = 'Une épicerie solidaire à Lyon, tenue par des voisines, ouverte le samedi matin.'

/** Awa wrote a sentence and a checkpoint holds it; Binta then selected everything and deleted it. */
async function padDeletedByBinta(title: string): Promise<{ pad: CreatePadResponse; awa: Page; binta: Page }> {
  const pad = await createTestPad(session.onClock.server.url, title)
  const awa = await session.join(pad.links.edit, 'Awa')
  const binta = await session.join(pad.links.edit, 'Binta')
  await typeAtEnd(awa, awaText)
  await expect.poll(() => editorText(binta)).toContain(awaText)
  await whenStored(awa)
  await session.onClock.takeCheckpoint(pad.id)
  await selectAllAndDelete(binta)
  await expect.poll(async () => (await editorText(awa)).trim()).toBe('')
  await whenStored(binta)
  return { pad, awa, binta }
}

async function selectAllAndDelete(page: Page): Promise<void> {
  await page.locator('#editor .ProseMirror').click()
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Delete')
}

async function exportJson(padViewKey: string): Promise<Recipe> {
  // The view key's export takes no version of its own.
  const response = await fetch(`${session.onClock.server.url}/api/pads/${padViewKey}/export?format=json`)
  expect(response.status).toBe(200)
  return (await response.json()) as Recipe
}

async function listVersions(key: string): Promise<PadVersionsResponse['versions']> {
  const response = await fetch(`${session.onClock.server.url}/api/pads/${key}/versions`)
  expect(response.status).toBe(200)
  return ((await response.json()) as PadVersionsResponse).versions
}

const versionButtons = (page: Page) => page.locator('#history-panel .history-version-button')
const historyStatus = (page: Page) => page.locator('#history-status')

describe('restoring a version', () => {
  it('brings the deleted text back for everyone from the history panel, keeps Awa’s credit, and can itself be undone', async () => {
    const { pad, awa, binta } = await padDeletedByBinta('Restaurer depuis l’historique')
    const chloe = await session.join(pad.links.edit, 'Chloé')
    await openHistory(chloe)
    // The newest version is the checkpoint with Awa's text.
    await expect.poll(() => chloe.locator('#history-preview [role="document"]').innerText()).toBe(awaText)

    await chloe.getByRole('button', { name: 'Restaurer cette version' }).click()
    const dialog = chloe.locator('#restore-dialog[open]')
    await dialog.waitFor()
    expect(await dialog.locator('h2').innerText()).toMatch(/^Restaurer la version prise aujourd’hui à \d\d:\d\d\u202F\?$/)
    expect(await dialog.locator('p').innerText()).toContain('Rien n’est perdu')
    // The safe answer has the focus.
    expect(await chloe.evaluate(() => document.activeElement?.id)).toBe('restore-cancel')
    expect(await axeViolations(chloe), 'restore confirmation').toEqual([])
    await chloe.locator('#restore-confirm').click()

    for (const page of [awa, binta, chloe]) await expect.poll(async () => (await editorText(page)).trim()).toBe(awaText)
    await expect.poll(() => historyStatus(chloe).innerText()).toMatch(/^Version restaurée/)
    // Focus stays on the button that did it, for the keyboard.
    expect(await chloe.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('restore')
    // Credit is sacred: the restored text is Awa's, not the restorer's, nor the deleter's.
    await expect.poll(async () => (await exportJson(pad.keys.view)).contributors.map((contributor) => contributor.name)).toEqual(['Awa'])

    // The list now starts with the pad as it was before the restore, saying what it is for.
    await expect.poll(() => versionButtons(chloe).count()).toBe(2)
    expect(await versionButtons(chloe).first().innerText()).toMatch(/Avant la restauration de la version prise aujourd’hui à \d\d:\d\d, par Chloé/)

    // Restoring it undoes the restore.
    await versionButtons(chloe).first().click()
    await expect.poll(() => historyStatus(chloe).innerText()).toMatch(/^Version affichée\u00A0: .*Avant la restauration/)
    await chloe.getByRole('button', { name: 'Restaurer cette version' }).click()
    await chloe.locator('#restore-confirm').click()
    for (const page of [awa, chloe]) await expect.poll(async () => (await editorText(page)).trim()).toBe('')
  })

  it('offers to bring the text back after a big deletion: the notice’s button, on every page', async () => {
    const { pad, awa, binta } = await padDeletedByBinta('Rétablir après un effacement')
    // Awa did not delete anything; the notice comes to her too, and to Binta who did.
    for (const page of [awa, binta]) {
      await page.locator('#deletion-notice:not([hidden])').waitFor()
      expect(await page.locator('#deletion-notice-text').innerText()).toBe('Le texte a été en grande partie effacé. Rétablir\u202F?')
      expect(await page.locator('#deletion-announcer').innerText()).toBe('Le texte a été en grande partie effacé. Rétablir\u202F?')
    }
    expect(await axeViolations(awa), 'big-deletion notice').toEqual([])

    await awa.getByRole('button', { name: 'Rétablir le texte' }).click()
    for (const page of [awa, binta]) await expect.poll(async () => (await editorText(page)).trim()).toBe(awaText)
    await expect.poll(() => awa.locator('#deletion-notice-text').innerText()).toMatch(/^Texte rétabli, tel qu’il était aujourd’hui à \d\d:\d\d\./)
    // The button is gone with its job; the keyboard is on the notice's other one.
    expect(await awa.evaluate(() => document.activeElement?.id)).toBe('deletion-dismiss')
    await expect.poll(async () => (await exportJson(pad.keys.view)).contributors.map((contributor) => contributor.name)).toEqual(['Awa'])
    expect((await listVersions(pad.keys.edit))[0]?.kind).toBe('before-restore')
    await awa.locator('#deletion-dismiss').click()
    expect(await awa.locator('#deletion-notice').isHidden()).toBe(true)
  })

  it('brings it back with Ctrl+Maj+Retour arrière from the editor, and says when no version holds the text yet', async () => {
    const fresh = await createTestPad(session.onClock.server.url, 'Aucune version encore')
    const writer = await session.join(fresh.links.edit, 'Awa')
    await typeAtEnd(writer, awaText)
    await whenStored(writer)
    await selectAllAndDelete(writer)
    await writer.locator('#deletion-notice:not([hidden])').waitFor()
    await writer.keyboard.press('Control+Shift+Backspace')
    await expect.poll(() => writer.locator('#deletion-notice-text').innerText()).toMatch(/^Aucune version enregistrée ne contient encore ce texte/)
    expect(await writer.locator('#deletion-restore').isHidden()).toBe(true)
    // Nothing was restored, nor deleted by the key.
    expect((await editorText(writer)).trim()).toBe('')
    expect(await listVersions(fresh.keys.edit)).toEqual([])

    const { binta } = await padDeletedByBinta('Rétablir au clavier')
    await binta.locator('#deletion-notice:not([hidden])').waitFor()
    // The caret is in the editor: the key must not delete anything there, only bring the text back.
    await binta.keyboard.press('Control+Shift+Backspace')
    await expect.poll(async () => (await editorText(binta)).trim()).toBe(awaText)
    await expect.poll(() => binta.locator('#deletion-notice-text').innerText()).toMatch(/^Texte rétabli/)
  })

  it('keeps restores for the facilitator when asked: the edit link is told so, and the server refuses it', async () => {
    const pad = await createTestPad(session.onClock.server.url, 'Restauration réservée')
    const admin = await session.join(pad.links.admin, 'Awa')
    await typeAtEnd(admin, awaText)
    await whenStored(admin)
    await session.onClock.takeCheckpoint(pad.id)

    await admin.getByLabel('Qui peut restaurer une version').selectOption('admin')
    await admin.locator('#settings-save').click()
    await admin.locator('#settings-feedback', { hasText: 'Réglages enregistrés' }).waitFor()

    const participant = await session.join(pad.links.edit, 'Binta')
    await openHistory(participant)
    expect(await participant.getByRole('button', { name: 'Restaurer cette version' }).count()).toBe(0)
    expect(await participant.locator('.history-restore-explanation').innerText()).toBe('Seul·e l’animateur·rice peut restaurer une version de ce pad.')
    const [version] = await listVersions(pad.keys.edit)
    const refused = await fetch(`${session.onClock.server.url}/api/pads/${pad.keys.edit}/versions/${version?.id}/restore`, { method: 'POST' })
    expect(refused.status).toBe(403)

    // Back to the default while the panel is open: the button comes.
    await admin.getByLabel('Qui peut restaurer une version').selectOption('edit')
    await admin.locator('#settings-save').click()
    await participant.getByRole('button', { name: 'Restaurer cette version' }).waitFor()
  })
})

describe('publishing the recipe', () => {
  it('freezes a version on the view link while the pad moves on; the recipe page prints cleanly', async () => {
    const pad = await createTestPad(session.onClock.server.url, 'Recette du quartier')
    const admin = await session.join(pad.links.admin, 'Awa')
    await typeAtEnd(admin, 'Ingrédients, des voisines et un local.')
    await whenStored(admin)
    await session.onClock.takeCheckpoint(pad.id)

    await openHistory(admin)
    await admin.getByRole('button', { name: 'Publier comme recette' }).click()
    await expect.poll(() => historyStatus(admin).innerText()).toMatch(/^Recette publiée\u00A0:/)
    await expect.poll(() => versionButtons(admin).first().innerText()).toContain('Recette publiée')
    expect(await admin.getByRole('button', { name: 'Ne plus publier de recette' }).isVisible()).toBe(true)
    expect(await admin.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('publish')
    expect(await axeViolations(admin), 'publish controls').toEqual([])
    await admin.keyboard.press('Escape')

    // The share panel gives the recipe's link.
    const recipeLink = admin.locator('[data-link="recipe"]')
    await recipeLink.waitFor()
    expect(await recipeLink.inputValue()).toBe(`${session.onClock.server.url}/r/${pad.keys.view}`)

    // The pad moves on; the view link shows the frozen version.
    await typeAtEnd(admin, ' Étape suivante.')
    await whenStored(admin)
    const readerPage = await openPage(session.browser, pad.links.view, { width: 1280, height: 900, name: 'Chloé' })
    await readerPage.waitForURL(`**/r/${pad.keys.view}`)
    const body = await readerPage.locator('body').innerText()
    expect(body).toContain('Ingrédients, des voisines et un local.')
    expect(body).not.toContain('Étape suivante')
    expect(await axeViolations(readerPage), 'recipe page').toEqual([])

    await readerPage.emulateMedia({ media: 'print' })
    expect(await readerPage.locator('nav, button, input, select, script').count()).toBe(0)
    expect(await readerPage.locator('body').innerText()).toContain('des voisines et un local.')

    // Publishing the pad as it is now: named first, with a default name.
    await openHistory(admin)
    await admin.getByRole('button', { name: 'Publier l’état actuel' }).click()
    const naming = admin.locator('#name-version-dialog[open]')
    await naming.waitFor()
    expect(await admin.getByLabel('Nom de la version').inputValue()).toMatch(/^Recette du \d{1,2} \p{L}+$/u)
    await admin.getByLabel('Nom de la version').fill('Recette relue')
    await admin.keyboard.press('Enter')
    await expect.poll(() => historyStatus(admin).innerText()).toMatch(/^Recette publiée\u00A0:/)
    expect(await versionButtons(admin).first().innerText()).toMatch(/«\u202FRecette relue\u202F»[\s\S]*Recette publiée/)
    await readerPage.reload()
    await expect.poll(() => readerPage.locator('body').innerText()).toContain('Étape suivante')

    // Unpublished: the view link shows the live pad again.
    await versionButtons(admin).first().click()
    await admin.getByRole('button', { name: 'Ne plus publier de recette' }).click()
    await expect.poll(() => historyStatus(admin).innerText()).toMatch(/^Plus aucune recette n’est publiée/)
    await recipeLink.waitFor({ state: 'detached' })
    const live = await session.join(pad.links.view, 'Chloé')
    expect(live.url()).toBe(pad.links.view)
  })

  it('fits a 360 px phone with the panel and its actions open, and passes axe', async () => {
    const pad = await createTestPad(session.onClock.server.url, 'Sur un téléphone')
    const admin = await session.join(pad.links.admin, 'Awa', { viewport: { width: 360, height: 740 } })
    await typeAtEnd(admin, awaText)
    await whenStored(admin)
    await session.onClock.takeCheckpoint(pad.id)
    await admin.getByRole('button', { name: 'Menu' }).click()
    await openHistory(admin)
    await admin.getByRole('button', { name: 'Restaurer cette version' }).waitFor()
    expect(await admin.locator('#history-panel').evaluate((dialog) => dialog.scrollWidth - dialog.clientWidth)).toBe(0)
    expect(await axeViolations(admin), 'phone, panel open').toEqual([])
  })
})
