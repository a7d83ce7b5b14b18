/**
 * The pad page's elements of the tour de table (`pad.html`): the bar above
 * the editor that everyone sees during a round, the sidebar panel where the
 * facilitator prepares and steers it, the polite announcer, and the part of
 * the projection that shows the speaker and a large timer. Looked up once,
 * their types checked (`requireElement`).
 */
import { requireElement } from '../../required-element'

export interface RoundBarElements {
  bar: HTMLElement
  speaker: HTMLElement
  clockLabel: HTMLElement
  clock: HTMLElement
  next: HTMLElement
  hand: HTMLButtonElement
  handStatus: HTMLElement
}

export interface RoundPanelElements {
  panel: HTMLElement
  setup: HTMLElement
  order: HTMLOListElement
  orderEmpty: HTMLElement
  live: HTMLElement
  speaker: HTMLElement
  clock: HTMLElement
  controls: HTMLElement
  next: HTMLButtonElement
  pause: HTMLButtonElement
  extend: HTMLButtonElement
  skip: HTMLButtonElement
  queue: HTMLOListElement
  queueEmpty: HTMLElement
  followHint: HTMLElement
  tools: HTMLElement
  shuffle: HTMLButtonElement
  addForm: HTMLFormElement
  addName: HTMLInputElement
  turnLength: HTMLSelectElement
  cardsField: HTMLElement
  cards: HTMLInputElement
  start: HTMLButtonElement
  end: HTMLButtonElement
  feedback: HTMLElement
}

export interface RoundProjectionElements {
  section: HTMLElement
  speaker: HTMLElement
  clock: HTMLElement
  clockLabel: HTMLElement
  next: HTMLElement
}

export interface RoundElements {
  bar: RoundBarElements
  panel: RoundPanelElements
  announcer: HTMLElement
  projection: RoundProjectionElements
}

export function readRoundElements(): RoundElements {
  return {
    bar: {
      bar: requireElement('round-bar', HTMLElement),
      speaker: requireElement('round-bar-speaker', HTMLElement),
      clockLabel: requireElement('round-bar-clock-label', HTMLElement),
      clock: requireElement('round-bar-clock', HTMLElement),
      next: requireElement('round-bar-next', HTMLElement),
      hand: requireElement('round-hand', HTMLButtonElement),
      handStatus: requireElement('round-hand-status', HTMLElement),
    },
    panel: readPanelElements(),
    announcer: requireElement('round-announcer', HTMLElement),
    projection: {
      section: requireElement('projection-round', HTMLElement),
      speaker: requireElement('projection-round-speaker', HTMLElement),
      clock: requireElement('projection-round-clock', HTMLElement),
      clockLabel: requireElement('projection-round-clock-label', HTMLElement),
      next: requireElement('projection-round-next', HTMLElement),
    },
  }
}

function readPanelElements(): RoundPanelElements {
  return {
    panel: requireElement('round-panel', HTMLElement),
    setup: requireElement('round-setup', HTMLElement),
    order: requireElement('round-order', HTMLOListElement),
    orderEmpty: requireElement('round-order-empty', HTMLElement),
    live: requireElement('round-live', HTMLElement),
    speaker: requireElement('round-panel-speaker', HTMLElement),
    clock: requireElement('round-panel-clock', HTMLElement),
    controls: requireElement('round-controls', HTMLElement),
    next: requireElement('round-next', HTMLButtonElement),
    pause: requireElement('round-pause', HTMLButtonElement),
    extend: requireElement('round-extend', HTMLButtonElement),
    skip: requireElement('round-skip', HTMLButtonElement),
    queue: requireElement('round-queue', HTMLOListElement),
    queueEmpty: requireElement('round-queue-empty', HTMLElement),
    followHint: requireElement('round-follow-hint', HTMLElement),
    tools: requireElement('round-tools', HTMLElement),
    shuffle: requireElement('round-shuffle', HTMLButtonElement),
    addForm: requireElement('round-add-form', HTMLFormElement),
    addName: requireElement('round-add-name', HTMLInputElement),
    turnLength: requireElement('round-turn-length', HTMLSelectElement),
    cardsField: requireElement('round-cards-field', HTMLElement),
    cards: requireElement('round-cards', HTMLInputElement),
    start: requireElement('round-start', HTMLButtonElement),
    end: requireElement('round-end', HTMLButtonElement),
    feedback: requireElement('round-feedback', HTMLElement),
  }
}
