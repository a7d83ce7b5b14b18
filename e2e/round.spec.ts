/**
 * The tour de table (issue 18) in real Chromium against a real server: the
 * facilitator (admin link) makes the order from the people present —
 * removing herself, adding someone without a device by name, dragging —
 * and starts a round of three; a participant at a desk (in English) and one
 * on a 360×740 phone see who speaks, who is next and the timer; the phone
 * lowers and raises its hand and moves in the queue; pause and +1 min change
 * the timer; Next gives the floor on and adds a « Cité par » card naming the
 * speaker, credited to the facilitator's page; the projection shows a large
 * timer; axe passes in French, in English and on the phone. Then the same by
 * keyboard alone. Each person has a browser context of their own; nothing
 * sleeps.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreatePadResponse } from '../shared/protocol/api'
import { axeViolations } from './axe'
import { editorText, openConnectedPage, useBrowserSession, createCollecte } from './fixtures'
import { startServerOnFakeClock } from './versions'

const session = useBrowserSession()

/** The names of a speaker list (`#round-order`, `#round-queue`), in order. */
function listedNames(page: Page, list: string): Promise<string[]> {
  return page.locator(`${list} .round-person-name`).allInnerTexts()
}

/** The seconds a clock's `mm:ss` text says. */
async function clockSeconds(page: Page, selector: string): Promise<number> {
  const text = await page.locator(selector).innerText()
  const match = /^(\+?)(\d\d):(\d\d)$/.exec(text.trim())
  if (match === null) throw new Error(`not a clock: ${text}`)
  const seconds = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '+' ? -seconds : seconds
}

/** The « Cité par » of each initiative card in the editor, in order. */
function citedByFields(page: Page): Promise<string[]> {
  return page.locator('#editor .ProseMirror [data-field="citedBy"] .initiative-value').allTextContents()
}

/** Presses Tab until the focused element matches `selector` (keyboard only); fails after `limit` presses. */
async function tabTo(page: Page, selector: string, { backwards = false, limit = 80 } = {}): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) === true, selector)) return
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`Tab never reached ${selector}`)
}

function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? null)
}

