/**
 * A collecte's dot vote, in real Chromium against a real server: the
 * facilitator (admin link) names a card and opens a vote with 3 dots; four
 * participants — two at a laptop, two on 360×740 phones — place their three
 * dots, on the cards in the editor (mouse, touch) or from the panel's list
 * (keyboard), one tries a fourth and is told none are left; the editor keeps
 * its focus, caret and editable text around the card buttons; axe passes
 * with the vote open in French, English and on a phone; the projection
 * shows the live tally; the facilitator closes, every card shows its count,
 * the results follow the chosen order, and the HTML and CSV exports the
 * export menu offers carry the votes. Each person has a browser context of
 * their own; nothing sleeps. The steps are in dot-vote.ts, so that the whole
 * collecte's journey (with its tour de table) can take them up.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from './axe'
import { addDotButton, cardControl, createCollecteWithCards, editorCards, openOnPhone, openVote, panelCards, voteResults, voteStatus } from './dot-vote'
import { openAs, useBrowserSession } from './fixtures'

const session = useBrowserSession()

const cardNames = ['Café des habitants', 'Repair café du Tonkin', 'Jardin partagé des Buers', 'Épicerie solidaire L’Épi']
/** Who puts their three dots where (card indexes), and how. */
const ballots = {
  awa: [0, 0, 0],
  basile: [1, 2, 3],
  chloe: [1, 1, 3],
  driss: [2, 3, 3],
} as const
const expectedTotals = [3, 3, 2, 4]

interface Workshop {
  cardIds: string[]
  facilitator: Page
  awa: Page
  basile: Page
  chloe: Page
  driss: Page
}

let workshop: Promise<Workshop> | null = null

/** The collecte of this file, with its people, set up once and shared by its tests (which run in order). */
function joinWorkshop(): Promise<Workshop> {
  workshop ??= (async () => {
    // The template's card comes first and stays unnamed until the facilitator names it.
    const { pad, cardIds } = await createCollecteWithCards(session.server, 'Collecte du quartier des Buers', cardNames.slice(1))
    const facilitator = session.track(await openAs(session.browser, pad.links.admin, 'Animatrice', 'fr-FR'))
    const [awa, basile] = await Promise.all([session.join(pad.links.edit, 'Awa'), session.join(pad.links.edit, 'Basile')])
    const [chloe, driss] = await Promise.all([openOnPhone(session.browser, pad.links.edit, 'Chloé'), openOnPhone(session.browser, pad.links.edit, 'Driss')])
    for (const phone of [chloe, driss]) session.track(phone)
    await facilitator.page.locator('#connection-status[data-state="connected"]').waitFor()
    const pages = { facilitator: facilitator.page, awa: awa.page, basile: basile.page, chloe: chloe.page, driss: driss.page }
    return { cardIds, ...pages }
  })()
  return workshop
}

function everyone(people: Workshop): Page[] {
  return [people.facilitator, people.awa, people.basile, people.chloe, people.driss]
}

