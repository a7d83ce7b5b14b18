/**
 * What Linux says about a process: CPU time (utime + stime from
 * /proc/<pid>/stat, alone or with everything it forked), resident memory
 * (VmRSS from /proc/<pid>/status) and its descendants.
 * Read by the load process at the edges of its measuring window, so that the
 * figures cover the same interval as the latencies.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

let ticksPerSecond: number | null = null

function clockTicksPerSecond(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** CPU seconds (user + system) the process has used so far. */
export function readCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return (utime + stime) / clockTicksPerSecond()
}

/**
 * CPU seconds of a process and of everything it forked: the live descendants
 * (read from /proc) plus the children it has reaped (cutime, cstime). Stable
 * enough for a difference over a window as long as the tree's long-lived
 * processes (postgres's backends, one per pooled connection) outlast it.
 */
export function readProcessTreeCpuSeconds(pid: number): number {
  const stats = readAllStats()
  const childrenOf = new Map<number, number[]>()
  for (const stat of stats.values()) {
    const siblings = childrenOf.get(stat.parent)
    if (siblings === undefined) childrenOf.set(stat.parent, [stat.pid])
    else siblings.push(stat.pid)
  }
  const root = stats.get(pid)
  if (root === undefined) throw new Error(`no process ${pid}`)
  let ticks = root.reapedChildrenTicks
  const pending = [pid]
  while (pending.length > 0) {
    const current = pending.pop() as number
    ticks += stats.get(current)?.ownTicks ?? 0
    pending.push(...(childrenOf.get(current) ?? []))
  }
  return ticks / clockTicksPerSecond()
}

/** The pids of a process's live descendants, nearest first. */
export function listDescendants(pid: number): number[] {
  const stats = [...readAllStats().values()]
  const found: number[] = []
  const pending = [pid]
  while (pending.length > 0) {
    const current = pending.shift() as number
    for (const stat of stats) {
      if (stat.parent !== current) continue
      found.push(stat.pid)
      pending.push(stat.pid)
    }
  }
  return found
}

/** The live children of a process whose command name (/proc/<pid>/comm) is `command`. */
export function findChildren(parentPid: number, command: string): number[] {
  return [...readAllStats().values()].filter((stat) => stat.parent === parentPid && stat.command === command).map((stat) => stat.pid)
}

interface ProcessStat {
  pid: number
  command: string
  parent: number
  /** utime + stime. */
  ownTicks: number
  /** cutime + cstime. */
  reapedChildrenTicks: number
}

function readAllStats(): Map<number, ProcessStat> {
  const stats = new Map<number, ProcessStat>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // it ended while we looked
    }
    const closing = stat.lastIndexOf(')')
    const fields = stat.slice(closing + 2).split(' ')
    stats.set(Number(entry), {
      pid: Number(entry),
      command: stat.slice(stat.indexOf('(') + 1, closing),
      parent: Number(fields[1]),
      ownTicks: Number(fields[11]) + Number(fields[12]),
      reapedChildrenTicks: Number(fields[13]) + Number(fields[14]),
    })
  }
  return stats
}

/** Resident set size in bytes (VmRSS). */
export function readRssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status)
  if (match === null) throw new Error(`no VmRSS in /proc/${pid}/status`)
  return Number(match[1]) * 1024
}

/** Busy CPU seconds of one core since boot (every /proc/stat state but idle and iowait). */
export function readCoreBusySeconds(core: number): number {
  const stat = fs.readFileSync('/proc/stat', 'utf8')
  const line = stat.split('\n').find((candidate) => candidate.startsWith(`cpu${core} `))
  if (line === undefined) return Number.NaN
  const ticks = line.trim().split(/\s+/).slice(1).map(Number)
  const total = ticks.reduce((sum, value) => sum + value, 0)
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0)
  return (total - idle) / clockTicksPerSecond()
}

/** CPU seconds of this process and of every child it has reaped (utime, stime, cutime, cstime). */
export function readOwnTreeCpuSeconds(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / clockTicksPerSecond()
}

/** Busy CPU seconds of the whole machine since boot. */
export function readMachineBusySeconds(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
  const ticks = line.trim().split(/\s+/).slice(1).map(Number)
  const total = ticks.reduce((sum, value) => sum + value, 0)
  return (total - (ticks[3] ?? 0) - (ticks[4] ?? 0)) / clockTicksPerSecond()
}
