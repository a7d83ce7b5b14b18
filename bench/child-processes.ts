/**
 * Every process the benchmark starts (servers, load processes, the browser's
 * runner), so that each is stopped at the end of its step and all of them are
 * killed when the run ends, fails or is interrupted. Processes are pinned to
 * a core with `taskset -c` when the machine has two cores or more.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process'
import os from 'node:os'

const running = new Set<ChildProcess>()
let isPinningAvailable: boolean | null = null

/** Whether `taskset` exists and there are at least two cores to pin to. */
export function canPin(): boolean {
  if (isPinningAvailable === null) {
    // Online cores, not this process's affinity (which pinSelf narrows).
    isPinningAvailable = os.cpus().length >= 2 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0
  }
  return isPinningAvailable
}

/** Pins this process (and so the processes it starts without a core of their own) to `core`. */
export function pinSelf(core: number): void {
  if (canPin()) spawnSync('taskset', ['-cp', String(core), String(process.pid)], { stdio: 'ignore' })
}

/** Starts `command` on `core` (when pinning is available); the child's pid is the command's (taskset execs it). */
export function startPinned(core: number | null, command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child =
    core !== null && canPin()
      ? spawn('taskset', ['-c', String(core), command, ...args], options)
      : spawn(command, args, options)
  running.add(child)
  child.once('exit', () => running.delete(child))
  return child
}

/** Resolves once `child` has exited; SIGTERM first, SIGKILL after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** Kills every process still running, at once (the run is ending). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
}

/** Kills the children however this process ends. */
export function killChildrenOnExit(): void {
  process.once('exit', killAll)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll()
      process.exit(130)
    })
  }
}
