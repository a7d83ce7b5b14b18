/**
 * The link action of the toolbar and of Mod-k: on a link, removes it;
 * elsewhere, asks for an address with the browser's own prompt (accessible and
 * fine on phones), accepts it only through `parseLinkHref`, and links the
 * selection to it.
 */
import type { EditorView } from 'prosemirror-view'
import { removeLink, setLink } from '../commands'
import type { Localization } from '../../i18n/i18n'
import { parseLinkHref } from './link-href'

export function editLink(view: EditorView, localization: Localization): boolean {
  if (removeLink(view.state, view.dispatch, view)) {
    view.focus()
    return true
  }
  const typed = window.prompt(localization.t('link.prompt'), 'https://')
  if (typed === null || typed.trim() === '' || typed.trim() === 'https://') {
    view.focus()
    return true
  }
  const href = parseLinkHref(typed)
  if (href === null) {
    window.alert(localization.t('link.invalid'))
  } else {
    setLink(href)(view.state, view.dispatch, view)
  }
  view.focus()
  return true
}
