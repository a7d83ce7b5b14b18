/**
 * The history panel in real Chromium against a real server whose clock is
 * a fake one (server/testing/fake-clock.ts), so that the room's automatic
 * checkpoints (2 minutes after writing stops) come when the test says: Awa
 * writes, a checkpoint; Binta adds words and removes one of Awa's, another
 * checkpoint. Awa's panel lists both, newest first, with Binta credited for
 * the change; the newest shows Binta's words added and Awa's word removed,
 * each credited to its author; the slider moves to the oldest and back by
 * keyboard, saying the version's time and kind; Escape closes the panel and
 * focus goes back to its button. Edit and admin links have the history, a
 * view link has not. The panel
 * open passes axe in French, in English and on a 360×740 phone, where it
 * fills the screen without sideways scrolling.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createTestPad } from '../server/testing/harness'
import type { CreatePadResponse } from '../shared/protocol/api'
import { axeViolations } from './axe'
import { editorText, typeAtEnd } from './fixtures'
import { openHistory, useHistorySession, whenStored } from './versions'

const session = useHistorySession()

/** A pad where Awa wrote a sentence (checkpoint), then Binta added words at its end and removed Awa's first word (checkpoint). */
async function padWithTwoVersions(): Promise<{ pad: CreatePadResponse; awa: Page; binta: Page }> {
  const pad = await createTestPad(session.onClock.server.url, 'Collecte du quartier')
  const awa = await session.join(pad.links.edit, 'Awa')
  const binta = await session.join(pad.links.edit, 'Binta')
  await typeAtEnd(awa, 'Une épicerie solidaire à Lyon.')
  await expect.poll(() => editorText(binta)).toContain('Une épicerie solidaire à Lyon.')
  await whenStored(awa)
  await session.onClock.takeCheckpoint(pad.id)

  await typeAtEnd(binta, ' Ouverte le samedi.')
  await binta.keyboard.press('Control+Home')
  // The browser moves the caret; ProseMirror reads it on the next selectionchange, which must come before Delete.
  await binta.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))))
  for (let index = 0; index < 'Une '.length; index++) await binta.keyboard.press('Delete')
  await expect.poll(async () => (await editorText(awa)).trim()).toBe('épicerie solidaire à Lyon. Ouverte le samedi.')
  await whenStored(binta)
  await session.onClock.takeCheckpoint(pad.id)
  return { pad, awa, binta }
}

const versionButtons = (page: Page) => page.locator('#history-panel .history-version-button')

