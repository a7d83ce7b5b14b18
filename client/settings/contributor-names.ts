/**
 * The facilitator's list of people who took part without typing
 * (`#settings-extra-contributors`, sent as `extraContributors`): typed one
 * name per line or separated by commas, read back as a clean list — spaces
 * collapsed, empty entries and repeats dropped, in the order given. Pure; the
 * limits (how many names, how long) are checked by `settings-form.ts`, and
 * again by the server.
 */

/** The names in `text`, one per line or comma-separated. */
export function parseContributorNames(text: string): string[] {
  const names: string[] = []
  for (const part of text.split(/[\n\r,]+/)) {
    const name = part.replace(/[\s\p{Cc}]+/gu, ' ').trim()
    if (name !== '' && !names.includes(name)) names.push(name)
  }
  return names
}

/** The names as the field shows them: one per line. */
export function formatContributorNames(names: readonly string[]): string {
  return names.join('\n')
}

/** Whether two lists hold the same names in the same order. */
export function isSameNameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, index) => name === b[index])
}
