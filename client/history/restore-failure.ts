/**
 * Why a history action failed, in words a participant can act on: a
 * restore (403 not allowed with this link, 409 locked, 404 version thinned,
 * 413 pad too large, 429 too many, 503 try again), publishing or naming a
 * version. Pure: an error becomes a message key and its parameters.
 */
import type { MessageKey, MessageParams } from '../i18n/i18n'
import { ApiError, NetworkError } from '../settings/api-client'

export interface FailureMessage {
  key: MessageKey
  params?: MessageParams
}

/** The reason a history call failed, to put in `{reason}` of the action's own failure sentence. */
export function describeHistoryFailure(error: unknown): FailureMessage {
  if (error instanceof NetworkError) return { key: 'history.failure.network' }
  if (error instanceof ApiError) {
    if (error.status === 403) return { key: 'history.failure.forbidden' }
    if (error.status === 409) return { key: 'history.failure.locked' }
    if (error.status === 404) return { key: 'history.failure.unknownVersion' }
    if (error.status === 413) return { key: 'history.failure.padFull' }
    if (error.status === 429) return { key: 'history.failure.rateLimited' }
    if (error.status >= 500) return { key: 'history.failure.unavailable' }
    return { key: 'history.failure.other', params: { message: error.message } }
  }
  return { key: 'history.failure.other', params: { message: error instanceof Error ? error.message : String(error) } }
}
