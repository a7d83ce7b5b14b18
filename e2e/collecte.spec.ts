/**
 * A whole collecte d'innovation sociale in one pad (issue 18), in real
 * Chromium against a real server: the facilitator (admin link) and four
 * participants — two at a laptop, two on 360×740 phones. The facilitator
 * makes the round's order from the people present and starts a tour de
 * table of four speakers; the projection shows who speaks with a large
 * timer; each « Suivant » gives the floor on and adds an initiative card
 * « Cité par » the speaker; the facilitator names the cards as people speak;
 * then a vote with 3 dots each, placed from the laptops and the phones; the
 * projection shows the tally; the facilitator closes it, and the HTML and
 * CSV exports carry the votes. The round's and the vote's own specs check
 * each step in depth; this one checks they make one workshop.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addDotButton, cardControl, editorCards, openOnPhone, openVote, voteResults } from './dot-vote'
import { openAs, useBrowserSession, createCollecte } from './fixtures'

const session = useBrowserSession()

/** What each speaker names, in the order they speak. */
const initiatives = ['Café des habitants', 'Repair café du Tonkin', 'Jardin partagé des Buers', 'Épicerie solidaire L’Épi']
/** Who puts their three dots on which cards (indexes in the pad's order). */
const ballots: Record<string, readonly number[]> = { Awa: [0, 0, 3], Basile: [3, 3, 1], Chloé: [0, 2, 3], Driss: [3, 1, 0] }
const totals = [4, 2, 1, 5]

function listedNames(page: Page, list: string): Promise<string[]> {
  return page.locator(`${list} .round-person-name`).allInnerTexts()
}

function citedByFields(page: Page): Promise<string[]> {
  return page.locator('#editor .ProseMirror [data-field="citedBy"] .initiative-value').allTextContents()
}

async function fetchExport(page: Page, format: 'html' | 'csv'): Promise<string> {
  const href = await page.locator(`#export-links a[data-format="${format}"]`).getAttribute('href')
  if (href === null) throw new Error(`the export menu offers no ${format}`)
  const response = await fetch(new URL(href, session.server.url))
  expect(response.status).toBe(200)
  return response.text()
}

