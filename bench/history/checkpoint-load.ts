/**
 * Do checkpoints stall a room? The workshop load (30 clients, 10 typing) on
 * the 1 MB pad, on our server with automatic checkpoints off
 * (CHECKPOINT_ACTIVITY_MS=0) and on: at the target's pace, one after each
 * minute of writing, over a 60-second window (the target's figure: one
 * checkpoint in the window, which at this pace can barely move a p99), and,
 * to see what a checkpoint costs at all, at 12 times that pace over 15-second
 * windows that hold three. The pad is built once, then named as a version:
 * the window's checkpoints are then what they are on any pad being written,
 * the change since its newest version (walking the doc for credits and
 * encoding that change on the room's event loop); one in 20 is whole
 * (version.ts), never in these windows. Each variant runs on a fresh server
 * over a copy of that data folder; at 12 times the pace, one round of each
 * (two rounds alternating cost 45 s more of a bench that is already past its
 * 15 minutes, and this figure is not a target). The figures are
 * the load process's, and how many versions the pad holds after the run.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createSqliteStore } from '../../server/store/sqlite-store'
import { buildLargePad, type BuiltPad } from '../browser/large-pad'
import { runGuardedStep, workshop, buildLoadSpec, type ScenarioContext } from '../load/load-scenarios'
import type { LoadResult } from '../load/load-spec'
import { runLoadProcess } from '../load/load-process'
import { createPad, makeDataDir, removeDataDir, serverDialects, serverLabels, startServer } from '../server-process'

/** The target's pace: one automatic checkpoint after each minute of writing, and the window that holds one. */
export const targetPace = { checkpointEveryMs: 60_000, loadSeconds: process.env.BENCH_QUICK === '1' ? 4 : 60 }
/** Twelve times the pace, in one round of the workshop's 15-second window (more rounds would be pooled). */
export const stressPace = { checkpointEveryMs: 5000, loadSeconds: workshop.loadSeconds, rounds: 1 }

export interface CheckpointVariantResult {
  label: string
  checkpointEveryMs: number | null
  load: LoadResult
  /** Versions the pad held once the load ended (the build's included). */
  versions: number
}

/**
 * The load's warm-up before the window, in both variants: just past the first
 * checkpoint of a fresh server, whose code runs cold (its first walk of the
 * doc for credits and first encoding took ~5 ms against ~0.5 and ~1 ms warm,
 * measured on the 1 MB doc). A server takes that one once in its life; in a
 * 15-second window at 12 times the target's pace it would be one checkpoint
 * in three.
 */
export const checkpointWarmupSeconds = Math.ceil(stressPace.checkpointEveryMs / 1000) + 1

export interface CheckpointPair {
  without: CheckpointVariantResult
  with: CheckpointVariantResult
}

export interface CheckpointComparison {
  pad: BuiltPad
  /** One checkpoint a minute, over a minute. */
  atTargetPace: CheckpointPair
  /** One every 5 s, in rounds. */
  rounds: CheckpointPair[]
}

/** The built and named 1 MB pad in a stopped server's data folder, which every variant starts from a copy of. */
interface PadTemplate {
  dataDir: string
  /** The pad's WebSocket path and query (participant included), for a server on any port. */
  padPath: string
  pad: BuiltPad
}

async function buildTemplate(): Promise<PadTemplate> {
  const server = await startServer('atelier', { env: { CHECKPOINT_ACTIVITY_MS: '0' } })
  try {
    const { target, adminKey } = await createPad(server, 'Bench checkpoints')
    const pad = await buildLargePad(serverDialects.atelier, target)
    await nameVersion(server.httpUrl, adminKey)
    const url = new URL(target.url)
    return { dataDir: server.dataDir, padPath: `${url.pathname}${url.search}`, pad }
  } finally {
    // A graceful stop: the store holds everything before the folder is copied.
    await server.stop()
  }
}

async function runVariant(template: PadTemplate, checkpointEveryMs: number | null, loadSeconds: number, context: ScenarioContext): Promise<CheckpointVariantResult> {
  const env: Record<string, string> =
    checkpointEveryMs === null
      ? { CHECKPOINT_ACTIVITY_MS: '0' }
      : { CHECKPOINT_ACTIVITY_MS: String(checkpointEveryMs), CHECKPOINT_QUIET_MS: String(checkpointEveryMs) }
  let versions = 0
  const load = await runGuardedStep(context, async () => {
    const dataDir = makeDataDir('atelier')
    fs.cpSync(template.dataDir, dataDir, { recursive: true })
    const server = await startServer('atelier', { env, dataDir })
    try {
      const target = { url: `${server.wsUrl}${template.padPath}`, documentName: '' }
      const processes = [{ name: serverLabels.atelier, pid: server.pid, role: 'server' as const }]
      const spec = buildLoadSpec('atelier', { ...workshop, loadSeconds }, [[target]], processes, context.epochMs)
      const result = await runLoadProcess({ ...spec, warmupSeconds: checkpointWarmupSeconds })
      versions = await countVersions(server.httpUrl, server.dataDir, target.url)
      return result
    } finally {
      await server.stop()
      removeDataDir(server.dataDir)
    }
  })
  const every = checkpointEveryMs === null ? null : checkpointEveryMs >= 60_000 ? `${checkpointEveryMs / 60_000} min` : `${checkpointEveryMs / 1000} s`
  return { label: every === null ? 'no checkpoints' : `a checkpoint every ${every} of writing`, checkpointEveryMs, load, versions }
}

/**
 * Names the built pad as a version, before any variant: a pad being written
 * has versions already, so the window's checkpoints are what they are in
 * steady state — the change since the newest version — and not the first
 * one, which holds the whole megabyte (taken by the build's own writing,
 * it used to fall in or next to the window of the « with » variant only).
 */
async function nameVersion(httpUrl: string, adminKey: string): Promise<void> {
  const response = await fetch(`${httpUrl}/api/pads/${adminKey}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'the built pad' }),
  })
  if (response.status !== 201) throw new Error(`naming the built pad answered ${response.status}: ${await response.text()}`)
}

/** The pad's versions in the server's SQLite file, read beside the running server (WAL). */
async function countVersions(httpUrl: string, dataDir: string, wsUrl: string): Promise<number> {
  const key = /\/ws\/([^?]+)/.exec(wsUrl)?.[1]
  if (key === undefined) throw new Error('no pad key in the load target')
  const response = await fetch(`${httpUrl}/api/pads/${key}`)
  const { id } = (await response.json()) as { id: string }
  const store = createSqliteStore({ file: path.join(dataDir, 'atelier-pad.sqlite') })
  try {
    return (await store.listVersions(id)).length
  } finally {
    await store.close()
  }
}

export async function runCheckpointComparison(context: ScenarioContext): Promise<CheckpointComparison> {
  const template = await buildTemplate()
  try {
    const atTargetPace = {
      without: await runVariant(template, null, targetPace.loadSeconds, context),
      with: await runVariant(template, targetPace.checkpointEveryMs, targetPace.loadSeconds, context),
    }
    const rounds: CheckpointPair[] = []
    for (let round = 0; round < stressPace.rounds; round++) {
      const without = await runVariant(template, null, stressPace.loadSeconds, context)
      const withCheckpoints = await runVariant(template, stressPace.checkpointEveryMs, stressPace.loadSeconds, context)
      rounds.push({ without, with: withCheckpoints })
    }
    return { pad: template.pad, atTargetPace, rounds }
  } finally {
    removeDataDir(template.dataDir)
  }
}
