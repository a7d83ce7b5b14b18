/**
 * Markdown-style shortcuts typed at the start of a paragraph: `# `, `## `,
 * `### ` for headings, `- ` or `* ` for a bullet list, `1. ` for a numbered
 * list, `> ` for a quote. Backspace right after one undoes it (`editor-keymap.ts`).
 */
import { InputRule, inputRules, textblockTypeInputRule, wrappingInputRule } from 'prosemirror-inputrules'
import type { Plugin } from 'prosemirror-state'
import { headingLevels } from '../../shared/pad/schema'
import { padNodes as nodes } from './schema-types'

const maxHeadingLevel = headingLevels[headingLevels.length - 1] ?? 1

export function buildInputRules(): Plugin {
  const rules: InputRule[] = [
    textblockTypeInputRule(new RegExp(`^(#{1,${maxHeadingLevel}})\\s$`), nodes.heading, (match) => ({
      level: match[1]?.length ?? 1,
    })),
    wrappingInputRule(/^\s*([-*])\s$/, nodes.bulletList),
    wrappingInputRule(
      /^(\d+)\.\s$/,
      nodes.orderedList,
      (match) => ({ order: Number(match[1]) }),
      // Join with a numbered list just above when the number continues it.
      (match, node) => node.childCount + Number(node.attrs.order) === Number(match[1]),
    ),
    wrappingInputRule(/^\s*>\s$/, nodes.blockquote),
  ]
  return inputRules({ rules })
}
