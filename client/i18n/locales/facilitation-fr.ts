/**
 * The facilitation's strings in French (tour de table, refusals of the
 * server, the channel's failures), kept apart from fr.ts, which spreads them
 * into the one French dictionary: the same rules hold (French typography
 * written as escapes, every key in facilitation-en.ts too).
 */
export const facilitationFr = {
  'facilitation.refusal.no_round': 'Aucun tour de table n’est en cours.',
  'facilitation.refusal.round_in_progress': 'Un tour de table est déjà en cours\u00A0: terminez-le d’abord.',
  'facilitation.refusal.already_queued': 'Cette personne est déjà dans le tour de table.',
  'facilitation.refusal.not_queued': 'Cette personne n’attend pas son tour.',
  'facilitation.refusal.queue_changed': 'L’ordre a changé entre-temps\u00A0: réordonnez la file actuelle.',
  'facilitation.refusal.too_many_speakers': 'Le tour de table compte déjà autant de personnes que possible.',
  'facilitation.refusal.no_speaker': 'Personne n’a la parole.',
  'facilitation.refusal.no_vote': 'Aucun vote n’est ouvert.',
  'facilitation.refusal.vote_open': 'Un vote est déjà ouvert\u00A0: clôturez-le d’abord.',
  'facilitation.refusal.no_closed_vote': 'Aucun vote n’a encore été clôturé.',
  'facilitation.refusal.no_time_box': 'Ce vote n’a pas de durée.',
  'facilitation.refusal.unknown_card': 'Ce pad n’a pas cette fiche initiative.',
  'facilitation.refusal.no_dots_left': 'Vous avez placé toutes vos gommettes.',
  'facilitation.refusal.card_has_your_dot': 'Ce vote permet une gommette par fiche, et cette fiche a déjà la vôtre.',
  'facilitation.refusal.no_dot_here': 'Vous n’avez pas de gommette sur cette fiche.',
  'facilitation.refusal.viewers_may_not_vote': 'L’animation n’a pas ouvert ce vote aux liens de lecture.',
  'facilitation.refusal.participant_required': 'Voter ou lever la main demande une identité de participant·e (rechargez la page).',
  'facilitation.refusal.too_many_voters': 'Ce vote compte déjà autant de votant·es que possible.',
  'facilitation.refusal.history_full': 'Ce pad ne garde pas plus de tours de table ni de votes.',
  'facilitation.refusal.busy': 'Le pad a été modifié ailleurs trop souvent entre-temps\u00A0: réessayez.',
  'facilitation.failure.offline': 'Pas de connexion au serveur\u00A0: rien n’a été envoyé, réessayez une fois reconnecté·e.',
  'facilitation.failure.disconnected': 'La connexion a été coupée avant la réponse du serveur\u00A0: vérifiez où en est le tour de table.',
  'facilitation.failure.closed': 'La page se ferme\u00A0: rien n’a été envoyé.',
}
