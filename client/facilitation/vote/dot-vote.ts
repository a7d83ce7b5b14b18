/**
 * The dot vote on the pad page (issue 18), put together: it follows the
 * facilitation channel's views and the editor's cards, builds the model
 * (vote-model.ts) and hands it to each part — the control on each card in
 * the editor (vote-card-plugin.ts, whose plugin the editor must be created
 * with), the panel and its list of cards, the facilitator's controls (admin
 * link), the projection's tally — says what changed politely, redraws time
 * boxes every second while one runs, and sends the commands the parts give,
 * showing a refusal where it was asked for: under the card for a dot, in the
 * panel for the facilitator. The server decides everything; this only
 * shows and asks.
 */
import type { Plugin } from 'prosemirror-state'
import type * as Y from 'yjs'
import type { FacilitationCommand } from '../../../shared/facilitation/facilitation-command'
import { Role } from '../../../shared/protocol/roles'
import type { Localization } from '../../i18n/i18n'
import type { FacilitationChannel } from '../facilitation-channel'
import { describeFailure, describeOutcome } from '../refusal-messages'
import { describeVoteChange } from './vote-announcements'
import { createCardControl, type CardControl, type CardControlActions } from './vote-card-control'
import { createVoteCardPlugin, type VoteCardControls } from './vote-card-plugin'
import { sameVoteCards, type VoteCard } from './vote-cards'
import { readVoteFacilitatorElements, readVotePanelElements } from './vote-elements'
import { mountVoteFacilitatorControls } from './vote-facilitator-controls'
import { buildVoteModel, cardVoteState, noVote, type VoteModel } from './vote-model'
import { mountVotePanel } from './vote-panel'
import { mountVoteProjection } from './vote-projection'
import { isTimeBoxTicking } from './vote-time-box'

export interface DotVoteOptions {
  facilitation: FacilitationChannel
  /** The pad's `body` fragment, the editor's. */
  fragment: Y.XmlFragment
  role: Role
  localization: Localization
  /** `#projection`: the tally goes into its layout. */
  projectionDialog: HTMLDialogElement
}

export interface DotVote {
  /** The editor plugin that draws each card's control: give it to the editor when creating it. */
  readonly cardPlugin: Plugin
  /** Stops everything; idempotent. */
  close(): void
}

/** What the parts show, and the last refusal of a dot per card id (shown under that card until a dot goes through). */
interface DotVoteState {
  cards: VoteCard[]
  model: VoteModel
  messages: Map<string, string>
}

export function createDotVote(options: DotVoteOptions): DotVote {
  const { facilitation, localization, role } = options
  const { store } = facilitation
  const state: DotVoteState = { cards: [], model: noVote, messages: new Map() }
  const sendCommand = (command: FacilitationCommand): Promise<string | null> => sendAndDescribe(facilitation, command, localization)

  const sendDot = async (command: Extract<FacilitationCommand, { cardId: string }>): Promise<void> => {
    const refusal = await sendCommand(command)
    if (refusal === null) state.messages.clear()
    else {
      state.messages.set(command.cardId, refusal)
      panel.announce(refusal)
    }
    render()
  }
  const actions: CardControlActions = {
    addDot: (cardId) => void sendDot({ action: 'dot-add', cardId }),
    removeDot: (cardId) => void sendDot({ action: 'dot-remove', cardId }),
  }
  const editorControls = createEditorControls(state, actions, localization)
  const panel = mountVotePanel(readVotePanelElements(), actions, role === Role.admin)
  const facilitator =
    role === Role.admin
      ? mountVoteFacilitatorControls(readVoteFacilitatorElements(), localization, (command) => {
          panel.showFeedback(null)
          void sendCommand(command).then((refusal) => panel.showFeedback(refusal))
        })
      : null
  const projection = mountVoteProjection(options.projectionDialog)
  const ticker = createTicker(() => {
    panel.renderTimeBox(state.model, store.serverNowMs(), localization)
    projection.renderTimeBox(state.model, store.serverNowMs(), localization)
  })

  const render = (): void => {
    const { model, messages } = state
    const nowMs = store.serverNowMs()
    editorControls.render()
    panel.render({ model, messages, words: localization, nowMs })
    facilitator?.render(model)
    projection.render(model, nowMs, localization)
    ticker.follow(model.phase === 'open' && isTimeBoxTicking(model.timer))
  }
  const refresh = (): void => {
    const next = buildVoteModel(store.current.view, state.cards, role)
    const news = describeVoteChange(state.model, next, localization)
    if (next.phase !== 'open' || state.model.phase !== 'open' || next.voteId !== state.model.voteId) state.messages.clear()
    state.model = next
    render()
    if (news !== null) panel.announce(news)
  }

  const cardPlugin = createVoteCardPlugin({
    fragment: options.fragment,
    controls: editorControls,
    onCards(next) {
      if (sameVoteCards(state.cards, next)) return
      state.cards = next
      refresh()
    },
  })
  const stopStore = store.onChange(refresh)
  const stopLocalization = localization.onChange(render)
  refresh()

  let isClosed = false
  return {
    cardPlugin,
    close() {
      if (isClosed) return
      isClosed = true
      stopStore()
      stopLocalization()
      ticker.follow(false)
      panel.destroy()
      facilitator?.destroy()
      projection.destroy()
    },
  }
}

/** Sends `command`; resolves with the sentence for its refusal or for why no reply came, null when it went through. */
async function sendAndDescribe(facilitation: FacilitationChannel, command: FacilitationCommand, localization: Localization): Promise<string | null> {
  try {
    return describeOutcome(await facilitation.send(command), localization)
  } catch (error) {
    return describeFailure(error, localization)
  }
}

/** The card controls the editor's widgets show: made on demand, each drawn from `state`, all redrawn by `render`. */
function createEditorControls(state: DotVoteState, actions: CardControlActions, localization: Localization): VoteCardControls & { render(): void } {
  const controls = new Map<HTMLElement, CardControl>()
  const draw = (control: CardControl): void =>
    control.render(cardVoteState(state.model, control.cardId), state.messages.get(control.cardId) ?? null, localization)
  return {
    create(cardId) {
      const control = createCardControl(cardId, 'editor', actions)
      controls.set(control.element, control)
      draw(control)
      return control.element
    },
    release(element) {
      controls.get(element)?.destroy()
      controls.delete(element)
    },
    render() {
      for (const control of controls.values()) draw(control)
    },
  }
}

/** Calls `tick` every second while told to (`follow(true)`); `follow(false)` stops it. */
function createTicker(tick: () => void): { follow(isTicking: boolean): void } {
  let interval: ReturnType<typeof setInterval> | null = null
  return {
    follow(isTicking) {
      if (isTicking && interval === null) interval = setInterval(tick, 1000)
      if (!isTicking && interval !== null) {
        clearInterval(interval)
        interval = null
      }
    },
  }
}
