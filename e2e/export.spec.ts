/**
 * From a collecte to a licensed recipe, in real Chromium against a real
 * server: the facilitator creates a *collecte* pad from the home page's
 * template choice, two participants fill an initiative card each at the same
 * time (one from the template, one added with the « Initiative » button,
 * which credits its author), the facilitator picks the license and credits
 * people who did not type, and the HTML export downloaded from the export
 * menu credits everyone, lists both initiatives and links the license. The
 * text can be coloured by author, with a legend. Each person has a browser
 * context of their own; nothing sleeps.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { createTestPad } from '../server/testing/harness'
import { licenses } from '../shared/pad/licenses'
import { templateNames } from '../shared/pad/templates'
import { editorText, openAs, type Participant, useBrowserSession } from './fixtures'

const session = useBrowserSession()
const join = session.join

function cards(page: Page): Locator {
  return page.locator('#editor .initiative')
}

function fieldValue(card: Locator, field: string): Locator {
  return card.locator(`.initiative-field[data-field="${field}"] .initiative-value`)
}

/** The text of each field of a card, without other people's cursors (their names) or ProseMirror's line-holding breaks. */
function fieldTexts(card: Locator): Promise<string[]> {
  return card.locator('.initiative-value').evaluateAll((values) =>
    values.map((value) => {
      const clone = value.cloneNode(true)
      if (!(clone instanceof Element)) return ''
      for (const cursor of clone.querySelectorAll('.ProseMirror-yjs-cursor')) cursor.remove()
      return clone.textContent ?? ''
    }),
  )
}

/** Types `values` into the card's fields from the one with the cursor on, pressing Enter between them as on a form. */
async function fillFields(page: Page, values: readonly string[]): Promise<void> {
  for (const [index, value] of values.entries()) {
    if (index > 0) await page.keyboard.press('Enter')
    await page.keyboard.type(value)
  }
}

const repairCafe = ['Repair Café du Tonkin', 'Villeurbanne', 'Association Répare', 'Réemploi', 'Moins de déchets, du lien entre voisins', 'https://repair.example.org', 'Awa']
const jardin = ['Jardin partagé des Buers', 'Villeurbanne', 'Collectif des Buers', 'Alimentation', 'Un lieu pour se rencontrer', 'https://jardin.example.org']

interface Collecte {
  facilitator: Participant
  awa: Participant
  basile: Participant
}

let collecte: Promise<Collecte> | null = null

