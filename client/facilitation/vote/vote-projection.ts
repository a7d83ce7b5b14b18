/**
 * The dot vote on the room's screen (projection mode, `#projection`): while
 * a vote is open, its live tally per card in the pad's order — a bar and
 * the count, large — when the rules show the totals (only how many dots
 * and people so far when they do not), and its time box; once closed, the
 * results in the facilitator's order. It is a block of its own, added to
 * the projection's layout beside the projected pad, and shown only while
 * there is a vote to show. It reads the model, sends nothing.
 */
import { formattingLocale } from '../../i18n/i18n'
import { cardName, resultsSummary, timeBoxText, type VoteWords } from './vote-labels'
import type { VoteModel } from './vote-model'
import { describeTimeBox } from './vote-time-box'

export interface VoteProjection {
  render(model: VoteModel, nowMs: number, words: VoteWords): void
  renderTimeBox(model: VoteModel, nowMs: number, words: VoteWords): void
  destroy(): void
}

/** Adds the tally's block to the layout of `dialog` (`#projection`). */
export function mountVoteProjection(dialog: HTMLDialogElement): VoteProjection {
  const layout = dialog.querySelector('.projection-layout')
  if (!(layout instanceof HTMLElement)) throw new RangeError('#projection has no .projection-layout for the vote’s tally')
  const section = document.createElement('section')
  section.className = 'vote-projection'
  section.id = 'vote-projection'
  section.hidden = true
  const heading = document.createElement('h3')
  heading.id = 'vote-projection-heading'
  heading.className = 'vote-projection-heading'
  section.setAttribute('aria-labelledby', heading.id)
  const status = document.createElement('p')
  status.className = 'vote-projection-status'
  const timeBox = document.createElement('p')
  timeBox.className = 'vote-projection-time-box'
  const list = document.createElement('ol')
  list.className = 'vote-projection-list'
  section.append(heading, status, timeBox, list)
  layout.append(section)

  const renderTimeBox = (model: VoteModel, nowMs: number, words: VoteWords): void => {
    const timer = model.phase === 'open' ? model.timer : null
    timeBox.hidden = timer === null
    timeBox.textContent = timer === null ? '' : timeBoxText(describeTimeBox(timer, nowMs), words)
  }

  return {
    render(model, nowMs, words) {
      section.hidden = model.phase === 'none'
      layout.dataset.vote = model.phase
      if (model.phase === 'none') return
      const numbers = new Intl.NumberFormat(formattingLocale(words.language))
      if (model.phase === 'open') {
        heading.textContent = words.t('vote.heading')
        const cast = words.t('vote.status.cast', { dots: words.plural('vote.dots', model.dotsCast), people: words.plural('vote.people', model.voterCount) })
        status.textContent = model.visibility === 'hidden' ? `${cast} ${words.t('vote.projection.hidden')}` : cast
        const rows = model.cards.map((card) => ({ name: cardName(card, words), dots: card.total }))
        renderBars(list, model.visibility === 'hidden' ? [] : rows, numbers)
      } else {
        heading.textContent = words.t('vote.results.heading')
        status.textContent = resultsSummary(model, words)
        renderBars(list, model.rows.map((row) => ({ name: cardName(row, words), dots: row.dots })), numbers)
      }
      renderTimeBox(model, nowMs, words)
    },
    renderTimeBox,
    destroy() {
      section.remove()
      delete layout.dataset.vote
    },
  }
}

/** One line per card: its name, a bar as long as its share of the most dots, and the count. */
function renderBars(list: HTMLElement, rows: ReadonlyArray<{ name: string; dots: number | null }>, numbers: Intl.NumberFormat): void {
  list.hidden = rows.length === 0
  const most = Math.max(1, ...rows.map((row) => row.dots ?? 0))
  list.replaceChildren(
    ...rows.map((row) => {
      const item = document.createElement('li')
      item.className = 'vote-projection-item'
      const name = document.createElement('span')
      name.className = 'vote-projection-name'
      name.textContent = row.name
      const bar = document.createElement('span')
      bar.className = 'vote-projection-bar'
      bar.setAttribute('aria-hidden', 'true')
      // Through the CSSOM: the Content-Security-Policy forbids style attributes.
      bar.style.setProperty('--share', String((row.dots ?? 0) / most))
      const count = document.createElement('span')
      count.className = 'vote-projection-count'
      count.textContent = numbers.format(row.dots ?? 0)
      item.append(name, bar, count)
      return item
    }),
  )
}
