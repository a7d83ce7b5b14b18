/**
 * Reading the pad's settings from the page: patiently while the server
 * cannot be reached, the admin links again after a change, and what to tell
 * people when the settings will not come (a replaced link, an unknown pad).
 */
import { PadLinkError, type PadSettings } from '../../shared/protocol/api'
import { retryDelayMs, retryPolicies } from '../../shared/protocol/retry-delay'
import type { PageMessage } from '../page-shell'
import { ApiError, fetchPadSettings, NetworkError } from './api-client'
import type { LiveSettings } from './live-settings'

/** Reads the admin page's links again and applies them; on failure the links shown stay as they were. */
export async function refreshLinks(key: string, settings: LiveSettings): Promise<void> {
  try {
    settings.applyLinks((await fetchPadSettings(key)).links)
  } catch {
    // The pad was deleted or the network is down: the connection says so on its own.
  }
}

/**
 * The pad's settings, from `firstAttempt` or, while the server cannot be
 * reached (network error, 5xx, 429), from new attempts after growing waits,
 * calling `onRetry` before each. Throws for answers that will not change
 * (404, 410, other 4xx).
 */
export async function fetchSettingsPatiently(key: string, firstAttempt: Promise<PadSettings>, onRetry: () => void): Promise<PadSettings> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await (attempt === 0 ? firstAttempt : fetchPadSettings(key))
    } catch (error) {
      const isTransient =
        error instanceof NetworkError || (error instanceof ApiError && (error.status >= 500 || error.status === 429))
      if (!isTransient) throw error
      onRetry()
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(retryPolicies.settingsFetch, attempt)))
    }
  }
}

export function describeSettingsError(error: unknown): PageMessage {
  // An edit link the facilitator replaced is not a pad that does not exist: the person can ask for the new link.
  if (error instanceof ApiError && error.status === 410 && error.code === PadLinkError.linkReplaced) return { key: 'pad.error.linkReplaced' }
  if (error instanceof ApiError && error.status === 404) return { key: 'pad.error.unknownPad' }
  const message = error instanceof Error ? error.message : String(error)
  return { key: 'pad.error.generic', params: { message } }
}
