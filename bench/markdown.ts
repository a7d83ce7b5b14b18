/**
 * The Markdown pieces the reports share: a table and the way milliseconds
 * are written. Pure formatting.
 */

/** Milliseconds with one decimal below 10, whole above; a dash for a missing figure. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—'
  return ms < 10 ? ms.toFixed(1) : ms.toFixed(0)
}

/** A GitHub-flavoured Markdown table; pipes inside cells are escaped. */
export function markdownTable(header: string[], body: string[][]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|')
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...body.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n')
}
