/**
 * The *recette libre* (DESIGN.md, "Recipe export"): a typed, versioned
 * description of a finished pad — what it is, under which license, who wrote
 * it, the body in the pad's own structure, the initiatives of a collecte and
 * a session summary — built from the pad's settings and its Y.Doc. Every
 * export format (export-*.ts) is a rendering of this one value; the JSON
 * export is this value itself.
 */
import { Fragment, type Node as ProseMirrorNode } from 'prosemirror-model'
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import type { PadEvent, PadLanguage, PadState } from '../protocol/api'
import { listContributors, listPeoplePresent, readCredits, type Contributor } from '../pad/attribution'
import { authorMarkName } from '../pad/author-mark'
import { promptMarkName } from '../pad/prompt-mark'
import { initiativeFields, type InitiativeField } from '../pad/initiative'
import { initiativeCardIds } from '../pad/initiative-ids'
import { dataLicenses, licenses, type DataLicenseId, type LicenseId } from '../pad/licenses'
import { bodyFragmentName, padSchema } from '../pad/schema'
import { templateHints } from '../pad/templates'
import { dropUnreadableFormatting } from './readable-body'
import { parseSafeHref } from './text-safety'
import { emptyFacilitationSummary, type FacilitationSummary } from '../facilitation/facilitation-summary'
import { readRecipeRounds, readRecipeVotes, withLastVote, type RecipeRound, type RecipeVote } from './session-facilitation'

export const recipeVersion = 2

/** ProseMirror JSON of the pad's body (node and mark names of shared/pad/schema.ts). */
export interface RecipeNode {
  type: string
  attrs?: Record<string, unknown>
  content?: RecipeNode[]
  marks?: { type: string; attrs?: Record<string, unknown> }[]
  text?: string
}

/**
 * A card's fields, with what open data reuses it by: a stable id and, when
 * its territory names a commune, the commune's INSEE code; and the dots it
 * got in the pad's last closed vote (null when none was closed).
 */
export type Initiative = Record<InitiativeField, string> & { id: string; insee: string; votes: number | null }

export interface Recipe {
  version: typeof recipeVersion
  title: string
  /** One sentence that says what the pad is about. */
  summary: string
  language: PadLanguage
  event: PadEvent
  license: { id: LicenseId; name: string; url: string; isLibre: boolean }
  /** The license of the initiatives as open data (the CSV and this file's `initiatives`). */
  dataLicense: { id: DataLicenseId; name: string; url: string }
  /** Everyone credited by name, most text first, then the people the facilitator added. */
  contributors: Contributor[]
  /** How many people whose text is in the pad chose not to be named. */
  unnamedContributors: number
  createdAt: string
  updatedAt: string
  /** The read-only (view) link of the pad: where the recipe comes from. */
  source: string
  body: RecipeNode
  initiatives: Initiative[]
  session: SessionSummary
}

export interface SessionSummary {
  /** The event's date, or the day of the first edit. */
  date: string | null
  firstEditAt: string | null
  lastEditAt: string | null
  /** From the first to the last edit, rounded to the minute. */
  durationMinutes: number | null
  peoplePresent: string[]
  initiativeCount: number
  /** The body's top headings (levels 1 and 2), in order. */
  sections: string[]
  /** Each tour de table: who spoke, in which order, how long. */
  rounds: RecipeRound[]
  /** Each closed dot vote's results. */
  votes: RecipeVote[]
}

export interface RecipeSource {
  state: PadState
  sourceLink: string
  /** The export's own copy of the pad: formatting it cannot read is taken off it (readable-body.ts). */
  doc: Y.Doc
  /** Names the facilitator added: people who took part without typing. */
  extraContributors: readonly string[]
  firstEditAt: string | null
  lastEditAt: string | null
  /** The INSEE code of the commune a card's territory names, '' for none (server/api/commune-codes.ts); none are looked up without it. */
  communeCode?: (territory: string) => string
  /** The pad's tours de table and closed votes (server-owned, not in the doc); none without it. */
  facilitation?: FacilitationSummary
}

const untitled: Record<PadLanguage, string> = { fr: 'Pad sans titre', en: 'Untitled pad' }
const summaryHeadings = ['en une phrase', 'in one sentence']
const maxSummaryLength = 300

export function buildRecipe(source: RecipeSource): Recipe {
  const { state, doc } = source
  const contributors = listContributors(doc, source.extraContributors)
  const fragment = doc.getXmlFragment(bodyFragmentName)
  dropUnreadableFormatting(fragment, padSchema)
  const body = withoutTemplateHints(yXmlFragmentToProseMirrorRootNode(fragment, padSchema))
  const license = licenses[state.license]
  const facilitation = source.facilitation ?? emptyFacilitationSummary
  const cards = readInitiatives(body, initiativeCardIds(fragment), source.communeCode ?? (() => ''))
  const votes = readRecipeVotes(facilitation, cards)
  const initiatives = withLastVote(cards, votes)
  const dataLicense = dataLicenses[state.dataLicense]
  const firstEditMs = source.firstEditAt === null ? null : Date.parse(source.firstEditAt)
  const lastEditMs = source.lastEditAt === null ? null : Date.parse(source.lastEditAt)
  return {
    version: recipeVersion,
    title: state.title.trim() === '' ? untitled[state.language] : state.title.trim(),
    summary: readSummary(body),
    language: state.language,
    event: { ...state.event },
    license: { id: license.id, name: license.name[state.language], url: license.url, isLibre: license.isLibre },
    dataLicense: { id: dataLicense.id, name: dataLicense.name[state.language], url: dataLicense.url },
    contributors: contributors.named,
    unnamedContributors: contributors.unnamedCount,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    source: source.sourceLink,
    body: withoutAuthorMarks(body.toJSON() as RecipeNode),
    initiatives,
    session: {
      date: state.event.date !== '' ? state.event.date : (source.firstEditAt?.slice(0, 10) ?? null),
      firstEditAt: source.firstEditAt,
      lastEditAt: source.lastEditAt,
      durationMinutes: firstEditMs !== null && lastEditMs !== null ? Math.round((lastEditMs - firstEditMs) / 60_000) : null,
      peoplePresent: listPeoplePresent(doc, source.extraContributors),
      initiativeCount: initiatives.length,
      sections: readSections(body),
      rounds: readRecipeRounds(facilitation, readCredits(doc)),
      votes,
    },
  }
}

