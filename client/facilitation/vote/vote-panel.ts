/**
 * What everyone sees of the dot vote in the pad page's panel
 * (`#vote-panel`): the open vote's rules, the dots this participant has
 * left, how far the vote went, its time box; the list of the pad's cards,
 * each with its dot control — the way to the card buttons from the
 * keyboard (vote-card-control.ts), kept in place while counts change so
 * that focus stays on the button pressed —; and once the vote is closed,
 * its results in the facilitator's order. It says what changed in a polite
 * live region (`#vote-announcer`). The facilitator's controls are
 * vote-facilitator-controls.ts; what is shown is decided by the model.
 */
import { createCardControl, type CardControl, type CardControlActions } from './vote-card-control'
import type { VotePanelElements } from './vote-elements'
import { cardName, openVoteLines, resultsSummary, timeBoxText, type VoteWords } from './vote-labels'
import { describeTimeBox } from './vote-time-box'
import { cardVoteState, type ClosedVoteModel, type OpenVoteModel, type VoteModel } from './vote-model'

export interface VotePanelState {
  model: VoteModel
  /** The last refusal per card id. */
  messages: ReadonlyMap<string, string>
  words: VoteWords
  /** The server's time now, for the time box. */
  nowMs: number
}

export interface VotePanel {
  render(state: VotePanelState): void
  /** Redraws the time box alone (every second while it runs). */
  renderTimeBox(model: VoteModel, nowMs: number, words: VoteWords): void
  /** Says `text` in the live region (again, if it is what was said last). */
  announce(text: string): void
  /** Shows a facilitator command's refusal, or clears it. */
  showFeedback(text: string | null): void
  destroy(): void
}

export function mountVotePanel(elements: VotePanelElements, actions: CardControlActions, isFacilitator: boolean): VotePanel {
  const cardList = createCardList(elements, actions)
  const renderTimeBox = (model: VoteModel, nowMs: number, words: VoteWords): void => {
    const timer = model.phase === 'open' ? model.timer : null
    elements.timeBox.hidden = timer === null
    if (timer === null) return
    const display = describeTimeBox(timer, nowMs)
    elements.timeBox.textContent = timeBoxText(display, words)
    elements.timeBox.dataset.phase = display.phase
  }

  return {
    render(state) {
      const { model, words } = state
      elements.panel.hidden = !isFacilitator && model.phase === 'none'
      elements.none.hidden = model.phase !== 'none'
      const open = model.phase === 'open' ? model : null
      elements.status.replaceChildren(...(open === null ? [] : openVoteLines(open, words)).map((line) => textElement('li', '', line)))
      renderTimeBox(model, state.nowMs, words)
      cardList.render(state, open)
      renderResults(elements, model.phase === 'closed' ? model : null, words)
    },
    renderTimeBox,
    announce(text) {
      // A polite region says a change of its text: the same sentence again gets a no-break space, so that it changes.
      const { announcer } = elements
      announcer.textContent = announcer.textContent === text ? `${text}\u00A0` : text
    },
    showFeedback(text) {
      elements.feedback.textContent = text ?? ''
    },
    destroy: cardList.destroy,
  }
}

/** The list of the open vote's cards, one control each, kept by card id. */
function createCardList(elements: VotePanelElements, actions: CardControlActions): { render(state: VotePanelState, vote: OpenVoteModel | null): void; destroy(): void } {
  const items = new Map<string, { item: HTMLElement; control: CardControl }>()
  const itemOf = (cardId: string): { item: HTMLElement; control: CardControl } => {
    const existing = items.get(cardId)
    if (existing !== undefined) return existing
    const control = createCardControl(cardId, 'panel', actions)
    const item = document.createElement('li')
    item.className = 'vote-cards-item'
    item.append(control.element)
    items.set(cardId, { item, control })
    return { item, control }
  }
  return {
    render({ model, messages, words }, vote) {
      elements.cardsSection.hidden = vote === null
      const cards = vote?.cards ?? []
      elements.cardsEmpty.hidden = vote === null || cards.length > 0
      const kept = new Set(cards.map((card) => card.cardId))
      for (const [cardId, { item, control }] of items) {
        if (kept.has(cardId)) continue
        control.destroy()
        item.remove()
        items.delete(cardId)
      }
      cards.forEach((card, index) => {
        const { item, control } = itemOf(card.cardId)
        // Moved only when out of place: moving an element takes the focus off it.
        const current = elements.cards.children[index] ?? null
        if (current !== item) elements.cards.insertBefore(item, current)
        control.render(cardVoteState(model, card.cardId), messages.get(card.cardId) ?? null, words)
      })
    },
    destroy() {
      for (const { control } of items.values()) control.destroy()
      items.clear()
      elements.cards.replaceChildren()
    },
  }
}

/** The closed vote's results, one line per card in the facilitator's order (nothing while no vote is closed). */
function renderResults(elements: VotePanelElements, results: ClosedVoteModel | null, words: VoteWords): void {
  elements.results.hidden = results === null
  if (results === null) {
    elements.resultsList.replaceChildren()
    return
  }
  elements.resultsSummary.textContent = resultsSummary(results, words)
  elements.resultsList.replaceChildren(
    ...results.rows.map((row) => {
      const item = textElement('li', 'vote-results-item', '')
      item.append(textElement('span', 'vote-results-name', cardName(row, words)), textElement('span', 'vote-results-dots', words.plural('vote.dots', row.dots)))
      return item
    }),
  )
}

function textElement(tag: 'li' | 'span', className: string, text: string): HTMLElement {
  const element = document.createElement(tag)
  if (className !== '') element.className = className
  element.textContent = text
  return element
}
