/**
 * Summarises V8 CPU profiles (`node --cpu-prof`): the functions with the most
 * self time, and the share of total time spent under each of our own source
 * files (inclusive). Used on the server's profile of the big-room scenario
 * (BENCH_CPU_PROFILE=<dir> npm run bench) and on load processes.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile | folder> [top=25]
 */
import fs from 'node:fs'
import path from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileLine {
  name: string
  selfMs: number
  selfShare: number
}

export interface ProfileSummary {
  totalMs: number
  idleMs: number
  top: ProfileLine[]
  /** Inclusive time under functions of each project file (server/, shared/), busiest first. */
  byFile: ProfileLine[]
}

export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const selfUs = new Map<number, number>()
  let totalUs = 0
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta)
    totalUs += delta
  })
  const label = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame
    const file = url === '' ? '' : ` ${shortUrl(url)}:${lineNumber + 1}`
    return `${functionName === '' ? '(anonymous)' : functionName}${file}`
  }
  const selfByName = new Map<string, number>()
  const fileUs = new Map<string, number>()
  let idleUs = 0
  for (const [id, us] of selfUs) {
    const node = byId.get(id)
    if (node === undefined) continue
    if (node.callFrame.functionName === '(idle)') idleUs += us
    const name = label(node)
    selfByName.set(name, (selfByName.get(name) ?? 0) + us)
    // Inclusive time per project file: each sample counts once for every file on its stack.
    const files = new Set<string>()
    for (let cursor: number | undefined = id; cursor !== undefined; cursor = parent.get(cursor)) {
      const url = byId.get(cursor)?.callFrame.url ?? ''
      const match = /\/((?:server|shared|bench)\/(?:[^/]+\/)*[^/]+\.ts)$/.exec(url)
      if (match?.[1] !== undefined) files.add(match[1])
    }
    for (const file of files) fileUs.set(file, (fileUs.get(file) ?? 0) + us)
  }
  const busyUs = Math.max(1, totalUs - idleUs)
  const lines = (entries: Map<string, number>): ProfileLine[] =>
    [...entries]
      .filter(([name]) => !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, selfShare: us / busyUs }))
  return { totalMs: totalUs / 1000, idleMs: idleUs / 1000, top: lines(selfByName), byFile: lines(fileUs) }
}

function shortUrl(url: string): string {
  const withoutScheme = url.replace(/^file:\/\//, '')
  const index = withoutScheme.indexOf('/node_modules/')
  if (index >= 0) return withoutScheme.slice(index + '/node_modules/'.length)
  return withoutScheme.replace(/^.*\/(server|shared|bench|client)\//, '$1/')
}

export function formatSummary(summary: ProfileSummary): string {
  const busy = summary.totalMs - summary.idleMs
  const rows = [
    `profiled ${(summary.totalMs / 1000).toFixed(1)} s, busy ${(busy / 1000).toFixed(1)} s (${((busy / Math.max(1, summary.totalMs)) * 100).toFixed(0)}%)`,
    '',
    'self time (share of busy time)',
    ...summary.top.map((line) => `  ${(line.selfShare * 100).toFixed(1).padStart(5)}%  ${line.selfMs.toFixed(0).padStart(7)} ms  ${line.name}`),
    '',
    'inclusive time under project files',
    ...summary.byFile.map((line) => `  ${(line.selfShare * 100).toFixed(1).padStart(5)}%  ${line.selfMs.toFixed(0).padStart(7)} ms  ${line.name}`),
  ]
  return rows.join('\n')
}

function main(): void {
  const target = process.argv[2]
  const top = Number(process.argv[3] ?? 25)
  if (target === undefined) {
    console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile | folder> [top]')
    process.exit(2)
  }
  const files = fs.statSync(target).isDirectory()
    ? fs
        .readdirSync(target)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => path.join(target, name))
    : [target]
  for (const file of files) {
    console.log(`== ${file}`)
    console.log(formatSummary(summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, top)))
    console.log('')
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) main()