/** The collecte of this file, filled once and shared by its tests. */
function fillCollecte(): Promise<Collecte> {
  collecte ??= (async () => {
    const facilitator = await openAs(session.browser, `${session.server.url}/`, 'Animatrice')
    session.track(facilitator)
    const { page } = facilitator
    await page.locator('#title-input').fill('Collecte de Villeurbanne')
    expect(await page.locator('#template-select option').allInnerTexts()).toEqual(Object.values(templateNames.fr))
    await page.locator('#template-select').selectOption('collecte')
    await page.locator('#create-pad-button').click()
    await page.waitForURL(/\/p\//)
    await page.locator('#connection-status[data-state="connected"]').waitFor()
    await expect.poll(() => cards(page).count()).toBe(1)
    const editLink = await page.locator('input[data-link="edit"]').inputValue()

    const awa = await join(editLink, 'Awa')
    const basile = await join(editLink, 'Basile')
    await expect.poll(() => cards(basile.page).count()).toBe(1)

    // Basile adds a card after the template's one: « Cité par » already says who he is.
    await fieldValue(cards(basile.page).first(), 'citedBy').click()
    await basile.page.locator('#toolbar [data-command="initiative"]').click()
    await expect.poll(() => cards(basile.page).count()).toBe(2)
    expect((await fieldTexts(cards(basile.page).nth(1)))[6]).toBe('Basile')
    await expect.poll(() => cards(awa.page).count()).toBe(2)

    // Both fill their card at the same time.
    await fieldValue(cards(awa.page).first(), 'name').click()
    await Promise.all([fillFields(awa.page, repairCafe), fillFields(basile.page, jardin)])
    for (const { page: someone } of [facilitator, awa, basile]) {
      await expect.poll(() => fieldTexts(cards(someone).first()), { timeout: 5000 }).toEqual(repairCafe)
      await expect.poll(() => fieldTexts(cards(someone).nth(1)), { timeout: 5000 }).toEqual([...jardin, 'Basile'])
    }
    await Promise.all(
      [awa, basile].map(({ page: someone }) => someone.locator('#connection-status[data-unsynced="false"]').waitFor()),
    )
    return { facilitator, awa, basile }
  })()
  return collecte
}

describe('initiative cards and recipe export', () => {
  // Three pages and two people typing about a hundred characters each: longer than the default 20 s would allow on a slow machine.
  it('lets two participants fill two cards at once, one added with the toolbar button', { timeout: 60_000 }, async () => {
    const { facilitator, awa, basile } = await fillCollecte()
    const expected = [repairCafe, [...jardin, 'Basile']]
    for (const { page } of [facilitator, awa, basile]) {
      expect(await cards(page).count()).toBe(2)
      for (const [index, values] of expected.entries()) expect(await fieldTexts(cards(page).nth(index))).toEqual(values)
      // Each field shows its label, in the pad's language.
      expect(await cards(page).first().locator('.initiative-label').allInnerTexts()).toEqual([
        'Nom',
        'Territoire (commune)',
        'Porteur·euses',
        'Thématique',
        'Besoin identifié / ce que cela change',
        'Lien',
        'Cité par',
      ])
    }
  })

  it('downloads the HTML export from the menu: both initiatives, everyone credited, the license linked', async () => {
    const { facilitator } = await fillCollecte()
    const { page } = facilitator
    await page.locator('#settings-license').selectOption('CC-BY-4.0')
    await page.locator('#settings-extra-contributors').fill('Chloé\nDan, Chloé')
    await page.locator('#settings-save').click()
    await expect.poll(() => page.locator('#settings-feedback').innerText()).toContain('Réglages enregistrés')
    await expect.poll(() => page.locator('#settings-extra-contributors').inputValue()).toBe('Chloé\nDan')

    await page.locator('#export-menu summary').click()
    const links = page.locator('#export-links a')
    expect(await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('data-format')).sort())).toEqual(
      ['csv', 'csv-metadata', 'html', 'json', 'md', 'odt'],
    )
    expect(await page.locator('#export-menu').innerText()).toContain('imprimez-la depuis le navigateur')
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-links a[data-format="html"]').click()])
    // The title's own characters, from the header's filename*.
    expect(download.suggestedFilename()).toBe('Collecte de Villeurbanne.html')
    const html = await readFile(await download.path(), 'utf8')

    // Read as a browser reads it, in a page of its own.
    const reader = await facilitator.context.newPage()
    await reader.setContent(html)
    const license = licenses['CC-BY-4.0']
    expect(await reader.locator('a[rel~="license"]').first().getAttribute('href')).toBe(license.url)
    expect(await reader.locator('link[rel="license"]').getAttribute('href')).toBe(license.url)
    expect(await reader.locator('section.initiative h3').allInnerTexts()).toEqual([repairCafe[0], jardin[0]])
    const credited = await reader.locator('[property="cc:attributionName"]').first().innerText()
    for (const name of ['Awa', 'Basile', 'Chloé', 'Dan']) expect(credited).toContain(name)
    expect(credited).not.toContain('Animatrice')
    await reader.close()
    await page.keyboard.press('Escape')
    expect(await page.locator('#export-menu').getAttribute('open')).toBeNull()
  })

  it('offers to export before deleting', async () => {
    const { facilitator } = await fillCollecte()
    const { page } = facilitator
    await page.locator('#delete-pad').click()
    const exportFirst = page.locator('#delete-dialog #delete-export-link')
    await exportFirst.waitFor({ state: 'visible' })
    expect(await exportFirst.innerText()).toBe('Exporter d’abord (page web HTML)')
    expect(await exportFirst.getAttribute('href')).toMatch(/^\/api\/pads\/[^/]+\/export\?format=html$/)
    expect(await exportFirst.getAttribute('download')).not.toBeNull()
    await page.locator('#delete-cancel').click()
    expect(await page.locator('#delete-dialog').getAttribute('open')).toBeNull()
  })

  it('colours the text by author, with a legend, and stops when asked', async () => {
    const { awa } = await fillCollecte()
    const { page } = awa
    const toggle = page.locator('#author-colors-toggle')
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')
    expect(await page.locator('#author-legend').isHidden()).toBe(true)
    await toggle.click()
    expect(await toggle.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => page.locator('#author-legend .author-legend-name').allInnerTexts()).toEqual(['Awa', 'Basile'])

    /** The author colour class of the coloured run holding `text`. */
    const colorOf = (text: string): Promise<string | null> =>
      page.locator('#editor .author-text', { hasText: text }).first().evaluate((span) =>
        [...span.classList].find((name) => name.startsWith('author-color-')) ?? null,
      )
    const [awaCard, basileCard] = [repairCafe[0] ?? '', jardin[0] ?? '']
    const awaColor = await colorOf(awaCard)
    const basileColor = await colorOf(basileCard)
    expect(awaColor).toMatch(/^author-color-\d+$/)
    expect(basileColor).toMatch(/^author-color-\d+$/)
    expect(awaColor).not.toBe(basileColor)
    // Basile's « Cité par », filled in by the button, is his text too.
    expect(await colorOf('Basile')).toBe(basileColor)
    const legendColor = (name: string): Promise<string | null> =>
      page.locator('#author-legend .author-legend-entry', { hasText: name }).locator('.author-swatch').evaluate((swatch) =>
        [...swatch.classList].find((className) => className.startsWith('author-color-')) ?? null,
      )
    expect(await legendColor('Awa')).toBe(awaColor)
    expect(await legendColor('Basile')).toBe(basileColor)
    // The template's text has no author.
    expect(await page.locator('#editor h2 .author-text').count()).toBe(0)

    // Colour is not the only cue: the name is the run's tooltip, and is written out for the text at the caret.
    const basileRun = page.locator('#editor .author-text', { hasText: basileCard }).first()
    expect(await basileRun.getAttribute('title')).toBe('Basile')
    const atCaret = page.locator('#author-at-caret')
    await basileRun.click()
    await expect.poll(() => atCaret.innerText()).toBe('Texte au curseur\u00a0: écrit par Basile')
    await page.locator('#editor .author-text', { hasText: awaCard }).first().click()
    await expect.poll(() => atCaret.innerText()).toBe('Texte au curseur\u00a0: écrit par Awa')
    await page.locator('#editor h2').first().click()
    await expect.poll(() => atCaret.innerText()).toBe('Texte au curseur\u00a0: sans auteur·rice nommé·e')

    await toggle.click()
    expect(await atCaret.isHidden()).toBe(true)
    await expect.poll(() => page.locator('#editor .author-text').count()).toBe(0)
    expect(await page.locator('#author-legend').isHidden()).toBe(true)
  })
})

