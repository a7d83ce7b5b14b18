/**
 * Sample recipes for tests, built the way a real pad is: the server writes a
 * template into a Y.Doc, then participants, each with their own Yjs client
 * id and recorded name, fill it in through y-prosemirror, and buildRecipe
 * reads the result at a fixed clock. One filled pad per template (the golden
 * files of the exports are rendered from these), and a way to make a recipe
 * from any body (hostile content). It is test data, not used by the app.
 */
import type { FacilitationSummary } from '../facilitation/facilitation-summary'
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import type { PadLanguage, PadState } from '../protocol/api'
import { recordLegacyAuthor } from './legacy-authors'
import { initiativeFields, type InitiativeField } from '../pad/initiative'
import type { LicenseId } from '../pad/licenses'
import { buildRecipe, type Recipe, type RecipeNode } from '../export/recipe'
import { bodyFragmentName, padSchema } from '../pad/schema'
import { templateDocument, type TemplateId } from '../pad/templates'

/** The view link every fixture cites as its source. */
export const fixtureSourceLink = 'https://pad.example.org/p/Rm9yLXRoZS1yZWNpcGVz'

type Mark = NonNullable<RecipeNode['marks']>[number]
type Inline = RecipeNode | string

// Small builders for ProseMirror JSON, so that the fixtures read like the pads they stand for.
export const pm = {
  text: (text: string, ...marks: Mark[]): RecipeNode => (marks.length === 0 ? { type: 'text', text } : { type: 'text', text, marks }),
  strong: (text: string): RecipeNode => pm.text(text, { type: 'strong' }),
  em: (text: string): RecipeNode => pm.text(text, { type: 'em' }),
  code: (text: string): RecipeNode => pm.text(text, { type: 'code' }),
  link: (text: string, href: string): RecipeNode => pm.text(text, { type: 'link', attrs: { href, title: null } }),
  hardBreak: (): RecipeNode => ({ type: 'hard_break' }),
  paragraph: (...content: Inline[]): RecipeNode => withContent({ type: 'paragraph' }, content.map(toNode)),
  heading: (level: number, ...content: Inline[]): RecipeNode => withContent({ type: 'heading', attrs: { level } }, content.map(toNode)),
  blockquote: (...content: RecipeNode[]): RecipeNode => ({ type: 'blockquote', content }),
  codeBlock: (text: string): RecipeNode => ({ type: 'code_block', content: [pm.text(text)] }),
  horizontalRule: (): RecipeNode => ({ type: 'horizontal_rule' }),
  item: (...content: RecipeNode[]): RecipeNode => ({ type: 'list_item', content }),
  bulletList: (...items: RecipeNode[]): RecipeNode => ({ type: 'bullet_list', content: items }),
  orderedList: (order: number, ...items: RecipeNode[]): RecipeNode => ({ type: 'ordered_list', attrs: { order }, content: items }),
  initiative: (fields: Partial<Record<InitiativeField, Inline[] | string>>): RecipeNode => ({
    type: 'initiative',
    content: initiativeFields.map((field) => {
      const value = fields[field] ?? []
      return withContent({ type: 'initiative_field', attrs: { field } }, (typeof value === 'string' ? [value] : value).filter((part) => part !== '').map(toNode))
    }),
  }),
  doc: (...content: RecipeNode[]): RecipeNode => ({ type: 'doc', content }),
}

function toNode(inline: Inline): RecipeNode {
  return typeof inline === 'string' ? pm.text(inline) : inline
}

function withContent(node: RecipeNode, content: RecipeNode[]): RecipeNode {
  return content.length === 0 ? node : { ...node, content }
}

/** One participant's turn: their name, and the document after they typed. */
export interface FixtureEdit {
  author: string
  edit: (doc: RecipeNode) => RecipeNode
}

export interface PadFixture {
  template: TemplateId
  /** The settings, with the names the facilitator added (`extraContributors`). */
  state: PadState
  edits: FixtureEdit[]
  firstEditAt: string | null
  lastEditAt: string | null
  /** The tours de table and closed votes the server would give the export. */
  facilitation?: FacilitationSummary
}

const at = (time: string): number => Date.parse(`2025-11-20T${time}Z`)

/**
 * The collecte's tour de table (guests named by the facilitator, and a
 * participant who is not named in the pad) and its dot vote: three dots
 * each, most dots first, one of them on a card deleted since.
 */
