/**
 * The server as a child process, stopped in the two ways a host stops it
 * (DESIGN.md, "Durability"): `kill -9` in the middle of a burst of writes
 * from several clients loses nothing that anyone saw relayed, and SIGTERM
 * closes every connection with 1001, exits 0 and keeps everything written.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../shared/protocol/close-codes'
import { decodeMessage, encodeMessage } from '../shared/protocol/messages'
import {
  closeCode,
  connectClient,
  connectRaw,
  createTestPad,
  hasPending,
  makeTempDir,
  startServerProcess,
  syncedWithin,
  waitUntil,
  whenJoined,
  type RawClient,
  type ServerProcess,
  type TestClient,
} from './testing/harness'

const processes: ServerProcess[] = []
const clients: TestClient[] = []
const raws: RawClient[] = []

afterEach(() => {
  for (const raw of raws.splice(0)) raw.socket.terminate()
  for (const client of clients.splice(0)) client.destroy()
  for (const server of processes.splice(0)) server.child.kill('SIGKILL')
})

async function startProcess(dataDir: string): Promise<ServerProcess> {
  const server = await startServerProcess(dataDir)
  processes.push(server)
  return server
}

function client(server: ServerProcess, key: string): TestClient {
  const made = connectClient(server.wsUrl, key)
  clients.push(made)
  return made
}

/** Stops the stock clients, so that none reconnects to the next server and sends what it holds. */
function destroyClients(): void {
  for (const made of clients.splice(0)) made.destroy()
}

async function exitedWithin(server: ServerProcess, timeoutMs = 10_000): Promise<number | NodeJS.Signals | null> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the server had not exited after ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    return await Promise.race([server.exited, timeout])
  } finally {
    clearTimeout(timer)
  }
}

const markerPattern = /<w(\d):(\d+)>/g

function markersIn(text: string): string[] {
  return text.match(markerPattern) ?? []
}

describe('shutdown', () => {
  it('keeps every update relayed to anyone when killed with SIGKILL in the middle of a burst from three writers', async () => {
    const perWriter = 500
    const killAfterSeen = 300
    const dataDir = makeTempDir()
    const first = await startProcess(dataDir)
    const pad = await createTestPad(first.url)
    const writers = [0, 1, 2].map(() => client(first, pad.keys.edit))
    const observer = client(first, pad.keys.view)
    await Promise.all([...writers, observer].map((c) => syncedWithin(c)))
    let observerClosed = false
    observer.provider.on('connection-close', () => (observerClosed = true))

    let isKilled = false
    observer.text.observe(() => {
      if (!isKilled && markersIn(observer.text.toString()).length >= killAfterSeen) {
        isKilled = true
        first.child.kill('SIGKILL')
      }
    })
    // Interleaved, each writer at the end of its own text: concurrent
    // inserts at the ends never split another writer's marker.
    // In small steps: the server stores what arrives in one turn as one
    // batch, and a burst sent at once would reach the observer whole.
    for (let i = 0; i < perWriter && !isKilled; i++) {
      for (const [w, writer] of writers.entries()) writer.text.insert(writer.text.length, `<w${w}:${i}>`)
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 1))
    }
    expect(await exitedWithin(first)).toBe('SIGKILL')
    // Whatever the server sent before dying has been read once the socket reports its end.
    await waitUntil('the observer saw the connection end', () => observerClosed)
    const seen = markersIn(observer.text.toString())
    destroyClients()

    const second = await startProcess(dataDir)
    const reader = client(second, pad.keys.view)
    await syncedWithin(reader)
    const recovered = markersIn(reader.text.toString())
    const recoveredSet = new Set(recovered)
    console.log(`SIGKILL: the observer saw ${seen.length} of ${3 * perWriter} markers; ${recovered.length} were stored`)
    expect(seen.length).toBeGreaterThanOrEqual(killAfterSeen)
    expect(seen.length).toBeLessThan(3 * perWriter)
    // All three writers were in the burst the observer saw.
    expect(new Set(seen.map((marker) => marker.slice(0, 3)))).toEqual(new Set(['<w0', '<w1', '<w2']))
    expect(seen.filter((marker) => !recoveredSet.has(marker))).toEqual([])
    expect(recoveredSet.size).toBe(recovered.length)
    expect(hasPending(reader.doc)).toBe(false)
  })

  it('closes every connection with 1001 on SIGTERM, exits 0, and keeps everything written before', async () => {
    const dataDir = makeTempDir()
    const first = await startProcess(dataDir)
    const pad = await createTestPad(first.url)
    const other = await createTestPad(first.url)
    const writer = client(first, pad.keys.edit)
    const neighbour = client(first, other.keys.edit)
    await Promise.all([syncedWithin(writer), syncedWithin(neighbour)])
    const stockCloses: number[] = []
    for (const stock of [writer, neighbour]) {
      stock.provider.on('connection-close', (event: { code: number } | null) => stockCloses.push(event?.code ?? -1))
    }
    writer.text.insert(0, 'écrit avant l\'arrêt. ')
    neighbour.text.insert(0, 'le pad voisin aussi')
    const observer = client(first, pad.keys.view)
    const neighbourObserver = client(first, other.keys.view)
    await waitUntil('the observers see both writes', () =>
      observer.text.toString() === 'écrit avant l\'arrêt. ' && neighbourObserver.text.toString() === 'le pad voisin aussi',
    )

    const connections = [pad.keys.edit, pad.keys.view, pad.keys.admin, other.keys.view].map((key) => {
      const raw = connectRaw(first.wsUrl, key)
      raws.push(raw)
      return raw
    })
    await Promise.all(connections.map((raw) => whenJoined(raw)))
    // A raw write, acknowledged as stored before the signal.
    const rawWriter = connections[0] as RawClient
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'acquitté. ')
    rawWriter.socket.send(encodeMessage({ type: 'update', update: Y.encodeStateAsUpdate(doc) }))
    await waitUntil('the raw write is acknowledged', () => rawWriter.frames.some((frame) => decodeMessage(frame).type === 'stored'))

    first.child.kill('SIGTERM')
    const codes = await Promise.all(connections.map((raw) => closeCode(raw, 10_000)))
    expect(codes).toEqual(connections.map(() => CloseCode.goingAway))
    expect(await exitedWithin(first)).toBe(0)
    await waitUntil('both stock clients saw their close', () => stockCloses.length >= 2)
    expect(stockCloses.slice(0, 2)).toEqual([CloseCode.goingAway, CloseCode.goingAway])
    destroyClients()

    const second = await startProcess(dataDir)
    const reader = client(second, pad.keys.view)
    const neighbourReader = client(second, other.keys.view)
    await Promise.all([syncedWithin(reader), syncedWithin(neighbourReader)])
    expect(reader.text.toString()).toContain('écrit avant l\'arrêt. ')
    expect(reader.text.toString()).toContain('acquitté. ')
    expect(reader.text.length).toBe('écrit avant l\'arrêt. '.length + 'acquitté. '.length)
    expect(neighbourReader.text.toString()).toBe('le pad voisin aussi')
  })
})
