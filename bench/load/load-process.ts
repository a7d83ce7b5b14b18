/**
 * Runs one load step in fresh load processes (bench/load/load.ts), one per
 * core the server does not use (BENCH_LOAD_PROCESSES overrides the count),
 * keeps their phases in step (everyone connected → the same window for all
 * → the totals sent, so that each knows what its receivers are owed → all
 * drained → figures read), and merges what they measured (load-merge.ts).
 * Fresh processes per step keep the steps independent (no heap or sockets
 * left from the previous one).
 */
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startPinned, stopChild } from '../child-processes'
import { clockTenths } from './latency-marker'
import { mergeShardResults } from './load-merge'
import type { LoadResult, LoadSpec, RunnerMessage, ShardMessage, ShardResult } from './load-spec'
import { loadCores, projectRoot } from '../server-process'

/** How many load processes a step uses: one per load core, or BENCH_LOAD_PROCESSES (a trial of the sharding on fewer cores). */
export function loadProcessCount(): number {
  const raw = process.env.BENCH_LOAD_PROCESSES
  if (raw === undefined || raw.trim() === '') return loadCores().length
  const count = Number(raw)
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new RangeError(`BENCH_LOAD_PROCESSES: expected 1 to 64, got ${raw}`)
  return count
}

export async function runLoadProcess(spec: LoadSpec): Promise<LoadResult> {
  // A file, not an env var: 2,000 pad URLs exceed the kernel's limit on one environment string.
  const specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-spec-'))
  const specFile = path.join(specDir, 'spec.json')
  fs.writeFileSync(specFile, JSON.stringify(spec))
  const count = Math.max(1, Math.min(loadProcessCount(), spec.clientsPerPad))
  const cores = loadCores()
  const shards = Array.from({ length: count }, (_, index) => startShard(specFile, index, count, cores[index % cores.length] ?? null))
  const budgetMs = (spec.connectTimeoutSeconds + spec.warmupSeconds + spec.loadSeconds + spec.drainSeconds + spec.settleSeconds + 60) * 1000
  const timer = setTimeout(() => shards.forEach((shard) => shard.fail(new Error(`the load processes did not finish within ${budgetMs / 1000} s`))), budgetMs)
  try {
    return await coordinate(spec, shards)
  } finally {
    clearTimeout(timer)
    await Promise.all(shards.map((shard) => shard.stop()))
    fs.rmSync(specDir, { recursive: true, force: true })
  }
}

/** The phases every load process goes through, in step; see load-spec.ts for the messages. */
async function coordinate(spec: LoadSpec, shards: Shard[]): Promise<LoadResult> {
  const all = <T extends ShardMessage['type']>(type: T): Promise<Extract<ShardMessage, { type: T }>[]> => Promise.all(shards.map((shard) => shard.next(type)))
  const broadcast = (message: RunnerMessage): void => shards.forEach((shard) => shard.send(message))
  await all('connected')
  const now = clockTenths(spec.epochMs)
  const windowStartTenths = now + (spec.mode === 'load' ? spec.warmupSeconds : 0) * 10_000
  const windowEndTenths = windowStartTenths + (spec.mode === 'load' ? spec.loadSeconds : 0) * 10_000
  const drainEndTenths = windowEndTenths + (spec.mode === 'load' ? spec.drainSeconds : spec.settleSeconds) * 10_000
  broadcast({ type: 'start', windowStartTenths, windowEndTenths, drainEndTenths })
  if (spec.mode === 'load') {
    const sent = await all('sent')
    const sum = (pick: (message: (typeof sent)[number]) => number[]): number[] =>
      spec.pads.map((_, pad) => sent.reduce((total, message) => total + (pick(message)[pad] ?? 0), 0))
    broadcast({ type: 'totals', sentPerPad: sum((m) => m.sentPerPad), awarenessPerPad: sum((m) => m.awarenessPerPad) })
  }
  await all('drained')
  broadcast({ type: 'finish' })
  const results: ShardResult[] = (await all('result')).map((message) => message.result)
  return mergeShardResults(results)
}

interface Shard {
  send(message: RunnerMessage): void
  next<T extends ShardMessage['type']>(type: T): Promise<Extract<ShardMessage, { type: T }>>
  fail(error: Error): void
  stop(): Promise<void>
}

function startShard(specFile: string, index: number, count: number, core: number | null): Shard {
  const profile = process.env.BENCH_LOAD_PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_LOAD_PROFILE_DIR}`]
  const child: ChildProcess = startPinned(core, process.execPath, [...profile, '--import', 'tsx', 'bench/load/load.ts'], {
    cwd: projectRoot,
    env: { ...process.env, BENCH_LOAD_SPEC_FILE: specFile, BENCH_LOAD_SHARD: `${index}/${count}` },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8000)))
  const arrived: ShardMessage[] = []
  let waiter: { type: ShardMessage['type']; resolve: (message: ShardMessage) => void; reject: (error: Error) => void } | null = null
  let failure: Error | null = null
  const fail = (error: Error): void => {
    failure ??= error
    waiter?.reject(failure)
    waiter = null
  }
  child.on('message', (message: ShardMessage) => {
    if (waiter?.type === message.type) {
      waiter.resolve(message)
      waiter = null
    } else {
      arrived.push(message)
    }
  })
  child.once('exit', (code) => fail(new Error(`load process ${index} ended (${String(code)}) before it was done:\n${stderr}`)))
  return {
    send(message) {
      if (child.connected) child.send(message)
    },
    next<T extends ShardMessage['type']>(type: T) {
      return new Promise<Extract<ShardMessage, { type: T }>>((resolve, reject) => {
        const found = arrived.findIndex((message) => message.type === type)
        if (found >= 0) return resolve(arrived.splice(found, 1)[0] as Extract<ShardMessage, { type: T }>)
        if (failure !== null) return reject(failure)
        waiter = { type, resolve: (message) => resolve(message as Extract<ShardMessage, { type: T }>), reject }
      })
    },
    fail,
    // A process that sent its result exits by itself (and writes its CPU profile when asked): let it, then make sure.
    stop: () => exitWithin(child, 5000).then(() => stopChild(child, 2000)),
  }
}

function exitWithin(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}
