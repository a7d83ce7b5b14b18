/**
 * The sidebar's « Tour de table » panel (`#round-panel`). For the
 * facilitator (admin link): before a round, the speaking order made from the
 * people present (moved with ↑ ↓ or by dragging, people removed or added by
 * name, shuffled), the length of a turn, whether each speaker gets a card,
 * and « Lancer »; during it, Next, Pause or Resume, +1 min, Skip, the queue
 * (edited the same way, on the server) and « Terminer ». Everyone else sees
 * the panel during a round only: who speaks and who waits. What a click
 * means is decided here; the wiring (round-page.ts) sends the commands and
 * says what was refused in `#round-feedback`.
 */
import { facilitationLimits, type FacilitationCommand } from '../../../shared/facilitation/facilitation-command'
import { speakerKey } from '../../../shared/facilitation/speaker'
import { formattingLocale, type Localization } from '../../i18n/i18n'
import { clockLabel } from './round-bar'
import type { RoundDisplay } from './round-display'
import type { RoundDraft } from './round-draft'
import type { RoundPanelElements } from './round-elements'
import { editSpeakerList, renderSpeakerList } from './speaker-list'
import type { NamedSpeaker } from './speaker-names'
import { guestSpeaker, moveSpeaker, moveSpeakerTo } from './speaker-order'

/** The turn lengths offered, in ms: 30 s to 10 min (the server takes 5 s to 1 h). */
export const turnLengthChoicesMs = [30_000, 60_000, 120_000, 180_000, 240_000, 300_000, 600_000] as const
/** What « +1 min » adds. */
export const extensionMs = 60_000

export interface RoundPanelDeps {
  elements: RoundPanelElements
  localization: Localization
  isFacilitator: boolean
  draft: RoundDraft
  /** What the panel shows now. */
  current(): RoundDisplay | null
  /** Sends `command`; resolves with whether it went through (the wiring says why not). */
  send(command: FacilitationCommand): Promise<boolean>
  /** Someone new has the floor by this page's command (start, next, skip). */
  onFloorGiven(): void
  /** Says `message` in the panel's status line. */
  say(message: string): void
}

export interface RoundPanel {
  render(display: RoundDisplay | null, draft: readonly NamedSpeaker[], hasCards: boolean): void
  /** Whether a card is added for each speaker (the checkbox). */
  readonly addsCards: boolean
  close(): void
}

export function mountRoundPanel(deps: RoundPanelDeps): RoundPanel {
  const { elements, localization } = deps
  let turnMs: number = facilitationLimits.defaultTurnMs
  let shownDraft: readonly NamedSpeaker[] = []
  const nameOf = (key: string): string =>
    [...(deps.current()?.queue ?? []), ...shownDraft].find((speaker) => speaker.key === key)?.name ?? localization.t('round.unknownName')
  const turnLength = { read: () => turnMs, set: (next: number) => (turnMs = next) }
  const disposers = deps.isFacilitator ? wirePanel({ ...deps, nameOf }, turnLength) : []
  let listSignature = ''
  return {
    render(display, draft, hasCards) {
      shownDraft = draft
      renderPhase(elements, display, deps.isFacilitator)
      renderLive(elements, display, localization)
      renderTurnLengths(elements.turnLength, display?.turnMs ?? turnMs, localization)
      elements.cardsField.hidden = !hasCards
      // Lists are drawn again only when they change: the clock ticks every second, and a drag must survive it.
      const signature = [localization.language, display === null, ...draft.map(describe), '|', ...(display?.queue ?? []).map(describe)].join('\n')
      if (signature === listSignature) return
      listSignature = signature
      renderSpeakerList(elements.order, draft, deps.isFacilitator, localization)
      elements.orderEmpty.hidden = draft.length > 0
      renderSpeakerList(elements.queue, display?.queue ?? [], deps.isFacilitator, localization)
      elements.queueEmpty.hidden = (display?.queue.length ?? 0) > 0
    },
    get addsCards() {
      return elements.cards.checked
    },
    close() {
      for (const dispose of disposers.splice(0)) dispose()
    },
  }
}

function describe(speaker: NamedSpeaker): string {
  return `${speaker.key}\t${speaker.name}`
}

