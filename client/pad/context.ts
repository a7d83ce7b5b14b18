/**
 * What the pad page's parts are mounted with once its settings are known:
 * the pad's key and doc, who writes, the live settings, the page's elements
 * and language, and the disposers that take each part down again.
 */
import type * as Y from 'yjs'
import type { Localization } from '../i18n/i18n'
import type { PageElements } from './elements'
import type { ParticipantIdentity } from '../people/participant-secret'
import type { Preferences } from '../people/preferences'
import type { LiveSettings } from '../settings/live-settings'

export interface OpenPadContext {
  key: string
  participant: ParticipantIdentity
  doc: Y.Doc
  settings: LiveSettings
  elements: PageElements
  localization: Localization
  preferences: Preferences
  disposers: (() => void)[]
  renderPage: () => void
}
