/**
 * The servers under test, each started as its own process on core 0 over a
 * data folder, and their pads. Ours runs as `npm start` runs it (node on
 * the server's bundle, server/bundle.ts, its SQLite store and durability rule
 * unchanged), with env that only raises the per-connection and per-address
 * limits a single-address load generator would hit, and LOG_LEVEL=warn. The
 * peers run from small launchers in bench/peers/ with their usual persistence.
 * It does not generate load (load.ts) or decide what is measured (scenarios).
 */
import { encodeParticipantSecret, participantSecretParam } from '../shared/protocol/participant-id'
import { padMessagesParam } from '../shared/protocol/messages'
import { randomBytes } from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serverBundle } from '../server/bundle'
import { startPinned, stopChild } from './child-processes'
import type { PadTarget } from './load/load-client'
import type { Dialect } from './load/wire'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The servers compared: ours and the two peers. */
export const serverKinds = ['atelier', 'ywebsocket', 'hocuspocus'] as const
/**
 * Not a server to compare with but the load scenarios' floor: a relay that
 * only forwards bytes (peers/forwarding-floor.mjs). A target below its
 * figure cannot be met by a server that parses, checks and stores.
 */
export const floorKind = 'floor'
export type ServerKind = (typeof serverKinds)[number] | typeof floorKind

/**
 * The Node version every server runs on: startServer starts each of them with
 * this process's own binary (process.execPath), so the labels can say it.
 */
export const serverNodeVersion = process.versions.node

export const serverLabels: Record<ServerKind, string> = {
  atelier: `Atelier Pad (Node ${serverNodeVersion})`,
  ywebsocket: `y-websocket-server 0.1.1 (Node ${serverNodeVersion})`,
  hocuspocus: `Hocuspocus 4.7.0 (Node ${serverNodeVersion})`,
  floor: 'floor: forwarding only',
}

export const serverDialects: Record<ServerKind, Dialect> = {
  atelier: 'y-websocket',
  ywebsocket: 'y-websocket',
  hocuspocus: 'hocuspocus',
  floor: 'y-websocket',
}

/** The core the servers run on; the load processes and the browser use the others. */
export const serverCore = 0
/** The core of the runner, the browser and the first load process. */
export const loadCore = 1

/** The cores load processes run on, one each: every online core but the server's (just `loadCore` on two cores). */
export function loadCores(): number[] {
  // Online cores, not this process's affinity (which pinSelf narrows to the load core).
  const online = os.cpus().length
  if (online < 2) return [loadCore]
  return Array.from({ length: online - 1 }, (_, index) => (index === 0 ? loadCore : index + 1))
}

/**
 * Limits raised for a benchmark whose thousands of clients share one address
 * (127.0.0.1) and whose cold-load builder writes 20,000 updates at once.
 * Nothing else changes: store, durability, message checks and room logic are
 * those of `npm start`.
 */
const atelierEnv: Record<string, string> = {
  LOG_LEVEL: 'warn',
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
  MAX_CONNECTIONS_PER_PAD: '100000',
  MESSAGES_PER_SECOND: '100000',
  MESSAGE_BURST: '1000000',
  BYTES_PER_SECOND: String(1024 * 1024 * 1024),
  BYTE_BURST: String(1024 * 1024 * 1024),
  SYNC_REQUESTS_PER_MINUTE: '6000',
  SYNC_REQUEST_BURST: '10000',
  PAD_CREATIONS_PER_HOUR: '1000000',
  PAD_CREATION_BURST: '100000',
}

export interface BenchServer {
  kind: ServerKind
  pid: number
  port: number
  httpUrl: string
  wsUrl: string
  dataDir: string
  /** The last lines the process wrote, for error messages. */
  output(): string
  /** SIGTERM (a graceful stop: stores what is pending), SIGKILL after a grace period. */
  stop(): Promise<void>
}

export interface StartOptions {
  /** Reuse this data folder (a restart); a fresh temporary one otherwise. */
  dataDir?: string
  /** Listen on this port (a restart keeps the port, so that clients' URLs stay valid); any free one otherwise. */
  port?: number
  /** Our server only: write a V8 CPU profile into this folder when it exits. */
  cpuProfileDir?: string
  /**
   * Measure the server's event-loop stalls from inside (peers/event-loop-monitor.mjs,
   * preloaded into any server): its readings are appended to this file.
   */
  eventLoopFile?: string
  /** Our server only: more environment, such as the PostgreSQL store and the Redis link of several instances (DATABASE_URL, REDIS_URL). */
  env?: Record<string, string>
}

export function makeDataDir(kind: ServerKind): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `atelier-bench-${kind}-`))
}

