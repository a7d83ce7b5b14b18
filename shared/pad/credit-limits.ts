/**
 * How long a participant's credit may be: the name and the organisation the
 * recipe prints (attribution.ts keeps them, the pages and the API cut to
 * them). Kept apart from attribution.ts, which needs Yjs and the schema, so
 * that what only checks a length — a guest speaker's name in the
 * facilitation's commands, hence the wire format the pad page's entry script
 * reads — loads neither.
 */

/** Longest display name kept, in UTF-16 code units. */
export const maxAuthorNameLength = 60
/** Longest organisation kept, in UTF-16 code units. */
export const maxOrganisationLength = 80
