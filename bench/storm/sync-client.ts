/**
 * A participant of the storm scenarios, doing what a stock provider does
 * over the server's wire dialect (load/wire.ts) with a real Y.Doc: on open,
 * its token (Hocuspocus), its sync step 1 and its presence; it answers the
 * server's step 1 with what the server lacks — offline edits included —
 * applies the server's step 2 and every update, and sends its own edits
 * while connected. It can drop its connection as a lost Wi-Fi does (no
 * closing handshake) and open a new one. Unlike the load clients it decodes
 * everything: there are tens of them, and what is timed is a client holding
 * the pad. It does not decide when to connect or what to type (storm.ts).
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { PadTarget } from '../load/load-client'
import { createPresenceEncoder } from '../load/presence'
import { createWireCodec, FrameKind, readFrame, readPayload, type Dialect, type WireCodec } from '../load/wire'

/**
 * One connection's way to synced, in ms. Only `answerMs` is the server's
 * doing alone; the opening handshake is both sides', and applying the state
 * is the client's own work, the same whatever server sent it.
 */
export interface SyncTiming {
  /** From the connection attempt until the server's sync step 2 was applied and the doc held the pad as it was built. */
  syncedMs: number
  /** From the attempt until the WebSocket was open. */
  openingMs: number
  /** From the client's sync step 1 sent (on open) until the server's step 2 arrived (or the later frame that completed the pad). */
  answerMs: number
  /** Applying that frame to the client's Y.Doc. */
  applyMs: number
}

export interface SyncClient {
  readonly doc: Y.Doc
  readonly isConnected: boolean
  /**
   * Opens a connection; resolves once the server's sync step 2 was applied
   * and the doc holds `pad` (each writer's clock), with the time it took and
   * its parts. A server whose step 2 lacks part of the pad (one still loading
   * it from its store) is not synced until the rest arrives: a page would
   * show an incomplete pad until then.
   */
  connect(timeoutMs: number, pad?: ReadonlyMap<number, number>): Promise<SyncTiming>
  /** Drops the connection without a closing handshake, as a lost network does. */
  drop(): void
  /** Appends `text` to the client's own paragraph (created on the first call), sent at once when connected. */
  type(text: string): void
  close(): void
}

const fromServer = Symbol('server')

/**
 * Handles one server frame for a client holding `doc`: answers a step 1,
 * applies a step 2 or an update; says when a step 2 arrived or the server
 * refused the client.
 */
function handleServerFrame(data: Buffer, codec: WireCodec, doc: Y.Doc, ws: WebSocket): 'step 2' | 'refused' | null {
  const { kind, offset } = readFrame(data, codec.headerBytes)
  switch (kind) {
    case FrameKind.syncStep1:
      ws.send(codec.syncStep2(Y.encodeStateAsUpdate(doc, readPayload(data, offset))))
      return null
    case FrameKind.update:
      Y.applyUpdate(doc, readPayload(data, offset), fromServer)
      return null
    case FrameKind.syncStep2:
      Y.applyUpdate(doc, readPayload(data, offset), fromServer)
      return 'step 2'
    case FrameKind.refused:
      return 'refused'
    default:
      return null
  }
}

export function createSyncClient(dialect: Dialect, target: PadTarget, name: string, doc = new Y.Doc()): SyncClient {
  const codec = createWireCodec(dialect, target.documentName)
  const encodePresence = createPresenceEncoder(doc.clientID, { name, color: '#30bced' })
  let socket: WebSocket | null = null
  /** Whether the server's step 2 arrived on the current connection: the client's own edits go out from then on. */
  let isSynced = false
  let presenceClock = 0
  let paragraph: Y.XmlText | null = null
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== fromServer && socket?.readyState === WebSocket.OPEN && isSynced) socket.send(codec.update(update))
  })
  const connect = (timeoutMs: number, pad: ReadonlyMap<number, number> = new Map()): Promise<SyncTiming> => {
    const started = performance.now()
    let openedAt = Number.NaN
    isSynced = false
    let hasResolved = false
    const ws = new WebSocket(target.url, { perMessageDeflate: false })
    socket = ws
    ws.binaryType = 'nodebuffer'
    return new Promise<SyncTiming>((resolve, reject) => {
      const fail = (error: Error): void => {
        clearTimeout(timer)
        reject(error)
      }
      const timer = setTimeout(() => fail(new Error(`${name}: not synced after ${timeoutMs} ms`)), timeoutMs)
      ws.on('open', () => {
        openedAt = performance.now()
        for (const frame of codec.opening()) ws.send(frame)
        ws.send(codec.syncStep1(Y.encodeStateVector(doc)))
        presenceClock += 1
        ws.send(codec.awareness(encodePresence(presenceClock, presenceClock)))
      })
      ws.on('message', (data: Buffer) => {
        const arrivedAt = performance.now()
        let outcome: ReturnType<typeof handleServerFrame>
        try {
          outcome = handleServerFrame(data, codec, doc, ws)
        } catch (error) {
          // A frame this client cannot read fails its connection (and so counts as lost), not the whole run.
          fail(new Error(`${name}: could not read a frame: ${error instanceof Error ? error.message : String(error)}`))
          ws.terminate()
          return
        }
        if (outcome === 'refused') fail(new Error(`${name}: the server refused the connection`))
        if (outcome === 'step 2') isSynced = true
        if (!isSynced || hasResolved || !holdsAll(doc, pad)) return
        const syncedAt = performance.now()
        hasResolved = true
        clearTimeout(timer)
        resolve({ syncedMs: syncedAt - started, openingMs: openedAt - started, answerMs: arrivedAt - openedAt, applyMs: syncedAt - arrivedAt })
      })
      ws.on('error', fail)
      ws.on('close', (code) => {
        if (!hasResolved) fail(new Error(`${name}: closed (${code}) before syncing`))
      })
    })
  }
  return {
    doc,
    get isConnected() {
      return socket?.readyState === WebSocket.OPEN
    },
    connect,
    drop() {
      socket?.terminate()
      socket = null
      isSynced = false
    },
    type(text) {
      if (paragraph === null) {
        const element = new Y.XmlElement('paragraph')
        paragraph = new Y.XmlText()
        element.insert(0, [paragraph])
        const body = doc.getXmlFragment('body')
        body.insert(body.length, [element])
      }
      paragraph.insert(paragraph.length, text)
    },
    close() {
      socket?.terminate()
      socket = null
      doc.destroy()
    },
  }
}

/** Whether `doc` holds everything each writer wrote: its state for each writer's client id reaches that writer's clock. */
export function holdsAll(doc: Y.Doc, writers: ReadonlyMap<number, number>): boolean {
  if (doc.store.pendingStructs !== null) return false
  for (const [client, clock] of writers) if (Y.getState(doc.store, client) < clock) return false
  return true
}
