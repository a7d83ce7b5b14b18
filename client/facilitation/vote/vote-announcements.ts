/**
 * What a screen reader is told, politely, when the vote changes: it opens,
 * closes, its time box pauses or runs again, its totals are shown or hidden,
 * and this participant's own dots move (from this page or another tab of
 * theirs). Other people's dots and the time box's seconds are not news:
 * they are on screen, said on demand, never every tick. Pure: a sentence, or
 * null when there is nothing to say.
 */
import { isTimerPaused } from '../../../shared/facilitation/turn-timer'
import { cardName, dotsLeftSentence, type VoteWords } from './vote-labels'
import type { OpenVoteModel, VoteModel } from './vote-model'

/** The sentence for going from `before` to `after`, or null. */
export function describeVoteChange(before: VoteModel, after: VoteModel, words: VoteWords): string | null {
  if (after.phase === 'open' && (before.phase !== 'open' || before.voteId !== after.voteId)) {
    return words.t('vote.announce.opened', { dots: words.plural('vote.dots', after.dotsPerParticipant) })
  }
  if (after.phase === 'closed' && before.phase === 'open' && before.voteId === after.voteId) return words.t('vote.announce.closed')
  if (after.phase !== 'open' || before.phase !== 'open') return null
  const sentences = [myDotsChange(before, after, words), visibilityChange(before, after, words), timeBoxChange(before, after, words)]
  const said = sentences.filter((sentence): sentence is string => sentence !== null)
  return said.length === 0 ? null : said.join(' ')
}

function myDotsChange(before: OpenVoteModel, after: OpenVoteModel, words: VoteWords): string | null {
  const mineBefore = new Map(before.cards.map((card) => [card.cardId, card.myDots]))
  const changed = after.cards.find((card) => card.myDots !== (mineBefore.get(card.cardId) ?? 0))
  if (changed === undefined) return null
  const key = changed.myDots > (mineBefore.get(changed.cardId) ?? 0) ? 'vote.announce.added' : 'vote.announce.removed'
  return words.t(key, { title: cardName(changed, words), left: dotsLeftSentence(after, words) })
}

function visibilityChange(before: OpenVoteModel, after: OpenVoteModel, words: VoteWords): string | null {
  if (before.visibility === after.visibility) return null
  return words.t(after.visibility === 'totals' ? 'vote.announce.totalsShown' : 'vote.announce.totalsHidden')
}

function timeBoxChange(before: OpenVoteModel, after: OpenVoteModel, words: VoteWords): string | null {
  if (before.timer === null || after.timer === null) return null
  const [wasPaused, isPaused] = [isTimerPaused(before.timer), isTimerPaused(after.timer)]
  if (wasPaused === isPaused) return null
  return words.t(isPaused ? 'vote.announce.paused' : 'vote.announce.resumed')
}
