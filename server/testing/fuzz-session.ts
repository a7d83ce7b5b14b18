/**
 * One seeded fuzzing session against a live pad: a real server on
 * a SQLite file, two honest stock clients typing, and attacker connections
 * on raw sockets sending hostile updates (hostile-updates.ts) as updates and
 * sync steps 2. It fails at the first close with 1011, the first honest
 * connection closed, a divergence between the honest clients, or a stored
 * pad that, after a restart, differs from what they hold; and reports the
 * seed and the updates in flight. Used by `npm run fuzz` (fuzz-command.ts)
 * and by the seeded slice in CI (server/relay/update-fuzz.integration.test.ts).
 */
import fs from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes'
import { encodeMessage, MessageType } from '../../shared/protocol/messages'
import {
  closeCode,
  connectClient,
  connectRaw,
  createTestPad,
  readMetric,
  startTestServer,
  syncedWithin,
  waitUntil,
  type TestClient,
  type TestServer,
} from './harness'
import { createBaseDocument, createHostileUpdates, type HostileUpdate } from './hostile-updates'
import { createSeededRandom } from './seeded-random'

export interface FuzzSessionOptions {
  seed: number
  /** Hostile updates generated; as many as fit in `sendingBudgetMs` are sent, always a prefix of the same sequence. */
  updateCount: number
  sendingBudgetMs: number
  /** Attacker connections open at once. */
  lanes: number
}

export interface FuzzSessionReport {
  seed: number
  sent: number
  attackers: number
  /** Updates sent, by category. */
  categories: Record<string, number>
  /** Attacker connections, by the code the server closed them with. */
  closes: Record<string, number>
  /** Docs rebuilt after Yjs refused an update that passed the checks (a gap in the checks, not a failure). */
  rebuilds: number
  durationMs: number
  /** Empty when the session passed. */
  failures: string[]
  /** The updates (base64) that were in flight when the first failure was seen. */
  inFlight: string[]
}

/** Codes an attacker may be closed with: each names something it did wrong. */
const refusalCodes: readonly number[] = [
  CloseCode.protocolError,
  CloseCode.invalidPayload,
  CloseCode.messageTooBig,
  CloseCode.tryAgainLater,
  CloseCode.rateLimited,
  // A flipped byte can turn an honest paragraph into a write under someone else's name.
  CloseCode.creditRefused,
]

/** Ends an attacker's batch: an unknown message type, which closes it if nothing before did. */
const terminator = new Uint8Array([7])