describe('the history panel', () => {
  it('lists the versions with their authors, shows each with its changes credited, moves by slider and closes with Escape', async () => {
    const { awa } = await padWithTwoVersions()
    await openHistory(awa)

    await expect.poll(() => versionButtons(awa).count()).toBe(2)
    const [newest, oldest] = await versionButtons(awa).allInnerTexts()
    expect(newest).toContain('Aujourd’hui à')
    expect(newest).toContain('Point automatique')
    // Binta wrote 19 characters and removed 4 of Awa's: both credited, with the change.
    expect(newest?.replace(/\u2212/g, '-')).toMatch(/Binta \+19/)
    expect(newest?.replace(/\u2212/g, '-')).toMatch(/Awa -4/)
    expect(oldest).toContain('Première version gardée')
    expect(await versionButtons(awa).first().getAttribute('aria-current')).toBe('true')

    // The newest version: Binta's words added, Awa's removed, each named.
    const preview = awa.locator('#history-preview [role="document"]')
    expect(await preview.getAttribute('aria-label')).toMatch(/^Le pad tel qu’il était aujourd’hui à \d\d:\d\d, en lecture seule$/)
    const added = preview.locator('ins.history-added')
    await expect.poll(() => added.allInnerTexts()).toEqual([' Ouverte le samedi.'])
    expect(await added.first().getAttribute('title')).toBe('Ajouté par Binta')
    const removed = preview.locator('del.history-removed')
    expect(await removed.allInnerTexts()).toEqual(['Une '])
    expect(await removed.first().getAttribute('title')).toBe('Retiré du texte de Awa')
    expect(await awa.locator('#history-panel .history-changes li').allInnerTexts()).toEqual([
      'Retiré du texte de Awa\u00A0: 4 caractères',
      'Ajouté par Binta\u00A0: 19 caractères',
    ])
    // Read-only: nothing can be typed in it.
    expect(await preview.getAttribute('contenteditable')).toBe('false')

    // By keyboard: the slider goes to the oldest version and back.
    const slider = awa.getByRole('slider', { name: 'Parcourir les versions' })
    await slider.focus()
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/^Aujourd’hui à \d\d:\d\d, Point automatique \(version 2 sur 2\)$/)
    await awa.keyboard.press('ArrowLeft')
    await expect.poll(() => versionButtons(awa).nth(1).getAttribute('aria-current')).toBe('true')
    expect(await versionButtons(awa).first().getAttribute('aria-current')).toBeNull()
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/\(version 1 sur 2\)$/)
    await expect.poll(() => preview.innerText()).toBe('Une épicerie solidaire à Lyon.')
    expect(await preview.locator('ins, del').count()).toBe(0)
    expect(await awa.locator('#history-panel .history-changes li').allInnerTexts()).toEqual([
      'C’est la plus ancienne version gardée\u00A0: rien avant elle à comparer.',
    ])
    await expect.poll(() => awa.locator('#history-status').innerText()).toMatch(/^Version affichée\u00A0: Aujourd’hui à \d\d:\d\d, Point automatique\.$/)
    await awa.keyboard.press('ArrowRight')
    await expect.poll(() => preview.locator('ins').count()).toBe(1)
    expect(await versionButtons(awa).first().getAttribute('aria-current')).toBe('true')

    // A click on a version in the list shows it too.
    await versionButtons(awa).nth(1).click()
    await expect.poll(() => preview.locator('ins, del').count()).toBe(0)

    await awa.keyboard.press('Escape')
    await expect.poll(() => awa.locator('#history-panel').evaluate((dialog) => (dialog as HTMLDialogElement).open)).toBe(false)
    expect(await awa.evaluate(() => document.activeElement?.id)).toBe('history-button')
  })

  it('offers the history to edit and admin links, never to a view link', async () => {
    const pad = await createTestPad(session.onClock.server.url, 'Lecture')
    for (const link of [pad.links.edit, pad.links.admin]) {
      const writer = await session.join(link, 'Awa')
      expect(await writer.getByRole('button', { name: 'Historique' }).isVisible()).toBe(true)
    }
    const reader = await session.join(pad.links.view, 'Chloé')
    await reader.locator('#read-only-badge:not([hidden])').waitFor()
    expect(await reader.locator('#history-button').isHidden()).toBe(true)
    expect(await reader.locator('#history-panel').count()).toBe(0)
  })

  it('has no axe violation with the panel open, in French, in English and on a phone, which it fills without sideways scrolling', async () => {
    const { pad, awa } = await padWithTwoVersions()
    await openHistory(awa)
    expect(await axeViolations(awa), 'French').toEqual([])

    const english = await session.join(pad.links.admin, 'Awa', { locale: 'en-GB' })
    await openHistory(english)
    expect(await english.locator('#history-title').innerText()).toBe('Pad history')
    expect(await versionButtons(english).first().innerText()).toContain('Automatic checkpoint')
    expect(await axeViolations(english), 'English').toEqual([])

    const onPhone = await session.join(pad.links.edit, 'Awa', { viewport: { width: 360, height: 740 } })
    await onPhone.getByRole('button', { name: 'Menu' }).click()
    await openHistory(onPhone)
    const box = await onPhone.locator('#history-panel').boundingBox()
    expect(box).toEqual({ x: 0, y: 0, width: 360, height: 740 })
    expect(await onPhone.locator('#history-panel').evaluate((dialog) => dialog.scrollWidth - dialog.clientWidth)).toBe(0)
    expect(await axeViolations(onPhone), 'phone').toEqual([])
    await onPhone.keyboard.press('Escape')
    expect(await onPhone.evaluate(() => document.activeElement?.id)).toBe('history-button')
  })
})
