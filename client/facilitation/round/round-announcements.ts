/**
 * What screen readers are told of a tour de table, politely and only when
 * it changes hands: the round starting, a new speaker (and who is next),
 * a turn's time being up (once per turn), the round ending. Never the
 * clock's every second: the timer on screen is not a live region. Pure:
 * from the display before and after, the sentence to say, or null.
 */
import type { Localization } from '../../i18n/i18n'
import type { RoundDisplay } from './round-display'

/** Where the speaker and the time stand: what an announcement is about. */
function turnOf(display: RoundDisplay | null): string {
  if (display === null) return 'none'
  return `${display.roundId}/${display.turnsDone}/${display.speaker?.key ?? ''}`
}

export function announceRoundChange(
  before: RoundDisplay | null,
  after: RoundDisplay | null,
  localization: Pick<Localization, 't'>,
): string | null {
  const t = localization.t
  if (after === null) return before === null ? null : t('round.announce.ended')
  const isNewTurn = turnOf(before) !== turnOf(after)
  if (isNewTurn) {
    const parts: string[] = []
    if (before === null || before.roundId !== after.roundId) parts.push(t('round.announce.started'))
    parts.push(after.speaker === null ? t('round.announce.nobody') : t('round.announce.speaker', { name: after.speaker.name }))
    if (after.speaker !== null && after.next !== null) parts.push(t('round.announce.next', { name: after.next.name }))
    return parts.join(' ')
  }
  const wasOver = before?.clock?.isOverTime === true
  if (!wasOver && after.clock?.isOverTime === true && after.speaker !== null) return t('round.announce.timeUp', { name: after.speaker.name })
  return null
}
