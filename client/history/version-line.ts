/**
 * A version of the pad as the history panel's timeline says it, from one
 * entry of `GET /api/pads/<key>/versions`: when (the day relative to today
 * — « aujourd’hui », « hier », « le 12 mars » — and the time, in the
 * interface's locale and the reader's time zone), what it is (the name the
 * facilitator gave it, or its kind in words: « Point automatique »,
 * « Avant verrouillage »…), who changed the text since the version before
 * and by how many characters (people as the recipe credits them, the
 * server having left unnamed people out: their change is counted together),
 * and the size of the whole change. A version taken before a restore says
 * which version was restored and by whom (« Avant la restauration de la
 * version d’aujourd’hui à 14:32, par Awa »), and the version published as
 * the recipe says so. Pure: the time and the words are given.
 */
import { contributorCredit } from '../../shared/export/labels'
import type { PadVersionListing, VersionKind } from '../../shared/protocol/api'
import { formattingLocale, type Language, type MessageKey, type MessageParams } from '../i18n/i18n'

export interface VersionLineContext {
  language: Language
  t(key: MessageKey, params?: MessageParams): string
  /** Now, to say « aujourd’hui » or « hier ». */
  nowMs: number
  /** The IANA time zone times are said in; the reader's own when not given. */
  timeZone?: string
  /** A listed version by id: what a `before-restore` version restored (thinned ones are not found). */
  findVersion?(id: string): PadVersionListing | undefined
  /** The id of the version published as the recipe, if any. */
  publishedVersion?: string | null
}

export interface VersionLine {
  /** « Aujourd’hui à 14:32 », « Le 12 mars à 10:05 »: starts a line. */
  when: string
  /** The same inside a sentence: « aujourd’hui à 14:32 ». */
  whenInSentence: string
  /** The version's name in quotes when it has one, else its kind in words. */
  title: string
  /** Its kind in words, when the title is its name; else null (the title says it). */
  kind: string | null
  /** « Awa +12, Binta (La Fabrique) −3 et autres personnes +5 », or '' when nobody changed the text. */
  authors: string
  /** « +14 caractères », « Aucun changement de texte », or for the oldest version « Première version gardée ». */
  change: string
  /** « Recette publiée » for the version published as the recipe, else null. */
  published: string | null
  /** What a screen reader hears for it: when, then what it is (and that it is published). */
  summary: string
}

const kindKeys: Readonly<Record<VersionKind, MessageKey>> = {
  auto: 'history.kind.auto',
  named: 'history.kind.named',
  'before-lock': 'history.kind.before-lock',
  'before-restore': 'history.kind.before-restore',
  'before-export': 'history.kind.before-export',
  'before-publish': 'history.kind.before-publish',
}

/** The timeline's line for `version`; `isOldest`: no version before it (its change is not said). */
export function describeVersion(version: PadVersionListing, isOldest: boolean, context: VersionLineContext): VersionLine {
  const { t } = context
  const whenInSentence = formatWhen(Date.parse(version.createdAt), context)
  const when = capitalize(whenInSentence, context.language)
  const kindWords = describeKind(version, context)
  const title = version.name === null || version.name === '' ? kindWords : t('history.named', { name: version.name })
  const kind = title === kindWords ? null : kindWords
  const published = version.id === context.publishedVersion ? t('history.published') : null
  return {
    when,
    whenInSentence,
    title,
    kind,
    authors: isOldest ? '' : formatAuthors(version, context),
    change: isOldest ? t('history.first') : formatCharacterChange(version.characterChange, context),
    published,
    summary: [when, title, ...(published === null ? [] : [published])].join(', '),
  }
}

/** Its kind in words; for a version taken before a restore, which one was restored and by whom. */
function describeKind(version: PadVersionListing, context: VersionLineContext): string {
  const { t } = context
  if (version.kind !== 'before-restore' || version.restore === null) return t(kindKeys[version.kind])
  const restored = context.findVersion?.(version.restore.version)
  const { by } = version.restore
  if (restored === undefined) return by === null ? t('history.beforeRestore.unknown') : t('history.beforeRestore.unknownBy', { by })
  const when = formatWhen(Date.parse(restored.createdAt), context)
  return by === null ? t('history.beforeRestore', { when }) : t('history.beforeRestore.by', { when, by })
}

/** « aujourd’hui à 14:32 », « hier à 09:05 », « le 12 mars à 10:00 » (with the year when it is not this one's). */
export function formatWhen(timeMs: number, context: VersionLineContext): string {
  const locale = formattingLocale(context.language)
  const zone = context.timeZone === undefined ? {} : { timeZone: context.timeZone }
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...zone }).format(timeMs)
  const days = calendarDay(context.nowMs, context.timeZone) - calendarDay(timeMs, context.timeZone)
  let day: string
  if (days === 0 || days === 1) {
    day = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-days, 'day')
  } else {
    const sameYear = new Date(context.nowMs).getUTCFullYear() === new Date(timeMs).getUTCFullYear()
    const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }), ...zone }).format(timeMs)
    day = context.t('history.onDate', { date })
  }
  return context.t('history.when', { day, time })
}

/** « +14 caractères », « −1 caractère », « Aucun changement de texte ». */
export function formatCharacterChange(change: number, context: VersionLineContext): string {
  if (change === 0) return context.t('history.noChange')
  const category = new Intl.PluralRules(formattingLocale(context.language)).select(Math.abs(change))
  return context.t(category === 'one' ? 'history.change.one' : 'history.change.other', { change: formatSigned(change, context.language) })
}

/** Each named author whose text changed, with the change, then everyone else's together. */
function formatAuthors(version: PadVersionListing, context: VersionLineContext): string {
  const { t, language } = context
  const changed = version.authors.filter((author) => author.change !== 0)
  const parts = changed.map((author) => t('history.authorChange', { name: contributorCredit(author), change: formatSigned(author.change, language) }))
  const othersChange = version.characterChange - version.authors.reduce((sum, author) => sum + author.change, 0)
  if (othersChange !== 0) parts.push(t('history.othersChange', { change: formatSigned(othersChange, language) }))
  return new Intl.ListFormat(formattingLocale(language), { type: 'conjunction' }).format(parts)
}

function formatSigned(value: number, language: Language): string {
  return new Intl.NumberFormat(formattingLocale(language), { signDisplay: 'exceptZero' }).format(value)
}

/** Days since the epoch of the calendar day `timeMs` falls on in `timeZone`. */
function calendarDay(timeMs: number, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone === undefined ? {} : { timeZone }) }).formatToParts(timeMs)
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((each) => each.type === type)?.value)
  return Math.round(Date.UTC(part('year'), part('month') - 1, part('day')) / 86_400_000)
}

function capitalize(text: string, language: Language): string {
  return text.charAt(0).toLocaleUpperCase(formattingLocale(language)) + text.slice(1)
}