/**
 * The body's JSON without author marks: the recipe credits people in
 * `contributors`, as each chose; which text is whose stays in the pad (a
 * participant who chose not to be named is not even given an id here).
 */
function withoutAuthorMarks(node: RecipeNode): RecipeNode {
  // Keys keep their order (the JSON export is read by people too).
  const copy: RecipeNode = { ...node }
  if (node.content !== undefined) copy.content = node.content.map(withoutAuthorMarks)
  const kept = node.marks?.filter((mark) => mark.type !== authorMarkName)
  if (kept !== undefined && kept.length > 0) copy.marks = kept
  else delete copy.marks
  return copy
}

/** The body of a recipe as a ProseMirror node, checked against the schema. */
export function recipeBody(recipe: Recipe): ProseMirrorNode {
  return padSchema.nodeFromJSON(recipe.body)
}

/**
 * The body without the template's prompts: text carrying the prompt mark
 * goes wherever it is, and a top-level paragraph left empty by that goes
 * too; in pads from before the mark, a paragraph that is exactly a prompt
 * sentence (in italics) goes.
 */
function withoutTemplateHints(body: ProseMirrorNode): ProseMirrorNode {
  const kept: ProseMirrorNode[] = []
  body.forEach((node) => {
    if (node.type.name === 'paragraph' && templateHints.has(node.textContent.trim())) return
    const cleaned = withoutPromptText(node)
    if (cleaned.type.name === 'paragraph' && cleaned.childCount === 0 && node.childCount > 0) return
    kept.push(cleaned)
  })
  // A document holds at least one block.
  return body.type.create(body.attrs, kept.length > 0 ? kept : [padSchema.nodes.paragraph!.create()])
}

/** `node` without the text that carries the prompt mark, at any depth. */
function withoutPromptText(node: ProseMirrorNode): ProseMirrorNode {
  if (node.isLeaf) return node
  const children: ProseMirrorNode[] = []
  let changed = false
  node.forEach((child) => {
    if (child.isText && child.marks.some((mark) => mark.type.name === promptMarkName)) {
      changed = true
      return
    }
    const cleaned = withoutPromptText(child)
    if (cleaned !== child) changed = true
    children.push(cleaned)
  })
  return changed ? node.copy(Fragment.from(children)) : node
}

function readInitiatives(body: ProseMirrorNode, ids: readonly string[], communeCode: (territory: string) => string): Initiative[] {
  const initiatives: Initiative[] = []
  let cardIndex = 0
  body.descendants((node) => {
    if (node.type.name !== 'initiative') return true
    const id = ids[cardIndex++] ?? ''
    const initiative = { id, ...Object.fromEntries(initiativeFields.map((field) => [field, ''])), insee: '', votes: null } as Initiative
    node.forEach((child) => {
      const field = child.attrs['field'] as InitiativeField
      // A linked « Lien » gives its target: the address is what open data reuses, whatever the text says.
      const value = (field === linkField ? linkTargetOf(child) : null) ?? child.textContent.trim()
      initiative[field] = [initiative[field], value].filter((part) => part !== '').join(' ')
    })
    initiative.insee = initiative.territory === '' ? '' : communeCode(initiative.territory)
    if (initiativeFields.some((field) => initiative[field] !== '')) initiatives.push(initiative)
    return false
  })
  return initiatives
}

const linkField: InitiativeField = 'link'

/** The target of the first safe link in a field, or null. */
function linkTargetOf(field: ProseMirrorNode): string | null {
  let target: string | null = null
  field.descendants((node) => {
    const link = node.marks.find((mark) => mark.type.name === 'link')
    if (target === null && link !== undefined) target = parseSafeHref(link.attrs['href'])
    return target === null
  })
  return target
}

function readSections(body: ProseMirrorNode): string[] {
  const sections: string[] = []
  body.forEach((node) => {
    if (node.type.name === 'heading' && Number(node.attrs['level']) <= 2 && node.textContent.trim() !== '') {
      sections.push(node.textContent.trim())
    }
  })
  return sections
}

/** The paragraph under an "En une phrase" heading, else the first paragraph with text. */
function readSummary(body: ProseMirrorNode): string {
  let afterSummaryHeading = false
  let first = ''
  let summary = ''
  body.forEach((node) => {
    if (summary !== '') return
    const text = node.textContent.replace(/\s+/g, ' ').trim()
    if (node.type.name === 'heading') {
      afterSummaryHeading = summaryHeadings.includes(text.toLowerCase())
      return
    }
    if (node.type.name !== 'paragraph' || text === '') return
    if (afterSummaryHeading) summary = text
    else if (first === '') first = text
  })
  const chosen = summary !== '' ? summary : first
  return chosen.length > maxSummaryLength ? `${chosen.slice(0, maxSummaryLength - 1)}…` : chosen
}
