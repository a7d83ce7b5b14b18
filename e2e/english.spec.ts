/**
 * The interface in English leaves no French behind. In real Chromium with an
 * English browser (en-GB), on a pad made in English: the home page, the
 * first-visit name dialog, the pad by edit link (export menu open, colours by
 * author on), by view link, by admin link (share and facilitator panels,
 * the rotate and delete confirmations, each cancelled), a locked pad,
 * projection, the history panel (with the restore confirmation, the
 * facilitator's publish controls and naming dialog), the big-deletion
 * notice and the accessibility statement. On each, no French interface
 * string (client/i18n/locales/fr.ts, and the French words of shared/:
 * initiative labels, template and license names) that differs from its
 * English is in the rendered text, in the text the page holds hidden, nor in
 * an aria-label, title or placeholder; and `<html lang="en">`. Dates read the
 * British way (day, month, year).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { en } from '../client/i18n/locales/en'
import { fr } from '../client/i18n/locales/fr'
import { initiativeFieldLabels } from '../shared/pad/initiative'
import { dataLicenses, licenses } from '../shared/pad/licenses'
import { templateNames } from '../shared/pad/templates'
import type { CreatePadResponse } from '../shared/protocol/api'
import { openConnectedPage, openPage, useBrowserSession, type PageOptions } from './fixtures'
import { openHistory, startServerOnFakeClock, writeVersions } from './versions'

const session = useBrowserSession()

/** Any run of spaces, the no-break ones included, as one plain space. */
const normalizeSpaces = (text: string): string => text.replace(/[\s\u00A0\u202F]+/gu, ' ').trim()

/** Fragments shorter than this are too likely to be found by chance (« 1. », « T1 », « G »). */
const minimumLength = 3

/**
 * The French to look for: each French text whose English says something
 * else, cut at its `{placeholders}`, each piece long enough to mean something.
 */
function frenchFragments(): string[] {
  const pairs: [french: string, english: string][] = [
    ...Object.entries(fr).map(([key, text]): [string, string] => [text, en[key as keyof typeof fr]]),
    ...Object.entries(initiativeFieldLabels.fr).map(([field, text]): [string, string] => [text, initiativeFieldLabels.en[field as keyof typeof initiativeFieldLabels.en]]),
    ...Object.entries(templateNames.fr).map(([id, text]): [string, string] => [text, templateNames.en[id as keyof typeof templateNames.en]]),
    ...[...Object.values(licenses), ...Object.values(dataLicenses)].map((license): [string, string] => [license.name.fr, license.name.en]),
  ]
  const fragments = pairs
    .filter(([french, english]) => normalizeSpaces(french) !== normalizeSpaces(english))
    .flatMap(([french]) => french.split(/\{\w+\}/).map(normalizeSpaces))
    .filter((fragment) => [...fragment].length >= minimumLength)
  return [...new Set(fragments)]
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A fragment found only as a whole: « Nom » is not in « Nombre ». */
const fragmentPatterns = frenchFragments().map((fragment) => ({
  fragment,
  pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(fragment)}(?![\\p{L}\\p{N}])`, 'u'),
}))

interface PageWords {
  lang: string
  /** Where each text was read, and the text. */
  texts: [where: string, text: string][]
}

/** Everything the page says: rendered text, all text held (hidden too), the tab title and the attributes read aloud or shown. */
function readPageWords(page: Page): Promise<PageWords> {
  return page.evaluate(() => {
    const attributes = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'data-placeholder', 'alt']
    const texts: [string, string][] = [
      ['innerText', document.body.innerText],
      ['textContent', document.body.textContent ?? ''],
      ['document.title', document.title],
    ]
    for (const element of document.querySelectorAll('*')) {
      for (const name of attributes) {
        const value = element.getAttribute(name)
        if (value !== null) texts.push([`${element.tagName.toLowerCase()}${element.id === '' ? '' : `#${element.id}`} [${name}]`, value])
      }
    }
    return { lang: document.documentElement.lang, texts }
  })
}

/** The French left on the page, as `where: « fragment »`; pad links are left out (their keys are random letters). */
async function frenchLeftOn(page: Page): Promise<string[]> {
  const { texts } = await readPageWords(page)
  const found = new Set<string>()
  for (const [where, raw] of texts) {
    const text = normalizeSpaces(raw.replace(/\S*\/p\/\S*/g, ' '))
    for (const { fragment, pattern } of fragmentPatterns) {
      if (pattern.test(text)) found.add(`${where}: « ${fragment} »`)
    }
  }
  return [...found]
}

/** Fails with the French found, naming the state. */
async function expectEnglishOnly(page: Page, state: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang), `${state}: <html lang>`).toBe('en')
  expect(await frenchLeftOn(page), state).toEqual([])
}

/** Every page of this walk: an en-GB browser. */
const english: PageOptions = { locale: 'en-GB', height: 900 }
const open = (url: string, options: PageOptions = {}): Promise<Page> => openPage(session, url, { ...english, ...options })
const openPad = (url: string, options: PageOptions = {}): Promise<Page> => openConnectedPage(session, url, { ...english, ...options })

async function createEnglishPad(title: string): Promise<CreatePadResponse> {
  const response = await fetch(`${session.server.url}/api/pads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, language: 'en', template: 'collecte' }),
  })
  expect(response.status).toBe(201)
  return (await response.json()) as CreatePadResponse
}

