/**
 * Real parts for integration and end-to-end tests: a pad server on a random
 * loopback port over a SQLite file in a fresh temporary folder (in this
 * process, or as a child process that can be killed), y-websocket clients in
 * Node, and `waitUntil` to poll with a deadline instead of sleeping.
 */
import { randomBytes } from 'node:crypto'
import { serverBundle } from '../bundle'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { encodeParticipantSecret, participantSecretParam } from '../../shared/protocol/participant-id'
import { padMessagesParam } from '../../shared/protocol/messages'
import type { CreatePadResponse } from '../../shared/protocol/api'
import type { Clock } from '../clock'
import { loadConfig, type Config } from '../config'
import { createLogger } from '../log'
import { createPadServer, type PadServer } from '../pad-server'
import { createSqliteStore } from '../store/sqlite-store'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export function makeTempDir(prefix = 'atelier-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export interface TestServer {
  url: string
  wsUrl: string
  dataDir: string
  server: PadServer
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[]
  close(): Promise<void>
}

/** What a test may give the server in place of the real thing. */
export interface TestServerDeps {
  /** Time for pads and rooms (a fake clock, server/testing/fake-clock.ts); the system clock by default. */
  clock?: Clock
}

/** Starts a server in this process on 127.0.0.1 port 0. */
export async function startTestServer(env: Record<string, string> = {}, dataDir = makeTempDir(), deps: TestServerDeps = {}): Promise<TestServer> {
  const config: Config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...env })
  const logs: Record<string, unknown>[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  const log = createLogger(config.logLevel, sink)
  const store = createSqliteStore({ file: path.join(config.dataDir, 'atelier-pad.sqlite') })
  const server = createPadServer(config, { store, log, clock: deps.clock })
  const url = await server.listen()
  return { url, wsUrl: url.replace(/^http/, 'ws'), dataDir, server, logs, close: () => server.close() }
}

export interface ServerProcess {
  url: string
  wsUrl: string
  child: ChildProcess
  output(): string
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>
}

/** Starts the server's bundle (built by the integration tests' set-up) as a child process, as `npm start` does, and waits for its URL. */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', serverBundle], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  )
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
      const match = /open (http:\/\/\S+)/.exec(output)
      if (match?.[1] !== undefined) resolve(match[1])
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    void exited.then((code) => reject(new Error(`server exited (${String(code)}) before listening:\n${output}`)))
  })
  return { url, wsUrl: url.replace(/^http/, 'ws'), child, output: () => output, exited }
}

export async function createTestPad(url: string, title = 'Pad de test'): Promise<CreatePadResponse> {
  const response = await fetch(`${url}/api/pads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (response.status !== 201) throw new Error(`pad creation answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as CreatePadResponse
}

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  text: Y.Text
  destroy(): void
}

/**
 * A stock y-websocket client in Node. The tests write to a Y.Text named `t`
 * beside the `body` fragment. `params` go in the relay URL's query, as the
 * page's participant secret does.
 */
export function connectClient(wsUrl: string, key: string, doc = new Y.Doc(), params: Record<string, string> = {}): TestClient {
  const provider = new WebsocketProvider(`${wsUrl}/ws`, key, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    // Each test client is a participant of its own, as each page is, unless the test says who.
    // As a page: it understands the server's acknowledgements and settings.
    params: { [participantSecretParam]: newParticipantSecret(), [padMessagesParam]: '1', ...params },
  })
  return {
    doc,
    provider,
    text: doc.getText('t'),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

export function whenSynced(client: TestClient): Promise<void> {
  if (client.provider.synced) return Promise.resolve()
  return new Promise((resolve) => {
    const onSync = (isSynced: boolean): void => {
      if (!isSynced) return
      client.provider.off('sync', onSync)
      resolve()
    }
    client.provider.on('sync', onSync)
  })
}

/** Polls `check` until it returns true, failing with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A raw WebSocket to `/ws/<key>`, for tests that speak the protocol by hand. */
export interface RawClient {
  socket: WebSocket
  frames: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  opened: Promise<void>
}

/** A fresh participant secret, as a page makes one. */
export function newParticipantSecret(): string {
  return encodeParticipantSecret(randomBytes(32))
}

/** `key` may carry its own query (`<key>?participant=…`); without one, the raw client presents a fresh participant. */
export function connectRaw(wsUrl: string, key: string): RawClient {
  const path = key.includes('?') ? key : `${key}?${participantSecretParam}=${newParticipantSecret()}&${padMessagesParam}=1`
  const socket = new WebSocket(`${wsUrl}/ws/${path}`)
  const frames: Uint8Array[] = []
  socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
  )
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return { socket, frames, closed, opened }
}

/** Resolves once a raw client has had its first frame (the server's sync step 1): it has joined the pad's room. */
export async function whenJoined(raw: RawClient, timeoutMs = 5000): Promise<void> {
  await raw.opened
  await waitUntil('the raw client has joined its pad', () => raw.frames.length > 0, timeoutMs)
}

/**
 * Samples of one metric from a server's `/metrics` (Prometheus text format),
 * those whose labels include `labels`, summed; 0 when there is none.
 */
export async function readMetric(url: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${url}/metrics`)
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`)
  return sumMetric(await response.text(), name, labels)
}

export function sumMetric(exposition: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (match === null || match[1] !== name) continue
    const sampleLabels = new Map([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]))
    if (Object.entries(labels).every(([label, value]) => sampleLabels.get(label) === value)) sum += Number(match[3])
  }
  return sum
}

/** What a pad's stored log (snapshot and updates) holds, read from the SQLite file of a stopped server. */
export async function loadStoredDoc(dataDir: string, padId: string): Promise<Y.Doc> {
  const store = createSqliteStore({ file: path.join(dataDir, 'atelier-pad.sqlite') })
  try {
    const stored = await store.loadDocument(padId)
    const doc = new Y.Doc()
    if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    return doc
  } finally {
    await store.close()
  }
}

/** Whether Yjs holds structs or deletions it could not integrate (they wait for content nobody sent). */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

/** The updates a doc emits while `edit` runs, one per transaction. */
export function updatesOf(doc: Y.Doc, edit: () => void): Uint8Array[] {
  const updates: Uint8Array[] = []
  const collect = (update: Uint8Array): void => void updates.push(update)
  doc.on('update', collect)
  try {
    edit()
  } finally {
    doc.off('update', collect)
  }
  return updates
}

/** How the server closed a raw client, failing after `timeoutMs` if it stays open. */
export async function closedWithin(raw: RawClient, timeoutMs = 5000): Promise<{ code: number; reason: string }> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the connection was still open after ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    return await Promise.race([raw.closed, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** The code the server closed a raw client with, failing after `timeoutMs` if it stays open. */
export async function closeCode(raw: RawClient, timeoutMs = 5000): Promise<number> {
  return (await closedWithin(raw, timeoutMs)).code
}

/** Waits until a stock client has synced, failing after `timeoutMs` (a refused client never does). */
export async function syncedWithin(client: TestClient, timeoutMs = 5000): Promise<void> {
  await waitUntil('the client has synced', () => client.provider.synced, timeoutMs)
}
