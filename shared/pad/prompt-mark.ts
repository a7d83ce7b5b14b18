/**
 * A template's prompt (« Qui est là, et ce que chacun·e attend… »): text the
 * pad shows to guide writing, not content. It is carried by the `prompt`
 * mark, so that the editor draws it as a placeholder, text typed next to it
 * never becomes a prompt (the mark is not inclusive, and the editor takes it
 * off anything typed or pasted: client/editor/prompt-plugin.ts), and every
 * export, summary and CSV leaves it out (shared/export/recipe.ts). Pads made
 * before the mark hold their prompts as italic paragraphs, recognised by
 * their exact text (`templateHints`).
 */
import type { MarkSpec } from 'prosemirror-model'

export const promptMarkName = 'prompt'

export const promptMarkSpec: MarkSpec = {
  inclusive: false,
  parseDOM: [{ tag: 'span.template-prompt' }],
  toDOM: () => ['span', { class: 'template-prompt' }, 0],
}
