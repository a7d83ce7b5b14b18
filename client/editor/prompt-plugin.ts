/**
 * Keeps a template's prompts prompts (shared/pad/prompt-mark.ts): whatever
 * this page types or pastes is never one, even in the middle of a prompt or
 * before it, where ProseMirror would hand the new text the prompt's mark. So
 * what someone writes beside a prompt is content, shown as such and exported,
 * and the prompt alone stays out of the recipe. Changes from Yjs are left as
 * they come.
 */
import { Plugin, type Transaction } from 'prosemirror-state'
import { ySyncPluginKey } from 'y-prosemirror'
import { promptMarkName } from '../../shared/pad/prompt-mark'
import { insertedRanges } from './inserted-ranges'

export function createPromptPlugin(): Plugin {
  return new Plugin({
    appendTransaction(transactions, _oldState, newState) {
      const prompt = newState.schema.marks[promptMarkName]
      if (prompt === undefined) return null
      const tr = newState.tr
      for (const transaction of transactions) {
        if (!isLocalEdit(transaction)) continue
        for (const range of insertedRanges(transaction, transactions, newState.doc)) {
          if (newState.doc.rangeHasMark(range.from, range.to, prompt)) tr.removeMark(range.from, range.to, prompt)
        }
      }
      return tr.docChanged ? tr : null
    },
  })
}

function isLocalEdit(tr: Transaction): boolean {
  const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined
  return tr.docChanged && sync?.isChangeOrigin !== true
}
