/**
 * What the pad page says around the pad: its title (in the tab too), the
 * loading line and the error, localized, and the page's static texts. It
 * knows nothing of the pad's content or connection (pad.ts).
 */
import { localizeTree, type Localization, type MessageKey, type MessageParams } from './i18n/i18n'
import type { PageElements } from './pad/elements'
import type { LiveSettings } from './settings/live-settings'

export interface PageMessage {
  key: MessageKey
  params?: MessageParams
}

/** What the page says around the pad: its title (in the tab too), the loading line and the error. */
export interface PageShell {
  setSettings(settings: LiveSettings): void
  setLoading(message: PageMessage | null): void
  setError(message: PageMessage): void
  /** Also localizes the page's static texts (`localizeTree`). */
  render(): void
}

export function createPageShell(elements: PageElements, localization: Localization): PageShell {
  let liveSettings: LiveSettings | null = null
  let pageError: PageMessage | null = null
  let loadingMessage: PageMessage | null = { key: 'pad.loading' }
  const render = (): void => {
    localizeTree(document, localization)
    const padTitle = liveSettings?.current.title ?? null
    const title = padTitle === null ? null : padTitle || localization.t('pad.untitled')
    elements.title.textContent = title ?? ''
    elements.title.hidden = title === null
    document.title = title === null ? localization.t('app.name') : localization.t('pad.documentTitle', { title })
    elements.loading.hidden = loadingMessage === null
    elements.loading.textContent = loadingMessage === null ? '' : localization.t(loadingMessage.key)
    elements.error.hidden = pageError === null
    elements.errorMessage.textContent = pageError === null ? '' : localization.t(pageError.key, pageError.params)
  }
  return {
    setSettings(settings) {
      liveSettings = settings
    },
    setLoading(message) {
      loadingMessage = message
    },
    setError(message) {
      pageError = message
    },
    render,
  }
}