/** Which parts show: the setup before a round (facilitator), the round during one (everyone), the tools (facilitator). */
function renderPhase(elements: RoundPanelElements, display: RoundDisplay | null, isFacilitator: boolean): void {
  elements.panel.hidden = !isFacilitator && display === null
  elements.setup.hidden = !isFacilitator || display !== null
  elements.live.hidden = display === null
  elements.controls.hidden = !isFacilitator
  elements.followHint.hidden = isFacilitator
  elements.tools.hidden = !isFacilitator
  elements.start.hidden = display !== null
  elements.end.hidden = display === null
}

function renderLive(elements: RoundPanelElements, display: RoundDisplay | null, localization: Localization): void {
  if (display === null) return
  elements.speaker.textContent = display.speaker?.name ?? localization.t('round.nobody')
  const clock = display.clock
  elements.clock.textContent = clock === null ? '' : `${clock.text} (${clockLabel(clock, localization)})`
  elements.clock.dataset.overTime = String(clock?.isOverTime === true)
  elements.pause.textContent = localization.t(clock?.isPaused === true ? 'round.resume' : 'round.pause')
  for (const button of [elements.pause, elements.extend, elements.skip]) button.disabled = display.speaker === null
}

/** The turn length choices, in the interface language, with the current one selected (added when it is not a usual one). */
function renderTurnLengths(select: HTMLSelectElement, selectedMs: number, localization: Localization): void {
  const choices = turnLengthChoicesMs.includes(selectedMs as (typeof turnLengthChoicesMs)[number]) ? [...turnLengthChoicesMs] : [...turnLengthChoicesMs, selectedMs].sort((a, b) => a - b)
  const labels = choices.map((ms) => formatTurnLength(ms, localization))
  const isSame = select.options.length === choices.length && choices.every((ms, index) => select.options[index]?.value === String(ms) && select.options[index]?.text === labels[index])
  if (!isSame) select.replaceChildren(...choices.map((ms, index) => new Option(labels[index], String(ms))))
  select.value = String(selectedMs)
}

/** « 2 minutes », « 30 secondes », « 1,5 minute » — in the interface language. */
export function formatTurnLength(ms: number, localization: Pick<Localization, 'language'>): string {
  const isMinutes = ms % 60_000 === 0 || ms >= 60_000
  const format = new Intl.NumberFormat(formattingLocale(localization.language), { style: 'unit', unit: isMinutes ? 'minute' : 'second', unitDisplay: 'long', maximumFractionDigits: 1 })
  return format.format(isMinutes ? ms / 60_000 : ms / 1000)
}

/** What the facilitator's controls use: the panel's deps, and the name shown for someone. */
interface PanelControls extends RoundPanelDeps {
  nameOf(key: string): string
}

/** The facilitator's controls: each click or form becomes a draft edit or a command. Returns the disposers. */
function wirePanel(deps: PanelControls, turnLength: { read(): number; set(ms: number): void }): (() => void)[] {
  const { elements, localization, draft } = deps
  const t = localization.t
  const listen = <K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, handler: (event: HTMLElementEventMap[K]) => void): (() => void) => {
    target.addEventListener(type, handler)
    return () => target.removeEventListener(type, handler)
  }
  const disposers = [
    editSpeakerList(elements.order, {
      onMove(key, target) {
        draft.move(key, target)
        sayPosition(deps, draft.speakers.map(speakerKey), key)
      },
      onRemove(key) {
        const name = deps.nameOf(key)
        draft.remove(key)
        deps.say(t('round.removed', { name }))
      },
    }),
    editSpeakerList(elements.queue, {
      onMove: (key, target) => void reorderQueue(deps, key, target),
      onRemove: (key) => void removeFromQueue(deps, key),
    }),
    listen(elements.shuffle, 'click', () => void shuffle(deps)),
    listen(elements.addForm, 'submit', (event) => {
      event.preventDefault()
      void addByName(deps)
    }),
    listen(elements.turnLength, 'change', () => void changeTurnLength(deps, Number(elements.turnLength.value), turnLength.set)),
    listen(elements.start, 'click', () => void start(deps, turnLength.read())),
    ...wireLiveControls(deps, listen),
  ]
  return disposers
}

