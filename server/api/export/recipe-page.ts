/**
 * The published recipe's reading page, `GET /r/<view key>` (DESIGN.md,
 * "History"): the HTML export of the version the facilitator published —
 * safe by construction, with its print stylesheet — served with a
 * Content-Security-Policy that allows that stylesheet and nothing else. Only
 * a view key opens it (the link readers are given); before anything is
 * published, or for a link that opens nothing, a short page says so with a
 * 404. It renders nothing itself (shared/export/html.ts does).
 */
import { createHash } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { recipeStylesheet, renderRecipeHtml } from '../../../shared/export/html'
import { Role } from '../../../shared/protocol/roles'
import type { Store } from '../../store/store'
import { HttpError } from '../http-error'
import { findPad } from '../pad-api'
import { readVersionRecipe } from './pad-export'

// The export embeds its stylesheet; the page allows exactly that one, by its hash, and no script at all.
const stylesheetHash = createHash('sha256').update(`\n${recipeStylesheet}`, 'utf8').digest('base64')
export const recipePageSecurityPolicy = [
  "default-src 'none'",
  `style-src 'sha256-${stylesheetHash}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Why there is no recipe to show. */
type Missing = 'unpublished' | 'unknown'

/** Answers `/r/<key>`: the published version's HTML, or a 404 page that says why there is none. */
export async function sendRecipePage(response: ServerResponse, store: Store, key: string, origin: string, nowMs: number): Promise<void> {
  let html: string
  let status = 200
  try {
    const { pad, role } = await findPad(store, key)
    if (role !== Role.view) throw new HttpError(404, 'unknown_pad', 'Only a view link opens a recipe page.')
    if (pad.publishedVersion === null) {
      status = 404
      html = missingPage('unpublished')
    } else {
      html = renderRecipeHtml(await readVersionRecipe(store, pad, pad.publishedVersion, origin, nowMs))
    }
  } catch (error) {
    // An unknown or replaced link, another key, a version gone: no recipe here.
    if (!(error instanceof HttpError) || error.status >= 500) throw error
    status = 404
    html = missingPage(error.code === 'unknown_version' ? 'unpublished' : 'unknown')
  }
  const body = Buffer.from(html, 'utf8')
  response.setHeader('Content-Security-Policy', recipePageSecurityPolicy)
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': body.length,
    // The facilitator may publish another version at any time.
    'Cache-Control': 'no-store',
  })
  response.end(body)
}

const missingTexts: Record<Missing, { fr: string; en: string }> = {
  unpublished: {
    fr: 'Cette recette n’est pas encore publiée. L’animateur ou l’animatrice du pad la publiera une fois relue.',
    en: 'This recipe is not published yet. The pad’s facilitator will publish it once it has been reviewed.',
  },
  unknown: {
    fr: 'Aucune recette ne répond à ce lien. Vérifiez-le auprès de la personne qui vous l’a donné.',
    en: 'No recipe answers to this link. Check it with the person who gave it to you.',
  },
}

/** A page without style or script: the reason, in French then English. */
function missingPage(why: Missing): string {
  const text = missingTexts[why]
  return [
    '<!doctype html>',
    '<html lang="fr">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>Recette introuvable · Recipe not found</title>',
    '</head>',
    '<body>',
    '<main>',
    '<h1>Recette introuvable</h1>',
    `<p>${text.fr}</p>`,
    '<h2 lang="en">Recipe not found</h2>',
    `<p lang="en">${text.en}</p>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
