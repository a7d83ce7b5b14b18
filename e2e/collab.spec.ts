import { describe, expect, it } from 'vitest'
import { createTestPad } from '../server/testing/harness'
import { presenceSettleMs } from '../client/people/presence/presence-announcer'
import type { CreatePadResponse } from '../shared/protocol/api'
import { editorText, openAs, type Participant, useBrowserSession } from './fixtures'

const session = useBrowserSession()
const join = session.join

async function typeInto(participant: Participant, text: string): Promise<void> {
  const editor = participant.page.locator('#editor .ProseMirror')
  await editor.click()
  await participant.page.keyboard.press('End')
  await participant.page.keyboard.type(text)
}

function pollText(participant: Participant): ReturnType<typeof expect.poll<string>> {
  return expect.poll(() => editorText(participant.page), { timeout: 5000, interval: 50 })
}

describe('pad in the browser', () => {
  it('lets two participants on the edit link see each other type, with names on presence and cursors', async () => {
    const pad = await createTestPad(session.server.url, 'Collecte e2e')
    const alice = await join(pad.links.edit, 'Alice')
    const bob = await join(pad.links.edit, 'Bob')
    await typeInto(alice, 'Bonjour de Alice. ')
    await pollText(bob).toContain('Bonjour de Alice.')
    await typeInto(bob, 'Salut de Bob.')
    await pollText(alice).toContain('Salut de Bob.')
    await pollText(bob).toContain('Bonjour de Alice.')
    await expect.poll(() => alice.page.locator('#presence').innerText()).toContain('Bob')
    await expect.poll(() => bob.page.locator('#presence').innerText()).toContain('Alice')
    await expect.poll(() => alice.page.locator('.ProseMirror-yjs-cursor').allInnerTexts()).toContain('Bob')
    // Seen, not read: the editor's text in the accessibility tree is the writing alone, without Bob's cursor name after it.
    const editorTree = await alice.page.locator('#editor .ProseMirror').ariaSnapshot()
    expect(editorTree).toMatch(/paragraph: Bonjour de Alice\. Salut de Bob\.$/m)
  })

  it('announces politely who joins and who leaves, without naming the people already there', async () => {
    const pad = await createTestPad(session.server.url, 'Arrivées')
    await join(pad.links.edit, 'Binta')
    const alice = await join(pad.links.edit, 'Alice')
    const region = alice.page.locator('#presence-announcer')
    expect(await region.getAttribute('role')).toBe('status')
    expect(await region.getAttribute('aria-live')).toBe('polite')
    await region.evaluate((element) => {
      const said: string[] = []
      Object.assign(window, { presenceSaid: said })
      new MutationObserver(() => said.push(element.textContent ?? '')).observe(element, { childList: true, characterData: true, subtree: true })
    })
    const said = () => alice.page.evaluate(() => (window as unknown as { presenceSaid: string[] }).presenceSaid)
    // Who is there when the page connects is its starting point, taken once things settle.
    await alice.page.waitForTimeout(presenceSettleMs + 500)
    const chloe = await join(pad.links.edit, 'Chloé')
    await expect.poll(said, { timeout: 15_000 }).toEqual(['Chloé a rejoint le pad.'])
    await chloe.context.close()
    await expect.poll(said, { timeout: 15_000 }).toEqual(['Chloé a rejoint le pad.', 'Chloé a quitté le pad.'])
  })

  it('undoes only your own typing, never a neighbour\'s', async () => {
    const pad = await createTestPad(session.server.url, 'Annuler')
    const alice = await join(pad.links.edit, 'Alice')
    const bob = await join(pad.links.edit, 'Bob')
    await typeInto(alice, 'Phrase d’Alice.')
    await pollText(bob).toContain('Phrase d’Alice.')
    await bob.page.keyboard.press('Enter')
    await typeInto(bob, 'Phrase de Bob.')
    await pollText(alice).toContain('Phrase de Bob.')
    // Alice's last change is older than Bob's: a shared undo would remove Bob's text.
    await alice.page.locator('#editor .ProseMirror').focus()
    await alice.page.keyboard.press('Control+z')
    for (const participant of [alice, bob]) {
      await pollText(participant).not.toContain('Phrase d’Alice.')
      expect(await editorText(participant.page)).toContain('Phrase de Bob.')
    }
    await alice.page.keyboard.press('Control+y')
    await pollText(bob).toContain('Phrase d’Alice.')
  })

  it('keeps a view-link page read-only, in the page and on the server', async () => {
    const pad = await createTestPad(session.server.url, 'Lecture seule')
    const editor = await join(pad.links.edit, 'Claire')
    await typeInto(editor, 'Texte officiel')
    const reader = await join(pad.links.view, 'Lecteur')
    await pollText(reader).toContain('Texte officiel')
    const view = reader.page.locator('#editor .ProseMirror')
    expect(await view.getAttribute('contenteditable')).toBe('false')
    await view.click()
    await reader.page.keyboard.type('PIRATE')
    // A later edit arriving proves the reader's keystrokes had their chance to travel.
    await typeInto(editor, ' et suite')
    await pollText(reader).toContain('et suite')
    expect(await editorText(reader.page)).not.toContain('PIRATE')
    expect(await editorText(editor.page)).not.toContain('PIRATE')
  })

  it('draws a card’s fields as boxes to fill for a writer and as plain text for a reader', async () => {
    const response = await fetch(`${session.server.url}/api/pads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Fiches', template: 'collecte' }),
    })
    const pad = (await response.json()) as CreatePadResponse
    const fieldBorder = (participant: Participant) =>
      participant.page.locator('#editor .initiative-value').first().evaluate((value) => getComputedStyle(value).borderTopColor)
    const writer = await join(pad.links.edit, 'Awa')
    const reader = await join(pad.links.view, 'Binta')
    expect(await fieldBorder(writer)).not.toBe('rgba(0, 0, 0, 0)')
    expect(await fieldBorder(reader)).toBe('rgba(0, 0, 0, 0)')
  })

  it('keeps everything across a reload and for a newcomer', async () => {
    const pad = await createTestPad(session.server.url, 'Rechargement')
    const alice = await join(pad.links.edit, 'Alice')
    await typeInto(alice, 'Ceci doit rester.')
    await alice.page.locator('#connection-status[data-unsynced="false"]').waitFor()
    await alice.page.reload()
    await alice.page.locator('#connection-status[data-state="connected"]').waitFor()
    await pollText(alice).toContain('Ceci doit rester.')
    const newcomer = await join(pad.links.view, 'Nouveau')
    await pollText(newcomer).toContain('Ceci doit rester.')
  })

  it('lets a page taken offline keep typing, then converge when back online', async () => {
    const pad = await createTestPad(session.server.url, 'Hors ligne')
    const alice = await join(pad.links.edit, 'Alice')
    const bob = await join(pad.links.edit, 'Bob')
    await typeInto(alice, 'Début. ')
    await pollText(bob).toContain('Début.')

    await bob.context.setOffline(true)
    await bob.page.locator('#connection-status[data-state="offline"]').waitFor()
    await typeInto(bob, 'Écrit sans réseau.')
    await typeInto(alice, 'Écrit en ligne. ')
    await bob.page.locator('#connection-status[data-unsynced="true"]').waitFor()
    await pollText(bob).toContain('Écrit sans réseau.')
    expect(await editorText(alice.page)).not.toContain('Écrit sans réseau.')
    expect(await editorText(bob.page)).not.toContain('Écrit en ligne.')

    await bob.context.setOffline(false)
    await bob.page.locator('#connection-status[data-state="connected"][data-unsynced="false"]').waitFor()
    for (const participant of [alice, bob]) {
      await pollText(participant).toContain('Écrit sans réseau.')
      await pollText(participant).toContain('Écrit en ligne.')
    }
    expect(await editorText(alice.page)).toBe(await editorText(bob.page))
  })
})