type Listen = <K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, handler: (event: HTMLElementEventMap[K]) => void) => () => void

function wireLiveControls(deps: RoundPanelDeps, listen: Listen): (() => void)[] {
  const { elements } = deps
  // A second press of Next before the first one's reply would pass over the person who just got the floor.
  let isGivingFloor = false
  const giveFloor = async (command: FacilitationCommand): Promise<void> => {
    if (isGivingFloor) return
    isGivingFloor = true
    try {
      if (await deps.send(command)) deps.onFloorGiven()
    } finally {
      isGivingFloor = false
    }
  }
  return [
    listen(elements.next, 'click', () => void giveFloor({ action: 'round-next' })),
    listen(elements.skip, 'click', () => void giveFloor({ action: 'round-skip' })),
    listen(elements.pause, 'click', () => {
      const isPaused = deps.current()?.clock?.isPaused === true
      void deps.send({ action: isPaused ? 'round-resume' : 'round-pause' })
    }),
    listen(elements.extend, 'click', () => void deps.send({ action: 'round-extend', ms: extensionMs })),
    listen(elements.end, 'click', () => {
      void deps.send({ action: 'round-end' }).then((isDone) => {
        if (isDone) elements.start.focus()
      })
    }),
  ]
}

async function start(deps: RoundPanelDeps, turnMs: number): Promise<void> {
  const speakers = [...deps.draft.speakers]
  if (speakers.length === 0) {
    deps.say(deps.localization.t('round.start.empty'))
    return
  }
  if (!(await deps.send({ action: 'round-start', speakers, turnMs }))) return
  deps.elements.next.focus()
  deps.onFloorGiven()
}

async function reorderQueue(deps: PanelControls, key: string, target: { delta: number } | { index: number }): Promise<void> {
  const queue = (deps.current()?.queue ?? []).map((named) => named.speaker)
  const order = 'delta' in target ? moveSpeaker(queue, key, target.delta) : moveSpeakerTo(queue, key, target.index)
  if (order.every((speaker, index) => speakerKey(speaker) === speakerKey(queue[index] ?? { name: '-' }))) return
  if (await deps.send({ action: 'round-order', speakers: order })) sayPosition(deps, order.map(speakerKey), key)
}

async function removeFromQueue(deps: RoundPanelDeps, key: string): Promise<void> {
  const named = deps.current()?.queue.find((speaker) => speaker.key === key)
  if (named === undefined) return
  if (await deps.send({ action: 'round-remove', speaker: named.speaker })) deps.say(deps.localization.t('round.removed', { name: named.name }))
}

async function shuffle(deps: RoundPanelDeps): Promise<void> {
  if (deps.current() === null) deps.draft.shuffle(Math.random)
  else if (!(await deps.send({ action: 'round-shuffle' }))) return
  deps.say(deps.localization.t('round.shuffled'))
}

async function addByName(deps: RoundPanelDeps): Promise<void> {
  const { elements, localization } = deps
  const speaker = guestSpeaker(elements.addName.value)
  if (speaker === null || !('name' in speaker)) {
    deps.say(localization.t('round.add.invalid'))
    return
  }
  const isAdded = deps.current() === null ? deps.draft.add(speaker) : await deps.send({ action: 'round-add', speaker })
  if (!isAdded && deps.current() === null) {
    deps.say(localization.t('round.add.duplicate', { name: speaker.name }))
    return
  }
  if (!isAdded) return
  elements.addName.value = ''
  deps.say(localization.t('round.add.done', { name: speaker.name }))
}

async function changeTurnLength(deps: RoundPanelDeps, turnMs: number, setTurnMs: (ms: number) => void): Promise<void> {
  setTurnMs(turnMs)
  if (deps.current() !== null && !(await deps.send({ action: 'round-turn-length', turnMs }))) return
  deps.say(deps.localization.t('round.turnLength.changed', { length: formatTurnLength(turnMs, deps.localization) }))
}

function sayPosition(deps: PanelControls, keys: readonly string[], key: string): void {
  deps.say(deps.localization.t('round.moved', { name: deps.nameOf(key), position: keys.indexOf(key) + 1, count: keys.length }))
}
