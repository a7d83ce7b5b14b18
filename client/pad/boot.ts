/**
 * The pad page's entry script (`pad.html`), kept small so that it runs long
 * before the page's own code (`pad.ts` and the editor's libraries, some
 * 400 kB) has been downloaded and parsed: it reads the key and this browser's
 * participant (made on a first visit), sends at once the two requests the
 * page will wait for — the pad's settings and its content
 * (`content-prefetch.ts`, which presents the participant as the page's
 * connection will) — then loads that code and hands all three over. It
 * renders nothing and decides nothing. `pad.html` loads it `async`: it runs
 * as soon as it has arrived, while the HTML is still being parsed, and hands
 * over once the document is parsed.
 */
import { readPadKeyFromPath, relayUrlOf } from '../../shared/protocol/pad-link'
import { fetchPadSettings } from '../settings/api-client'
import { prefetchPadContent } from '../connection/content-prefetch'
import { LoadPhase, markLoadPhase } from '../load-marks'
import { loadParticipantIdentity } from '../people/participant-secret'
import { createPreferences, openLocalStorage } from '../people/preferences'
import type { EarlyRequests } from '../pad'

/**
 * Longest wait for the prefetched content: a socket that neither answers nor
 * closes must not keep the page from opening. The page's connection then
 * fetches the content itself.
 */
const contentPrefetchTimeoutMs = 10_000

function sendEarlyRequests(key: string): EarlyRequests {
  // Made here, once, and handed to the page: with storage that refuses
  // writes, a second call would make a second participant.
  const participant = loadParticipantIdentity(createPreferences(openLocalStorage()), (bytes) => crypto.getRandomValues(bytes))
  const settings = fetchPadSettings(key)
  // Handled where the page reads it (pad.ts, once loaded): this only keeps a
  // failure meanwhile from being reported as an unhandled rejection.
  settings.catch(() => {})
  const content = prefetchPadContent({
    serverUrl: relayUrlOf(location.origin),
    padKey: key,
    participantSecret: participant.secret,
    timeoutMs: contentPrefetchTimeoutMs,
  })
  void content.then((update) => {
    if (update !== null) markLoadPhase(LoadPhase.content)
  })
  return { key, participant, settings, content }
}

/** Resolves once the page's HTML is parsed: the page's code reads its elements. */
function documentParsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve()
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }))
}

function boot(): void {
  const key = readPadKeyFromPath(location.pathname)
  // Not kept at module level: the page lets go of the content once it is in the doc.
  const early = key === null ? null : sendEarlyRequests(key)
  // `../pad` is client/pad.ts, the page's code; this folder holds its parts.
  void Promise.all([import('../pad'), documentParsed()]).then(([page]) => {
    markLoadPhase(LoadPhase.code)
    return page.startPadPage(early)
  })
}

boot()