describe('a whole collecte in one pad', () => {
  it('runs a tour de table of four with its timer projected and a card per speaker, then a 3-dot vote from laptops and phones, exported with the votes', async () => {
    const pad = await createCollecte(session.server.url, 'Collecte du quartier des Buers')
    const claire = session.track(await openAs(session.browser, pad.links.admin, 'Claire')).page
    await claire.locator('#connection-status[data-state="connected"]').waitFor()
    const [awa, basile] = await Promise.all([session.join(pad.links.edit, 'Awa'), session.join(pad.links.edit, 'Basile')])
    const [chloe, driss] = await Promise.all([openOnPhone(session.browser, pad.links.edit, 'Chloé'), openOnPhone(session.browser, pad.links.edit, 'Driss')])
    for (const phone of [chloe, driss]) session.track(phone)
    const pages: Record<string, Page> = { Awa: awa.page, Basile: basile.page, Chloé: chloe.page, Driss: driss.page }

    // The order comes from the people present; the facilitator takes herself out.
    await expect.poll(async () => (await listedNames(claire, '#round-order')).sort(), { timeout: 10_000 }).toEqual(['Awa', 'Basile', 'Chloé', 'Claire', 'Driss'])
    await claire.getByRole('button', { name: 'Retirer Claire' }).click()
    await expect.poll(() => listedNames(claire, '#round-order')).toHaveLength(4)
    const order = await listedNames(claire, '#round-order')
    await claire.getByRole('button', { name: 'Lancer le tour de table' }).click()

    // Each speaker in turn: everyone sees them, the projection shows them with a large timer, a card is theirs.
    for (const [turn, speaker] of order.entries()) {
      if (turn > 0) await claire.getByRole('button', { name: 'Suivant' }).click()
      for (const page of Object.values(pages)) await expect.poll(() => page.locator('#round-bar-speaker').innerText(), { timeout: 10_000 }).toBe(speaker)
      await expect.poll(() => citedByFields(claire)).toEqual(order.slice(0, turn + 1))
      // The facilitator notes what the speaker names, in the speaker's card.
      await editorCards(claire).nth(turn).locator('.initiative-field[data-field="name"] .initiative-value').click()
      await claire.keyboard.type(initiatives[turn] ?? '')
      if (turn === 0 || turn === order.length - 1) {
        await claire.locator('#projection-button').click()
        await claire.locator('#projection[open]').waitFor()
        expect(await claire.locator('#projection-round-speaker').innerText()).toBe(speaker)
        expect(await claire.locator('#projection-round-clock').evaluate((clock) => parseFloat(getComputedStyle(clock).fontSize))).toBeGreaterThanOrEqual(64)
        await claire.keyboard.press('Escape')
      }
    }
    await claire.getByRole('button', { name: 'Terminer le tour' }).click()
    for (const page of Object.values(pages)) {
      await expect.poll(() => citedByFields(page), { timeout: 10_000 }).toEqual(order)
      await expect.poll(() => editorCards(page).locator('.initiative-field[data-field="name"] .initiative-value').allInnerTexts()).toEqual(initiatives)
    }

    // The vote: three dots each, clicked at a laptop, tapped on a phone.
    await openVote(claire, 3)
    await Promise.all(
      Object.entries(ballots).map(async ([name, cards]) => {
        const page = pages[name] as Page
        const isPhone = name === 'Chloé' || name === 'Driss'
        for (const [count, card] of cards.entries()) {
          await expect.poll(() => editorCards(page).locator('.vote-card:visible').count(), { timeout: 10_000 }).toBe(initiatives.length)
          const add = addDotButton(cardControl(page, card))
          if (isPhone) await add.tap()
          else await add.click()
          const left = cards.length - count - 1
          await expect.poll(() => page.locator('#vote-status li').allInnerTexts()).toContain(`Il vous reste ${left} gommette${left > 1 ? 's' : ''}.`)
        }
      }),
    )
    await expect.poll(() => claire.locator('#vote-status li').allInnerTexts(), { timeout: 10_000 }).toContain('Jusqu’ici\u00A0: 12 gommettes de 4 personnes.')

    // The projection's live tally.
    await claire.locator('#projection-button').click()
    await claire.locator('#projection #vote-projection').waitFor({ state: 'visible' })
    const projected = await claire.locator('#vote-projection .vote-projection-item').evaluateAll((items) =>
      items.map((item) => `${item.querySelector('.vote-projection-name')?.textContent ?? ''} ${item.querySelector('.vote-projection-count')?.textContent ?? ''}`),
    )
    expect(projected).toEqual(initiatives.map((name, index) => `${name} ${totals[index]}`))
    await claire.keyboard.press('Escape')

    // Closed: every page shows the results; the exports carry them, most dots first.
    await claire.locator('#vote-close').click()
    const byDots = [3, 0, 1, 2].map((index) => `${initiatives[index]} — ${totals[index]} gommette${(totals[index] ?? 0) > 1 ? 's' : ''}`)
    for (const page of [claire, ...Object.values(pages)]) await expect.poll(() => voteResults(page), { timeout: 10_000 }).toEqual(byDots)
    const html = await fetchExport(claire, 'html')
    expect(html).toContain('Épicerie solidaire L’Épi (5), Café des habitants (4), Repair café du Tonkin (2), Jardin partagé des Buers (1)')
    for (const speaker of order) expect(html).toContain(speaker)
    const [header, ...rows] = (await fetchExport(claire, 'csv')).replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(header?.split(',').at(-1)).toBe('Gommettes (dernier vote)')
    expect(rows.map((row) => row.slice(row.lastIndexOf(',') + 1))).toEqual(['5', '4', '2', '1'])
  })
})
