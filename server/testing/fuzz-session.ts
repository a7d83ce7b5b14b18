/**
 * One seeded fuzzing session against a live pad (issue 13): a real server on
 * a SQLite file, two honest stock clients typing, and attacker connections
 * on raw sockets sending hostile updates (hostile-updates.ts) as updates and
 * sync steps 2. It fails at the first close with 1011, the first honest
 * connection closed, a divergence between the honest clients, or a stored
 * pad that, after a restart, differs from what they hold; and reports the
 * seed and the updates in flight. Used by `npm run fuzz` (fuzz-command.ts)
 * and by the seeded slice in CI (server/relay/update-fuzz.test.ts).
 */
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
      failWith(`the honest clients diverged: ${describe(alice.doc)} / ${describe(bob.doc)}`)
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
      failWith(`the stored pad differs from the honest clients after a restart: ${describe(reader.doc)} / ${describe(alice.doc)}`)
    }
    return report
  } finally {
    for (const client of clients) client.destroy()
    await server?.close()
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

function describe(doc: Y.Doc): string {
  return `${JSON.stringify(Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc))))} body ${doc.getXmlFragment('body').length} nodes, text ${JSON.stringify(doc.getText('t').toString().slice(0, 200))}`
}