const collecteFacilitation: FacilitationSummary = {
  rounds: [
    {
      startedAtMs: at('17:35:00'),
      endedAtMs: at('17:41:35'),
      turns: [
        { speaker: { name: 'Alice Martin' }, startedAtMs: at('17:35:00'), endedAtMs: at('17:37:10'), spokeMs: 125_400, outcome: 'spoke' },
        { speaker: { name: 'Bruno Lefèvre' }, startedAtMs: at('17:37:10'), endedAtMs: at('17:37:15'), spokeMs: 5_000, outcome: 'skipped' },
        { speaker: { name: 'Chloé Dubois' }, startedAtMs: at('17:37:15'), endedAtMs: at('17:40:35'), spokeMs: 180_000, outcome: 'spoke' },
        { speaker: { participantId: 'UnnamedUnnamedUnnamed_' }, startedAtMs: at('17:40:35'), endedAtMs: at('17:41:35'), spokeMs: 59_600, outcome: 'spoke' },
      ],
    },
  ],
  votes: [
    {
      id: 'vote-1',
      openedAtMs: at('19:30:00'),
      closedAtMs: at('19:40:00'),
      dotsPerParticipant: 3,
      allowStacking: true,
      voterCount: 4,
      order: 'dots',
      counts: [
        { cardId: '103-130', dots: 7 },
        { cardId: '1-252', dots: 3 },
        { cardId: '999-1', dots: 2 },
      ],
    },
  ],
}

/** Replaces what follows the level-2 heading `title` (up to the next one) with `nodes`. */
export function fillSection(title: string, ...nodes: RecipeNode[]): (doc: RecipeNode) => RecipeNode {
  return (doc) => editSection(doc, title, () => nodes)
}

/** Adds `nodes` at the end of the section under the level-2 heading `title`. */
export function appendToSection(title: string, ...nodes: RecipeNode[]): (doc: RecipeNode) => RecipeNode {
  return (doc) => editSection(doc, title, (body) => [...body, ...nodes])
}

function editSection(doc: RecipeNode, title: string, change: (body: RecipeNode[]) => RecipeNode[]): RecipeNode {
  const content = doc.content ?? []
  const isSectionHeading = (node: RecipeNode): boolean => node.type === 'heading' && node.attrs?.['level'] === 2
  const start = content.findIndex((node) => isSectionHeading(node) && node.content?.map((child) => child.text).join('') === title)
  if (start < 0) throw new RangeError(`no section "${title}" in the fixture document`)
  const next = content.findIndex((node, index) => index > start && isSectionHeading(node))
  const end = next < 0 ? content.length : next
  return { ...doc, content: [...content.slice(0, start + 1), ...change(content.slice(start + 1, end)), ...content.slice(end)] }
}

function applyInOrder(...edits: ((doc: RecipeNode) => RecipeNode)[]): (doc: RecipeNode) => RecipeNode {
  return (doc) => edits.reduce((current, edit) => edit(current), doc)
}

function padState(title: string, language: PadLanguage, license: LicenseId, event: PadState['event'], extraContributors: string[] = []): PadState {
  return {
    title,
    language,
    event,
    license,
    dataLicense: 'etalab-2.0',
    locked: false,
    lifetime: 'year',
    createdAt: `${event.date === '' ? '2025-11-03' : event.date}T08:30:00.000Z`,
    updatedAt: `${event.date === '' ? '2025-11-03' : event.date}T20:05:00.000Z`,
    expiresAt: null,
    extraContributors,
    restoreRole: 'edit',
    publishedVersion: null,
  }
}

