/**
 * axe in real Chromium with the WCAG 2.2 A and AA rules, and « label in
 * name », which axe runs only when asked: each violation as
 * `rule (impact): element, element…`, what a failing test prints.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(wcagTags)
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze()
  return result.violations.map((violation) => `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}