export async function runFuzzSession(options: FuzzSessionOptions): Promise<FuzzSessionReport> {
  const startedAt = Date.now()
  const random = createSeededRandom(options.seed)
  const base = createBaseDocument(random)
  const source = createHostileUpdates(random, base)
  const batches: HostileUpdate[][] = []
  for (let generated = 0; generated < options.updateCount; ) {
    const batch = Array.from({ length: 1 + random.int(4) }, () => source.next())
    batches.push(batch)
    generated += batch.length
  }
  const report: FuzzSessionReport = {
    seed: options.seed,
    sent: 0,
    attackers: 0,
    categories: {},
    closes: {},
    rebuilds: 0,
    durationMs: 0,
    failures: [],
    inFlight: [],
  }
  const inFlight = new Set<HostileUpdate[]>()
  const failWith = (failure: string): void => {
    if (report.failures.length === 0) report.inFlight = [...inFlight].flat().map(({ update }) => Buffer.from(update).toString('base64'))
    report.failures.push(failure)
  }

  const clients: TestClient[] = []
  let server: TestServer | null = await startTestServer({ LOG_LEVEL: 'warn' })
  try {
    const pad = await createTestPad(server.url, 'Pad fuzzé')
    const alice = connectClient(server.wsUrl, pad.keys.edit)
    Y.applyUpdate(alice.doc, Y.encodeStateAsUpdate(base))
    const aliceUpdates: Uint8Array[] = [Y.encodeStateAsUpdate(base)]
    alice.doc.on('update', (update: Uint8Array) => aliceUpdates.push(update))
    const bob = connectClient(server.wsUrl, pad.keys.edit)
    clients.push(alice, bob)
    let isOver = false
    for (const honest of [alice, bob]) {
      silenceServerMessages(honest)
      honest.provider.on('connection-close', (event: { code: number } | null) => {
        if (!isOver) failWith(`an honest client was closed with ${event?.code ?? 'no code'}`)
      })
    }
    await Promise.all([syncedWithin(alice), syncedWithin(bob)])
    await waitUntil('bob has the base document', () => Y.equalSnapshots(Y.snapshot(alice.doc), Y.snapshot(bob.doc)))

    const sendingEndsAt = Date.now() + options.sendingBudgetMs
    let nextBatch = 0
    const wsUrl = server.wsUrl
    const runLane = async (): Promise<void> => {
      while (nextBatch < batches.length && Date.now() < sendingEndsAt && report.failures.length === 0) {
        const batch = batches[nextBatch] as HostileUpdate[]
        nextBatch += 1
        if (nextBatch % 25 === 0) typeHonestly(random, nextBatch % 50 === 0 ? alice : bob, nextBatch)
        const attacker = connectRaw(wsUrl, report.attackers % 7 === 6 ? pad.keys.view : pad.keys.edit)
        attacker.socket.on('error', () => {})
        report.attackers += 1
        inFlight.add(batch)
        await attacker.opened
        for (const { category, update } of batch) {
          attacker.socket.send(encodeMessage({ type: random.next() < 0.7 ? 'update' : 'sync-step-2', update }))
          report.categories[category] = (report.categories[category] ?? 0) + 1
        }
        report.sent += batch.length
        attacker.socket.send(terminator)
        const code = await closeCode(attacker, 10_000)
        report.closes[code] = (report.closes[code] ?? 0) + 1
        if (!refusalCodes.includes(code)) failWith(`an attacker was closed with ${code}`)
        inFlight.delete(batch)
      }
    }
    await Promise.all(Array.from({ length: options.lanes }, runLane))
    report.rebuilds = await readMetric(server.url, 'atelier_document_rebuilds_total')
    if (report.failures.length > 0) return report

    typeHonestly(random, alice, -1)
    const converged = await waitUntil('the honest clients converge', () => Y.equalSnapshots(Y.snapshot(alice.doc), Y.snapshot(bob.doc)), 10_000).then(
      () => true,
      () => false,
    )
    if (!converged) {
      failWith(`the honest clients diverged: ${describeDifference(alice.doc, bob.doc)}`)
      return report
    }
    isOver = true
    for (const honest of clients.splice(0)) honest.destroy()
    const dataDir = server.dataDir
    await server.close()
    server = await startTestServer({ LOG_LEVEL: 'warn' }, dataDir)
    const reader = connectClient(server.wsUrl, pad.keys.view)
    silenceServerMessages(reader)
    clients.push(reader)
    await syncedWithin(reader, 10_000)
    if (!Y.equalSnapshots(Y.snapshot(reader.doc), Y.snapshot(alice.doc))) {
      // Kept for a post-mortem: the store is in the data folder; the honest doc, what it received in order, and both docs' structs beside it.
      fs.writeFileSync(path.join(dataDir, `honest-${pad.id}.yjs`), Y.encodeStateAsUpdate(alice.doc))
      fs.writeFileSync(path.join(dataDir, `reloaded-${pad.id}.yjs`), Y.encodeStateAsUpdate(reader.doc))
      fs.writeFileSync(path.join(dataDir, `honest-updates-${pad.id}.json`), JSON.stringify(aliceUpdates.map((update) => Buffer.from(update).toString('base64'))))
      const writers = [...Y.decodeStateVector(Y.encodeStateVector(alice.doc)).keys()]
      fs.writeFileSync(path.join(dataDir, `structs-${pad.id}.txt`), `honest\n${dumpStructs(alice.doc, writers)}\nreloaded\n${dumpStructs(reader.doc, writers)}\n`)
      failWith(`the stored pad differs from the honest clients after a restart (data kept in ${dataDir}, pad ${pad.id}): ${describeDifference(reader.doc, alice.doc)}`)
    }
    return report
  } finally {
    for (const client of clients) client.destroy()
    await server?.close()
    // A failed session's data stays for its post-mortem.
    if (server !== null && report.failures.length === 0) fs.rmSync(server.dataDir, { recursive: true, force: true })
    report.durationMs = Date.now() - startedAt
  }
}