describe('a collecte’s dot vote', () => {
  it('opens a 3-dot vote from the admin panel on a collecte of four cards: every page gets a control on each card', async () => {
    const people = await joinWorkshop()
    const { facilitator } = people
    // The template's card is named in the editor, as people do.
    await editorCards(facilitator).first().locator('.initiative-field[data-field="name"] .initiative-value').click()
    await facilitator.keyboard.type(cardNames[0] ?? '')
    // A participant's page has no facilitator controls; the admin's has them, and nothing on the cards yet.
    expect(await people.awa.locator('#vote-panel').isHidden()).toBe(true)
    expect(await facilitator.locator('#vote-none').isVisible()).toBe(true)
    expect(await facilitator.locator('#vote-dots').inputValue()).toBe('3')
    expect(await cardControl(facilitator, 0).isHidden()).toBe(true)

    await openVote(facilitator, 3)
    for (const page of everyone(people)) {
      await expect.poll(() => editorCards(page).locator('.vote-card:visible').count(), { timeout: 10_000 }).toBe(4)
      await expect.poll(() => voteStatus(page)).toContain('Il vous reste 3 gommettes.')
    }
    const firstAdd = addDotButton(cardControl(people.chloe, 0))
    await expect.poll(() => firstAdd.getAttribute('aria-label')).toBe('Ajouter une gommette à «\u202FCafé des habitants\u202F» (3 restantes)')
    const size = await firstAdd.boundingBox()
    expect(Math.min(size?.width ?? 0, size?.height ?? 0)).toBeGreaterThanOrEqual(44)
  })

  it('takes three dots from each participant, on the cards or from the panel, refuses a fourth, and leaves the cards editable', async () => {
    const people = await joinWorkshop()
    // Awa writes in her card's « Territoire » and presses « + » on it with the mouse: the caret stays in the field.
    const { awa } = people
    await editorCards(awa).first().locator('.initiative-field[data-field="territory"] .initiative-value').click()
    for (const _dot of ballots.awa) {
      const before = await caretOffset(awa)
      await addDotButton(cardControl(awa, 0)).click()
      expect(await awa.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true)
      expect(await caretOffset(awa)).toBe(before)
    }
    await awa.keyboard.type('Villeurbanne')
    await expect.poll(() => editorCards(people.driss).first().locator('.initiative-field[data-field="territory"]').innerText()).toContain('Villeurbanne')
    // The card buttons are not in the Tab order: Escape then Tab still leaves the editor.
    await awa.keyboard.press('Escape')
    await awa.keyboard.press('Tab')
    expect(await awa.evaluate(() => document.activeElement?.closest('#editor') === null)).toBe(true)

    // Basile votes from the panel's list with the keyboard; the focus stays on the button he pressed.
    const { basile } = people
    for (const card of ballots.basile) {
      const button = addDotButton(panelCards(basile).nth(card))
      await button.focus()
      await basile.keyboard.press('Enter')
      await expect.poll(() => button.evaluate((element) => element === document.activeElement)).toBe(true)
    }

    // Chloé and Driss tap the cards on their phones; Chloé's fourth dot is refused, under the card and aloud.
    await Promise.all([tapDots(people.chloe, ballots.chloe), tapDots(people.driss, ballots.driss)])
    const { chloe } = people
    await addDotButton(cardControl(chloe, 3)).tap()
    const refusal = 'Vous avez placé toutes vos gommettes.'
    await expect.poll(() => cardControl(chloe, 3).locator('.vote-card-message').innerText()).toBe(refusal)
    await expect.poll(() => chloe.locator('#vote-announcer').textContent()).toBe(refusal)

    for (const page of everyone(people)) {
      await expect.poll(() => voteStatus(page), { timeout: 10_000 }).toContain('Jusqu’ici\u00A0: 12 gommettes de 4 personnes.')
      expect(await cardTotals(page)).toEqual(expectedTotals.map((total) => `Total\u00A0: ${total}`))
    }
    expect(await voteStatus(chloe)).toContain('Il vous reste 0 gommette.')
    expect(await cardControl(chloe, 1).locator('.vote-card-mine').innerText()).toBe('Vous\u00A0: 2')
    // A dot taken back comes back to its owner, and goes again.
    await cardControl(chloe, 1).locator('button[data-action="remove"]').tap()
    await expect.poll(() => voteStatus(chloe)).toContain('Il vous reste 1 gommette.')
    await expect.poll(() => chloe.locator('#vote-announcer').textContent()).toBe('Gommette retirée de «\u202FRepair café du Tonkin\u202F». Il vous reste 1 gommette.')
    await addDotButton(cardControl(chloe, 1)).tap()
    await expect.poll(() => voteStatus(chloe)).toContain('Il vous reste 0 gommette.')
    expect(await cardControl(chloe, 3).locator('.vote-card-message').isHidden()).toBe(true)
  })

  it('passes axe with the vote open: the facilitator in French, a participant in English, a phone (no wider than its screen)', async () => {
    const { facilitator, basile, driss } = await joinWorkshop()
    expect(await axeViolations(facilitator), 'facilitator, French').toEqual([])
    await basile.locator('#language-select').selectOption('en')
    await expect.poll(() => voteStatus(basile)).toContain('You have 0 dots left.')
    expect(await addDotButton(cardControl(basile, 0)).getAttribute('aria-label')).toBe('Add a dot to “Café des habitants” (0 left)')
    expect(await axeViolations(basile), 'participant, English').toEqual([])
    expect(await axeViolations(driss), 'phone, French').toEqual([])
    expect(await driss.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'sideways scrolling on a phone').toBe(0)
  })

  it('projects the live tally, large, in the pad’s order', async () => {
    const { facilitator } = await joinWorkshop()
    await facilitator.locator('#projection-button').click()
    const tally = facilitator.locator('#projection #vote-projection')
    await tally.waitFor({ state: 'visible' })
    expect(await projectedRows(facilitator)).toEqual(cardNames.map((name, index) => `${name} ${expectedTotals[index]}`))
    const fontSize = await tally.locator('.vote-projection-item').first().evaluate((item) => parseFloat(getComputedStyle(item).fontSize))
    expect(fontSize).toBeGreaterThanOrEqual(24)
    await facilitator.locator('#projection-exit').click()
  })

  it('closes the vote: each card shows its count, the results follow the chosen order, the exports carry them', async () => {
    const people = await joinWorkshop()
    const { facilitator } = people
    await facilitator.locator('#vote-close').click()
    const byDots = ['Épicerie solidaire L’Épi — 4 gommettes', 'Café des habitants — 3 gommettes', 'Repair café du Tonkin — 3 gommettes', 'Jardin partagé des Buers — 2 gommettes']
    for (const page of [facilitator, people.awa, people.chloe]) {
      await expect.poll(() => voteResults(page), { timeout: 10_000 }).toEqual(byDots)
      expect(await editorCards(page).locator('.vote-card-result').allInnerTexts()).toEqual(expectedTotals.map((total) => `Vote\u00A0: ${total} gommettes`))
    }
    await expect.poll(() => people.basile.locator('#vote-results-list li').first().innerText()).toContain('Épicerie solidaire L’Épi')
    expect(await people.awa.locator('#vote-announcer').textContent()).toBe('Vote clôturé\u00A0: les résultats sont affichés.')

    // The exports the menu offers carry the votes, in the facilitator's order.
    const html = await fetchExport(facilitator, 'html')
    expect(html).toContain('Vote par gommettes')
    expect(html).toContain('Épicerie solidaire L’Épi (4), Café des habitants (3), Repair café du Tonkin (3), Jardin partagé des Buers (2)')
    const idsByDots = [3, 0, 1, 2].map((index) => people.cardIds[index] ?? '')
    expect(csvVotes(await fetchExport(facilitator, 'csv'))).toEqual(idsByDots.map((id) => [id, String(expectedTotals[people.cardIds.indexOf(id)])]))

    // The pad's order instead: the results and the CSV follow.
    await facilitator.locator('#vote-order-document').check()
    await expect.poll(() => voteResults(people.driss)).toEqual(cardNames.map((name, index) => `${name} — ${expectedTotals[index]} gommettes`))
    await expect.poll(async () => csvVotes(await fetchExport(facilitator, 'csv')).map(([id]) => id)).toEqual(people.cardIds)
    await facilitator.locator('#projection-button').click()
    expect(await projectedRows(facilitator)).toEqual(cardNames.map((name, index) => `${name} ${expectedTotals[index]}`))
    await facilitator.keyboard.press('Escape')
  })
})

