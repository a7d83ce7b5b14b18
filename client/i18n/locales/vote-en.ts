/**
 * The dot vote's strings in English, typed against the French ones
 * (vote-fr.ts) so that a missing or extra key is a compile error; en.ts
 * spreads them into the English dictionary.
 */
import type { voteFr } from './vote-fr'

export const voteEn: Record<keyof typeof voteFr, string> = {
  'vote.heading': 'Dot vote',
  'vote.none': 'No vote is open. Participants place their dots on the pad’s initiative cards.',
  'vote.dots.one': '{count} dot',
  'vote.dots.other': '{count} dots',
  'vote.left.one': '{count} left',
  'vote.left.other': '{count} left',
  'vote.people.one': '{count} person',
  'vote.people.other': '{count} people',

  'vote.status.rules.stacking': '{dots} each, several allowed on one card.',
  'vote.status.rules.single': '{dots} each, at most one per card.',
  'vote.status.left': 'You have {dots} left.',
  'vote.status.viewOnly': 'This read-only link does not vote: the facilitator has not opened this vote to read-only links.',
  'vote.status.cast': 'So far: {dots} from {people}.',
  'vote.status.hidden': 'The totals stay hidden until the vote closes.',
  'vote.timeBox.running': 'Time box: {clock} left',
  'vote.timeBox.paused': 'Time box paused: {clock} left',
  'vote.timeBox.over': 'Time box over by {clock}',

  'vote.cards.heading': 'The cards',
  'vote.cards.empty': 'This pad has no initiative card yet.',
  'vote.card.untitled': 'Untitled card {number}',
  'vote.card.mine': 'You: {count}',
  'vote.card.total': 'Total: {count}',
  'vote.card.result': 'Vote: {dots}',
  'vote.add.label': 'Add a dot to “{title}” ({left})',
  'vote.remove.label': 'Remove a dot from “{title}” (you have {count} here)',

  'vote.results.heading': 'Vote results',
  'vote.results.summary': '{dots} each, {voters}.',
  'vote.results.voters.one': '{count} person voted',
  'vote.results.voters.other': '{count} people voted',

  'vote.announce.opened': 'Dot vote open: {dots} each.',
  'vote.announce.added': 'Dot added to “{title}”. {left}',
  'vote.announce.removed': 'Dot removed from “{title}”. {left}',
  'vote.announce.totalsShown': 'The vote’s totals are now shown.',
  'vote.announce.totalsHidden': 'The vote’s totals are now hidden until it closes.',
  'vote.announce.paused': 'The vote’s time box is paused.',
  'vote.announce.resumed': 'The vote’s time box runs again.',
  'vote.announce.closed': 'Vote closed: the results are shown.',

  'vote.admin.prepare': 'Prepare a vote',
  'vote.admin.dots': 'Dots per person',
  'vote.admin.stacking': 'Several dots allowed on one card',
  'vote.admin.visibility': 'While the vote is open',
  'vote.admin.visibility.totals': 'Show the totals (anonymous)',
  'vote.admin.visibility.hidden': 'Show nothing until it closes',
  'vote.admin.timeBox': 'Time box',
  'vote.admin.timeBox.none': 'None',
  'vote.admin.timeBox.help': 'A display only: nothing happens when it runs out; you close the vote.',
  'vote.admin.viewers': 'Read-only links may vote',
  'vote.admin.open': 'Open the vote',
  'vote.admin.running': 'Vote in progress',
  'vote.admin.totals': 'Show the totals while the vote is open',
  'vote.admin.pause': 'Pause the time box',
  'vote.admin.resume': 'Resume the time box',
  'vote.admin.extend': 'One more minute',
  'vote.admin.order': 'Order of the results',
  'vote.admin.order.dots': 'Most dots first',
  'vote.admin.order.document': 'As in the pad',
  'vote.admin.close': 'Close the vote',

  'vote.projection.hidden': 'The totals will show when the vote closes.',
}
