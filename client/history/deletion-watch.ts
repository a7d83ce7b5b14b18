/**
 * The editor plugin that notices a big deletion (big-deletion.ts): after
 * each change of the document, local or arriving from someone else through
 * y-prosemirror (one transaction per Yjs change), it compares the
 * document's size before and after — ProseMirror keeps it, so this costs
 * nothing on a megabyte pad — and calls `onBigDeletion`. It changes nothing
 * and shows nothing: big-deletion-notice.ts does.
 */
import { Plugin } from 'prosemirror-state'
import { isBigDeletion } from './big-deletion'

export function createDeletionWatch(onBigDeletion: () => void): Plugin {
  return new Plugin({
    view: () => ({
      update(view, previous) {
        if (view.state.doc === previous.doc) return
        if (isBigDeletion(previous.doc.content.size, view.state.doc.content.size)) onBigDeletion()
      },
    }),
  })
}