/** The caret's offset in its text node, and which node: what a press on a card's button must leave alone. */
function caretOffset(page: Page): Promise<string> {
  return page.evaluate(() => {
    const selection = window.getSelection()
    return `${selection?.anchorNode?.parentElement?.closest('[data-field]')?.getAttribute('data-field') ?? 'none'}:${selection?.anchorOffset ?? -1}`
  })
}

/** Taps « + » on each card of `cards` in turn, waiting for each dot to show. */
async function tapDots(page: Page, cards: readonly number[]): Promise<void> {
  for (const [count, card] of cards.entries()) {
    await addDotButton(cardControl(page, card)).tap()
    await expect.poll(() => page.locator('#vote-status li').allInnerTexts()).toContain(`Il vous reste ${cards.length - count - 1} gommette${cards.length - count - 1 > 1 ? 's' : ''}.`)
  }
}

/** The total each card of the editor shows. */
function cardTotals(page: Page): Promise<string[]> {
  return editorCards(page).locator('.vote-card-total').allInnerTexts()
}

/** The projection's lines: each card's name and count. */
function projectedRows(page: Page): Promise<string[]> {
  return page.locator('#vote-projection .vote-projection-item').evaluateAll((items) =>
    items.map((item) => `${item.querySelector('.vote-projection-name')?.textContent ?? ''} ${item.querySelector('.vote-projection-count')?.textContent ?? ''}`),
  )
}

/** The export the page's export menu links to in `format`, fetched as the browser would. */
async function fetchExport(page: Page, format: 'html' | 'csv'): Promise<string> {
  const href = await page.locator(`#export-links a[data-format="${format}"]`).getAttribute('href')
  if (href === null) throw new Error(`the export menu offers no ${format}`)
  const response = await fetch(new URL(href, session.server.url))
  expect(response.status).toBe(200)
  return response.text()
}

/** Each CSV row's card id and its `votes` column (the last), in the file's order. */
function csvVotes(csv: string): string[][] {
  const [, ...rows] = csv.replace(/^\uFEFF/, '').trim().split('\r\n')
  return rows.map((row) => [row.slice(0, row.indexOf(',')), row.slice(row.lastIndexOf(',') + 1)])
}

