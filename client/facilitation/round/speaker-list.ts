/**
 * A list of speakers on screen (`ol`): one item per person, and, where the
 * order may be edited, buttons to move each one up or down and to remove
 * them (keyboard and touch), plus dragging an item onto another (mouse).
 * Each render replaces the items; the button that had focus gets it back in
 * the new list (the same person, the same action), so that pressing « ↑ »
 * again and again walks someone up the list. A button that can do nothing
 * (↑ on the first) stays focusable, `aria-disabled`. What a move means is
 * the caller's (`onMove`, `onRemove`).
 */
import type { Localization } from '../../i18n/i18n'
import type { NamedSpeaker } from './speaker-names'

export interface SpeakerListEditing {
  /** Someone moves `delta` places (−1: up), or to `index` when dropped. */
  onMove(key: string, target: { delta: number } | { index: number }): void
  onRemove(key: string): void
}

type ItemAction = 'up' | 'down' | 'remove'

const dragType = 'application/x-atelier-speaker'

/** Replaces the items of `list` with `speakers`, with their buttons when `isEditable` (their clicks: `editSpeakerList`). */
export function renderSpeakerList(
  list: HTMLOListElement,
  speakers: readonly NamedSpeaker[],
  isEditable: boolean,
  localization: Pick<Localization, 't'>,
): void {
  const focused = focusedItemAction(list)
  const items = speakers.map((speaker, index) => renderItem(speaker, index, speakers.length, isEditable, localization))
  list.replaceChildren(...items)
  if (focused !== null) {
    const target = items.find((item) => item.dataset.key === focused.key)?.querySelector<HTMLButtonElement>(`button[data-action="${focused.action}"]`)
    target?.focus()
  }
}

/** Wires one list's clicks and drops once; the items themselves are replaced at each render. */
export function editSpeakerList(list: HTMLOListElement, editing: SpeakerListEditing): () => void {
  const onClick = (event: MouseEvent): void => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button[data-action]') : null
    const key = button?.closest<HTMLLIElement>('li[data-key]')?.dataset.key
    if (button === null || button === undefined || key === undefined || button.getAttribute('aria-disabled') === 'true') return
    const action = button.dataset.action as ItemAction
    if (action === 'remove') editing.onRemove(key)
    else editing.onMove(key, { delta: action === 'up' ? -1 : 1 })
  }
  const onDragStart = (event: DragEvent): void => {
    const key = event.target instanceof HTMLLIElement ? event.target.dataset.key : undefined
    if (key === undefined || event.dataTransfer === null) return
    event.dataTransfer.setData(dragType, key)
    event.dataTransfer.effectAllowed = 'move'
  }
  const onDragOver = (event: DragEvent): void => {
    if (event.dataTransfer?.types.includes(dragType) === true) event.preventDefault()
  }
  const onDrop = (event: DragEvent): void => {
    const key = event.dataTransfer?.getData(dragType)
    const target = event.target instanceof Element ? event.target.closest<HTMLLIElement>('li[data-key]') : null
    if (key === undefined || key === '' || target === null) return
    event.preventDefault()
    editing.onMove(key, { index: [...list.children].indexOf(target) })
  }
  list.addEventListener('click', onClick)
  list.addEventListener('dragstart', onDragStart)
  list.addEventListener('dragover', onDragOver)
  list.addEventListener('drop', onDrop)
  return () => {
    list.removeEventListener('click', onClick)
    list.removeEventListener('dragstart', onDragStart)
    list.removeEventListener('dragover', onDragOver)
    list.removeEventListener('drop', onDrop)
  }
}

function focusedItemAction(list: HTMLOListElement): { key: string; action: string } | null {
  const active = document.activeElement
  if (!(active instanceof HTMLButtonElement) || !list.contains(active)) return null
  const key = active.closest<HTMLLIElement>('li[data-key]')?.dataset.key
  const action = active.dataset.action
  return key === undefined || action === undefined ? null : { key, action }
}

function renderItem(
  speaker: NamedSpeaker,
  index: number,
  count: number,
  isEditable: boolean,
  localization: Pick<Localization, 't'>,
): HTMLLIElement {
  const item = document.createElement('li')
  item.className = 'round-person'
  item.dataset.key = speaker.key
  const name = document.createElement('span')
  name.className = 'round-person-name'
  name.textContent = speaker.name
  item.append(name)
  if (!isEditable) return item
  item.draggable = true
  const actions = document.createElement('span')
  actions.className = 'round-person-actions'
  actions.append(
    itemButton('up', '↑', localization.t('round.moveUp', { name: speaker.name }), index === 0),
    itemButton('down', '↓', localization.t('round.moveDown', { name: speaker.name }), index === count - 1),
    itemButton('remove', '✕', localization.t('round.remove', { name: speaker.name }), false),
  )
  item.append(actions)
  return item
}

function itemButton(action: ItemAction, glyph: string, label: string, isDisabled: boolean): HTMLButtonElement {
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'round-person-button'
  button.dataset.action = action
  button.setAttribute('aria-label', label)
  if (isDisabled) button.setAttribute('aria-disabled', 'true')
  const icon = document.createElement('span')
  icon.setAttribute('aria-hidden', 'true')
  icon.textContent = glyph
  button.append(icon)
  return button
}