describe('initiative cards on the keyboard', () => {
  it('leaves the card after its last field, and keeps it when Backspace is pressed in its empty first field', async () => {
    const pad = await createTestPad(session.server.url, 'Clavier')
    const claire = await join(pad.links.edit, 'Claire')
    const { page } = claire
    await page.locator('#editor .ProseMirror').click()
    await page.keyboard.type('Avant les fiches')
    await page.locator('#toolbar [data-command="initiative"]').click()
    await expect.poll(() => cards(page).count()).toBe(1)
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Backspace')
    expect(await cards(page).count()).toBe(1)
    expect(await cards(page).locator('.initiative-field').count()).toBe(7)

    await fillFields(page, ['Ressourcerie', 'Lyon'])
    for (let field = 2; field < 7; field++) await page.keyboard.press('Enter')
    await page.keyboard.type(' et Awa')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Après les fiches')
    expect(await fieldTexts(cards(page).first())).toEqual(['Ressourcerie', 'Lyon', '', '', '', '', 'Claire et Awa'])
    expect(await page.locator('#editor .ProseMirror > p').allInnerTexts()).toEqual(['Avant les fiches', 'Après les fiches'])
    await expect.poll(() => editorText(page)).toContain('Après les fiches')
  })

  it('labels an initiative card in the reader’s interface language, and relabels it when that changes', async () => {
    const pad = await createTestPad(session.server.url, 'Collecte')
    const reader = session.track(await openAs(session.browser, pad.links.edit, 'Sam', 'en-GB'))
    await reader.page.locator('#connection-status[data-state="connected"]').waitFor()
    await reader.page.locator('#editor .ProseMirror').click()
    await reader.page.locator('#toolbar [data-command="initiative"]').click()
    const labels = reader.page.locator('#editor .initiative .initiative-label')
    await expect.poll(() => labels.allInnerTexts()).toEqual(['Name', 'Territory (town)', 'Run by', 'Theme', 'Need addressed / what it changes', 'Link', 'Named by'])
    await reader.page.locator('#language-select').selectOption('fr')
    await expect.poll(() => labels.first().innerText()).toBe('Nom')
    // Each field is a group named by its label: a screen reader says where it is.
    const tree = await reader.page.locator('#editor .initiative').first().ariaSnapshot()
    for (const name of ['Nom', 'Territoire (commune)', 'Cité par']) expect(tree).toContain(`group "${name}"`)
  })
})