/** Deletes a data folder the benchmark made (never anything outside the temporary folder). */
export function removeDataDir(dataDir: string): void {
  if (path.basename(dataDir).startsWith('atelier-bench-') && dataDir.startsWith(os.tmpdir())) {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<BenchServer> {
  const dataDir = options.dataDir ?? makeDataDir(kind)
  const monitor = options.eventLoopFile === undefined ? {} : { BENCH_EVENT_LOOP_FILE: options.eventLoopFile }
  const base = { ...process.env, PORT: String(options.port ?? 0), HOST: '127.0.0.1', ...monitor }
  const preload = options.eventLoopFile === undefined ? [] : ['--import', path.join(projectRoot, 'bench/peers/event-loop-monitor.mjs')]
  let child: ChildProcess
  if (kind === 'atelier') {
    const profile = options.cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
    child = startPinned(serverCore, process.execPath, [...(process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean), ...profile, ...preload, '--enable-source-maps', serverBundle], {
      cwd: projectRoot,
      env: { ...base, ...atelierEnv, DATA_DIR: dataDir, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } else if (kind === 'ywebsocket' || kind === 'floor') {
    const launcher = kind === 'floor' ? 'bench/peers/forwarding-floor.mjs' : 'bench/peers/y-websocket-server.mjs'
    child = startPinned(serverCore, process.execPath, [...preload, launcher], {
      cwd: projectRoot,
      env: { ...base, YPERSISTENCE: path.join(dataDir, 'leveldb') },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } else {
    child = startPinned(serverCore, process.execPath, [...preload, 'bench/peers/hocuspocus-server.mjs'], {
      cwd: projectRoot,
      env: { ...base, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  }

  let output = ''
  const keep = (chunk: Buffer): void => {
    if (process.env.BENCH_SERVER_LOG !== undefined) fs.appendFileSync(process.env.BENCH_SERVER_LOG, chunk)
    output = (output + chunk.toString('utf8')).slice(-8000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const httpUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start within 30 s:\n${output}`)), 30_000)
    const look = (): void => {
      const match = /(?:open|listening on) (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match?.[1] === undefined) return
      clearTimeout(timer)
      resolve(match[1])
    }
    child.stdout?.on('data', look)
    child.stderr?.on('data', look)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${kind} exited (${String(signal ?? code)}) before listening:\n${output}`))
    })
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`${kind} has no pid`)
  return {
    kind,
    pid,
    port: Number(new URL(httpUrl).port),
    httpUrl,
    wsUrl: httpUrl.replace(/^http/, 'ws'),
    dataDir,
    output: () => output,
    stop: () => stopChild(child),
  }
}

/** Opens `count` new pads on `server`: through the API for ours (each gets its edit key), by name for the peers. */
export async function openPads(server: BenchServer, count: number): Promise<PadTarget[]> {
  if (server.kind !== 'atelier') {
    return Array.from({ length: count }, (_, index) => {
      const name = `bench-${index}-${Math.random().toString(36).slice(2, 10)}`
      return server.kind === 'hocuspocus' ? { url: server.wsUrl, documentName: name } : { url: `${server.wsUrl}/${name}`, documentName: '' }
    })
  }
  const targets: PadTarget[] = new Array<PadTarget>(count)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++
      targets[index] = (await createPad(server, `Bench ${index}`)).target
    }
  }
  await Promise.all(Array.from({ length: Math.min(16, count) }, worker))
  return targets
}

/** A new blank pad on our server: where a writer reaches it, and its admin key (for the API's admin routes). */
export async function createPad(server: BenchServer, title: string): Promise<{ target: PadTarget; adminKey: string }> {
  const response = await fetch(`${server.httpUrl}/api/pads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, template: 'blank' }),
  })
  if (response.status !== 201) throw new Error(`POST /api/pads answered ${response.status}: ${await response.text()}`)
  const created = (await response.json()) as { keys: { edit: string; admin: string } }
  // Writers present a participant, as pages do (the relay refuses edit connections without one).
  const participant = encodeParticipantSecret(randomBytes(32))
  // As pages do: a participant, and Atelier Pad's own messages (acknowledgements, settings) asked for.
  const url = `${server.wsUrl}/ws/${created.keys.edit}?${participantSecretParam}=${participant}&${padMessagesParam}=1`
  return { target: { url, documentName: '' }, adminKey: created.keys.admin }
}

/**
 * Where a stock y-websocket provider reaches `target`: its server URL and
 * room name (our key, or the peer's room, as the last path segment), without
 * the opt-in to Atelier Pad's own messages, which a stock provider does not
 * read (it would log « Unable to compute message » for each).
 */
export function stockProviderAddress(target: PadTarget): { serverUrl: string; room: string } {
  const url = new URL(target.url)
  url.searchParams.delete(padMessagesParam)
  const cut = url.pathname.lastIndexOf('/')
  return { serverUrl: `${url.origin.replace(/^http/, 'ws')}${url.pathname.slice(0, cut)}`, room: `${url.pathname.slice(cut + 1)}${url.search}` }
}

/** The same pad as `target`, reached as another participant: ours tells writers apart by their secret; the peers need nothing. */
export function asAnotherParticipant(target: PadTarget): PadTarget {
  const url = new URL(target.url)
  if (!url.searchParams.has(participantSecretParam)) return target
  url.searchParams.set(participantSecretParam, encodeParticipantSecret(randomBytes(32)))
  return { url: url.toString(), documentName: target.documentName }
}
