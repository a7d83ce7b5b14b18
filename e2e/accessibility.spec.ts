/**
 * axe (WCAG 2.2 A and AA rules, and « label in name », which axe runs only
 * when asked) on every page and state a participant or facilitator meets, in
 * real Chromium: home, the pad by edit, view and admin link, the first-visit
 * name dialog, the facilitator's confirmation dialogs, a locked pad,
 * projection, a link the facilitator replaced (open when it happened, and
 * opened after) and one that opens nothing, a phone's width, English, the
 * history panel and the accessibility statement. Any violation, of any impact, fails and is
 * listed with the elements it names.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createTestPad } from '../server/testing/harness'
import type { CreatePadResponse } from '../shared/protocol/api'
import { axeViolations } from './axe'
import { openConnectedPage, openPage, useBrowserSession, type PageOptions } from './fixtures'
import { openHistory, startServerOnFakeClock, writeVersions } from './versions'

const session = useBrowserSession()

const open = (url: string, options: PageOptions = {}): Promise<Page> => openPage(session, url, options)
const openPad = (url: string, options: PageOptions = {}): Promise<Page> => openConnectedPage(session, url, options)

let collecte: Promise<CreatePadResponse> | null = null
function collectePad(): Promise<CreatePadResponse> {
  collecte ??= fetch(`${session.server.url}/api/pads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Collecte accessible', template: 'collecte' }),
  }).then(async (response) => (await response.json()) as CreatePadResponse)
  return collecte
}

describe('accessibility (axe, WCAG 2.2 AA)', () => {
  it('has no violation on the home page, in French and English', async () => {
    for (const locale of ['fr-FR', 'en-GB']) {
      const page = await open(`${session.server.url}/`, { locale })
      await page.locator('main').waitFor()
      expect(await axeViolations(page), locale).toEqual([])
    }
  })

  it('has no violation on the pad by edit, view and admin link, at 1280 px, on a phone, and in English', async () => {
    const pad = await collectePad()
    for (const [label, url, options] of [
      ['edit', pad.links.edit, {}],
      ['view', pad.links.view, {}],
      ['admin', pad.links.admin, {}],
      ['edit on a phone', pad.links.edit, { width: 360, height: 740 }],
      ['admin on a phone', pad.links.admin, { width: 360, height: 740 }],
      ['edit in English', pad.links.edit, { locale: 'en-GB' }],
    ] as const) {
      const page = await openPad(url, options)
      expect(await axeViolations(page), label).toEqual([])
    }
  })

  it('has no violation with the first-visit name dialog open, nor with the colours by author shown', async () => {
    const pad = await collectePad()
    const page = await open(pad.links.edit, { name: null })
    await page.locator('#name-dialog[open]').waitFor()
    expect(await axeViolations(page), 'name dialog').toEqual([])
    await page.locator('#name-input').fill('Awa')
    await page.locator('#name-input').press('Enter')
    await page.locator('#connection-status[data-state="connected"]').waitFor()
    await page.locator('#editor .ProseMirror').click()
    await page.keyboard.type('Un mot. ')
    await page.locator('#author-colors-toggle').click()
    await page.locator('#author-legend li').first().waitFor()
    expect(await axeViolations(page), 'colours by author').toEqual([])
  })

  it('has no violation in the facilitator’s confirmation dialogs, on a locked pad, nor in projection', async () => {
    const pad = await createTestPad(session.server.url, 'Animée')
    const admin = await openPad(pad.links.admin)
    await admin.locator('#rotate-edit-link').click()
    await admin.locator('#rotate-dialog[open]').waitFor()
    expect(await axeViolations(admin), 'rotate dialog').toEqual([])
    await admin.keyboard.press('Escape')
    await admin.locator('#delete-pad').click()
    await admin.locator('#delete-dialog[open]').waitFor()
    expect(await axeViolations(admin), 'delete dialog').toEqual([])
    await admin.keyboard.press('Escape')
    await admin.locator('#lock-toggle').click()
    await admin.locator('#lock-toggle[aria-pressed="true"]').waitFor()
    const participant = await openPad(pad.links.edit)
    await participant.locator('#locked-badge:not([hidden])').waitFor()
    expect(await axeViolations(participant), 'locked pad').toEqual([])
    await participant.locator('#projection-button').click()
    await participant.locator('#projection[open]').waitFor()
    expect(await axeViolations(participant), 'projection').toEqual([])
  })

  it('has no violation on an edit link the facilitator replaced, open or opened after, nor on an unknown link, in French and English', async () => {
    const pad = await createTestPad(session.server.url, 'Lien remplacé')
    const holder = await openPad(pad.links.edit)
    expect((await fetch(`${session.server.url}/api/pads/${pad.keys.admin}/rotate`, { method: 'POST' })).status).toBe(200)
    await holder.locator('#closed-notice:not([hidden])').waitFor()
    expect(await axeViolations(holder), 'replaced while open').toEqual([])
    for (const [label, url, options] of [
      ['replaced link', pad.links.edit, {}],
      ['replaced link in English', pad.links.edit, { locale: 'en-GB' }],
      ['unknown link', `${session.server.url}/p/AAAAAAAAAAAAAAAAAAAAAA`, {}],
    ] as const) {
      const page = await open(url, options)
      await page.locator('#pad-error:not([hidden])').waitFor()
      expect(await axeViolations(page), label).toEqual([])
    }
  })

  it('asks a writer’s name on a first visit and then puts the caret in the editor; never asks a reader', async () => {
    const pad = await collectePad()
    const writer = await open(pad.links.edit, { name: null })
    await writer.locator('#name-dialog[open]').waitFor()
    await writer.locator('#name-input').fill('Awa')
    await writer.locator('#name-input').press('Enter')
    await expect.poll(() => writer.evaluate(() => document.activeElement?.classList.contains('ProseMirror') ?? false)).toBe(true)
    const reader = await open(pad.links.view, { name: null })
    await reader.locator('#connection-status[data-state="connected"]').waitFor()
    await reader.locator('#change-name-button:not([hidden])').waitFor()
    expect(await reader.locator('#name-dialog').evaluate((dialog) => (dialog as HTMLDialogElement).open)).toBe(false)
  })

  it('has no violation on the accessibility statement in French, reached from the home page’s footer', async () => {
    const page = await open(`${session.server.url}/`, { locale: 'fr-FR' })
    await page.locator('.page-footer a', { hasText: 'Accessibilité' }).click()
    await page.waitForURL(`${session.server.url}/accessibilite`)
    await page.locator('#statement-date:not(:empty)').waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr')
    expect(await axeViolations(page), 'statement in French').toEqual([])
  })

  it('has no violation on the accessibility statement in English', async () => {
    const page = await open(`${session.server.url}/accessibility`, { locale: 'en-GB' })
    await page.locator('#statement-date:not(:empty)').waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await page.locator('h1').innerText()).toBe('Accessibility statement')
    expect(await axeViolations(page), 'statement in English').toEqual([])
  })

  it('has no violation with the keyboard shortcuts dialog open, in French and English', async () => {
    const pad = await collectePad()
    for (const [locale, key, title] of [
      ['fr-FR', '?', 'Raccourcis clavier'],
      ['en-GB', 'Control+/', 'Keyboard shortcuts'],
    ] as const) {
      const page = await openPad(pad.links.edit, { locale })
      await page.keyboard.press(key)
      await page.locator('#shortcut-help[open]').waitFor()
      expect(await page.locator('#shortcut-help h2').innerText(), locale).toBe(title)
      expect(await axeViolations(page), locale).toEqual([])
      await page.keyboard.press('Escape')
      await expect.poll(() => page.locator('#shortcut-help').evaluate((dialog) => (dialog as HTMLDialogElement).open)).toBe(false)
    }
  })

  it('has no violation with the history panel open, a version shown with its changes, in French, in English and on a phone', async () => {
    // Checkpoints come 2 minutes after writing stops: this server's clock moves when the test says.
    const onClock = await startServerOnFakeClock()
    try {
      const pad = await createTestPad(onClock.server.url, 'Historique accessible')
      const writer = await openPad(pad.links.edit)
      await writeVersions(writer, pad.id, ['Une épicerie solidaire.', ' Ouverte le samedi.'], onClock)
      for (const [label, options] of [
        ['French', {}],
        ['English', { locale: 'en-GB' }],
        ['phone', { width: 360, height: 740 }],
      ] as const) {
        const page = label === 'French' ? writer : await openPad(pad.links.edit, options)
        if (label === 'phone') await page.locator('#pad-menu-toggle').click()
        await openHistory(page)
        await page.locator('#history-preview ins').first().waitFor()
        expect(await axeViolations(page), label).toEqual([])
        await page.keyboard.press('Escape')
        await expect.poll(() => page.evaluate(() => document.activeElement?.id), { message: label }).toBe('history-button')
      }
    } finally {
      await onClock.server.close()
    }
  })
})
