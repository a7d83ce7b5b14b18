/**
 * The join and reconnect storms, for every server (issue 19). Join: on a
 * 200 KB pad where 5 people type, 40 participants open the pad within 10 s,
 * as after the QR code is shown. Reconnect: on the 1 MB pad, the venue's
 * Wi-Fi drops for 20 s, each of 40 participants writes offline, and all 40
 * reconnect at once. Figures: each arriving participant's time to synced
 * (from its connection attempt to the server's sync step 2 applied), the
 * server's longest event-loop stall during the storm (measured inside the
 * server process by peers/event-loop-monitor.mjs, the same for every
 * server), and whether anything was lost: every edit reaches every client,
 * and the server's store (a fresh client after a graceful restart).
 * It does not format anything (storm-report.ts).
 */
import fs from 'node:fs'
import * as Y from 'yjs'
import os from 'node:os'
import path from 'node:path'
import { buildLargePad, largePad, updatesForKilobytes, type BuiltPad } from '../browser/large-pad'
import type { ScenarioContext } from '../load/load-scenarios'
import type { PadTarget } from '../load/load-client'
import { canPin } from '../child-processes'
import { readCoreBusySeconds, readCpuSeconds } from '../proc-stats'
import { asAnotherParticipant, openPads, removeDataDir, serverCore, serverDialects, startServer, type BenchServer, type ServerKind } from '../server-process'
import { createSyncClient, holdsAll, type SyncClient, type SyncTiming } from './sync-client'

const isQuick = process.env.BENCH_QUICK === '1'

export const joinStorm = { padKilobytes: 200, joiners: 40, arrivalSeconds: isQuick ? 5 : 10, typists: 5, typingPerSecond: 5, afterSeconds: 2 }
export const reconnectStorm = { padKilobytes: 1000, participants: 40, offlineSeconds: isQuick ? 5 : 20, offlineEdits: 5 }
/** How long clients and the store get to hold every edit before the missing ones count as lost. */
const convergeTimeoutMs = 30_000
const syncTimeoutMs = 60_000
/** After the storm: how long the monitor is given to write the line covering its end… */
const monitorLagMs = 300
/** …and the server to store what it holds once the clients have left, before it is stopped and the store checked. */
export const storeSettleMs = 3000

export interface StormResult {
  padBytes: number
  /** Each arriving participant's ms from its connection attempt to synced, in arrival order (NaN: never synced). */
  syncedMs: number[]
  /** Of which, each one's wait for the server's answer: its sync step 1 sent → the server's step 2 arrived. */
  answerMs: number[]
  /** Of which, each one applying that step 2 to its Y.Doc: the client's own work, whatever the server. */
  applyMs: number[]
  /** Participants that did not sync at all (they count as lost too). */
  failedToSync: number
  /** Longest gap between two ticks of a 10 ms timer inside the server during the storm (a stall of S ms reads about S + 10). */
  longestStallMs: number
  /** From the storm's start until every client held every edit (NaN when some never did). */
  convergedMs: number
  /** Edits written during the storm (keystroke updates, offline edits), by how many writers. */
  edits: number
  writers: number
  /** Clients that still lacked an edit after the convergence timeout. */
  clientsMissingEdits: number
  clients: number
  /** Writers whose edits a fresh client did not find after the server's graceful restart. */
  writersMissingInStore: number
  /**
   * Share of the server's core that other processes used during the storm
   * (NaN when not pinned): a process that is not scheduled reads as stalled,
   * so a high share means the stall and the times were disturbed.
   */
  otherLoadOnServerCore: number
}

