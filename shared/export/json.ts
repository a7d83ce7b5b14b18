/**
 * The recipe as JSON: the `Recipe` value of recipe.ts itself, pretty-printed
 * (two spaces, a final newline), so that scripts get everything the other
 * formats show, structured. Its shape, version 2:
 *
 * ```
 * {
 *   "version": 2,
 *   "title": string, "summary": string, "language": "fr" | "en",
 *   "event": { "name": string, "date": "YYYY-MM-DD" | "", "place": string },
 *   "license": { "id": SPDX id, "name": string, "url": string, "isLibre": boolean },
 *   "contributors": [{ "name": string, "organisation": string, "characters": number }],   // most text first
 *   "unnamedContributors": number,                               // wrote, chose not to be named
 *   "createdAt": ISO 8601, "updatedAt": ISO 8601,
 *   "source": string,                                             // the pad's view link
 *   "body": ProseMirror JSON of shared/pad/schema.ts ({ type, attrs?, content?, marks?, text? }),
 *           without the author marks (the credits are in "contributors"),
 *   "initiatives": [{ "id", "name", "territory", "carriers", "theme", "need", "link", "citedBy", "insee": string,
 *                     "votes": number | null }],                // dots in the last closed vote
 *   "session": { "date": string | null, "firstEditAt": string | null, "lastEditAt": string | null,
 *                "durationMinutes": number | null, "peoplePresent": string[],
 *                "initiativeCount": number, "sections": string[],
 *                "rounds": [{ "startedAt", "endedAt": ISO 8601 | null,    // null: in progress when exported
 *                             "turns": [{ "speaker": string | null, "startedAt", "seconds": number, "isSkipped": boolean }] }],
 *                "votes": [{ "openedAt", "closedAt", "dotsPerParticipant", "voterCount", "order": "dots" | "document",
 *                            "results": [{ "initiativeId", "name", "dots" }] }] }
 * }
 * ```
 *
 * Text is kept as the pad holds it (JSON.stringify escapes what JSON needs),
 * not cleaned like the formats meant for reading: a consumer that renders it
 * must escape it.
 */
import type { Recipe } from './recipe'

export function renderRecipeJson(recipe: Recipe): string {
  return `${JSON.stringify(recipe, null, 2)}\n`
}
