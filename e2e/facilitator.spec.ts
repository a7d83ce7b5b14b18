/**
 * The facilitator steers the workshop from the admin link: lock and unlock
 * the pad, change the title, event and license, rotate the edit link and
 * delete the pad, and every participant page follows live. Each participant
 * has a browser context of their own; nothing sleeps.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createTestPad } from '../server/testing/harness'
import { licenses } from '../shared/pad/licenses'
import { MessageType } from '../shared/protocol/messages'
import { decodeQrCanvas, editorText, newParticipantContext, openAs, type Participant, typeAtEnd, useBrowserSession } from './fixtures'

const session = useBrowserSession()
const join = session.join

const replacedFr = 'L’animatrice ou l’animateur a remplacé ce lien. Demandez le nouveau lien.'
const unknownFr = 'Ce pad n’existe pas, ou il a été supprimé.'

function editable(page: Page): Promise<string | null> {
  return page.locator('#editor .ProseMirror').getAttribute('contenteditable')
}

describe('facilitator panel', () => {
  it('shows only on the admin link', async () => {
    const pad = await createTestPad(session.server.url, 'Panneau')
    const facilitator = await join(pad.links.admin, 'Animatrice')
    const participant = await join(pad.links.edit, 'Participant')
    await facilitator.page.locator('#facilitator-panel').waitFor({ state: 'visible' })
    expect(await participant.page.locator('#facilitator-panel').isHidden()).toBe(true)
    expect(await facilitator.page.locator('#settings-license').inputValue()).toBe('CC-BY-SA-4.0')
    expect(await facilitator.page.locator('#settings-lifetime').inputValue()).toBe('year')
  })

  it('locks the pad: a participant page is read-only within 2 seconds, and editable again on unlock', async () => {
    const pad = await createTestPad(session.server.url, 'Verrou')
    const facilitator = await join(pad.links.admin, 'Animatrice')
    const participant = await join(pad.links.edit, 'Bob')
    expect(await editable(participant.page)).toBe('true')

    await facilitator.page.locator('#lock-toggle').click()
    await expect.poll(() => editable(participant.page), { timeout: 2000, interval: 50 }).toBe('false')
    await participant.page.locator('#lock-notice').waitFor({ state: 'visible', timeout: 2000 })
    expect(await participant.page.locator('#lock-notice').innerText()).toContain('Pad verrouillé')
    expect(await participant.page.locator('#locked-badge').isVisible()).toBe(true)
    expect(await facilitator.page.locator('#lock-toggle').getAttribute('aria-pressed')).toBe('true')
    // The facilitator can still write while the pad is locked.
    expect(await editable(facilitator.page)).toBe('true')
    // The QR code under the edit link no longer invites people to write, in the panel nor in projection.
    const caption = facilitator.page.locator('#share-qr-caption')
    await expect.poll(() => caption.innerText()).toContain('lecture seule')
    expect(await caption.innerText()).not.toContain('écrire')
    await facilitator.page.locator('#projection-button').click()
    expect(await facilitator.page.locator('#projection-qr-caption').innerText()).toBe('Pad verrouillé\u00A0: scannez pour le lire')
    await facilitator.page.keyboard.press('Escape')

    await facilitator.page.locator('#lock-toggle').click()
    await expect.poll(() => editable(participant.page), { timeout: 2000, interval: 50 }).toBe('true')
    expect(await participant.page.locator('#lock-notice').isHidden()).toBe(true)
    await expect.poll(() => facilitator.page.locator('#share-qr-caption').innerText()).toContain('écrire')
    await typeAtEnd(participant.page, 'Après le verrou.')
    await expect.poll(() => editorText(facilitator.page), { timeout: 5000 }).toContain('Après le verrou.')
  })

  it('keeps what was typed when a write races the lock: the page comes back read-only, then syncs on unlock', async () => {
    const pad = await createTestPad(session.server.url, 'Course au verrou')
    const facilitator = await join(pad.links.admin, 'Animatrice')
    // Bob's settings messages can be held back, so that his page writes after the lock without knowing it.
    const context = await newParticipantContext(session.browser, 'Bob')
    let isHoldingSettings = false
    await context.routeWebSocket(/\/ws\//, (page) => {
      const relay = page.connectToServer()
      page.onMessage((message) => relay.send(message))
      relay.onMessage((message) => {
        if (isHoldingSettings && typeof message !== 'string' && message[0] === MessageType.settings) return
        page.send(message)
      })
      page.onClose((code, reason) => void relay.close({ code, reason }))
      relay.onClose((code, reason) => void page.close({ code, reason }))
    })
    const bob: Participant = { context, page: await context.newPage() }
    session.track(bob)
    await bob.page.goto(pad.links.edit)
    await bob.page.locator('#connection-status[data-state="connected"]').waitFor()

    isHoldingSettings = true
    await facilitator.page.locator('#lock-toggle').click()
    await facilitator.page.locator('#lock-toggle[aria-pressed="true"]').waitFor()
    expect(await editable(bob.page)).toBe('true')
    await bob.page.locator('#editor .ProseMirror').click()
    // One input event, one update: the server refuses it and closes with 4409.
    await bob.page.keyboard.insertText('Écrit pendant le verrou.')
    await bob.page.locator('#connection-status[data-close-code="4409"]').waitFor()
    expect(await editable(bob.page)).toBe('false')
    isHoldingSettings = false

    // It comes back by itself, hears the lock, and stays read-only without losing the text.
    await bob.page.locator('#connection-status[data-state="connected"]').waitFor({ timeout: 5000 })
    expect(await editable(bob.page)).toBe('false')
    await bob.page.locator('#lock-notice').waitFor({ state: 'visible' })
    expect(await editorText(bob.page)).toContain('Écrit pendant le verrou.')
    expect(await editorText(facilitator.page)).not.toContain('Écrit pendant le verrou.')

    await facilitator.page.locator('#lock-toggle').click()
    await expect.poll(() => editable(bob.page), { timeout: 2000, interval: 50 }).toBe('true')
    await expect.poll(() => editorText(facilitator.page), { timeout: 5000 }).toContain('Écrit pendant le verrou.')
    await bob.page.locator('#connection-status[data-unsynced="false"]').waitFor()
  })

  it('shows new title, event, license and lifetime on a participant page live', async () => {
    const pad = await createTestPad(session.server.url, 'Ancien titre')
    const facilitator = await join(pad.links.admin, 'Animatrice')
    const participant = await join(pad.links.edit, 'Bob')
    expect(await participant.page.locator('#pad-title').innerText()).toBe('Ancien titre')
    expect(await participant.page.locator('#pad-license').innerText()).toContain(licenses['CC-BY-SA-4.0'].name.fr)
    expect(await participant.page.locator('#pad-expiry').innerText()).toMatch(/^Ce pad sera supprimé le .+ s’il n’est plus modifié\.$/)

    const { page } = facilitator
    await page.locator('#settings-title').fill('Collecte d’innovation sociale')
    await page.locator('#settings-event-name').fill('Café projets')
    await page.locator('#settings-event-date').fill('2026-11-21')
    await page.locator('#settings-event-place').fill('Villeurbanne')
    await page.locator('#settings-license').selectOption('CC-BY-NC-SA-4.0')
    await page.locator('#license-warning').waitFor({ state: 'visible' })
    expect(await page.locator('#license-warning').innerText()).toContain('pas une licence libre')
    await page.locator('#settings-lifetime').selectOption('forever')
    await page.locator('#settings-save').click()

    const other = participant.page
    await expect.poll(() => other.locator('#pad-title').innerText(), { timeout: 2000, interval: 50 }).toBe(
      'Collecte d’innovation sociale',
    )
    await expect.poll(() => other.locator('#pad-event').innerText(), { timeout: 2000 }).toBe(
      'Café projets · 21 novembre 2026 · Villeurbanne',
    )
    expect(await other.locator('#pad-license').innerText()).toContain(licenses['CC-BY-NC-SA-4.0'].name.fr)
    expect(await other.locator('#pad-license a').getAttribute('href')).toBe(licenses['CC-BY-NC-SA-4.0'].url)
    expect(await other.locator('#pad-expiry').innerText()).toBe(
      'Ce pad est conservé jusqu’à ce que l’animateur·rice le supprime.',
    )
    expect(await other.title()).toContain('Collecte d’innovation sociale')
    await page.locator('#settings-feedback', { hasText: 'Réglages enregistrés' }).waitFor()
  })

  it('refuses a date it cannot read, next to the field, without sending it', async () => {
    const pad = await createTestPad(session.server.url, 'Validation')
    const facilitator = await join(pad.links.admin, 'Animatrice')
    const { page } = facilitator
    await page.locator('#settings-event-date').evaluate((input) => {
      // A browser without a date picker lets anything be typed: the form still checks it.
      if (input instanceof HTMLInputElement) input.type = 'text'
    })
    await page.locator('#settings-event-date').fill('21/11/2026')
    await page.locator('#settings-save').click()
    await page.locator('#settings-feedback[data-kind="error"]').waitFor()
    expect(await page.locator('#settings-feedback').innerText()).toContain('Date')
    expect(await page.locator('#settings-event-date').getAttribute('aria-invalid')).toBe('true')
  })

  it('rotates the edit link: the old page is told so, the new link works and the QR code shows it, the old one says it was replaced', async () => {
    const pad = await createTestPad(session.server.url, 'Rotation')
    const facilitator = await join(pad.links.admin, 'Animatrice')
    const old = await join(pad.links.edit, 'Bob')
    const { page } = facilitator
    expect(await page.locator('[data-link="edit"]').inputValue()).toBe(pad.links.edit)

    await page.locator('#rotate-edit-link').click()
    await page.locator('#rotate-dialog').waitFor({ state: 'visible' })
    await page.locator('#rotate-confirm').click()

    await old.page.locator('#closed-notice').waitFor({ state: 'visible' })
    expect(await old.page.locator('#closed-notice').innerText()).toBe(replacedFr)
    expect(await old.page.locator('#connection-status').getAttribute('data-close-code')).toBe('4411')
    expect(await editable(old.page)).toBe('false')

    await expect.poll(() => page.locator('[data-link="edit"]').inputValue()).not.toBe(pad.links.edit)
    const newLink = await page.locator('[data-link="edit"]').inputValue()
    await expect.poll(() => decodeQrCanvas(page, '#share-qr')).toBe(newLink)
    expect(await page.locator('#share-qr-link').innerText()).toBe(newLink.replace(/^https?:\/\//, ''))

    const newcomer = await join(newLink, 'Claire')
    await typeAtEnd(newcomer.page, 'Par le nouveau lien.')
    await expect.poll(() => editorText(page), { timeout: 5000 }).toContain('Par le nouveau lien.')

    // Opened again, the old link says the same, not that the pad does not exist: the pad lives on.
    await old.page.reload()
    await old.page.locator('#pad-error').waitFor({ state: 'visible' })
    expect(await old.page.locator('#pad-error-message').innerText()).toBe(replacedFr)
    expect(await old.page.locator('#pad-main').isHidden()).toBe(true)
    const english = session.track(await openAs(session.browser, pad.links.edit, 'Bob', 'en-GB'))
    await english.page.locator('#pad-error').waitFor({ state: 'visible' })
    expect(await english.page.locator('#pad-error-message').innerText()).toBe('The facilitator replaced this link; ask them for the new one.')
    // A link that never opened a pad still says so.
    const stranger = session.track(await openAs(session.browser, `${session.server.url}/p/AAAAAAAAAAAAAAAAAAAAAA`, 'Zoé'))
    await stranger.page.locator('#pad-error').waitFor({ state: 'visible' })
    expect(await stranger.page.locator('#pad-error-message').innerText()).toBe(unknownFr)
  })

  it('deletes the pad after a confirmation: a connected participant is told, and the link is dead on reload', async () => {
    const pad = await createTestPad(session.server.url, 'Suppression')
    const facilitator = await join(pad.links.admin, 'Animatrice')
    const participant = await join(pad.links.edit, 'Bob')
    const { page } = facilitator

    await page.locator('#delete-pad').click()
    await page.locator('#delete-dialog').waitFor({ state: 'visible' })
    expect(await page.locator('#delete-dialog').innerText()).toContain('Exportez-le d’abord')
    // Cancelling keeps everything.
    await page.locator('#delete-cancel').click()
    await page.locator('#delete-dialog').waitFor({ state: 'hidden' })
    await page.locator('#delete-pad').click()
    await page.locator('#delete-confirm').click()

    await participant.page.locator('#closed-notice').waitFor({ state: 'visible' })
    expect(await participant.page.locator('#closed-notice').innerText()).toBe('Ce pad a été supprimé.')
    expect(await participant.page.locator('#connection-status').getAttribute('data-close-code')).toBe('4410')
    expect(await editable(participant.page)).toBe('false')
    await page.locator('#closed-notice', { hasText: 'Ce pad a été supprimé.' }).waitFor()
    expect(await page.locator('#facilitator-panel').isVisible()).toBe(false)

    await participant.page.reload()
    await participant.page.locator('#pad-error').waitFor({ state: 'visible' })
    expect(await participant.page.locator('#pad-error-message').innerText()).toBe(unknownFr)
  })
})