export async function runJoinStorm(kind: ServerKind, context: ScenarioContext): Promise<StormResult> {
  return withStormServer(kind, context, joinStorm.padKilobytes, async (server, target, pad, stalls) => {
    const dialect = serverDialects[kind]
    const builtPad = new Map([[pad.builderClientId, pad.clock]])
    const typists = Array.from({ length: joinStorm.typists }, (_, i) => createSyncClient(dialect, asAnotherParticipant(target), `typist ${i}`))
    for (const typist of typists) await typist.connect(syncTimeoutMs)
    let edits = 0
    const typing = setInterval(() => {
      for (const typist of typists) typist.type(`atelier ${++edits} `)
    }, 1000 / joinStorm.typingPerSecond)
    const joiners = Array.from({ length: joinStorm.joiners }, (_, i) => createSyncClient(dialect, asAnotherParticipant(target), `joiner ${i}`))
    const arrivals = joiners.map(() => Math.random() * joinStorm.arrivalSeconds * 1000).sort((a, b) => a - b)
    const startedAt = Date.now()
    const others = watchServerCore(server.pid)
    const synced = await Promise.all(joiners.map((joiner, i) => delay(arrivals[i] as number).then(() => joiner.connect(syncTimeoutMs, builtPad).catch(() => neverSynced))))
    await delay(joinStorm.afterSeconds * 1000)
    clearInterval(typing)
    const writers = writersOf(typists, pad)
    const clients = [...typists, ...joiners]
    const convergedMs = await waitForAll(clients, writers, startedAt)
    return {
      padBytes: pad.stateBytes,
      ...splitTimings(synced),
      longestStallMs: await stalls(startedAt, Date.now()),
      convergedMs,
      edits,
      writers: typists.length,
      clientsMissingEdits: clients.filter((client) => !holdsAll(client.doc, writers)).length,
      clients: clients.length,
      writersMissingInStore: 0,
      otherLoadOnServerCore: others(),
      closeClients: () => clients.forEach((client) => client.close()),
      writersMap: writers,
    }
  })
}

export async function runReconnectStorm(kind: ServerKind, context: ScenarioContext): Promise<StormResult> {
  return withStormServer(kind, context, reconnectStorm.padKilobytes, async (server, target, pad, stalls) => {
    const dialect = serverDialects[kind]
    const builtPad = new Map([[pad.builderClientId, pad.clock]])
    const participants = Array.from({ length: reconnectStorm.participants }, (_, i) => createSyncClient(dialect, asAnotherParticipant(target), `participant ${i}`))
    // Everyone joins before the drop (not timed), a few at a time as a room fills.
    for (let i = 0; i < participants.length; i += 8) await Promise.all(participants.slice(i, i + 8).map((client) => client.connect(syncTimeoutMs)))
    for (const participant of participants) participant.drop()
    const editEveryMs = (reconnectStorm.offlineSeconds * 1000) / reconnectStorm.offlineEdits
    for (let edit = 0; edit < reconnectStorm.offlineEdits; edit++) {
      await delay(editEveryMs)
      participants.forEach((participant, i) => participant.type(`hors ligne ${i}.${edit} `))
    }
    const startedAt = Date.now()
    const others = watchServerCore(server.pid)
    const synced = await Promise.all(participants.map((participant) => participant.connect(syncTimeoutMs, builtPad).catch(() => neverSynced)))
    const writers = writersOf(participants, pad)
    const convergedMs = await waitForAll(participants, writers, startedAt)
    return {
      padBytes: pad.stateBytes,
      ...splitTimings(synced),
      longestStallMs: await stalls(startedAt, Date.now()),
      convergedMs,
      edits: participants.length * reconnectStorm.offlineEdits,
      writers: participants.length,
      clientsMissingEdits: participants.filter((client) => !holdsAll(client.doc, writers)).length,
      clients: participants.length,
      writersMissingInStore: 0,
      otherLoadOnServerCore: others(),
      closeClients: () => participants.forEach((client) => client.close()),
      writersMap: writers,
    }
  })
}

const neverSynced: SyncTiming = { syncedMs: Number.NaN, openingMs: Number.NaN, answerMs: Number.NaN, applyMs: Number.NaN }

function splitTimings(timings: readonly SyncTiming[]): Pick<StormResult, 'syncedMs' | 'answerMs' | 'applyMs' | 'failedToSync'> {
  return {
    syncedMs: timings.map((timing) => timing.syncedMs),
    answerMs: timings.map((timing) => timing.answerMs),
    applyMs: timings.map((timing) => timing.applyMs),
    failedToSync: timings.filter((timing) => !Number.isFinite(timing.syncedMs)).length,
  }
}

type StormRun = StormResult & { closeClients: () => void; writersMap: Map<number, number> }

/**
 * A fresh server of `kind` with its event-loop monitor, a pad of `kilobytes`
 * built through it, the storm, then the store checked on a restart.
 */