/** The filled pad of each template that the golden files are rendered from. */
export const padFixtures: Readonly<Record<TemplateId, PadFixture>> = {
  blank: {
    template: 'blank',
    state: padState('Notes libres', 'fr', 'CC0-1.0', { name: '', date: '', place: '' }),
    edits: [
      {
        author: 'Jules Bernard',
        edit: () =>
          pm.doc(
            pm.heading(1, 'Idées en vrac'),
            pm.paragraph('Un pad ', pm.strong('vierge'), ' rempli à la main, sans modèle.'),
            pm.bulletList(pm.item(pm.paragraph('une idée')), pm.item(pm.paragraph('une autre, avec ', pm.link('un lien', 'https://example.org/idee')))),
          ),
      },
    ],
    firstEditAt: '2025-11-03T14:00:00.000Z',
    lastEditAt: '2025-11-03T14:20:00.000Z',
  },
  collecte: {
    template: 'collecte',
    state: padState('Collecte de Villeurbanne', 'fr', 'CC-BY-SA-4.0', {
      name: 'Rencontre ESS du Rhône',
      date: '2025-11-20',
      place: 'Villeurbanne, Maison du citoyen',
    }, ['Djamel Haddad']),
    edits: [
      {
        author: 'Alice Martin',
        edit: applyInOrder(
          fillSection(
            "Contexte de l'atelier",
            pm.paragraph('Une rencontre du ', pm.link('Pôle ESS', 'https://pole-ess.example.org/'), ' au tiers-lieu ', pm.em('La Myne'), ' pour recenser les innovations sociales du territoire.'),
          ),
          fillSection(
            'Tour de table',
            pm.bulletList(
              pm.item(pm.paragraph('Alice, animatrice : ', pm.strong('attend'), ' des contacts')),
              pm.item(pm.paragraph('Bruno, Les Bricoleurs'), pm.bulletList(pm.item(pm.paragraph('veut essaimer le repair café')), pm.item(pm.paragraph('cherche un local')))),
              pm.item(pm.paragraph('Chloé, épicerie solidaire')),
            ),
          ),
        ),
      },
      {
        author: 'Bruno Lefèvre',
        edit: fillSection(
          'Initiatives collectées',
          pm.paragraph('Deux initiatives citées ce soir.'),
          pm.initiative({
            name: 'Repair café des Gratte-Ciel',
            territory: 'Villeurbanne',
            carriers: 'Association Les Bricoleurs',
            theme: 'Réemploi, lien social',
            need: 'Réparer plutôt que jeter ; des voisin·es qui se rencontrent',
            link: [pm.link('https://bricoleurs.example.org/repair-cafe', 'https://bricoleurs.example.org/repair-cafe')],
            citedBy: 'Alice Martin',
          }),
        ),
      },
      {
        author: 'Chloé Dubois',
        edit: applyInOrder(
          appendToSection(
            'Initiatives collectées',
            pm.initiative({
              name: 'Épicerie solidaire L’Épi',
              territory: 'Villeurbanne (Buers)',
              theme: 'Alimentation',
              need: ['Une alimentation de qualité pour les familles à ', pm.em('petit budget'), ' : « on choisit ses produits »'],
              link: 'epi.example.org',
              citedBy: 'Chloé Dubois, Bruno Lefèvre',
            }),
          ),
          fillSection('Ce qui nous rassemble', pm.paragraph('Le ', pm.strong('réemploi'), ' et l’', pm.em('entraide'), ' ; l’envie de se revoir.')),
          fillSection(
            'Prochaines étapes',
            pm.bulletList(
              pm.item(pm.paragraph('Partager cette collecte sur ', pm.link('le wiki', 'https://wiki.example.org/Collecte_Villeurbanne'))),
              pm.item(pm.paragraph('Prochaine rencontre en janvier')),
            ),
          ),
        ),
      },
    ],
    firstEditAt: '2025-11-20T17:32:00.000Z',
    lastEditAt: '2025-11-20T19:47:00.000Z',
    facilitation: collecteFacilitation,
  },
  recette: {
    template: 'recette',
    state: padState('Disco-soupe de quartier', 'fr', 'LAL-1.3', { name: 'Café projets', date: '2025-10-02', place: 'Lyon 8e' }),
    edits: [
      {
        author: 'Émile Roux',
        edit: applyInOrder(
          fillSection('En une phrase', pm.paragraph('Cuisiner ensemble les invendus du marché pour les partager en musique.')),
          fillSection('Ce que cela produit', pm.paragraph('Une soupe pour ', pm.strong('80 personnes'), ', des liens entre habitant·es et commerçant·es.')),
          fillSection('Pour qui, combien', pm.paragraph('Tout public ; 4 à 6 bénévoles.')),
          fillSection('Durée', pm.paragraph('Une demi-journée (4 h).')),
        ),
      },
      {
        author: 'Fatou Diallo',
        edit: applyInOrder(
          fillSection(
            'Ingrédients',
            pm.bulletList(
              pm.item(pm.paragraph('Des invendus de fruits et légumes (voir avec les maraîcher·es)')),
              pm.item(pm.paragraph('4 à 6 bénévoles'), pm.bulletList(pm.item(pm.paragraph('une personne à l’hygiène')), pm.item(pm.paragraph('une personne à la musique')))),
            ),
          ),
          fillSection('Ustensiles', pm.bulletList(pm.item(pm.paragraph('Couteaux, planches, ', pm.code('marmite 50 L'))), pm.item(pm.paragraph('Un lieu avec un point d’eau')))),
          fillSection(
            'Étapes',
            pm.orderedList(
              1,
              pm.item(pm.paragraph('Contacter les maraîcher·es ', pm.em('une semaine avant'))),
              pm.item(pm.paragraph('Installer les tables'), pm.orderedList(1, pm.item(pm.paragraph('le coin épluchage')), pm.item(pm.paragraph('le coin cuisson')))),
              pm.item(pm.paragraph('Cuisiner, ', pm.strong('goûter'), ', servir')),
            ),
          ),
        ),
      },
      {
        author: 'Gaston Leroy',
        edit: applyInOrder(
          fillSection(
            'Trucs et astuces, points de difficulté',
            pm.blockquote(pm.paragraph('Prévoir des contenants réutilisables : chacun·e repart avec sa soupe.')),
            pm.horizontalRule(),
            pm.codeBlock('Liste de courses :\n  sel, poivre\n  bouillon'),
          ),
          fillSection('Variantes', pm.paragraph('Disco-salade l’été ; voir ', pm.link('Disco Soupe', 'https://discosoupe.example.org/'), '.')),
          fillSection('Crédits et source', pm.paragraph('Recette adaptée du mouvement Disco Soupe.')),
        ),
      },
    ],
    firstEditAt: '2025-10-02T16:00:00.000Z',
    lastEditAt: '2025-10-02T16:45:00.000Z',
  },
  'compte-rendu': {
    template: 'compte-rendu',
    state: padState('Workshop report — Tiers-lieux network', 'en', 'CC-BY-NC-SA-4.0', {
      name: 'Tiers-lieux network meetup',
      date: '2025-09-15',
      place: 'Grenoble',
    }),
    edits: [
      {
        author: 'Hana Kim',
        edit: applyInOrder(
          fillSection('Date and place', pm.paragraph('15 September 2025, ', pm.em('La Bifurk'), ', Grenoble.')),
          fillSection('Participants', pm.bulletList(pm.item(pm.paragraph('Hana Kim (facilitator)')), pm.item(pm.paragraph('Ivan Petrov')), pm.item(pm.paragraph('Jade Moreau')))),
        ),
      },
      {
        author: 'Ivan Petrov',
        edit: applyInOrder(
          fillSection('Expectations', pm.paragraph('Share tools; find ', pm.strong('funding'), '.')),
          fillSection(
            'Discussion',
            pm.paragraph('We compared booking tools.', pm.hardBreak(), 'See ', pm.link('the shared spreadsheet', 'https://docs.example.org/sheet?id=42&view=full'), '.'),
          ),
          fillSection('Issues identified', pm.bulletList(pm.item(pm.paragraph('No shared calendar')), pm.item(pm.paragraph('Volunteers burn out')))),
          fillSection(
            'Next steps',
            pm.orderedList(3, pm.item(pm.paragraph('Write to ', pm.link('the network', 'mailto:reseau@example.org'))), pm.item(pm.paragraph('Meet again in December'))),
          ),
        ),
      },
    ],
    firstEditAt: '2025-09-15T09:00:00.000Z',
    lastEditAt: '2025-09-15T12:05:00.000Z',
  },
}

