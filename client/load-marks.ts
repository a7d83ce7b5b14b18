/**
 * Where the pad page is on its way to an editable pad, as User Timing marks
 * (`performance.mark`) named `atelier:<phase>`: they show in the browser's
 * performance panel, and the benchmark's browser scenario reads them to say
 * where a visit's time went (bench/browser/browser-load.ts). Each phase is marked
 * once per page; a mark costs microseconds and changes nothing else.
 */

export const LoadPhase = {
  /** The prefetched content of the pad arrived (content-prefetch.ts). */
  content: 'content',
  /** The page's code (pad.ts and the editor's libraries) is loaded and evaluated. */
  code: 'code',
  /** The content is in the shared document (Yjs). */
  doc: 'doc',
  /** The editor holds the whole pad and the page is shown. */
  editor: 'editor',
} as const
export type LoadPhase = (typeof LoadPhase)[keyof typeof LoadPhase]

export const loadMarkPrefix = 'atelier:'

export function markLoadPhase(phase: LoadPhase): void {
  performance.mark(`${loadMarkPrefix}${phase}`)
}
