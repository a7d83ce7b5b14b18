/**
 * The words an exported recipe adds around the pad's own text, in each pad
 * language: the license and attribution block (the Creative Commons "TASL"
 * rule: Title, Author, Source, License), the session summary (with its
 * tours de table and dot votes), the note on a
 * license that is not *libre*, and how dates and durations read. Every format
 * takes its wording from here so that the Markdown, HTML and ODT files say
 * the same thing; none of it is markup. Initiative field labels live with
 * the card (initiative.ts).
 */
import type { PadLanguage } from '../protocol/api'
import type { Recipe } from './recipe'

/** A piece of the attribution sentence: words, or a slot each format fills with its own markup. */
export type AttributionPart = string | { slot: 'title' | 'authors' | 'license' }

export interface ExportLabels {
  /**
   * Between a label and its value: French puts a no-break space before the
   * colon (U+00A0, shared/testing/french-typography.ts), English none.
   */
  colon: string
  licenseHeading: string
  title: string
  authors: string
  source: string
  license: string
  /** Who to credit when no one is named. */
  anonymousAuthors: string
  /** The people who chose not to be named, after the named ones ("2 autres personnes"). */
  otherPeople: (count: number) => string
  /** The people who chose not to be named, when nobody is ("3 personnes"). */
  people: (count: number) => string
  /** For licenses that keep copyright (every one here but CC0). */
  licensedSentence: readonly AttributionPart[]
  /** For CC0, which waives it. */
  publicDomainSentence: readonly AttributionPart[]
  notLibreNote: string
  sessionHeading: string
  date: string
  duration: string
  peoplePresent: string
  initiativeCount: string
  sections: string
  /** A tour de table in the session summary, numbered when there were several, and still in progress or not. */
  round: (number: number | null, isInProgress: boolean) => string
  /** Someone who spoke and chose not to be named. */
  unnamedSpeaker: string
  /** After a speaker who passed their turn. */
  skippedTurn: string
  /** A dot vote in the session summary, numbered when there were several. */
  vote: (number: number | null) => string
  /** What a vote's results are followed by: its rules and how many voted. */
  voteRules: (dotsPerParticipant: number, voterCount: number) => string
  /** A vote that no initiative of the recipe got a dot in. */
  noVoteResults: string
  unnamedInitiative: string
  listSeparator: string
  lastListSeparator: string
  months: readonly string[]
}

const slot = (name: 'title' | 'authors' | 'license'): AttributionPart => ({ slot: name })

export const exportLabels: Readonly<Record<PadLanguage, ExportLabels>> = {
  fr: {
    colon: '\u00A0: ',
    licenseHeading: 'Licence et attribution',
    title: 'Titre',
    authors: 'Auteur·ices',
    source: 'Source',
    license: 'Licence',
    anonymousAuthors: 'les participant·es de l’atelier',
    otherPeople: (count) => (count === 1 ? 'une autre personne' : `${count} autres personnes`),
    people: (count) => (count === 1 ? 'une personne' : `${count} personnes`),
    licensedSentence: [slot('title'), ', par ', slot('authors'), ', est mis à disposition selon les termes de la licence ', slot('license'), '.'],
    publicDomainSentence: [slot('title'), ', par ', slot('authors'), ', est placé dans le domaine public\u00A0: ', slot('license'), '.'],
    notLibreNote:
      'Attention\u00A0: cette licence interdit les usages commerciaux\u202F; ce n’est pas une licence libre. Une recette sous cette licence ne peut pas être reprise dans un projet libre.',
    sessionHeading: 'Résumé de la session',
    date: 'Date',
    duration: 'Durée',
    peoplePresent: 'Personnes présentes',
    initiativeCount: 'Initiatives collectées',
    sections: 'Sections',
    round: (number, isInProgress) => `Tour de table${number === null ? '' : ` ${number}`}${isInProgress ? ' (en cours)' : ''}`,
    unnamedSpeaker: 'une personne',
    skippedTurn: 'a passé son tour',
    vote: (number) => `Vote par gommettes${number === null ? '' : ` ${number}`}`,
    voteRules: (dots, voters) => `${dots === 1 ? 'une gommette' : `${dots} gommettes`} par personne, ${voters === 1 ? 'une personne a voté' : `${voters} personnes ont voté`}`,
    noVoteResults: 'aucune gommette sur les initiatives',
    unnamedInitiative: 'Initiative sans nom',
    listSeparator: ', ',
    lastListSeparator: ' et ',
    months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  },
  en: {
    colon: ': ',
    licenseHeading: 'License and attribution',
    title: 'Title',
    authors: 'Authors',
    source: 'Source',
    license: 'License',
    anonymousAuthors: 'the workshop participants',
    otherPeople: (count) => (count === 1 ? 'one other person' : `${count} other people`),
    people: (count) => (count === 1 ? 'one person' : `${count} people`),
    licensedSentence: [slot('title'), ' by ', slot('authors'), ' is licensed under ', slot('license'), '.'],
    publicDomainSentence: [slot('title'), ' by ', slot('authors'), ' is dedicated to the public domain: ', slot('license'), '.'],
    notLibreNote:
      'Warning: this license forbids commercial use; it is not a free (libre) license. A recipe under it cannot be reused in a free project.',
    sessionHeading: 'Session summary',
    date: 'Date',
    duration: 'Duration',
    peoplePresent: 'People present',
    initiativeCount: 'Initiatives collected',
    sections: 'Sections',
    round: (number, isInProgress) => `Round table${number === null ? '' : ` ${number}`}${isInProgress ? ' (in progress)' : ''}`,
    unnamedSpeaker: 'someone',
    skippedTurn: 'passed',
    vote: (number) => `Dot vote${number === null ? '' : ` ${number}`}`,
    voteRules: (dots, voters) => `${dots === 1 ? 'one dot' : `${dots} dots`} each, ${voters === 1 ? 'one person voted' : `${voters} people voted`}`,
    noVoteResults: 'no dots on the initiatives',
    unnamedInitiative: 'Unnamed initiative',
    listSeparator: ', ',
    lastListSeparator: ' and ',
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  },
}

