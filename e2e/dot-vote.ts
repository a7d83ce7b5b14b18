/**
 * The steps of a collecte's dot vote, for end-to-end journeys (vote.spec.ts
 * today; the whole collecte with its tour de table tomorrow): a collecte pad
 * with named initiative cards written by a stock client, pages on a phone,
 * and the vote driven through the pad page as people drive it — the
 * facilitator's panel, the buttons on each card, the panel's list of cards.
 */
import type { Browser, Locator, Page } from 'playwright-core'
import * as Y from 'yjs'
import { addInitiativeCards } from '../server/testing/facilitation-client'
import { connectClient, newParticipantSecret, waitUntil, whenSynced, type TestServer } from '../server/testing/harness'
import type { CreatePadResponse } from '../shared/protocol/api'
import { padInitiativeCardIds } from '../shared/pad/initiative-ids'
import { participantIdOf, participantSecretParam } from '../shared/protocol/participant-id'
import { createCollecte, type Participant } from './fixtures'

export const phoneViewport = { width: 360, height: 740 }

/**
 * A collecte pad (its template's card first, left empty) with one more card
 * per name, added at the end by a stock client; resolves once the server
 * holds them all, with every card id in the pad's order.
 */
export async function createCollecteWithCards(server: TestServer, title: string, names: readonly string[]): Promise<{ pad: CreatePadResponse; cardIds: string[] }> {
  const pad = await createCollecte(server.url, title)
  const secret = newParticipantSecret()
  const writer = connectClient(server.wsUrl, pad.keys.edit, new Y.Doc(), { [participantSecretParam]: secret })
  const reader = connectClient(server.wsUrl, pad.keys.view)
  try {
    await Promise.all([whenSynced(writer), whenSynced(reader)])
    const cardIds = addInitiativeCards(writer, names, participantIdOf(secret))
    await waitUntil('the cards reach another client', () => padInitiativeCardIds(reader.doc).length === cardIds.length, 10_000)
    return { pad, cardIds }
  } finally {
    writer.destroy()
    reader.destroy()
  }
}

/** Opens `url` on a 360×740 touch phone as `name`, in a context of its own, and waits until it is connected. */
export async function openOnPhone(browser: Browser, url: string, name: string): Promise<Participant> {
  const context = await browser.newContext({ viewport: phoneViewport, hasTouch: true, isMobile: true, locale: 'fr-FR' })
  await context.addInitScript((chosen: string) => window.localStorage.setItem('atelier-pad:name', chosen), name)
  const page = await context.newPage()
  await page.goto(url)
  await page.locator('#connection-status[data-state="connected"]').waitFor()
  return { context, page }
}

/** The initiative cards in the page's editor. */
export function editorCards(page: Page): Locator {
  return page.locator('#editor .initiative')
}

/** The dot control on the `index`th card in the page's editor. */
export function cardControl(page: Page, index: number): Locator {
  return editorCards(page).nth(index).locator('.vote-card')
}

/** The « + » of a dot control (in the editor or the panel). */
export function addDotButton(control: Locator): Locator {
  return control.locator('button[data-action="add"]')
}

/** The panel's list of cards, one dot control each. */
export function panelCards(page: Page): Locator {
  return page.locator('#vote-cards .vote-card')
}

/** Opens a vote from the facilitator's panel (« Préparer un vote ») with `dots` per person and the form's other defaults; waits until it is open. */
export async function openVote(facilitator: Page, dots: number): Promise<void> {
  await facilitator.locator('#vote-open-details > summary').click()
  await facilitator.locator('#vote-dots').selectOption(String(dots))
  await facilitator.locator('#vote-open-form button[type="submit"]').click()
  await facilitator.locator('#vote-close').waitFor({ state: 'visible' })
}

/** The texts of the panel's status lines. */
export function voteStatus(page: Page): Promise<string[]> {
  return page.locator('#vote-status li').allInnerTexts()
}

/** The panel's results, one `name — dots` line per card, in the order shown. */
export async function voteResults(page: Page): Promise<string[]> {
  const items = page.locator('#vote-results-list li')
  return (await items.evaluateAll((lines) => lines.map((line) => `${line.querySelector('.vote-results-name')?.textContent ?? ''} — ${line.querySelector('.vote-results-dots')?.textContent ?? ''}`)))
}