/** The server sends its own messages to stock providers too, which log each one as unknown: silenced here. */
function silenceServerMessages(client: TestClient): void {
  for (const type of [MessageType.stored, MessageType.settings]) client.provider.messageHandlers[type] = () => {}
}

/** An honest participant's edit: a paragraph in the body and a marker in the test text. */
function typeHonestly(random: ReturnType<typeof createSeededRandom>, client: TestClient, round: number): void {
  const body = client.doc.getXmlFragment('body')
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(`honnête ${round} ${random.text(6)}`)])
  body.insert(body.length, [paragraph])
  client.text.insert(client.text.length, `<${round}>`)
}

/** Where two docs differ: the clients whose clocks differ, the deletions one has and not the other, and their texts if they differ. */
function describeDifference(a: Y.Doc, b: Y.Doc): string {
  const clocksA = Y.decodeStateVector(Y.encodeStateVector(a))
  const clocksB = Y.decodeStateVector(Y.encodeStateVector(b))
  const clocks: string[] = []
  for (const client of new Set([...clocksA.keys(), ...clocksB.keys()])) {
    if (clocksA.get(client) !== clocksB.get(client)) clocks.push(`client ${client}: ${clocksA.get(client) ?? 0} / ${clocksB.get(client) ?? 0}`)
  }
  const deletions = (doc: Y.Doc): Set<string> => {
    const ranges = new Set<string>()
    const deleteSet = Y.createDeleteSetFromStructStore(doc.store) as unknown as { clients: Map<number, Array<{ clock: number; len: number }>> }
    for (const [client, items] of deleteSet.clients) for (const { clock, len } of items) ranges.add(`${client}:${clock}+${len}`)
    return ranges
  }
  const deletedA = deletions(a)
  const deletedB = deletions(b)
  const onlyA = [...deletedA].filter((range) => !deletedB.has(range))
  const onlyB = [...deletedB].filter((range) => !deletedA.has(range))
  const texts = a.getText('t').toString() === b.getText('t').toString() ? 'same text' : `texts ${JSON.stringify(a.getText('t').toString())} / ${JSON.stringify(b.getText('t').toString())}`
  return `clocks differ for [${clocks.join('; ')}]; deleted only in the first [${onlyA.join(' ')}], only in the second [${onlyB.join(' ')}]; ${texts}`
}
/** Post-mortem of a live doc: every struct of the given clients, with its parent and whether that parent is deleted. */
function dumpStructs(doc: Y.Doc, clients: number[]): string {
  const lines: string[] = []
  for (const client of clients) {
    for (const struct of doc.store.clients.get(client) ?? []) {
      if (!(struct instanceof Y.Item)) { lines.push(`${client}@${struct.id.clock}+${struct.length} GC`); continue }
      const parent = struct.parent as Y.AbstractType<unknown> | null
      const parentItem = parent?._item ?? null
      lines.push(`${client}@${struct.id.clock}+${struct.length} ${struct.deleted ? 'deleted' : 'live'} ${struct.content.constructor.name} parent=${parent?.constructor.name} parentItem=${parentItem ? `${parentItem.id.client}@${parentItem.id.clock} ${parentItem.deleted ? 'deleted' : 'live'}` : 'root'} sub=${struct.parentSub} left=${struct.left ? `${struct.left.id.client}@${struct.left.id.clock}` : null} right=${struct.right ? `${struct.right.id.client}@${struct.right.id.clock}` : null} origin=${struct.origin ? `${struct.origin.client}@${struct.origin.clock}` : null}`)
    }
  }
  return lines.join('\n')
}
