/**
 * The tour de table on the pad page: what pad.ts calls. It gives the page's
 * presence its participant id (so that the facilitator can start a round
 * from the people present), makes each facilitation view, each tick of the
 * speaker's clock, each arrival, rename or change of language into a
 * `RoundDisplay`, and renders it in the bar, the panel and the projection,
 * telling screen readers when the floor changes hands. It sends the panel's
 * and the hand button's commands through the page's facilitation channel
 * and says what the server refused. On the facilitator's page, when someone
 * gets the floor by its command and the pad is a *collecte*, it adds their
 * card (speaker-card.ts) unless the facilitator unticked the box.
 */
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { FacilitationCommand } from '../../../shared/facilitation/facilitation-command'
import { participantsMapName } from '../../../shared/pad/attribution'
import type { Editor } from '../../editor/editor'
import type { Localization } from '../../i18n/i18n'
import type { FacilitationChannel } from '../facilitation-channel'
import { describeFailure, describeOutcome } from '../refusal-messages'
import { announceRoundChange } from './round-announcements'
import { renderRoundBar } from './round-bar'
import { displayRound, type RoundDisplay } from './round-display'
import { createRoundDraft } from './round-draft'
import type { RoundElements } from './round-elements'
import { mountRoundPanel, type RoundPanel } from './round-panel'
import { renderRoundProjection } from './round-projection'
import { addSpeakerCard, hasCollectedCards } from './speaker-card'
import { listPresentSpeakers, nameSpeakers, presenceParticipantField, type NameSources } from './speaker-names'
import { msUntilNextSecond } from './turn-clock'

export interface RoundPageOptions {
  elements: RoundElements
  channel: FacilitationChannel
  awareness: Awareness
  doc: Y.Doc
  editor: Editor
  localization: Localization
  /** This page's participant (people/participant-secret.ts). */
  participantId: string
  /** The admin link: prepares and steers rounds. */
  isFacilitator: boolean
  /** The edit and admin links: may raise a hand. */
  mayRaiseHand: boolean
  /** Whether the editor takes this page's changes now (a card is added only then). */
  mayWrite(): boolean
}

/** Starts the tour de table's part of the page; returns the function that stops it. */
export function mountRoundPage(options: RoundPageOptions): () => void {
  const { elements, channel, awareness, doc, localization } = options
  awareness.setLocalStateField(presenceParticipantField, options.participantId)
  const credits = doc.getMap<unknown>(participantsMapName)
  const names: NameSources = { credits, presence: awareness.getStates() }
  const draft = createRoundDraft()
  let display: RoundDisplay | null = null
  let handMessage: string | null = null

  const readDisplay = (): RoundDisplay | null =>
    displayRound(channel.store.current.view?.round ?? null, {
      names: { credits, presence: awareness.getStates() },
      unknownName: localization.t('round.unknownName'),
      serverNowMs: channel.store.serverNowMs(),
      participantId: options.participantId,
    })
  const send = async (command: FacilitationCommand, onRefusal: (message: string) => void): Promise<boolean> => {
    try {
      const outcome = await channel.send(command)
      const refusal = describeOutcome(outcome, localization)
      if (refusal !== null) onRefusal(refusal)
      return outcome.ok
    } catch (error) {
      onRefusal(describeFailure(error, localization))
      return false
    }
  }
  const say = (message: string): void => {
    // Emptied first, so that the same sentence twice is announced twice.
    elements.panel.feedback.textContent = ''
    elements.panel.feedback.textContent = message
  }
  const panel: RoundPanel = mountRoundPanel({
    elements: elements.panel,
    localization,
    isFacilitator: options.isFacilitator,
    draft,
    current: () => display,
    send: (command) => send(command, say),
    onFloorGiven: () => addCardForSpeaker(options, readDisplay(), panel, say),
    say,
  })
  const announcer = createAnnouncer(elements.announcer, localization)
  const ticker = createTicker(() => render())

  function render(): void {
    if (options.isFacilitator) draft.followPresent(listPresentSpeakers(awareness.getStates()))
    display = readDisplay()
    renderRoundBar(elements.bar, display, { mayRaiseHand: options.mayRaiseHand, localization, handMessage })
    panel.render(display, nameSpeakers(draft.speakers, names, localization.t('round.unknownName')), hasCollectedCards(options.editor.view.state.doc))
    renderRoundProjection(elements.projection, display, localization)
    // Before the first view, nothing is known yet: a round in progress on arrival is not « starting ».
    if (channel.store.current.view !== null) announcer.follow(display)
    const current = channel.store.current.view?.round?.current ?? null
    ticker.schedule(current === null || current.timer.runningSinceMs === null ? null : msUntilNextSecond(current.timer, channel.store.serverNowMs()))
  }

  const onHandClick = (): void => {
    handMessage = null
    void send({ action: display?.hand === 'raised' ? 'hand-lower' : 'hand-raise' }, (message) => {
      handMessage = message
      render()
    })
  }
  elements.bar.hand.addEventListener('click', onHandClick)
  awareness.on('change', render)
  credits.observe(render)
  const stops = [
    channel.store.onChange(render),
    draft.onChange(render),
    localization.onChange(render),
    options.editor.onDocChange((next, previous) => {
      if (hasCollectedCards(next) !== hasCollectedCards(previous)) render()
    }),
  ]
  render()
  return () => {
    for (const stop of stops) stop()
    elements.bar.hand.removeEventListener('click', onHandClick)
    awareness.off('change', render)
    credits.unobserve(render)
    ticker.stop()
    panel.close()
  }
}

/** After this page gave someone the floor: their card, in a *collecte*, when the box is ticked and the page may write. */
function addCardForSpeaker(options: RoundPageOptions, display: RoundDisplay | null, panel: RoundPanel, say: (message: string) => void): void {
  const speaker = display?.speaker ?? null
  const { view } = options.editor
  if (speaker === null || !panel.addsCards || !options.mayWrite() || !hasCollectedCards(view.state.doc)) return
  // A participant who chose not to be named in the recipe is not named in its text either.
  if (addSpeakerCard(speaker.creditName ?? '')(view.state, view.dispatch)) say(options.localization.t('round.cards.added', { name: speaker.name }))
}

/** Says in `region` (a polite live region) what changed hands; the first display is taken as it is, unsaid. */
function createAnnouncer(region: HTMLElement, localization: Localization): { follow(display: RoundDisplay | null): void } {
  let last: RoundDisplay | null | undefined
  return {
    follow(display) {
      if (last !== undefined) {
        const message = announceRoundChange(last, display, localization)
        if (message !== null) region.textContent = message
      }
      last = display
    },
  }
}

/** Renders again when the clock's text changes, while a speaker's timer runs. */
function createTicker(onTick: () => void): { schedule(delayMs: number | null): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null
  const stop = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
  return {
    schedule(delayMs) {
      stop()
      // A few ms late rather than early: early, the text would not have changed yet.
      if (delayMs !== null) timer = setTimeout(onTick, delayMs + 15)
    },
    stop,
  }
}
