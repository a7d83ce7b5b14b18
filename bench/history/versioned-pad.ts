/**
 * The pad of the history panel's browser figures: the 1 MB bench pad
 * (bench/browser/large-pad.ts) with 100 named versions, built through a
 * running server of ours as a facilitator and a participant would build it.
 * After the 1 MB build, a second writer holding the whole pad makes one small
 * edit (a mark such as ` [v42]` at the end of a paragraph, the paragraphs
 * spread over the pad, never the last one) and the admin link names the pad
 * as it then is (`POST /api/pads/<admin key>/versions { name }`), 100 times.
 * Named versions, not automatic checkpoints: they are taken when asked, so the
 * count is exact and the set-up takes seconds, and they are never thinned.
 * Each version thus differs from the one before by exactly its own mark,
 * which is how a page can tell that a version's preview shows its diff.
 * It measures nothing.
 */
import { randomBytes } from 'node:crypto'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { bodyFragmentName } from '../../shared/pad/schema'
import type { CreatePadResponse, PadVersionsResponse } from '../../shared/protocol/api'
import { encodeParticipantSecret, participantSecretParam } from '../../shared/protocol/participant-id'
import { buildLargePad, type BuiltPad } from '../browser/large-pad'
import type { PadTarget } from '../load/load-client'
import { createWireCodec, FrameKind, readFrame, readPayload } from '../load/wire'
import type { BenchServer } from '../server-process'

export const versionedPad = {
  /** The figure: « the 1 MB bench pad with 100 versions ». */
  versions: 100,
  timeoutMs: 60_000,
}

/** One named version, as the page lists it. */
export interface BenchVersion {
  id: string
  /** The edit made just before it (its diff against the version before); null for the oldest, which has none before it. */
  mark: string | null
}

export interface VersionedPad {
  editKey: string
  pad: BuiltPad
  /** Newest first, as the server lists them and the panel shows them. */
  versions: BenchVersion[]
  setupSeconds: number
}

/** The text the edit before version `index` (1 = oldest) inserts. */
export function markOf(index: number): string {
  return ` [v${index}]`
}

/** Which paragraph the edit before version `index` goes into: spread over the pad, never the last one (it holds the end mark). */
export function paragraphOf(index: number, versions: number, paragraphs: number): number {
  return Math.floor(((index - 0.5) / versions) * (paragraphs - 1))
}

/**
 * Creates a pad on `server`, builds the 1 MB pad in it, then makes its
 * versions; `server` must take no automatic checkpoints
 * (CHECKPOINT_ACTIVITY_MS=0), so that the listing holds exactly these.
 */
export async function buildVersionedPad(server: BenchServer): Promise<VersionedPad> {
  const started = performance.now()
  const created = await createPad(server)
  const pad = await buildLargePad('y-websocket', writerTarget(server, created.keys.edit))
  const writer = await openPadWriter(writerTarget(server, created.keys.edit))
  try {
    const body = writer.doc.getXmlFragment(bodyFragmentName)
    if (body.length !== pad.paragraphs) throw new Error(`the writer holds ${body.length} paragraphs, the builder wrote ${pad.paragraphs}`)
    for (let index = 1; index <= versionedPad.versions; index++) {
      await writer.write(() => {
        const paragraph = body.get(paragraphOf(index, versionedPad.versions, pad.paragraphs))
        const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
        if (!(text instanceof Y.XmlText)) throw new Error('a paragraph of the large pad holds no text')
        text.insert(text.length, markOf(index))
      })
      await nameVersion(server, created.keys.admin, `Banc ${index}`)
    }
  } finally {
    writer.close()
  }
  // Newest first: « Banc 100 » … « Banc 1 », and nothing else (the server this runs on takes no automatic checkpoints).
  const listed = await listVersions(server, created.keys.edit)
  const names = listed.map((version) => version.name).join(', ')
  if (listed.length !== versionedPad.versions || listed.some((version, position) => version.name !== `Banc ${listed.length - position}`)) {
    throw new Error(`the pad lists ${listed.length} versions (${names.slice(0, 200)}), expected the ${versionedPad.versions} named ones, newest first`)
  }
  const versions = listed.map((version, position) => ({ id: version.id, mark: position === listed.length - 1 ? null : markOf(listed.length - position) }))
  return { editKey: created.keys.edit, pad, versions, setupSeconds: (performance.now() - started) / 1000 }
}

