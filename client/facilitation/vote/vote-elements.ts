/**
 * The elements of the pad page's vote panel (`#vote-panel` in pad.html),
 * looked up once by id with their types checked, grouped by the part that
 * drives them: a renamed id fails at start, with its name. The projection's
 * tally is made by vote-projection.ts, not found here.
 */
import { requireElement } from '../../required-element'

export interface VotePanelElements {
  panel: HTMLElement
  none: HTMLElement
  status: HTMLElement
  timeBox: HTMLElement
  feedback: HTMLElement
  cardsSection: HTMLElement
  cardsEmpty: HTMLElement
  cards: HTMLElement
  results: HTMLElement
  resultsSummary: HTMLElement
  resultsList: HTMLElement
  announcer: HTMLElement
}

export interface VoteFacilitatorElements {
  admin: HTMLElement
  running: HTMLElement
  showTotals: HTMLInputElement
  runningViewers: HTMLInputElement
  timeActions: HTMLElement
  pause: HTMLButtonElement
  extend: HTMLButtonElement
  order: HTMLElement
  orderDots: HTMLInputElement
  orderDocument: HTMLInputElement
  close: HTMLButtonElement
  openDetails: HTMLDetailsElement
  openForm: HTMLFormElement
  dots: HTMLSelectElement
  stacking: HTMLInputElement
  visibilityTotals: HTMLInputElement
  timeBoxChoice: HTMLSelectElement
  viewers: HTMLInputElement
}

export function readVotePanelElements(): VotePanelElements {
  return {
    panel: requireElement('vote-panel', HTMLElement),
    none: requireElement('vote-none', HTMLElement),
    status: requireElement('vote-status', HTMLElement),
    timeBox: requireElement('vote-time-box', HTMLElement),
    feedback: requireElement('vote-feedback', HTMLElement),
    cardsSection: requireElement('vote-cards-section', HTMLElement),
    cardsEmpty: requireElement('vote-cards-empty', HTMLElement),
    cards: requireElement('vote-cards', HTMLElement),
    results: requireElement('vote-results', HTMLElement),
    resultsSummary: requireElement('vote-results-summary', HTMLElement),
    resultsList: requireElement('vote-results-list', HTMLElement),
    announcer: requireElement('vote-announcer', HTMLElement),
  }
}

export function readVoteFacilitatorElements(): VoteFacilitatorElements {
  return {
    admin: requireElement('vote-admin', HTMLElement),
    running: requireElement('vote-running', HTMLElement),
    showTotals: requireElement('vote-show-totals', HTMLInputElement),
    runningViewers: requireElement('vote-running-viewers', HTMLInputElement),
    timeActions: requireElement('vote-time-actions', HTMLElement),
    pause: requireElement('vote-pause', HTMLButtonElement),
    extend: requireElement('vote-extend', HTMLButtonElement),
    order: requireElement('vote-order', HTMLElement),
    orderDots: requireElement('vote-order-dots', HTMLInputElement),
    orderDocument: requireElement('vote-order-document', HTMLInputElement),
    close: requireElement('vote-close', HTMLButtonElement),
    openDetails: requireElement('vote-open-details', HTMLDetailsElement),
    openForm: requireElement('vote-open-form', HTMLFormElement),
    dots: requireElement('vote-dots', HTMLSelectElement),
    stacking: requireElement('vote-stacking', HTMLInputElement),
    visibilityTotals: requireElement('vote-visibility-totals', HTMLInputElement),
    timeBoxChoice: requireElement('vote-time-box-choice', HTMLSelectElement),
    viewers: requireElement('vote-viewers', HTMLInputElement),
  }
}
