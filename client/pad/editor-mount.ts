/**
 * The pad page's editor as a participant gets it: the editor with its
 * toolbar, the list of keyboard shortcuts, the credit of what is typed and
 * the watch for big deletions (writing links only), the colours by author
 * with their legend, and the plugins of the facilitation views. Also what
 * keeps a writer's credits right once the connection is up. `pad.ts` decides
 * when; the pieces live in `editor/` and `people/authors/`.
 */
import type { Plugin } from 'prosemirror-state'
import { authorsMapName, participantsMapName } from '../../shared/pad/attribution'
import { bodyFragmentName } from '../../shared/pad/schema'
import type { Connection } from '../connection/connection'
import { buildCaretClearance } from '../editor/caret-clearance'
import type { Editor } from '../editor/editor'
import { createEditor } from '../editor/editor'
import { createPromptPlugin } from '../editor/prompt-plugin'
import { mountShortcutHelp } from '../editor/keyboard/shortcut-help'
import { isApplePlatform } from '../editor/keyboard/shortcuts'
import { buildToolbar } from '../editor/toolbar'
import { createDeletionWatch } from '../history/deletion-watch'
import { createAuthorColors } from '../people/authors/author-colors'
import { mountAuthorLegend } from '../people/authors/author-legend'
import { createAuthorshipPlugin, followServerCredit } from '../people/authors/authorship-plugin'
import { creditLegacyTextOnSync } from '../people/authors/legacy-credits'
import type { PadAccess } from './access'
import type { OpenPadContext } from './context'

/** What keeps this writer's credits right: the server's word on them, and the old text of pads from before participants. */
export function followCredits(connection: Connection, editor: Editor, participantId: string, mayWrite: () => boolean): (() => void)[] {
  const fragment = connection.provider.doc.getXmlFragment(bodyFragmentName)
  return [followServerCredit(connection, editor.view, participantId), creditLegacyTextOnSync(connection, editor.view, fragment, mayWrite)]
}

/** Who writes in this page's editor. */
export interface EditorWriter {
  participantId: string
  /** The participant's display name, once chosen: new initiative cards credit it. */
  readDisplayName(): string
  /** One change, local or remote, removed most of the pad. */
  onBigDeletion(): void
}

/**
 * The editor with its toolbar, the list of keyboard shortcuts and the credit
 * of what is typed (writing links only), and the colours by author, with
 * their legend.
 */
export function mountEditor(context: OpenPadContext, connection: Connection, access: PadAccess, writer: EditorWriter, facilitationPlugins: readonly Plugin[]): Editor {
  const { doc, settings, elements, localization, disposers } = context
  const fragment = doc.getXmlFragment(bodyFragmentName)
  const shortcutHelp = access.isWriter ? mountShortcutHelp({ localization, isApple: isApplePlatform() }) : null
  if (shortcutHelp !== null) disposers.push(() => shortcutHelp.destroy())
  const writingPlugins = shortcutHelp !== null
    ? [
        buildToolbar(elements.toolbar, { localization, readDisplayName: writer.readDisplayName, openShortcutHelp: shortcutHelp.open }),
        createAuthorshipPlugin(writer.participantId),
        createPromptPlugin(),
        buildCaretClearance(elements.toolbar),
        createDeletionWatch(writer.onBigDeletion),
      ]
    : []
  const authorColors = createAuthorColors({
    fragment,
    credits: [doc.getMap(participantsMapName), doc.getMap(authorsMapName)],
    awareness: connection.awareness,
  })
  const editor = createEditor({
    container: elements.editor,
    fragment,
    awareness: connection.awareness,
    localization,
    contentLanguage: settings.current.language,
    isEditable: !access.isReadOnly(),
    plugins: [...writingPlugins, authorColors.plugin, ...facilitationPlugins],
  })
  disposers.push(() => editor.destroy())
  disposers.push(mountAuthorLegend(elements.authorLegend, authorColors, localization))
  return editor
}