async function createPad(server: BenchServer): Promise<CreatePadResponse> {
  const response = await fetch(`${server.httpUrl}/api/pads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Banc historique', template: 'blank' }),
  })
  if (response.status !== 201) throw new Error(`POST /api/pads answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as CreatePadResponse
}

/** A writer connection: the edit key, and a participant of its own (the relay refuses edit connections without one). */
function writerTarget(server: BenchServer, editKey: string): PadTarget {
  return { url: `${server.wsUrl}/ws/${editKey}?${participantSecretParam}=${encodeParticipantSecret(randomBytes(32))}`, documentName: '' }
}

async function nameVersion(server: BenchServer, adminKey: string, name: string): Promise<void> {
  const response = await fetch(`${server.httpUrl}/api/pads/${adminKey}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  })
  if (response.status !== 201) throw new Error(`naming a version answered ${response.status}: ${await response.text()}`)
}

export async function listVersions(server: BenchServer, key: string): Promise<PadVersionsResponse['versions']> {
  const response = await fetch(`${server.httpUrl}/api/pads/${key}/versions`)
  if (response.status !== 200) throw new Error(`listing the versions answered ${response.status}: ${await response.text()}`)
  return ((await response.json()) as PadVersionsResponse).versions
}

interface PadWriter {
  /** The whole pad, as the server sent it, with this writer's edits. */
  doc: Y.Doc
  /** Applies `edit` to `doc`, sends it, and resolves once the server has applied it. */
  write(edit: () => void): Promise<void>
  close(): void
}

/**
 * A participant's connection over the wire (the y-websocket dialect) holding
 * the whole pad. A sync step 1 sent after an update is answered once the
 * server has applied everything before it (it handles a connection's
 * messages in order): that answer is the acknowledgement `write` waits for,
 * so that the version named next holds the edit.
 */
async function openPadWriter(target: PadTarget): Promise<PadWriter> {
  const codec = createWireCodec('y-websocket', target.documentName)
  const doc = new Y.Doc()
  const socket = new WebSocket(target.url, { perMessageDeflate: false })
  const fromServer = Symbol('server')
  let answers = 0
  let failure: Error | null = null
  socket.binaryType = 'nodebuffer'
  socket.on('message', (data: Buffer) => {
    const { kind, offset } = readFrame(data, codec.headerBytes)
    if (kind === FrameKind.syncStep2 || kind === FrameKind.update) Y.applyUpdate(doc, readPayload(data, offset), fromServer)
    if (kind === FrameKind.syncStep2) answers += 1
  })
  socket.on('error', (error) => (failure = error))
  socket.on('close', (code) => (failure ??= new Error(`the writer was closed (${code})`)))
  const outgoing: Uint8Array[] = []
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== fromServer) outgoing.push(update)
  })
  const waitForAnswer = async (what: string): Promise<void> => {
    const expected = answers + 1
    socket.send(codec.syncStep1(Y.encodeStateVector(doc)))
    const deadline = performance.now() + versionedPad.timeoutMs
    while (answers < expected) {
      if (failure !== null) throw failure
      if (performance.now() > deadline) throw new Error(`the pad writer timed out waiting for ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  }
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  try {
    await waitForAnswer('the whole pad')
  } catch (error) {
    socket.close()
    doc.destroy()
    throw error
  }
  return {
    doc,
    async write(edit) {
      doc.transact(edit)
      for (const update of outgoing.splice(0)) socket.send(codec.update(update))
      await waitForAnswer('the server to apply an edit')
    },
    close() {
      socket.close()
      doc.destroy()
    },
  }
}