// Fixed client ids keep the fixtures byte-for-byte reproducible.
const serverClientId = 1
const firstAuthorClientId = 101

/** A pad's Y.Doc as the server and the participants leave it: the template, then each edit by its author. */
export function buildFixtureDoc(template: TemplateId, language: PadLanguage, edits: readonly FixtureEdit[]): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = serverClientId
  const start = templateDocument(template, language)
  if (start !== null) prosemirrorToYXmlFragment(padSchema.nodeFromJSON(start), doc.getXmlFragment(bodyFragmentName))
  edits.forEach(({ author, edit }, index) => {
    const authorDoc = new Y.Doc()
    authorDoc.clientID = firstAuthorClientId + index
    Y.applyUpdate(authorDoc, Y.encodeStateAsUpdate(doc))
    recordLegacyAuthor(authorDoc, author)
    const current = yXmlFragmentToProseMirrorRootNode(authorDoc.getXmlFragment(bodyFragmentName), padSchema).toJSON() as RecipeNode
    const next = padSchema.nodeFromJSON(edit(current))
    next.check()
    prosemirrorToYXmlFragment(next, authorDoc.getXmlFragment(bodyFragmentName))
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(authorDoc, Y.encodeStateVector(doc)))
  })
  return doc
}

export function buildRecipeFromFixture(fixture: PadFixture): Recipe {
  return buildRecipe({
    state: fixture.state,
    sourceLink: fixtureSourceLink,
    doc: buildFixtureDoc(fixture.template, fixture.state.language, fixture.edits),
    extraContributors: fixture.state.extraContributors,
    firstEditAt: fixture.firstEditAt,
    lastEditAt: fixture.lastEditAt,
    facilitation: fixture.facilitation,
  })
}

/** The recipe of a template's filled fixture pad. */
export function buildFixtureRecipe(template: TemplateId): Recipe {
  return buildRecipeFromFixture(padFixtures[template])
}

/** A recipe whose whole body one participant typed on a blank pad, with settings changed as given. */
export function buildRecipeWithBody(body: RecipeNode, settings: Partial<PadState> = {}, author = 'Zoé Test'): Recipe {
  const blank = padFixtures.blank
  return buildRecipeFromFixture({ ...blank, state: { ...blank.state, ...settings }, edits: [{ author, edit: () => body }] })
}
