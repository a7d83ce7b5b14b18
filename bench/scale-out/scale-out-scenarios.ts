/**
 * The scale-out scenarios (ours only: the peers have no multi-instance mode).
 * One load is measured on three set-ups, back to back in the same run: one
 * instance on its default SQLite store, one instance over PostgreSQL + Redis,
 * and two instances over the same PostgreSQL + Redis with each pad's clients
 * split between them (as a round-robin balancer without sticky sessions
 * hands them out), so that every update and cursor move crosses Redis.
 * Every server-side process runs on the server core (scale-out.ts): the
 * figures show what running as two instances costs within one core, not what
 * a second machine would add.
 */
import type { LoadResult } from '../load/load-spec'
import { buildLoadSpec, manyPads, runGuardedStep, type LoadShape, type ScenarioContext } from '../load/load-scenarios'
import { runLoadProcess } from '../load/load-process'
import { startInstances, type ScaleOutServices } from './scale-out'
import { openPads } from '../server-process'

const isQuick = process.env.BENCH_QUICK === '1'

/**
 * A saturated core works off a backlog after the window: waiting for every
 * update to arrive (up to 30 s) tells late from lost. Presence is not waited
 * for: the server merges a client's queued presence changes, so its count
 * need not reach what was sent.
 */
const drainEveryUpdate = { seconds: 30, until: 'updates' } as const

/**
 * The big-room ramp's step of 200 clients (10% typing 5/s, cursors 1/s, 10 s):
 * one instance on SQLite needs about 45% of a core for it, which leaves room
 * on that core for a second instance, PostgreSQL and Redis, so that the
 * set-ups compare on latency rather than on who saturates first (the
 * many-pads scenario is the saturated one); the load process stays near a
 * third of its core. The workshop (30 clients, ~13% of a core) would show
 * little; the ramp's larger steps would saturate core 0 with two instances.
 */
export const twoInstancesOnePad: LoadShape = {
  pads: 1,
  clientsPerPad: 200,
  typistsPerPad: 20,
  typingPerSecond: 5,
  awarenessPerSecond: 1,
  loadSeconds: isQuick ? 4 : 10,
  drain: drainEveryUpdate,
}

/**
 * The many-pads load itself (200 pads × 10 clients, 2 typing 2/s per pad,
 * cursors 1/s, same window), each pad's clients over both instances: the same
 * shape, so that its single-instance SQLite figures can be the many-pads
 * scenario's when that ran in the same run.
 */
export const twoInstancesManyPads: LoadShape = { ...manyPads, drain: drainEveryUpdate }

export const scaleOutSetups = ['sqlite-1', 'postgres-1', 'postgres-2'] as const
export type ScaleOutSetup = (typeof scaleOutSetups)[number]

export const scaleOutSetupLabels: Record<ScaleOutSetup, string> = {
  'sqlite-1': '1 instance, SQLite',
  'postgres-1': '1 instance, PostgreSQL + Redis',
  'postgres-2': '2 instances, PostgreSQL + Redis',
}

/**
 * One load step of `shape` on fresh instances of `setup` (a fresh schema for
 * PostgreSQL; the services are shared by the run), run again while other
 * processes took the server core, as every load step is.
 */
export function runScaleOutStep(setup: ScaleOutSetup, shape: LoadShape, services: () => Promise<ScaleOutServices>, context: ScenarioContext): Promise<LoadResult> {
  return runGuardedStep(context, () => runFreshScaleOutStep(setup, shape, services, context.epochMs))
}

async function runFreshScaleOutStep(setup: ScaleOutSetup, shape: LoadShape, services: () => Promise<ScaleOutServices>, epochMs: number): Promise<LoadResult> {
  const shared = setup === 'sqlite-1' ? null : await services()
  const env = shared === null ? null : { DATABASE_URL: await shared.createDatabaseUrl(), REDIS_URL: shared.redisUrl }
  const cluster = await startInstances(setup === 'postgres-2' ? 2 : 1, env)
  try {
    const [first] = cluster.instances
    if (first === undefined) throw new Error('no instance started')
    const pads = await openPads(first, shape.pads)
    const processes = [...cluster.processes, ...(shared?.processes ?? [])]
    return await runLoadProcess(buildLoadSpec('atelier', shape, pads.map(cluster.targetsOf), processes, epochMs))
  } finally {
    await cluster.stop()
  }
}
