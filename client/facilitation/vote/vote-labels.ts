/**
 * The words of the dot vote, from the model (vote-model.ts) in the
 * interface language: the accessible names of the card buttons (« Ajouter
 * une gommette à « Repair café » (2 restantes) »), what a card shows, the
 * panel's status lines, the results and the time box. Pure: the DOM parts
 * put these strings in as text.
 */
import type { Localization } from '../../i18n/i18n'
import type { CardTally, ClosedVoteModel, OpenVoteModel, ResultRow } from './vote-model'
import type { TimeBoxDisplay } from './vote-time-box'

export type VoteWords = Pick<Localization, 't' | 'plural' | 'language'>

/** A card's name in a sentence: its « Nom », or its number when it has none. */
export function cardName(card: Pick<CardTally, 'title' | 'number'>, words: VoteWords): string {
  return card.title === '' ? words.t('vote.card.untitled', { number: card.number }) : card.title
}

/** « Ajouter une gommette à « Repair café » (2 restantes) » */
export function addDotLabel(card: CardTally, vote: OpenVoteModel, words: VoteWords): string {
  return words.t('vote.add.label', { title: cardName(card, words), left: words.plural('vote.left', vote.dotsLeft) })
}

/** « Retirer une gommette de « Repair café » (vous en avez 1 ici) » */
export function removeDotLabel(card: CardTally, words: VoteWords): string {
  return words.t('vote.remove.label', { title: cardName(card, words), count: card.myDots })
}

/** What a card shows next to its buttons while the vote is open: this participant's dots, then the total when shown. */
export function cardTallyTexts(card: CardTally, words: VoteWords): { mine: string; total: string | null } {
  return {
    mine: words.t('vote.card.mine', { count: card.myDots }),
    total: card.total === null ? null : words.t('vote.card.total', { count: card.total }),
  }
}

/** What a card shows once the vote is closed: « Vote : 7 gommettes ». */
export function cardResultText(row: ResultRow, words: VoteWords): string {
  return words.t('vote.card.result', { dots: words.plural('vote.dots', row.dots) })
}

/** « Il vous reste 2 gommettes. » */
export function dotsLeftSentence(vote: OpenVoteModel, words: VoteWords): string {
  return words.t('vote.status.left', { dots: words.plural('vote.dots', vote.dotsLeft) })
}

/** The panel's lines about the open vote: its rules, what this page may still do, how far it went. */
export function openVoteLines(vote: OpenVoteModel, words: VoteWords): string[] {
  const dots = words.plural('vote.dots', vote.dotsPerParticipant)
  const lines = [words.t(vote.allowStacking ? 'vote.status.rules.stacking' : 'vote.status.rules.single', { dots })]
  lines.push(vote.canVote ? dotsLeftSentence(vote, words) : words.t('vote.status.viewOnly'))
  lines.push(words.t('vote.status.cast', { dots: words.plural('vote.dots', vote.dotsCast), people: words.plural('vote.people', vote.voterCount) }))
  if (vote.visibility === 'hidden') lines.push(words.t('vote.status.hidden'))
  return lines
}

/** The line under the results: the rules and how many voted. */
export function resultsSummary(results: ClosedVoteModel, words: VoteWords): string {
  return words.t('vote.results.summary', {
    dots: words.plural('vote.dots', results.dotsPerParticipant),
    voters: words.plural('vote.results.voters', results.voterCount),
  })
}

/** « Temps indicatif : encore 4:05 », paused, or over by so much. */
export function timeBoxText({ phase, clock }: TimeBoxDisplay, words: VoteWords): string {
  return words.t(`vote.timeBox.${phase}`, { clock })
}
