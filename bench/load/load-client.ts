/**
 * One simulated participant on a real WebSocket (raw-websocket.ts), speaking a stock provider's
 * protocol (wire.ts): it opens with a sync step 1, answers the server's step 1
 * with a step 2, and announces its presence. A typist holds a real Y.Doc with
 * the pad's state, owns one paragraph of the `body` fragment (the shape
 * y-prosemirror writes) and types timestamped text into it; everyone moves a
 * cursor (an awareness update shaped like y-prosemirror's).
 *
 * Receivers do not apply the updates they get: that is the browser's cost,
 * not the server's, and thousands of Y.Docs applying every update would make
 * this process the bottleneck. They scan each update for latency markers and
 * count awareness entries instead, reading the bytes where the socket put
 * them. A typist's Y.Doc only joins the pad and starts its paragraph: what it
 * types after that is encoded directly (typed-update.ts), and presence from a
 * per-client template (presence.ts). It does not schedule anything (load.ts).
 */
import * as Y from 'yjs'
import type { LatencyHistogram } from './latency-histogram'
import { clockTenths, formatMarker, scanMarkers } from './latency-marker'
import { createPresenceEncoder } from './presence'
import { connectRawSocket, type RawSocket } from './raw-websocket'
import { encodeAppend, type TypingPosition } from './typed-update'
import { FrameKind, readAwarenessHead, readFrame, readPayload, type WireCodec } from './wire'

/** Where one pad is reached: the socket URL and, for Hocuspocus, the document name every frame carries. */
export interface PadTarget {
  url: string
  documentName: string
}

export interface ClientPlan {
  /** Unique in the run; also the sender id in latency markers. */
  id: number
  isTypist: boolean
  target: PadTarget
}

/** What every client of a load process adds to; the runner opens and closes the counting window. */
export interface Deliveries {
  histogram: LatencyHistogram
  /** Markers sent in [windowStart, windowEnd) (tenths of ms since the epoch) are counted when they arrive. */
  windowStartTenths: number
  windowEndTenths: number
  /** Awareness entries are counted while this is set (they carry no timestamp). */
  isCountingAwareness: boolean
  deliveredUpdates: number
  deliveredAwareness: number
  framesReceived: number
  /** Connections that closed after they had synced. */
  dropped: number
  errors: string[]
}

export interface LoadClient {
  readonly plan: ClientPlan
  readonly isOpen: boolean
  /** Resolves once the server's sync step 2 has arrived (and a typist's paragraph is sent). */
  connect(timeoutMs: number): Promise<void>
  /** Types one timestamped piece of text; returns its send time in tenths of ms, or null when closed. */
  type(): number | null
  /** Sends one presence update (a cursor move). Returns false when closed. */
  moveCursor(): boolean
  close(): void
}

export interface LoadClientOptions {
  epochMs: number
  /** Whether the client sends its presence when it joins (a stock provider with a user set does). */
  announcesPresence: boolean
}

const colors: readonly string[] = ['#30bced', '#6eeb83', '#ffbc42', '#ecd444', '#ee6352', '#9ac2c9', '#8acb88', '#1be7ff']
const remoteOrigin = Symbol('remote')
/** The state vector and update of an empty Y.Doc: what a reader without local content sends. */
const emptyStateVector = Y.encodeStateVector(new Y.Doc())
const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc())
/** Text typed with each marker, so that updates have the size of a few keystrokes, not of the marker alone. */
const typedWords = ['atelier ', 'tiers-lieu ', 'recette ', 'collecte ', 'initiative ', 'territoire ']