async function withStormServer(
  kind: ServerKind,
  context: ScenarioContext,
  kilobytes: number,
  storm: (server: BenchServer, target: PadTarget, pad: BuiltPad, stalls: (fromMs: number, toMs: number) => Promise<number>) => Promise<StormRun>,
): Promise<StormResult> {
  const monitorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-stalls-'))
  const eventLoopFile = path.join(monitorDir, 'event-loop.txt')
  await context.guard.waitForQuiet()
  const cpuProfileDir = kind === 'atelier' ? context.cpuProfileDir : undefined
  const server = await startServer(kind, { eventLoopFile, ...(cpuProfileDir === undefined ? {} : { cpuProfileDir }) })
  const { dataDir, port } = server
  let run: StormRun | null = null
  try {
    const [target] = (await openPads(server, 1)) as [PadTarget]
    const updates = kilobytes >= 1000 ? largePad.updates : updatesForKilobytes(kilobytes)
    const pad = await buildLargePad(serverDialects[kind], target, 180_000, updates)
    // The monitor writes a line every 100 ms: wait for the one that covers the storm's end.
    const stalls = (fromMs: number, toMs: number): Promise<number> => delay(monitorLagMs).then(() => readLongestStall(eventLoopFile, fromMs, toMs))
    run = await storm(server, target, pad, stalls)
    run.closeClients()
    // Give every server the time its store takes after the last client left (Hocuspocus debounces 2 s) before the graceful stop.
    await delay(storeSettleMs)
    await server.stop()
    const restarted = await startServer(kind, { dataDir, port })
    try {
      const { closeClients, writersMap, ...result } = run
      return { ...result, writersMissingInStore: await countMissingInStore(kind, asAnotherParticipant(target), writersMap) }
    } finally {
      await restarted.stop()
    }
  } finally {
    await server.stop()
    removeDataDir(dataDir)
    fs.rmSync(monitorDir, { recursive: true, force: true })
  }
}

/** Writers and their final clocks: every client's own edits, and the pad's builder. */
function writersOf(clients: SyncClient[], pad: BuiltPad): Map<number, number> {
  const writers = new Map<number, number>([[pad.builderClientId, pad.clock]])
  for (const client of clients) writers.set(client.doc.clientID, Y.getState(client.doc.store, client.doc.clientID))
  return writers
}

/** Resolves with the ms since `startedAt` once every client holds every writer's edits, or NaN after the timeout. */
async function waitForAll(clients: SyncClient[], writers: ReadonlyMap<number, number>, startedAt: number): Promise<number> {
  const deadline = Date.now() + convergeTimeoutMs
  while (!clients.every((client) => holdsAll(client.doc, writers))) {
    if (Date.now() > deadline) return Number.NaN
    await delay(10)
  }
  return Date.now() - startedAt
}

async function countMissingInStore(kind: ServerKind, target: PadTarget, writers: ReadonlyMap<number, number>): Promise<number> {
  const reader = createSyncClient(serverDialects[kind], target, 'store reader')
  try {
    await reader.connect(syncTimeoutMs)
    const deadline = Date.now() + convergeTimeoutMs
    while (!holdsAll(reader.doc, writers) && Date.now() < deadline) await delay(20)
    return [...writers].filter(([client, clock]) => Y.getState(reader.doc.store, client) < clock).length
  } finally {
    reader.close()
  }
}

/** The longest gap the monitor saw in lines stamped within [fromMs, toMs + 200] (each line covers the 100 ms before it). */
export function readLongestStall(file: string, fromMs: number, toMs: number): number {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
  let longest = Number.NaN
  for (const line of text.split('\n')) {
    const [stamp, gap] = line.split(' ').map(Number)
    if (stamp === undefined || gap === undefined || !Number.isFinite(stamp) || !Number.isFinite(gap)) continue
    if (stamp < fromMs || stamp > toMs + 200) continue
    longest = Number.isNaN(longest) ? gap : Math.max(longest, gap)
  }
  return longest
}

/** Starts watching the server's core; the returned function gives the share of it others used since. */
function watchServerCore(pid: number): () => number {
  if (!canPin()) return () => Number.NaN
  const wallStart = performance.now()
  const coreStart = readCoreBusySeconds(serverCore)
  const serverStart = readCpuSeconds(pid)
  return () => {
    const seconds = (performance.now() - wallStart) / 1000
    return Math.max(0, (readCoreBusySeconds(serverCore) - coreStart - (readCpuSeconds(pid) - serverStart)) / seconds)
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
