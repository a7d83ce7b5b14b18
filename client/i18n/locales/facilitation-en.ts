/**
 * The facilitation's strings in English, typed against the French ones
 * (facilitation-fr.ts) so that a missing or extra key is a compile error;
 * en.ts spreads them into the English dictionary.
 */
import type { facilitationFr } from './facilitation-fr'

export const facilitationEn: Record<keyof typeof facilitationFr, string> = {
  'facilitation.refusal.no_round': 'No round is in progress.',
  'facilitation.refusal.round_in_progress': 'A round is already in progress: end it first.',
  'facilitation.refusal.already_queued': 'This person is already in the round.',
  'facilitation.refusal.not_queued': 'This person is not waiting in the round.',
  'facilitation.refusal.queue_changed': 'The order changed meanwhile: reorder the current queue.',
  'facilitation.refusal.too_many_speakers': 'The round has as many people as it may.',
  'facilitation.refusal.no_speaker': 'Nobody has the floor.',
  'facilitation.refusal.no_vote': 'No vote is open.',
  'facilitation.refusal.vote_open': 'A vote is already open: close it first.',
  'facilitation.refusal.no_closed_vote': 'No vote has been closed yet.',
  'facilitation.refusal.no_time_box': 'This vote has no time box.',
  'facilitation.refusal.unknown_card': 'This pad has no such initiative card.',
  'facilitation.refusal.no_dots_left': 'You have placed all your dots.',
  'facilitation.refusal.card_has_your_dot': 'This vote allows one dot per card, and this card has yours.',
  'facilitation.refusal.no_dot_here': 'You have no dot on this card.',
  'facilitation.refusal.viewers_may_not_vote': 'The facilitator has not opened this vote to read-only links.',
  'facilitation.refusal.participant_required': 'Voting and raising a hand need a participant identity (reload the page).',
  'facilitation.refusal.too_many_voters': 'This vote has as many voters as it may.',
  'facilitation.refusal.history_full': 'This pad keeps no more rounds or votes.',
  'facilitation.refusal.busy': 'The pad was changed from elsewhere too often meanwhile: try again.',
  'facilitation.failure.offline': 'Not connected to the server: nothing was sent, try again once reconnected.',
  'facilitation.failure.disconnected': 'The connection dropped before the server answered: check where the round stands.',
  'facilitation.failure.closed': 'The page is closing: nothing was sent.',
}