export function createLoadClient(plan: ClientPlan, codec: WireCodec, deliveries: Deliveries, options: LoadClientOptions): LoadClient {
  const doc = plan.isTypist ? new Y.Doc() : null
  const clientId = doc?.clientID ?? Math.floor(Math.random() * 0xffffffff)
  const encodePresence = createPresenceEncoder(clientId, { name: `Participant ${plan.id}`, color: colors[plan.id % colors.length] as string })
  let paragraphText: Y.XmlText | null = null
  /** Where the next typed text goes, once the paragraph holds the first (typed with the Y.Doc). */
  let typing: TypingPosition | null = null
  /** Updates typed past the Y.Doc, applied to it only if the server asks for the client's state again. */
  let typedPastDoc: Uint8Array[] = []
  let socket: RawSocket | null = null
  let isSynced = false
  let awarenessClock = 0
  let cursor = 0
  let typed = 0
  /** Arrival time of the update being scanned, read once per frame and only if it holds a counted marker. */
  let frameNow = -1

  const send = (frame: Uint8Array): boolean => {
    if (socket === null || !socket.isOpen) return false
    socket.send(frame)
    return true
  }

  doc?.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== remoteOrigin) send(codec.update(update))
  })

  const presence = (): Uint8Array => {
    awarenessClock += 1
    cursor += 1
    return codec.awareness(encodePresence(awarenessClock, cursor))
  }

  const onMarker = (sender: number, time: number): void => {
    if (sender === plan.id || time < deliveries.windowStartTenths || time >= deliveries.windowEndTenths) return
    if (frameNow < 0) frameNow = clockTenths(options.epochMs)
    deliveries.deliveredUpdates += 1
    deliveries.histogram.record((frameNow - time) / 10)
  }

  const countAwareness = (frame: Uint8Array, offset: number): void => {
    if (!deliveries.isCountingAwareness) return
    const { count, firstClientId } = readAwarenessHead(frame, offset)
    // Servers send a client's own presence back to it: not a delivery.
    deliveries.deliveredAwareness += count === 1 && firstClientId === clientId ? 0 : count
  }

  /** The client's whole state for a server's sync step 1: a reader has none; a typist's doc catches up first. */
  const answerStateRequest = (stateVector: Uint8Array): Uint8Array => {
    if (doc === null) return emptyUpdate
    for (const update of typedPastDoc) Y.applyUpdate(doc, update, remoteOrigin)
    typedPastDoc = []
    if (typing !== null) typing = { client: doc.clientID, nextClock: Y.getState(doc.store, doc.clientID) }
    return Y.encodeStateAsUpdate(doc, stateVector)
  }

  return {
    plan,
    get isOpen() {
      return socket?.isOpen ?? false
    },
    connect(timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        let settled = false
        const fail = (reason: string): void => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          reject(new Error(`client ${plan.id}: ${reason}`))
        }
        const succeed = (): void => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          resolve()
        }
        const onMessage = (data: Buffer, start: number, end: number): void => {
          deliveries.framesReceived += 1
          const { kind, offset } = readFrame(data, codec.headerBytes, start)
          switch (kind) {
            case FrameKind.update:
              frameNow = -1
              scanMarkers(data, offset, end, onMarker)
              return
            case FrameKind.awareness:
              countAwareness(data, offset)
              return
            case FrameKind.syncStep1:
              send(codec.syncStep2(answerStateRequest(doc === null ? emptyStateVector : readPayload(data, offset))))
              return
            case FrameKind.syncStep2:
              if (isSynced) return
              isSynced = true
              if (doc !== null) {
                Y.applyUpdate(doc, readPayload(data, offset), remoteOrigin)
                // The typist's own paragraph, appended to what the pad holds.
                const paragraph = new Y.XmlElement('paragraph')
                paragraphText = new Y.XmlText()
                paragraph.insert(0, [paragraphText])
                const body = doc.getXmlFragment('body')
                body.insert(body.length, [paragraph])
              }
              succeed()
              return
            case FrameKind.refused:
              fail('the server refused the connection')
              return
            default:
              return
          }
        }
        const raw = connectRawSocket(
          plan.target.url,
          {
            onOpen() {
              for (const frame of codec.opening()) send(frame)
              send(codec.syncStep1(doc === null ? emptyStateVector : Y.encodeStateVector(doc)))
              if (options.announcesPresence) send(presence())
            },
            onMessage,
            onMessageHead(data, start) {
              // A presence frame of many entries is counted from its head; its rest need not be copied.
              const { kind, offset } = readFrame(data, codec.headerBytes, start)
              if (kind !== FrameKind.awareness) return false
              deliveries.framesReceived += 1
              countAwareness(data, offset)
              return true
            },
            onClose(code, reason) {
              if (isSynced) {
                deliveries.dropped += 1
                if (deliveries.errors.length < 10) deliveries.errors.push(`client ${plan.id} closed by the server: ${code} ${reason}`)
              }
              fail(`closed before syncing: ${code} ${reason}`)
            },
            onError(error) {
              fail(error.message)
            },
          },
          timeoutMs,
        )
        socket = raw
        const timer = setTimeout(() => {
          fail(`not synced after ${timeoutMs} ms`)
          raw.terminate()
        }, timeoutMs)
      })
    },
    type() {
      if (paragraphText === null || doc === null || socket?.isOpen !== true) return null
      const time = clockTenths(options.epochMs)
      typed += 1
      const text = `${typedWords[typed % typedWords.length]}${formatMarker(plan.id, time)} `
      if (typing === null) {
        // The paragraph's first text, through Yjs; every later one is appended after it (typed-update.ts).
        paragraphText.insert(paragraphText.length, text)
        typing = { client: doc.clientID, nextClock: Y.getState(doc.store, doc.clientID) }
      } else {
        const { update, next } = encodeAppend(typing, text)
        typing = next
        typedPastDoc.push(update)
        send(codec.update(update))
      }
      return time
    },
    moveCursor() {
      return send(presence())
    },
    close() {
      socket?.terminate()
      doc?.destroy()
    },
  }
}
