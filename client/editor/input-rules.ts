/**
 * Markdown-style shortcuts typed at the start of a paragraph: `# `, `## `,
 * `### ` for headings, `- ` or `* ` for a bullet list, `1. ` for a numbered
 * list, `> ` for a quote. Backspace right after one undoes it (`keymap.ts`).
 * Each rule is the `input-rule` shortcut of `shortcuts.ts` with the same id,
 * which the help lists: a rule without its entry does not compile, and
 * `shortcuts.test.ts` checks that the keys the table shows trigger it.
 */
import { InputRule, inputRules, textblockTypeInputRule, wrappingInputRule } from 'prosemirror-inputrules'
import type { Plugin } from 'prosemirror-state'
import { headingLevels } from '../../shared/pad/schema'
import { padNodes as nodes } from './schema-types'
import type { ShortcutIdOf } from './keyboard/shortcuts'

const maxHeadingLevel = headingLevels[headingLevels.length - 1] ?? 1

/** What each rule matches: the text typed at the start of a paragraph, ending in a space. */
export const inputRulePatterns: Readonly<Record<ShortcutIdOf<'input-rule'>, RegExp>> = {
  typedHeading: new RegExp(`^(#{1,${maxHeadingLevel}})\\s$`),
  typedBulletList: /^\s*([-*])\s$/,
  typedOrderedList: /^(\d+)\.\s$/,
  typedQuote: /^\s*>\s$/,
}

export function buildInputRules(): Plugin {
  const rules: InputRule[] = [
    textblockTypeInputRule(inputRulePatterns.typedHeading, nodes.heading, (match) => ({
      level: match[1]?.length ?? 1,
    })),
    wrappingInputRule(inputRulePatterns.typedBulletList, nodes.bulletList),
    wrappingInputRule(
      inputRulePatterns.typedOrderedList,
      nodes.orderedList,
      (match) => ({ order: Number(match[1]) }),
      // Join with a numbered list just above when the number continues it.
      (match, node) => node.childCount + Number(node.attrs.order) === Number(match[1]),
    ),
    wrappingInputRule(inputRulePatterns.typedQuote, nodes.blockquote),
  ]
  return inputRules({ rules })
}
