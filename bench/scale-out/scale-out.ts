/**
 * Our server as several instances on one machine, for the scale-out
 * scenarios: one PostgreSQL and one Redis for the whole run, started with the
 * tests' launcher (server/scale-out/local-services.ts), a fresh schema per step, and pad
 * server instances over them. Every process that serves the load — the
 * instances, postgres with all its backends, redis-server — is pinned to the
 * server core, so that the load core stays the load process's and every
 * set-up, one instance or two, gets the same CPU budget: one core.
 * It does not generate load nor decide what is measured (scale-out-scenarios.ts).
 */
import { spawnSync } from 'node:child_process'
import { startPostgres, startRedis, type PostgresProcess, type RedisProcess } from '../../server/scale-out/local-services'
import { canPin } from '../child-processes'
import type { PadTarget } from '../load/load-client'
import type { WatchedProcess } from '../load/load-spec'
import { findChildren, listDescendants } from '../proc-stats'
import { removeDataDir, serverCore, startServer, type BenchServer } from '../server-process'

export interface ScaleOutServices {
  readonly redisUrl: string
  /** A fresh, empty schema in the shared PostgreSQL: the DATABASE_URL of one step. */
  createDatabaseUrl(): Promise<string>
  /** PostgreSQL and Redis as processes to measure (postgres with its backends). */
  readonly processes: readonly WatchedProcess[]
  /** Stops both and deletes their folders. Idempotent. */
  close(): Promise<void>
}

/** Starts PostgreSQL and Redis and pins them, with every process they have forked, to the server core. */
export async function startScaleOutServices(): Promise<ScaleOutServices> {
  const started = await Promise.allSettled([startPostgres(), startRedis()])
  const [postgresOutcome, redisOutcome] = started
  if (postgresOutcome.status === 'rejected' || redisOutcome.status === 'rejected') {
    await Promise.all(started.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.close() : null)))
    const reasons = started.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : null)).filter((reason) => reason !== null)
    throw new Error(`could not start PostgreSQL and Redis: ${reasons.join('; ')}`)
  }
  const postgres: PostgresProcess = postgresOutcome.value
  const redis: RedisProcess = redisOutcome.value
  let isClosed = false
  const close = async (): Promise<void> => {
    if (isClosed) return
    isClosed = true
    await Promise.all([postgres.close(), redis.close()])
  }
  try {
    // The launcher runs each one as a direct child of this process (setpriv execs it).
    const processes: WatchedProcess[] = [
      { name: 'PostgreSQL', pid: findOnlyChild('postgres'), role: 'service' },
      { name: 'Redis', pid: findOnlyChild('redis-server'), role: 'service' },
    ]
    // They were forked from this process, which runs on the load core; postgres's
    // later backends fork from its postmaster and inherit the server core.
    for (const service of processes) pinTree(service.pid, serverCore)
    return { redisUrl: redis.url, createDatabaseUrl: () => postgres.createSchema(), processes, close }
  } catch (error) {
    await close()
    throw error
  }
}

export interface ScaleOutServicesOnDemand {
  /** Starts the services on the first call; every call resolves with the same ones (or the same failure). */
  get(): Promise<ScaleOutServices>
  /** Stops them if they were started. Idempotent. */
  close(): Promise<void>
}

/** PostgreSQL and Redis started by the first step that needs them and shared by the rest of the run. */
export function createScaleOutServicesOnDemand(): ScaleOutServicesOnDemand {
  let started: Promise<ScaleOutServices> | null = null
  return {
    get: () => (started ??= startScaleOutServices()),
    async close() {
      const services = await started?.catch(() => null)
      await services?.close()
    },
  }
}

function findOnlyChild(command: string): number {
  const pids = findChildren(process.pid, command)
  if (pids.length !== 1) throw new Error(`expected one ${command} process started by the benchmark, found ${pids.length}`)
  return pids[0] as number
}

/** Pins a process, every thread of it (-a) and every process it has forked to `core`. */
function pinTree(pid: number, core: number): void {
  if (!canPin()) return
  for (const target of [pid, ...listDescendants(pid)]) {
    const outcome = spawnSync('taskset', ['-a', '-cp', String(core), String(target)], { encoding: 'utf8' })
    if (outcome.status !== 0) throw new Error(`taskset could not pin ${target} to core ${core}: ${outcome.stderr}`)
  }
}

export interface ScaleOutInstances {
  readonly instances: readonly BenchServer[]
  /** The instances as processes to measure, named "instance A", "instance B"… (or "instance" alone). */
  readonly processes: readonly WatchedProcess[]
  /** The same pad on every instance: a pad's key works on all of them, since they share the store. */
  targetsOf(target: PadTarget): PadTarget[]
  /** Stops every instance (SIGTERM: each stores what is pending) and deletes their data folders. */
  stop(): Promise<void>
}

/** Starts `count` instances of our server on the server core, with `env` (the store and bus, or nothing for SQLite). */
export async function startInstances(count: number, env: Record<string, string> | null): Promise<ScaleOutInstances> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startServer('atelier', env === null ? {} : { env })))
  const instances = started.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value)
  const stop = async (): Promise<void> => {
    await Promise.all(instances.map((instance) => instance.stop()))
    for (const instance of instances) removeDataDir(instance.dataDir)
  }
  const failure = started.find((outcome) => outcome.status === 'rejected')
  if (failure !== undefined) {
    await stop()
    throw failure.reason
  }
  const first = instances[0]
  if (first === undefined) throw new RangeError(`startInstances: count must be at least 1, got ${count}`)
  return {
    instances,
    processes: instances.map((instance, index) => ({
      name: count === 1 ? 'instance' : `instance ${String.fromCharCode(65 + index)}`,
      pid: instance.pid,
      role: 'server',
    })),
    targetsOf(target) {
      if (!target.url.startsWith(first.wsUrl)) throw new RangeError(`targetsOf: ${target.url} is not a pad of ${first.wsUrl}`)
      const padPath = target.url.slice(first.wsUrl.length)
      return instances.map((instance) => ({ url: instance.wsUrl + padPath, documentName: target.documentName }))
    },
    stop,
  }
}