describe('the interface in English', () => {
  it('finds what it looks for: the check sees French on a French page', async () => {
    // Without this, a check that finds nothing could pass for one that is blind.
    const context = await session.browser.newContext({ locale: 'fr-FR' })
    const page = await context.newPage()
    session.track({ context, page })
    await page.goto(`${session.server.url}/`)
    await page.locator('main').waitFor()
    expect(await frenchLeftOn(page)).toEqual(expect.arrayContaining([expect.stringContaining('« Créer un pad »')]))
    expect(fragmentPatterns.length).toBeGreaterThan(150)
  })

  it('leaves no French on the home page', async () => {
    const page = await open(`${session.server.url}/`)
    await page.locator('#create-pad-form').waitFor()
    await expectEnglishOnly(page, 'home')
  })

  it('leaves no French on the accessibility statement', async () => {
    const page = await open(`${session.server.url}/accessibility`)
    await page.locator('#statement-date:not(:empty)').waitFor()
    await expectEnglishOnly(page, 'accessibility statement')
  })

  it('leaves no French for a participant: name dialog, editor, export menu, colours by author, view link', async () => {
    const pad = await createEnglishPad('English round-up')
    const writer = await open(pad.links.edit, { name: null })
    await writer.locator('#name-dialog[open]').waitFor()
    await expectEnglishOnly(writer, 'name dialog')
    await writer.locator('#name-input').fill('Awa')
    await writer.locator('#name-input').press('Enter')
    await writer.locator('#connection-status[data-state="connected"]').waitFor()
    await expectEnglishOnly(writer, 'edit link')

    await writer.locator('#editor .ProseMirror').click()
    await writer.keyboard.type('A word. ')
    await writer.locator('#export-menu summary').click()
    await writer.locator('#export-links a').first().waitFor()
    await writer.locator('#author-colors-toggle').click()
    await writer.locator('#author-legend li').first().waitFor()
    await expectEnglishOnly(writer, 'export menu open, colours by author')

    const reader = await openPad(pad.links.view)
    await reader.locator('#read-only-badge:not([hidden])').waitFor()
    await expectEnglishOnly(reader, 'view link')
  })

  it('leaves no French for the facilitator: share and facilitator panels, both confirmations (cancelled), British dates', async () => {
    const pad = await createEnglishPad('Facilitated in English')
    const admin = await openPad(pad.links.admin)
    await admin.locator('#facilitator-panel:not([hidden])').waitFor()
    await admin.locator('#share-panel:not([hidden])').waitFor()
    await expectEnglishOnly(admin, 'admin link')

    await admin.locator('#settings-event-name').fill('Project café')
    await admin.locator('#settings-event-date').fill('2027-03-12')
    await admin.locator('#settings-event-place').fill('Lyon')
    await admin.locator('#settings-license').selectOption('CC-BY-NC-SA-4.0')
    await admin.locator('#license-warning:not([hidden])').waitFor()
    await admin.locator('#settings-save').click()
    await admin.locator('#settings-feedback', { hasText: en['settings.saved'] }).waitFor()
    await expect.poll(() => admin.locator('#pad-event').innerText()).toBe('Project café · 12 March 2027 · Lyon')
    expect(await admin.locator('#pad-expiry').innerText()).toMatch(/^This pad will be deleted on \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} unless it is edited again\.$/)
    await expectEnglishOnly(admin, 'settings saved, license warning shown')

    await admin.locator('#rotate-edit-link').click()
    await admin.locator('#rotate-dialog[open]').waitFor()
    await expectEnglishOnly(admin, 'rotate dialog')
    await admin.locator('#rotate-cancel').click()
    await admin.locator('#rotate-dialog:not([open])').waitFor({ state: 'attached' })

    await admin.locator('#delete-pad').click()
    await admin.locator('#delete-dialog[open]').waitFor()
    await expectEnglishOnly(admin, 'delete dialog')
    await admin.locator('#delete-cancel').click()
    await admin.locator('#delete-dialog:not([open])').waitFor({ state: 'attached' })

    // Both were cancelled: the edit link still works.
    const participant = await openPad(pad.links.edit)
    expect(await participant.locator('#pad-error').isHidden()).toBe(true)
  })

  it('leaves no French on a locked pad, for the facilitator and a participant, nor in projection', async () => {
    const pad = await createEnglishPad('Locked in English')
    const admin = await openPad(pad.links.admin)
    await admin.locator('#lock-toggle').click()
    await admin.locator('#lock-toggle[aria-pressed="true"]').waitFor()
    await admin.locator('#lock-notice:not([hidden])').waitFor()
    await expectEnglishOnly(admin, 'locked pad, admin link')

    const participant = await openPad(pad.links.edit)
    await participant.locator('#locked-badge:not([hidden])').waitFor()
    await participant.locator('#lock-notice:not([hidden])').waitFor()
    await expectEnglishOnly(participant, 'locked pad, edit link')

    await participant.locator('#projection-button').click()
    await participant.locator('#projection[open]').waitFor()
    await expectEnglishOnly(participant, 'projection')
  })

  it('leaves no French in the history panel (its versions, the oldest, restore and publish controls) nor in the big-deletion notice', async () => {
    // Checkpoints come 2 minutes after writing stops: this server's clock moves when the test says.
    const onClock = await startServerOnFakeClock()
    try {
      const response = await fetch(`${onClock.server.url}/api/pads`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'History in English', language: 'en', template: 'collecte' }),
      })
      const pad = (await response.json()) as CreatePadResponse
      const writer = await openPad(pad.links.edit)
      await writeVersions(writer, pad.id, ['A grocery run by neighbours.', ' Open on Saturdays.'], onClock)
      await openHistory(writer)
      expect(await writer.locator('#history-panel .history-changes li').allInnerTexts()).toEqual(['Added by Awa: 19 characters'])
      await expectEnglishOnly(writer, 'history panel, newest version')
      await writer.locator('#history-slider').focus()
      await writer.keyboard.press('ArrowLeft')
      await expect.poll(() => writer.locator('#history-panel .history-changes li').allInnerTexts()).toEqual([
        'This is the oldest version kept: there is nothing before it to compare.',
      ])
      await expectEnglishOnly(writer, 'history panel, oldest version')

      await writer.getByRole('button', { name: 'Restore this version' }).click()
      await writer.locator('#restore-dialog[open]').waitFor()
      await expectEnglishOnly(writer, 'restore confirmation')
      await writer.locator('#restore-cancel').click()
      await writer.keyboard.press('Escape')

      // Everything deleted at once: the notice offers to bring it back.
      await writer.locator('#editor .ProseMirror').click()
      await writer.keyboard.press('Control+a')
      await writer.keyboard.press('Delete')
      await writer.locator('#deletion-notice:not([hidden])').waitFor()
      expect(await writer.locator('#deletion-notice-text').innerText()).toBe('Most of the text was just deleted. Bring it back?')
      await expectEnglishOnly(writer, 'big-deletion notice')
      await writer.getByRole('button', { name: 'Bring the text back' }).click()
      await expect.poll(() => writer.locator('#deletion-notice-text').innerText()).toMatch(/^Text brought back as it was today at \d\d:\d\d\./)
      await expectEnglishOnly(writer, 'text brought back')

      // The facilitator's publish controls, the naming dialog, the published mark and the recipe's link.
      const admin = await openPad(pad.links.admin)
      await openHistory(admin)
      await expect.poll(() => admin.locator('#history-panel .history-version-button').count()).toBe(3)
      expect(await admin.locator('#history-panel .history-version-button').first().innerText()).toMatch(/Before restoring the version taken today at \d\d:\d\d, by Awa/)
      await admin.getByRole('button', { name: 'Publish the current state' }).click()
      await admin.locator('#name-version-dialog[open]').waitFor()
      expect(await admin.getByLabel('Version name').inputValue()).toMatch(/^Recipe of \d{1,2} [A-Z][a-z]+$/)
      await expectEnglishOnly(admin, 'naming dialog')
      await admin.locator('#name-version-cancel').click()
      await admin.getByRole('button', { name: 'Publish as the recipe' }).click()
      await expect.poll(() => admin.locator('#history-panel .history-version-button').first().innerText()).toContain('Published recipe')
      await expectEnglishOnly(admin, 'history panel, recipe published')
      await admin.keyboard.press('Escape')
      await admin.locator('[data-link="recipe"]').waitFor()
      await expectEnglishOnly(admin, 'share panel with the recipe link')
    } finally {
      await onClock.server.close()
    }
  })
})
