/**
 * What Linux says about a process: CPU time (utime + stime from
 * /proc/<pid>/stat) and resident memory (VmRSS from /proc/<pid>/status).
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
