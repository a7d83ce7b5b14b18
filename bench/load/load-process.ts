/**
 * Runs one load step in a fresh load process (bench/load/load.ts) on the load
 * core, and returns what it measured. A fresh process per step keeps the
 * steps independent (no heap or sockets left from the previous one).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startPinned, stopChild } from '../child-processes'
import type { LoadResult, LoadSpec } from './load-spec'
import { loadCore, projectRoot } from '../server-process'

export async function runLoadProcess(spec: LoadSpec): Promise<LoadResult> {
  // A file, not an env var: 2,000 pad URLs exceed the kernel's limit on one environment string.
  const specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-spec-'))
  const specFile = path.join(specDir, 'spec.json')
  fs.writeFileSync(specFile, JSON.stringify(spec))
  try {
    return await runWithSpecFile(spec, specFile)
  } finally {
    fs.rmSync(specDir, { recursive: true, force: true })
  }
}

async function runWithSpecFile(spec: LoadSpec, specFile: string): Promise<LoadResult> {
  const child = startPinned(loadCore, process.execPath, [...(process.env.BENCH_LOAD_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_LOAD_PROFILE_DIR] : []), '--import', 'tsx', 'bench/load/load.ts'], {
    cwd: projectRoot,
    env: { ...process.env, BENCH_LOAD_SPEC_FILE: specFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8000)))
  const budgetMs =
    (spec.connectTimeoutSeconds + spec.warmupSeconds + spec.loadSeconds + spec.drainSeconds + spec.settleSeconds + 60) * 1000
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => void stopChild(child, 2000), budgetMs)
    child.once('exit', (exitCode) => {
      clearTimeout(timer)
      resolve(exitCode)
    })
  })
  const line = stdout.split('\n').find((candidate) => candidate.startsWith('RESULT '))
  if (line === undefined) throw new Error(`the load process ended (${String(code)}) without a result:\n${stderr}`)
  return JSON.parse(line.slice('RESULT '.length)) as LoadResult
}
