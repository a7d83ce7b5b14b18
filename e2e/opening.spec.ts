/**
 * Opening a pad: the entry script (client/pad/boot.ts) fetches the pad's
 * content over a short connection of its own while the page's code loads, so
 * that the editor is built once with the whole pad. On every kind of link the
 * content must come from that request (the page marks it, client/load-marks.ts),
 * which presents the same participant as the page's own connection.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { loadMarkPrefix, LoadPhase } from '../client/load-marks'
import { participantSecretParam } from '../shared/protocol/participant-id'
import { createCollecte, openPage, useBrowserSession } from './fixtures'

const session = useBrowserSession()

/** Start times of the page's load marks, by phase. */
function readLoadMarks(page: Page): Promise<Record<string, number>> {
  return page.evaluate((prefix) => {
    const marks: Record<string, number> = {}
    for (const mark of performance.getEntriesByType('mark')) {
      if (mark.name.startsWith(prefix)) marks[mark.name.slice(prefix.length)] = mark.startTime
    }
    return marks
  }, loadMarkPrefix)
}

describe('opening a pad', () => {
  for (const role of ['edit', 'admin', 'view'] as const) {
    it(`puts the content fetched by the entry script into the pad before the editor is built (${role} link)`, async () => {
      const pad = await createCollecte(session.server.url, `Ouverture ${role}`)
      const page = await openPage(session, pad.links[role])
      await expect.poll(() => page.locator('#editor .ProseMirror').innerText()).toContain('Initiatives')
      const marks = await readLoadMarks(page)
      // Without the content's request (refused, failed, too slow), "content" and "doc" are never marked.
      expect(Object.keys(marks).sort()).toEqual([LoadPhase.code, LoadPhase.content, LoadPhase.doc, LoadPhase.editor].sort())
      expect(marks[LoadPhase.doc]).toBeLessThanOrEqual(marks[LoadPhase.editor] as number)
    })
  }

  for (const role of ['edit', 'admin'] as const) {
    it(`adds no autofocus element to the page as it opens, so the first frame lays out nothing early (${role} link)`, async () => {
      // Chromium's autofocus steps, run before a frame's animation callbacks,
      // lay out the whole document to ask whether a newly added autofocus
      // element can take focus: on a long pad, every paragraph, before the
      // pad is first shown. The page's dialogs are built when asked.
      const pad = await createCollecte(session.server.url, `Autofocus ${role}`)
      const context = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } })
      await context.addInitScript(() => {
        window.localStorage.setItem('atelier-pad:name', 'Awa')
        const added: string[] = []
        Object.assign(window, { autofocusAdded: added })
        document.addEventListener('DOMContentLoaded', () => {
          new MutationObserver((records) => {
            for (const record of records) {
              for (const node of record.addedNodes) {
                if (!(node instanceof Element)) continue
                for (const element of [node, ...node.querySelectorAll('[autofocus]')]) {
                  if (element.hasAttribute('autofocus')) added.push(element.id || element.tagName)
                }
              }
            }
          }).observe(document, { childList: true, subtree: true })
        })
      })
      const page = await context.newPage()
      session.track({ context, page })
      await page.goto(pad.links[role])
      await page.locator('#connection-status[data-state="connected"]').waitFor()
      await expect.poll(() => page.locator('#editor .ProseMirror').innerText()).toContain('Initiatives')
      // The panels that come after the editor (share, export, details) are mounted by now too.
      await page.locator('#export-menu:not([hidden])').waitFor({ state: 'attached' })
      expect(await page.evaluate(() => (window as unknown as { autofocusAdded: string[] }).autofocusAdded)).toEqual([])
    })
  }

  it('fetches the page\'s code from the HTML\'s preloads, alongside the entry script, not after it has run', async () => {
    const pad = await createCollecte(session.server.url, 'Préchargement')
    const page = await openPage(session, pad.links.edit)
    await expect.poll(() => page.locator('#editor .ProseMirror').innerText()).toContain('Initiatives')
    const timings = await page.evaluate(() => {
      const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src ?? ''
      const scripts = performance.getEntriesByType('resource').filter((resource) => resource.name.endsWith('.js')) as PerformanceResourceTiming[]
      return {
        entryArrivedMs: scripts.find((script) => script.name === entry)?.responseEnd ?? null,
        others: scripts.filter((script) => script.name !== entry).map((script) => ({ name: new URL(script.name).pathname, startMs: script.startTime })),
      }
    })
    expect(timings.entryArrivedMs).not.toBeNull()
    // The entry's static imports, the page's code and what that imports: all asked for before the entry script could run.
    expect(timings.others.length).toBeGreaterThanOrEqual(3)
    expect(timings.others.filter((script) => script.startMs > (timings.entryArrivedMs as number))).toEqual([])
  })

  it('receives the page\'s scripts and stylesheets compressed', async () => {
    const pad = await createCollecte(session.server.url, 'Compression')
    const page = await openPage(session, pad.links.edit)
    await expect.poll(() => page.locator('#editor .ProseMirror').innerText()).toContain('Initiatives')
    const assets = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((resource) => /\/assets\/.*\.(js|css)$/.test(resource.name))
        .map((resource) => ({ name: new URL(resource.name).pathname, sentBytes: resource.encodedBodySize, bytes: resource.decodedBodySize })),
    )
    expect(assets.length).toBeGreaterThanOrEqual(4)
    // Text this size compresses to well under half (the page's code: 600 kB, under 200 kB compressed).
    expect(assets.filter((asset) => asset.bytes > 2000 && asset.sentBytes > asset.bytes / 2)).toEqual([])
  })

  it('presents one participant, made on the first visit, with the content request and the connection', async () => {
    const pad = await createCollecte(session.server.url, 'Première visite')
    const context = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    session.track({ context, page })
    const sockets: string[] = []
    page.on('websocket', (socket) => sockets.push(socket.url()))
    await page.goto(pad.links.edit)
    // A first visit: the page asks for a name, and has already connected behind the dialog.
    await expect.poll(() => sockets.length).toBe(2)
    const stored = await page.evaluate(() => window.localStorage.getItem('atelier-pad:participant'))
    expect(stored).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(sockets.map((url) => new URL(url).searchParams.get(participantSecretParam))).toEqual([stored, stored])
  })
})