describe('tour de table', () => {
  it('runs a round of three: order from the people present, timer everywhere, hands, pause and extend, Next with its card, projection', async () => {
    const pad = await createCollecte(session.server.url, 'Collecte du tour de table')
    const claire = await openConnectedPage(session, pad.links.admin, { name: 'Claire' })
    const awa = await openConnectedPage(session, pad.links.edit, { name: 'Awa', locale: 'en-GB' })
    const binta = await openConnectedPage(session, pad.links.edit, { name: 'Binta', width: 360, height: 740 })

    // The order starts from the people present; Claire takes herself out, adds Chloé by name, drags Chloé first.
    await expect.poll(() => listedNames(claire, '#round-order')).toEqual(['Claire', 'Awa', 'Binta'])
    await claire.getByRole('button', { name: 'Retirer Claire' }).click()
    await claire.getByLabel('Ajouter une personne sans appareil').fill('Chloé')
    await claire.getByRole('button', { name: 'Ajouter', exact: true }).click()
    await expect.poll(() => listedNames(claire, '#round-order')).toEqual(['Awa', 'Binta', 'Chloé'])
    await claire.locator('#round-order li', { hasText: 'Chloé' }).dragTo(claire.locator('#round-order li', { hasText: 'Awa' }))
    await expect.poll(() => listedNames(claire, '#round-order')).toEqual(['Chloé', 'Awa', 'Binta'])
    expect(await claire.locator('#round-cards').isChecked()).toBe(true)
    expect(await axeViolations(claire), 'facilitator, before the round').toEqual([])
    await claire.getByRole('button', { name: 'Lancer le tour de table' }).click()

    // Everyone sees who speaks, who is next and the timer counting down from 2 minutes.
    await expect.poll(() => awa.locator('#round-bar-speaker').innerText()).toBe('Chloé')
    expect(await awa.locator('#round-bar-next').innerText()).toBe('Awa')
    expect(await awa.locator('#round-bar').innerText()).toContain('Time left')
    const firstReading = await clockSeconds(awa, '#round-bar-clock')
    expect(firstReading).toBeGreaterThan(100)
    expect(firstReading).toBeLessThanOrEqual(120)
    await expect.poll(() => clockSeconds(awa, '#round-bar-clock'), { timeout: 5000 }).toBeLessThan(firstReading)
    await expect.poll(() => binta.locator('#round-bar-speaker').innerText()).toBe('Chloé')
    expect(await binta.locator('#round-bar-clock').isVisible()).toBe(true)
    // The first card of the collecte names the first speaker.
    await expect.poll(() => citedByFields(awa)).toEqual(['Chloé'])

    // The phone lowers its hand (out of the queue), raises it again (back at the end).
    expect(await binta.locator('#round-hand-status').innerText()).toBe('Main levée\u00A0: position 2 dans la file.')
    await binta.getByRole('button', { name: 'Baisser la main' }).click()
    await expect.poll(() => listedNames(claire, '#round-queue')).toEqual(['Awa'])
    await binta.getByRole('button', { name: 'Lever la main' }).click()
    await expect.poll(() => listedNames(claire, '#round-queue')).toEqual(['Awa', 'Binta'])
    await expect.poll(() => binta.locator('#round-hand-status').innerText()).toBe('Main levée\u00A0: position 2 dans la file.')
    expect(await binta.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    const handBox = await binta.locator('#round-hand').boundingBox()
    expect(handBox?.height).toBeGreaterThanOrEqual(44)
    expect((handBox?.y ?? 999) + (handBox?.height ?? 0)).toBeLessThanOrEqual(740)
    expect(await axeViolations(binta), 'phone, during the round').toEqual([])

    // Pause stops the timer for everyone; +1 min adds exactly a minute to it.
    await claire.getByRole('button', { name: 'Mettre en pause' }).click()
    await expect.poll(() => awa.locator('#round-bar-clock-label').innerText()).toBe('Time left · Paused')
    const paused = await clockSeconds(awa, '#round-bar-clock')
    await claire.getByRole('button', { name: 'Prolonger d’1 min' }).click()
    await expect.poll(() => clockSeconds(awa, '#round-bar-clock')).toBe(paused + 60)
    await claire.getByRole('button', { name: 'Reprendre' }).click()
    await expect.poll(() => awa.locator('#round-bar-clock-label').innerText()).toBe('Time left')
    await expect.poll(() => clockSeconds(awa, '#round-bar-clock'), { timeout: 5000 }).toBeLessThan(paused + 60)
    expect(await axeViolations(awa), 'English participant, during the round').toEqual([])

    // Next: Awa has the floor, Binta is next, and a card « Cité par » Awa follows Chloé's.
    await claire.getByRole('button', { name: 'Suivant' }).click()
    await expect.poll(() => awa.locator('#round-bar-speaker').innerText()).toBe('Awa')
    expect(await awa.locator('#round-bar-next').innerText()).toBe('Binta')
    expect(await awa.locator('#round-hand-status').innerText()).toBe('You have the floor.')
    await expect.poll(() => citedByFields(binta)).toEqual(['Chloé', 'Awa'])
    await expect.poll(() => claire.locator('#round-feedback').innerText()).toBe('Fiche ajoutée pour Awa.')
    expect(await editorText(binta)).toContain('Awa')
    expect(await axeViolations(claire), 'facilitator, during the round').toEqual([])

    // The names typed into the cards are the facilitator's text: the recipe credits Claire with them, not Awa.
    const contributors = async (): Promise<unknown> => {
      const response = await fetch(`${session.server.url}/api/pads/${pad.keys.admin}/export?format=json`)
      return ((await response.json()) as { contributors: unknown }).contributors
    }
    await expect.poll(contributors).toEqual([{ name: 'Claire', organisation: '', characters: 'ChloéAwa'.length }])

    // The projection shows the speaker and a large timer.
    await claire.locator('#projection-button').click()
    await claire.locator('#projection[open]').waitFor()
    expect(await claire.locator('#projection-round-speaker').innerText()).toBe('Awa')
    expect(await claire.locator('#projection-round-next').innerText()).toBe('Ensuite\u00A0: Binta')
    const clockSize = await claire.locator('#projection-round-clock').evaluate((clock) => parseFloat(getComputedStyle(clock).fontSize))
    expect(clockSize).toBeGreaterThanOrEqual(64)
    expect(await clockSeconds(claire, '#projection-round-clock')).toBeGreaterThan(100)
    await claire.keyboard.press('Escape')

    // Ending the round clears it everywhere.
    await claire.getByRole('button', { name: 'Terminer le tour' }).click()
    await binta.locator('#round-bar').waitFor({ state: 'hidden' })
    expect(await claire.locator('#round-start').isVisible()).toBe(true)
  })

  it('shows the time up by colour and label, and nothing happens to anyone', async () => {
    // A server whose clock moves when told: three minutes pass at once, and the next view says so.
    const onFakeClock = await startServerOnFakeClock()
    try {
      const response = await fetch(`${onFakeClock.server.url}/api/pads`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Temps écoulé', template: 'collecte' }),
      })
      const pad = (await response.json()) as CreatePadResponse
      const claire = await openConnectedPage(session, pad.links.admin, { name: 'Claire' })
      await expect.poll(() => listedNames(claire, '#round-order')).toEqual(['Claire'])
      await claire.getByRole('button', { name: 'Lancer le tour de table' }).click()
      await expect.poll(() => claire.locator('#round-bar-speaker').innerText()).toBe('Claire')
      expect(await claire.locator('#round-bar').getAttribute('data-over-time')).toBe('false')
      await onFakeClock.clock.advance(180_000)
      // Any change sends a new view, with the server's time in it.
      await claire.getByLabel('Durée d’un tour').selectOption({ label: '3 minutes' })
      await expect.poll(() => claire.locator('#round-bar').getAttribute('data-over-time')).toBe('true')
      expect(await claire.locator('#round-bar-clock').innerText()).toMatch(/^\+01:0\d$/)
      expect(await claire.locator('#round-bar-clock-label').innerText()).toBe('Temps dépassé')
      await expect.poll(() => claire.locator('#round-announcer').innerText()).toBe('Temps écoulé pour Claire.')
      expect(await claire.locator('#round-bar-speaker').innerText()).toBe('Claire')
      await claire.locator('#projection-button').click()
      expect(await claire.locator('#projection-round').getAttribute('data-over-time')).toBe('true')
      expect(await claire.locator('#projection-round-clock-label').innerText()).toBe('Temps dépassé')
    } finally {
      await onFakeClock.server.close()
    }
  })

  it('lets the facilitator start, reorder and advance the round with the keyboard alone', async () => {
    const pad = await createCollecte(session.server.url, 'Au clavier')
    const claire = await openConnectedPage(session, pad.links.admin, { name: 'Claire' })
    await openConnectedPage(session, pad.links.edit, { name: 'Awa' })
    await expect.poll(() => listedNames(claire, '#round-order')).toEqual(['Claire', 'Awa'])

    // Up moves Awa first; focus stays on her ↑, which says it can go no higher.
    await tabTo(claire, '[aria-label="Monter Awa"]')
    await claire.keyboard.press('Enter')
    await expect.poll(() => listedNames(claire, '#round-order')).toEqual(['Awa', 'Claire'])
    expect(await focusedLabel(claire)).toBe('Monter Awa')
    expect(await claire.locator('[aria-label="Monter Awa"]').getAttribute('aria-disabled')).toBe('true')
    expect(await claire.locator('#round-feedback').innerText()).toBe('Awa\u00A0: position 1 sur 2.')

    // A third person by name, then start: focus goes to Next.
    await tabTo(claire, '#round-add-name')
    await claire.keyboard.type('Dédé')
    await claire.keyboard.press('Enter')
    await expect.poll(() => listedNames(claire, '#round-order')).toEqual(['Awa', 'Claire', 'Dédé'])
    await tabTo(claire, '#round-start')
    await claire.keyboard.press('Enter')
    await expect.poll(() => claire.locator('#round-bar-speaker').innerText()).toBe('Awa')
    await expect.poll(() => claire.evaluate(() => document.activeElement?.id)).toBe('round-next')

    // Dédé up the queue by keyboard, then Next gives him the floor.
    await expect.poll(() => listedNames(claire, '#round-queue')).toEqual(['Claire', 'Dédé'])
    await tabTo(claire, '[aria-label="Monter Dédé"]')
    await claire.keyboard.press('Enter')
    await expect.poll(() => listedNames(claire, '#round-queue')).toEqual(['Dédé', 'Claire'])
    expect(await focusedLabel(claire)).toBe('Monter Dédé')
    await tabTo(claire, '#round-next', { backwards: true })
    await claire.keyboard.press('Enter')
    await expect.poll(() => claire.locator('#round-bar-speaker').innerText()).toBe('Dédé')
    await expect.poll(() => citedByFields(claire)).toEqual(['Awa', 'Dédé'])
  })
})
