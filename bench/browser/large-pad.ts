/**
 * The 1 MB pad of the cold-load and browser scenarios, built through the
 * server under test as a long workshop would build it: 20,000 small updates
 * (a paragraph of `body` every 10 updates, 50 characters each, ~1 MB of
 * text), written by one client holding a real Y.Doc over that server's wire
 * dialect. It also says how to recognise the full state on the other side:
 * the builder's clock, which a loading client's doc must reach.
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { PadTarget } from '../load/load-client'
import { createWireCodec, FrameKind, readFrame, type Dialect } from '../load/wire'

export const largePad = {
  updates: 20_000,
  updatesPerParagraph: 10,
  charactersPerUpdate: 50,
  /** The last paragraph ends with this, so that a page can tell it has everything. */
  endMark: 'FIN-DU-PAD',
}

export interface BuiltPad {
  /** Yjs client id of the builder: a doc holds the whole pad once its state for this id reaches `clock`. */
  builderClientId: number
  clock: number
  paragraphs: number
  characters: number
  /** Bytes of the pad's state as one update (Y.encodeStateAsUpdate). */
  stateBytes: number
  buildSeconds: number
}

const words = ['atelier', 'tiers-lieu', 'recette', 'collecte', 'innovation', 'sociale', 'territoire', 'porteuse', 'projet', 'commune']

/** 50 characters of plausible text for update `index`. */
function textOf(index: number): string {
  let text = ''
  for (let word = index; text.length < largePad.charactersPerUpdate; word += 7) text += `${words[word % words.length]} `
  return text.slice(0, largePad.charactersPerUpdate)
}

/** The updates that make a pad of about `kilobytes` of text, in the large pad's shape (50 characters each). */
export function updatesForKilobytes(kilobytes: number): number {
  return Math.max(1, Math.round((kilobytes * 1000) / largePad.charactersPerUpdate))
}

/** Builds the pad through the server; `updates` makes it smaller than the 1 MB pad (the same shape, fewer paragraphs). */
export async function buildLargePad(dialect: Dialect, target: PadTarget, timeoutMs = 180_000, updates: number = largePad.updates): Promise<BuiltPad> {
  const codec = createWireCodec(dialect, target.documentName)
  const doc = new Y.Doc()
  const socket = new WebSocket(target.url, { perMessageDeflate: false })
  const started = performance.now()
  const deadline = started + timeoutMs
  let syncedCount = 0
  let failure: Error | null = null
  socket.binaryType = 'nodebuffer'
  socket.on('message', (data: Buffer) => {
    const { kind } = readFrame(data, codec.headerBytes)
    // A y-websocket server's step 1 needs no answer from a builder that starts empty; the step 2s count.
    if (kind === FrameKind.syncStep2) syncedCount += 1
    if (kind === FrameKind.refused) failure = new Error('the server refused the builder')
  })
  socket.on('error', (error) => (failure = error))
  socket.on('close', (code) => (failure ??= new Error(`the builder was closed (${code})`)))
  const waitFor = async (what: string, check: () => boolean): Promise<void> => {
    while (!check()) {
      if (failure !== null) throw failure
      if (performance.now() > deadline) throw new Error(`building the large pad: timed out waiting for ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    for (const frame of codec.opening()) socket.send(frame)
    socket.send(codec.syncStep1(Y.encodeStateVector(doc)))
    await waitFor('the first sync', () => syncedCount >= 1)

    const pending: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => pending.push(update))
    const body = doc.getXmlFragment('body')
    let paragraph: Y.XmlText | null = null
    for (let index = 0; index < updates; index++) {
      const isLast = index === updates - 1
      const text = isLast ? `${textOf(index).slice(0, largePad.charactersPerUpdate - largePad.endMark.length)}${largePad.endMark}` : textOf(index)
      if (index % largePad.updatesPerParagraph === 0) {
        const element = new Y.XmlElement('paragraph')
        paragraph = new Y.XmlText()
        paragraph.insert(0, text)
        element.insert(0, [paragraph])
        body.insert(body.length, [element])
      } else {
        paragraph?.insert(paragraph.length, text)
      }
      for (const update of pending.splice(0)) socket.send(codec.update(update))
      // Keep at most ~1 MB queued in this process; the server reads at its own pace.
      if (socket.bufferedAmount > 1024 * 1024) await waitFor('the socket to drain', () => socket.bufferedAmount < 256 * 1024)
    }
    // Messages on one connection are handled in order: the answer to this
    // step 1 comes once every update before it has been applied.
    socket.send(codec.syncStep1(Y.encodeStateVector(doc)))
    await waitFor('the server to apply every update', () => syncedCount >= 2)
    return {
      builderClientId: doc.clientID,
      clock: Y.getState(doc.store, doc.clientID),
      paragraphs: body.length,
      characters: updates * largePad.charactersPerUpdate,
      stateBytes: Y.encodeStateAsUpdate(doc).length,
      buildSeconds: (performance.now() - started) / 1000,
    }
  } finally {
    socket.close()
    doc.destroy()
  }
}

/** Whether `doc` holds everything the builder wrote. */
export function hasWholePad(doc: Y.Doc, pad: BuiltPad): boolean {
  return Y.getState(doc.store, pad.builderClientId) >= pad.clock && doc.store.pendingStructs === null
}