/** CC0 waives copyright: its attribution says "public domain", not "licensed under". */
function isPublicDomain(recipe: Recipe): boolean {
  return recipe.license.id === 'CC0-1.0'
}

/** The attribution sentence for this recipe's license. */
export function attributionSentence(recipe: Recipe): readonly AttributionPart[] {
  const labels = exportLabels[recipe.language]
  return isPublicDomain(recipe) ? labels.publicDomainSentence : labels.licensedSentence
}

/**
 * The people to credit, in the recipe's order, each with their organisation,
 * and those who chose not to be named counted at the end ("Alice (Tiers-lieu
 * du Moulin), Bruno et 2 autres personnes"); the anonymous wording when
 * nobody wrote.
 */
export function formatAuthors(recipe: Recipe): string {
  const labels = exportLabels[recipe.language]
  const names = recipe.contributors.map(contributorCredit)
  const unnamed = recipe.unnamedContributors
  if (names.length === 0) return unnamed === 0 ? labels.anonymousAuthors : labels.people(unnamed)
  return joinWords(unnamed === 0 ? names : [...names, labels.otherPeople(unnamed)], recipe.language)
}

/** "Alice (Tiers-lieu du Moulin)", or the name alone. */
export function contributorCredit(contributor: { name: string; organisation: string }): string {
  return contributor.organisation === '' ? contributor.name : `${contributor.name} (${contributor.organisation})`
}

export function joinWords(words: readonly string[], language: PadLanguage): string {
  const { listSeparator, lastListSeparator } = exportLabels[language]
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(listSeparator)}${lastListSeparator}${words[words.length - 1] ?? ''}`
}

/**
 * A day (`YYYY-MM-DD`, or the date part of an ISO timestamp, read in UTC) in
 * words: "20 novembre 2025". Written by hand rather than with Intl so that
 * the output does not depend on the runtime's locale data.
 */
export function formatDay(isoDate: string, language: PadLanguage): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate)
  const month = match === null ? undefined : exportLabels[language].months[Number(match[2]) - 1]
  if (match === null || month === undefined) return isoDate
  const day = Number(match[3])
  return language === 'fr' ? `${day === 1 ? '1er' : day} ${month} ${match[1]}` : `${day} ${month} ${match[1]}`
}

/** "2 h 15 min", "45 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (hours === 0) return `${rest} min`
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')} min`
}

/** The event line under the title: name, day and place, those that are known. */
export function eventParts(recipe: Recipe): string[] {
  const { name, place } = recipe.event
  const date = recipe.session.date
  return [name, date === null || date === '' ? '' : formatDay(date, recipe.language), place].map((part) => part.trim()).filter((part) => part !== '')
}

/** The session summary as label–value pairs, leaving out what is not known. */
export function sessionFacts(recipe: Recipe): { label: string; value: string }[] {
  const labels = exportLabels[recipe.language]
  const { session } = recipe
  const facts: { label: string; value: string }[] = []
  if (session.date !== null && session.date !== '') facts.push({ label: labels.date, value: formatDay(session.date, recipe.language) })
  if (session.durationMinutes !== null && session.durationMinutes > 0) facts.push({ label: labels.duration, value: formatDuration(session.durationMinutes) })
  if (session.peoplePresent.length > 0) {
    facts.push({ label: `${labels.peoplePresent} (${session.peoplePresent.length})`, value: joinWords(session.peoplePresent, recipe.language) })
  }
  if (session.initiativeCount > 0) facts.push({ label: labels.initiativeCount, value: String(session.initiativeCount) })
  if (session.sections.length > 0) facts.push({ label: labels.sections, value: session.sections.join(' · ') })
  return [...facts, ...facilitationFacts(recipe)]
}

/** Each tour de table (who spoke, in order, how long) and each closed vote (the initiatives that got dots, in the facilitator's order). */
function facilitationFacts(recipe: Recipe): { label: string; value: string }[] {
  const labels = exportLabels[recipe.language]
  const { rounds, votes } = recipe.session
  const roundFacts = rounds.filter((round) => round.turns.length > 0).map((round, index, shown) => ({
    label: labels.round(shown.length > 1 ? index + 1 : null, round.endedAt === null),
    value: round.turns
      .map((turn) => `${turn.speaker ?? labels.unnamedSpeaker} (${turn.isSkipped ? labels.skippedTurn : formatSeconds(turn.seconds)})`)
      .join(labels.listSeparator),
  }))
  const voteFacts = votes.map((vote, index) => {
    const results = vote.results.map((result) => `${result.name === '' ? labels.unnamedInitiative : result.name} (${result.dots})`)
    return {
      label: labels.vote(votes.length > 1 ? index + 1 : null),
      value: `${results.length === 0 ? labels.noVoteResults : results.join(labels.listSeparator)} — ${labels.voteRules(vote.dotsPerParticipant, vote.voterCount)}`,
    }
  })
  return [...roundFacts, ...voteFacts]
}

/** "45 s", "2 min", "2 min 05 s". */
export function formatSeconds(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  if (minutes === 0) return `${rest} s`
  return rest === 0 ? `${minutes} min` : `${minutes} min ${String(rest).padStart(2, '0')} s`
}
