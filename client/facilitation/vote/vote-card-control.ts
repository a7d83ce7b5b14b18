/**
 * One card's dot control: while the vote is open, this participant's dots
 * and the total when shown, a « − » and a « + » button (44 px, named
 * « Ajouter une gommette à « Repair café » (2 restantes) »), and the last
 * refusal for this card; once closed, its count. Drawn in two places
 * (vote-card-plugin.ts, vote-panel.ts) and updated in place, so that a
 * button keeps focus while the counts around it change.
 *
 * In the editor (`place: 'editor'`) it sits inside the card's ProseMirror
 * DOM: it is not editable, a press does not take the focus or the caret
 * from the text (mousedown is not let through), and its buttons are out of
 * the Tab order, so that Tab keeps moving between the card's fields and
 * Escape then Tab still leaves the editor; the panel's list is the keyboard's
 * way to the same buttons.
 */
import { addDotLabel, cardName, cardResultText, cardTallyTexts, removeDotLabel, type VoteWords } from './vote-labels'
import type { CardVoteState } from './vote-model'

export type CardControlPlace = 'editor' | 'panel'

export interface CardControlActions {
  addDot(cardId: string): void
  removeDot(cardId: string): void
}

export interface CardControl {
  readonly cardId: string
  readonly element: HTMLElement
  /** Shows `state`, with `message` (a refusal) under it when not null. */
  render(state: CardVoteState, message: string | null, words: VoteWords): void
  destroy(): void
}

/** Dots drawn one by one up to this many; the number beside them says how many. */
const maxDrawnDots = 5

export function createCardControl(cardId: string, place: CardControlPlace, actions: CardControlActions): CardControl {
  const element = document.createElement('div')
  element.className = 'vote-card'
  element.dataset.place = place
  element.dataset.cardId = cardId
  if (place === 'editor') element.contentEditable = 'false'
  const title = appendChild(element, 'span', 'vote-card-title')
  const tally = appendChild(element, 'p', 'vote-card-tally')
  const dots = appendChild(tally, 'span', 'vote-card-dots')
  dots.setAttribute('aria-hidden', 'true')
  const mine = appendChild(tally, 'span', 'vote-card-mine')
  const total = appendChild(tally, 'span', 'vote-card-total')
  const buttons = appendChild(element, 'span', 'vote-card-buttons')
  const remove = createDotButton(buttons, 'remove', '\u2212', place)
  const add = createDotButton(buttons, 'add', '+', place)
  const result = appendChild(element, 'p', 'vote-card-result')
  const message = appendChild(element, 'p', 'vote-card-message')

  const onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target.closest('button') : null
    if (target === add) actions.addDot(cardId)
    else if (target === remove && !remove.disabled) actions.removeDot(cardId)
  }
  // Keeps the editor's focus and caret where they were: the button acts on click alone.
  const onMouseDown = (event: MouseEvent): void => {
    if (event.target instanceof Element && event.target.closest('button') !== null) event.preventDefault()
  }
  element.addEventListener('click', onClick)
  if (place === 'editor') element.addEventListener('mousedown', onMouseDown)

  return {
    cardId,
    element,
    render(state, refusal, words) {
      element.dataset.phase = state.phase
      element.hidden = state.phase === 'none'
      const isOpen = state.phase === 'open'
      tally.hidden = !isOpen
      result.hidden = state.phase !== 'closed'
      buttons.hidden = !isOpen || !state.vote.canVote
      title.hidden = place !== 'panel' || state.phase === 'none'
      if (state.phase === 'closed') {
        title.textContent = cardName(state.row, words)
        result.textContent = cardResultText(state.row, words)
      }
      if (isOpen) {
        const { card, vote } = state
        title.textContent = cardName(card, words)
        const texts = cardTallyTexts(card, words)
        dots.textContent = '\u25CF'.repeat(Math.min(card.myDots, maxDrawnDots))
        mine.textContent = texts.mine
        total.textContent = texts.total ?? ''
        total.hidden = texts.total === null
        add.setAttribute('aria-label', addDotLabel(card, vote, words))
        remove.setAttribute('aria-label', removeDotLabel(card, words))
        remove.disabled = card.myDots === 0
      }
      message.textContent = isOpen ? (refusal ?? '') : ''
      message.hidden = message.textContent === ''
    },
    destroy() {
      element.removeEventListener('click', onClick)
      element.removeEventListener('mousedown', onMouseDown)
    },
  }
}

function appendChild(parent: HTMLElement, tag: 'span' | 'p', className: string): HTMLElement {
  const child = document.createElement(tag)
  child.className = className
  parent.append(child)
  return child
}

function createDotButton(parent: HTMLElement, action: 'add' | 'remove', glyph: string, place: CardControlPlace): HTMLButtonElement {
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'vote-dot-button'
  button.dataset.action = action
  button.textContent = glyph
  if (place === 'editor') button.tabIndex = -1
  parent.append(button)
  return button
}
