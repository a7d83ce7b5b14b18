/**
 * What the page says when a facilitation command did not go through: the
 * server's refusal codes (`facilitationRefusals`, whose English sentences are
 * the server's) and the channel's own failures, each as a message of the
 * interface language. It does not decide where the sentence is shown.
 */
import type { FacilitationRefusalCode } from '../../shared/facilitation/facilitation-view'
import type { Localization, MessageKey } from '../i18n/i18n'
import { FacilitationChannelError, type FacilitationFailureReason, type FacilitationOutcome } from './pending-commands'

/** The message key of a refusal code. */
export function refusalMessageKey(code: FacilitationRefusalCode): MessageKey {
  return `facilitation.refusal.${code}`
}

/** The message key of a failure to get a reply. */
export function failureMessageKey(reason: FacilitationFailureReason): MessageKey {
  return `facilitation.failure.${reason}`
}

/** The sentence for a refused outcome, or null for a command that went through. */
export function describeOutcome(outcome: FacilitationOutcome, localization: Pick<Localization, 't'>): string | null {
  return outcome.ok ? null : localization.t(refusalMessageKey(outcome.error))
}

/** The sentence for what `send` rejected with; anything but a channel error is a bug and is thrown again. */
export function describeFailure(error: unknown, localization: Pick<Localization, 't'>): string {
  if (error instanceof FacilitationChannelError) return localization.t(failureMessageKey(error.reason))
  throw error
}
